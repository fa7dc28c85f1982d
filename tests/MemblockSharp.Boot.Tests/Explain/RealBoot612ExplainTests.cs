using System.Text.RegularExpressions;
using MemblockSharp.Boot.Explain;
using MemblockSharp.Testing;
using Xunit.Abstractions;

namespace MemblockSharp.Boot.Tests.Explain;

/// <summary>
/// The recorded Linux 6.12 boots (tests/data/realboot-6.12) explained: with their DTB (the 6.12 profile from the banner,
/// tables in 6.12's debugfs format, every fact agreeing), and as ordinary logs (memblock=debug lines stripped), where
/// the path from RAM to MemTotal must give /proc/meminfo's MemTotal and the categories must leave little unexplained.
/// </summary>
public sealed partial class RealBoot612ExplainTests(ITestOutputHelper output)
{
    private const string Set = "realboot-6.12";

    public static TheoryData<string> Cases() =>
        new(Directory.GetDirectories(TestData.Path(Set), "virt-*").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    private static string Dir(string name) => TestData.Path(Set, name);

    private static string CompleteLog(string name)
    {
        string full = Path.Combine(Dir(name), "kernel-log-full.txt");
        return File.ReadAllText(File.Exists(full) ? full : Path.Combine(Dir(name), "console.log"));
    }

    private static long MeminfoMemTotal(string name) =>
        LogExplainer.MeminfoMemTotal(File.ReadAllText(Path.Combine(Dir(name), "meminfo.txt"))) ?? throw new InvalidDataException("no MemTotal");

    /// <summary>The log as a boot without memblock=debug would print it: the call lines and the MEMBLOCK dumps removed.</summary>
    private static string Ordinary(string log) =>
        string.Join('\n', log.Split('\n').Where(l => !MemblockDebugLine().IsMatch(l)));

    [GeneratedRegex(@"^\[\s*\d+\.\d+\] (?:memblock_\w+: |MEMBLOCK configuration:| memory size = | (?:memory|reserved)\.cnt | (?:memory|reserved)\[0x)")]
    private static partial Regex MemblockDebugLine();

    [Fact]
    public void Cases_AreTheEighteen612Boots()
    {
        Assert.Equal(18, Cases().Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Explained_WithDtb_612TablesEqualDebugfs_EveryFactAgrees(string name)
    {
        var r = LogExplainer.Explain(CompleteLog(name), name, new ExplainOptions { Dtb = File.ReadAllBytes(Path.Combine(Dir(name), "board.dtb")) });
        Assert.NotNull(r.Simulation);
        Assert.StartsWith("debian-6.12-", r.Profile, StringComparison.Ordinal);
        Assert.Equal(MemblockVersion.Linux6_12, r.TableFormat);
        Assert.Equal(File.ReadAllText(Path.Combine(Dir(name), "memblock-memory.txt")), LogExplainer.DebugfsText(r.Simulation!.Memory, r.TableFormat));
        Assert.Equal(File.ReadAllText(Path.Combine(Dir(name), "memblock-reserved.txt")), LogExplainer.DebugfsText(r.Simulation.ReservedAfterBoot, r.TableFormat));
        Assert.All(r.Checks, c => Assert.True(c.Agrees, $"{c.Fact}: log {c.Logged}, simulated {c.Simulated}"));
        // 6.12 prints the Memory: line late: its free figure is left out of the check, and the check says so.
        Assert.Contains(r.Checks, c => c.Fact.StartsWith("the Memory: line beyond its free-pages figure", StringComparison.Ordinal));
        Assert.Equal(0, r.UnexplainedBytes);
        Assert.Equal(MeminfoMemTotal(name), r.MemTotalKiB);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Explained_AsAnOrdinaryLog_PathGivesTheRealMemTotal_AndLittleIsUnexplained(string name)
    {
        string log = Ordinary(CompleteLog(name));
        var r = LogExplainer.Explain(log, name);
        output.WriteLine($"MemTotal {r.MemTotalKiB} kB, unexplained {r.UnexplainedBytes >> 10} kB");
        foreach (var c in r.Categories)
            output.WriteLine($"  {c.Bytes >> 10,8} kB {c.Status,-10} {c.Name}");
        Assert.False(r.Log.HasMemblockDebug);
        Assert.Equal("6.12", r.Kernel.Version);
        Assert.Equal(MeminfoMemTotal(name), r.MemTotalKiB);
        Assert.All(r.Categories, c => Assert.True(c.Bytes >= 0, c.Name));
        Assert.Equal(r.ReservedBytes, r.Categories.Sum(c => c.Bytes) + r.UnexplainedBytes);
        // What is left is what no line prints (page tables, the FDT and its copy, memblock's arrays, gaps): a few MiB.
        long ramBytes = r.MemoryLine!.TotalKiB << 10;
        Assert.InRange(r.UnexplainedBytes, 0, ramBytes / 256 + (4L << 20));
        // Only the hashes memblock allocated count: 6.12 prints the Memory: line after the mount caches came from the buddy
        // allocator; with two nodes the dentry and inode hashes are spread over them with vmalloc, after memblock.
        var hashes = r.Categories.Where(c => c.Name.StartsWith("hash tables", StringComparison.Ordinal)).ToList();
        if (name.Contains("numa", StringComparison.Ordinal))
            Assert.Empty(hashes);
        else
            Assert.Contains("(Dentry cache, Inode-cache)", Assert.Single(hashes).Name, StringComparison.Ordinal);
        var memmap = Assert.Single(r.Categories, c => c.Name.StartsWith("memmap", StringComparison.Ordinal));
        Assert.Contains(name.Contains("16k", StringComparison.Ordinal) ? "16 KiB pages" : "4 KiB pages", memmap.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Explained_UefiLog_NamesTheRegionsLinuxMayNotUse()
    {
        var r = LogExplainer.Explain(Ordinary(CompleteLog("virt-arm64-2G-uefi-dt")), "uefi");
        var efi = Assert.Single(r.Categories, c => c.Name.StartsWith("UEFI regions", StringComparison.Ordinal));
        // The 64 MiB flash at 0x4000000 and the runtime services code and data: 65536 + 3008 + 3968 KiB.
        Assert.Equal(72512L << 10, efi.Bytes);
    }
}
