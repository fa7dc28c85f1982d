using System.Globalization;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// <c>cma_pernuma=</c> (kernel/dma/contiguous.c dma_pernuma_cma_reserve, 6.1 with CONFIG_DMA_PERNUMA_CMA as Debian's arm64
/// builds have it): one CMA area of the size on every online node, reserved right after NUMA init (before the default
/// area), counted in cma-reserved. Without the option (Debian 6.12, 32-bit ARM) the parameter is unknown to the kernel
/// and is passed to user space. Checked on the recorded two-node QEMU board (node 0: 2 GiB, node 1: 1 GiB).
/// </summary>
public sealed class CmaPernumaTests
{
    private const ulong M = 1UL << 20;

    private static BootResult Boot(string profile, string extra)
    {
        var c = RealBootCase.Load("virt-arm64-3G-numa-2G-1G");
        return BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(profile),
            Dtb = File.ReadAllBytes(c.File("board.dtb")),
            CommandLine = (c.CommandLine + " " + extra).Trim(), // the recorded command line (nokaslr: the QEMU tree has a kaslr-seed)
        });
    }

    private static long CmaKb(BootResult r) =>
        long.Parse(r.MemoryLine.Split(", ").Single(p => p.Contains("K cma-reserved", StringComparison.Ordinal)).Split('K')[0], CultureInfo.InvariantCulture);

    [Fact]
    public void On61_OneAreaPerNode_OnThatNode()
    {
        var plain = Boot("debian-6.1-arm64", "");
        var r = Boot("debian-6.1-arm64", "cma_pernuma=128M");

        var areas = r.Log.Where(l => l.StartsWith("cma: Reserved 128 MiB at 0x", StringComparison.Ordinal))
            .Select(l => ulong.Parse(l.Split(' ')[5][2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, areas.Count);
        foreach (var (area, node) in areas.Zip([0, 1]))
        {
            var region = Assert.Single(r.Memory, m => m.Base <= area && area < m.End);
            Assert.Equal(node, region.Nid);
            Assert.True(area + 128 * M <= region.End);
        }
        Assert.Equal(CmaKb(plain) + 2 * 128 * 1024, CmaKb(r));
        Assert.InRange((long)r.MemTotalKb - (long)plain.MemTotalKb, -1024, 1024); // CMA pages are in MemTotal
        Assert.True(r.Exact);
    }

    [Theory]
    [InlineData("debian-6.12-arm64")]
    public void WithoutTheOption_ItIsAnUnknownParameter(string profile)
    {
        var plain = Boot(profile, "");
        var r = Boot(profile, "cma_pernuma=128M");

        Assert.Contains("Unknown kernel command line parameters \"cma_pernuma=128M\", will be passed to user space.", r.Log);
        Assert.Equal(CmaKb(plain), CmaKb(r));
    }
}
