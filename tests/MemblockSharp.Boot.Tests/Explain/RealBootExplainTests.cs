using MemblockSharp.Boot.Explain;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Explain;

/// <summary>The recorded boots explained with their DTB and the profile the banner names: tables byte for byte, nothing unexplained.</summary>
public sealed class RealBootExplainTests
{
    public static TheoryData<string> Cases() => new(Directory.GetDirectories(TestData.Path("realboot"), "virt-*").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    private static string LogOf(string dir) =>
        File.ReadAllText(File.Exists(Path.Combine(dir, "kernel-log-full.txt")) ? Path.Combine(dir, "kernel-log-full.txt") : Path.Combine(dir, "console.log"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Explained_WithDtb_TablesEqualDebugfs_EveryFactAgrees(string name)
    {
        string dir = TestData.Path("realboot", name);
        var r = LogExplainer.Explain(LogOf(dir), name, new ExplainOptions { Dtb = File.ReadAllBytes(Path.Combine(dir, "board.dtb")) });
        Assert.NotNull(r.Simulation);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "memblock-memory.txt")), LogExplainer.DebugfsText(r.Simulation!.Memory, r.Simulation.PhysAddrBytes));
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "memblock-reserved.txt")), LogExplainer.DebugfsText(r.Simulation.ReservedAfterBoot, r.Simulation.PhysAddrBytes));
        Assert.All(r.Checks, c => Assert.True(c.Agrees, $"{c.Fact}: log {c.Logged}, simulated {c.Simulated}"));
        Assert.Equal(0, r.UnexplainedBytes);
        long known = LogExplainer.MeminfoMemTotal(File.ReadAllText(Path.Combine(dir, "meminfo.txt")))!.Value;
        Assert.Equal(known, r.MemTotalKiB);
    }

    [Fact]
    public void Live_RootBuiltFromARealBootFolder_ReadsEveryFile_DebugfsAgrees()
    {
        string src = TestData.Path("realboot", "virt-arm64-1G-minimal-cmdline");
        string root = Path.Combine(Path.GetTempPath(), "memblock-live-" + Guid.NewGuid().ToString("N"));
        try
        {
            void Put(string rel, string from) { var p = Path.Combine(root, rel); Directory.CreateDirectory(Path.GetDirectoryName(p)!); File.Copy(Path.Combine(src, from), p); }
            Put("proc/cmdline", "cmdline.txt");
            Put("sys/firmware/fdt", "board.dtb");
            Put("dev/kmsg", "dmesg.txt");
            Put("proc/meminfo", "meminfo.txt");
            Put("sys/kernel/debug/memblock/memory", "memblock-memory.txt");
            Put("sys/kernel/debug/memblock/reserved", "memblock-reserved.txt");
            var snap = LiveSnapshot.Read(root);
            Assert.Empty(snap.Unreadable);
            var r = LogExplainer.Explain(snap.Log, snap.LogSource, new ExplainOptions
            {
                Dtb = snap.Fdt, Meminfo = snap.Meminfo, DebugfsMemory = snap.DebugfsMemory, DebugfsReserved = snap.DebugfsReserved, CommandLine = snap.CommandLine,
            });
            Assert.Contains(r.Checks, c => c.Fact.StartsWith("memblock/reserved", StringComparison.Ordinal) && c.Agrees);
            Assert.Contains(r.Checks, c => c.Fact.StartsWith("MemTotal of /proc/meminfo", StringComparison.Ordinal) && c.Agrees);
            Assert.All(r.Checks, c => Assert.True(c.Agrees, c.Fact));
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, true);
        }
    }

    [Fact]
    public void Kmsg_Records_BecomeDmesgLines()
    {
        var text = LiveSnapshot.FromKmsg("6,1,0,-;Booting Linux on physical CPU 0x0\n SUBSYSTEM=x\n6,2,1500,-;Linux version 6.1.0\n");
        Assert.Equal("[    0.000000] Booting Linux on physical CPU 0x0\n[    0.001500] Linux version 6.1.0\n", text);
    }
}
