using System.Text;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// <c>nr_cpus=</c>, <c>nosmp</c>, <c>maxcpus=</c> and <c>numa=off</c>: nr_cpus lowers nr_cpu_ids, which clips the
/// possible CPUs (and so the per-CPU first chunk, a unit per CPU); nosmp and maxcpus only limit the CPUs brought up;
/// numa=off goes straight to dummy_numa_init (one node, every CPU on it), as when the firmware describes no NUMA.
/// </summary>
public sealed class CpuAndNumaParameterTests
{
    private const string NumaBoard = "virt-arm64-3G-numa-2G-1G"; // 2 CPUs, nodes of 2 GiB and 1 GiB

    private static BootResult Boot(RealBootCase c, string cmdline, byte[]? dtb = null) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(c.ProfileName),
        Dtb = dtb ?? File.ReadAllBytes(c.File("board.dtb")),
        CommandLine = cmdline,
    });

    // The same blob with no numa-node-id anywhere: the property name is renamed in the strings block (same length,
    // so the blob stays valid), as a firmware that describes no NUMA would give it.
    private static byte[] WithoutNumaNodeIds(RealBootCase c)
    {
        byte[] blob = File.ReadAllBytes(c.File("board.dtb"));
        byte[] name = Encoding.ASCII.GetBytes("numa-node-id\0");
        int at = blob.AsSpan().IndexOf(name);
        Assert.True(at > 0);
        blob[at + name.Length - 2] = (byte)'X';
        return blob;
    }

    [Fact]
    public void NrCpus1_OnATwoCpuBoard_ClipsThePossibleCpus_AndFreesOnePerCpuUnit()
    {
        var c = RealBootCase.Load(NumaBoard);
        var p = BuiltInProfiles.Get(c.ProfileName);
        // pcpu_embed_first_chunk keeps, per possible CPU, the static, module-reserved and dynamic parts, page aligned.
        ulong unit = (p.Image.PerCpuStaticSize + p.Sizes.PercpuModuleReserve + p.Sizes.PercpuDynamicReserve + p.PageSize - 1) / p.PageSize * p.PageSize;
        var two = Boot(c, c.CommandLine + " numa=off");

        var one = Boot(c, c.CommandLine + " numa=off nr_cpus=1");

        Assert.Contains("Number of cores (2) exceeds configured maximum of 1 - clipping", one.Log);
        Assert.DoesNotContain(two.Log, l => l.StartsWith("Number of cores", StringComparison.Ordinal));
        Assert.Equal(two.MemTotalKb + unit / 1024, one.MemTotalKb);
        Assert.True(one.Exact);
    }

    [Theory]
    [InlineData("nr_cpus=2")]
    [InlineData("nr_cpus=8")]
    [InlineData("nr_cpus=0")]
    [InlineData("nr_cpus=-1")]
    [InlineData("nr_cpus=x")]
    [InlineData("nosmp")]
    [InlineData("maxcpus=1")]
    [InlineData("maxcpus=0")]
    public void WhatKeepsTheTwoPossibleCpus_ChangesNothing(string parameter)
    {
        var c = RealBootCase.Load(NumaBoard);

        var result = Boot(c, c.CommandLine + " " + parameter);

        Assert.Equal(c.MemTotalKb, result.MemTotalKb);
        Assert.Equal(c.MemoryLine, result.MemoryLine);
        Assert.True(result.Exact);
        Assert.DoesNotContain(result.Log, l => l.StartsWith("Unknown kernel command line", StringComparison.Ordinal) && l.Contains(parameter, StringComparison.Ordinal));
    }

    [Fact]
    public void NrCpus_TheLowestValueWins()
    {
        var c = RealBootCase.Load(NumaBoard);

        var result = Boot(c, c.CommandLine + " nr_cpus=1 nr_cpus=2");

        Assert.Contains("Number of cores (2) exceeds configured maximum of 1 - clipping", result.Log);
    }

    [Fact]
    public void NumaOff_IsTheBootOfTheSameBoardWithoutNumaDescription()
    {
        var c = RealBootCase.Load(NumaBoard);
        var noNuma = Boot(c, c.CommandLine, WithoutNumaNodeIds(c));

        var off = Boot(c, c.CommandLine + " numa=off");

        Assert.Contains("NUMA: No NUMA configuration found", noNuma.Log);
        Assert.Contains("NUMA: NUMA disabled", off.Log);
        Assert.DoesNotContain("NUMA: No NUMA configuration found", off.Log);
        Assert.Equal(noNuma.MemTotalKb, off.MemTotalKb);
        Assert.Equal(noNuma.MemoryLine, off.MemoryLine);
        Assert.Equal(noNuma.Zones, off.Zones);
        Assert.All(off.Zones, z => Assert.Equal(0, z.Node));
        Assert.Single(off.Log, l => l.StartsWith("NUMA: NODE_DATA", StringComparison.Ordinal));
        // One node: the dentry and inode hashes come from memblock again (hashdist is off).
        Assert.Contains(off.Log, l => l.StartsWith("Dentry cache hash table entries", StringComparison.Ordinal));
        // The recorded boot had both nodes.
        Assert.Contains(c.Zones(), z => z.Node == 1);
        Assert.True(off.Exact);
    }

    [Theory]
    [InlineData("realboot", "virt-arm64-1G")]
    [InlineData(RealBootCase.Set612, "virt-arm64-1G")]
    [InlineData("realboot", "virt-arm64-4G")]
    public void NumaOff_OnABoardWithoutNuma_KeepsTheRecordedMemTotal(string set, string name)
    {
        var c = RealBootCase.Load(set, name);

        var result = Boot(c, c.CommandLine + " numa=off");

        Assert.Equal(c.MemTotalKb, result.MemTotalKb);
        Assert.Equal(Boot(c, c.CommandLine).MemoryLine, result.MemoryLine); // 6.12's first figure is an estimate
        Assert.Contains("NUMA: NUMA disabled", result.Log);
    }

    [Fact]
    public void NumaOff_OnArm32_IsUnknownToTheKernel()
    {
        var c = RealBootCase.Load("virt-armhf-512M");

        var result = Boot(c, c.CommandLine + " numa=off");

        Assert.Contains("Unknown kernel command line parameters \"numa=off\", will be passed to user space.", result.Log);
        Assert.Equal(c.MemTotalKb, result.MemTotalKb);
        Assert.True(result.Exact);
    }

    [Fact]
    public void BareNuma_IsMalformed()
    {
        var c = RealBootCase.Load("virt-arm64-1G");

        var result = Boot(c, c.CommandLine + " numa");

        Assert.Contains("Malformed early option 'numa'", result.Log);
        Assert.Equal(c.MemTotalKb, result.MemTotalKb);
    }
}
