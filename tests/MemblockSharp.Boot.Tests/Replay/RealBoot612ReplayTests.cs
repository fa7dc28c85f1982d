using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Replay;
using MemblockSharp.Testing;
using MemblockSharp.Text;
using Xunit.Abstractions;

namespace MemblockSharp.Boot.Tests.Replay;

/// <summary>
/// Replays the recorded Linux 6.12 boots (tests/data/realboot-6.12): the version comes from the log, the calls run on
/// the 6.12 core, and the final tables print in 6.12's debugfs format (node and flag names), byte for byte against the
/// files the kernel left in /sys/kernel/debug/memblock.
/// </summary>
public class RealBoot612ReplayTests(ITestOutputHelper output)
{
    private const string Set = "realboot-6.12";

    /// <summary>The 6.12 cases booted with memblock=debug (all but the minimal-cmdline one).</summary>
    public static TheoryData<string> DebugCases() => new(Cases(withKernelLogFull: false));

    /// <summary>The 6.12 cases whose dmesg.txt lost its head (there is a kernel-log-full.txt beside it).</summary>
    public static TheoryData<string> HeadlessCases() => new(Cases(withKernelLogFull: true));

    private static IEnumerable<string> Cases(bool withKernelLogFull) =>
        Directory.GetDirectories(TestData.Path(Set)).Order(StringComparer.Ordinal)
            .Where(d => File.Exists(Path.Combine(d, "memblock-reserved.txt"))
                && File.ReadAllText(Path.Combine(d, "cmdline.txt")).Contains("memblock=debug", StringComparison.Ordinal)
                && (!withKernelLogFull || File.Exists(Path.Combine(d, "kernel-log-full.txt"))))
            .Select(Path.GetFileName)!;

    private static string CaseFile(string @case, string file) => TestData.Path(Set, @case, file);

    private static string CompleteLog(string @case) =>
        File.Exists(CaseFile(@case, "kernel-log-full.txt")) ? CaseFile(@case, "kernel-log-full.txt") : CaseFile(@case, "dmesg.txt");

    private static ReplayResult Replay(string @case, bool withDtb, string? log = null, KernelVersion? version = null) =>
        LogReplayer.Replay(KernelLogReader.ReadFile(log ?? CompleteLog(@case)), new ReplayOptions
        {
            Dtb = withDtb ? DtbFacts.FromBlob(File.ReadAllBytes(CaseFile(@case, "board.dtb"))) : null,
            KernelVersion = version,
        });

    private static void AssertTablesAreTheKernels(string @case, ReplayResult result)
    {
        Assert.Equal(File.ReadAllText(CaseFile(@case, "memblock-memory.txt")), MemblockText.Debugfs(result.Memblock.Memory));
        Assert.Equal(File.ReadAllText(CaseFile(@case, "memblock-reserved.txt")), MemblockText.Debugfs(result.Memblock.Reserved));
    }

    [Fact]
    public void DebugCases_AreTheSeventeenMemblockDebugBoots()
    {
        Assert.Equal(17, DebugCases().Count);
    }

    [Theory]
    [MemberData(nameof(DebugCases))]
    public void Replay_CompleteLogWithDtb_TablesAreByteIdenticalInThe612Format(string @case)
    {
        var result = Replay(@case, withDtb: true);
        output.WriteLine($"{result.Kernel.Evidence}; allocations {result.AllocationsAgreed}/{result.AllocationsChecked}");
        foreach (var d in result.Dumps.Where(d => !d.MemoryMatches || !d.ReservedMatches))
            output.WriteLine($"dump line {d.LineNumber}: {d.Detail}");
        Assert.Equal(KernelVersion.Linux6_12, result.Kernel.Version);
        Assert.True(result.Kernel.Modelled);
        Assert.StartsWith("6.12.118", result.Kernel.Release, StringComparison.Ordinal);
        AssertTablesAreTheKernels(@case, result);
        Assert.True(result.AllocationsChecked > 0);
        Assert.Equal(result.AllocationsChecked, result.AllocationsAgreed);
        // 6.12's dumps print the node of every reserved region that has one: they are compared too.
        Assert.All(result.Dumps, d => Assert.True(d.MemoryMatches && d.ReservedMatches, d.Detail));
        if (@case.StartsWith("virt-arm64", StringComparison.Ordinal))
            Assert.NotEmpty(result.SilentAllocationChecks); // NODE_DATA, from its 'NODE_DATA(N) allocated' line
        Assert.All(result.SilentAllocationChecks, c => Assert.True(c.Agrees, $"NODE_DATA kernel 0x{c.KernelAddress:x} ours 0x{c.OurAddress:x}"));
    }

    [Theory]
    [MemberData(nameof(DebugCases))]
    public void Replay_CompleteLogWithoutDtb_TablesAreByteIdentical(string @case)
    {
        var result = Replay(@case, withDtb: false);
        AssertTablesAreTheKernels(@case, result);
        Assert.Equal(result.AllocationsChecked, result.AllocationsAgreed);
    }

    [Theory]
    [MemberData(nameof(HeadlessCases))]
    public void Replay_DmesgThatLostItsBanner_IsKnownAs612ByItsLinesAndStillByteIdentical(string @case)
    {
        var result = Replay(@case, withDtb: false, log: CaseFile(@case, "dmesg.txt"));
        output.WriteLine(result.Kernel.Evidence);
        Assert.Equal(KernelVersion.Linux6_12, result.Kernel.Version);
        Assert.Null(result.Kernel.Release);
        Assert.Contains("only by 6.12", result.Kernel.Evidence, StringComparison.Ordinal);
        Assert.Contains(result.Unseen, u => u.Contains("lost its oldest lines", StringComparison.Ordinal));
        AssertTablesAreTheKernels(@case, result);
        Assert.Equal(result.Memblock.Reserved.TotalSize, result.Account.ByCategory.Aggregate(0UL, (s, e) => s + e.Bytes));
    }

    [Theory]
    [InlineData("virt-arm64-1G")]
    [InlineData("virt-arm64-2G-uefi-dt")]
    [InlineData("virt-arm64-3G-numa-2G-1G")]
    public void Replay_ReservedRegionsGetTheirNodes_AtNumaInitAndAtFreeAll(string @case)
    {
        // The kernel gives reserved regions a node twice without a log line: the NUMA set-up
        // (numa_clear_kernel_node_hotplug; the dumps after it print "on node N" on the regions reserved before), and
        // memblock_free_all (after boot every reserved region in memory has its node, not "x").
        var result = Replay(@case, withDtb: true);
        var kinds = result.Inferred.Select(i => i.Kind).ToList();
        Assert.Contains(InferredKind.SetReservedNode, kinds);
        Assert.Equal(1, kinds.Count(k => k == InferredKind.ReservedNodesFromMemory));
        var log = KernelLogReader.ReadFile(CompleteLog(@case));
        Assert.Contains(log.Dumps, d => d.Reserved.Any(r => r.Nid is not null) && d.Reserved.Any(r => r.Nid is null));
        Assert.All(result.Memblock.Reserved.Regions.ToArray(), r => Assert.InRange(r.Nid, 0, result.Memblock.Options.MaxNumNodes - 1));
    }

    [Fact]
    public void Replay_LogWithoutMemblockDebug_RebuildsMemoryInThe612Format()
    {
        const string c = "virt-arm64-1G-minimal-cmdline";
        var result = Replay(c, withDtb: false, log: CaseFile(c, "dmesg.txt"));
        Assert.Equal(KernelVersion.Linux6_12, result.Kernel.Version);
        Assert.Equal(File.ReadAllText(CaseFile(c, "memblock-memory.txt")), MemblockText.Debugfs(result.Memblock.Memory));
        Assert.Contains(result.Unseen, u => u.Contains("without memblock=debug", StringComparison.Ordinal));
        Assert.Equal(64UL << 20, Assert.Single(result.Account.ByCategory, e => e.Name == "CMA").Bytes);
        Assert.Contains(result.Account.ByCaller, e => e.Name == "alloc_node_data");
    }

    [Fact]
    public void Replay_A612LogForcedTo61_PrintsThe61Format()
    {
        // The version decides the format: the same log replayed with 6.1's rules prints lines without node and flags.
        var result = Replay("virt-arm64-1G", withDtb: true, version: KernelVersion.Linux6_1);
        Assert.Equal(KernelVersion.Linux6_1, result.Kernel.Version);
        string reserved = MemblockText.Debugfs(result.Memblock.Reserved);
        Assert.DoesNotContain("NONE", reserved, StringComparison.Ordinal);
        var expectedRanges = File.ReadAllLines(CaseFile("virt-arm64-1G", "memblock-reserved.txt")).Select(l => l[..44]);
        Assert.Equal(expectedRanges, reserved.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [MemberData(nameof(RealBootReplayTests.DebugCases), MemberType = typeof(RealBootReplayTests))]
    public void Replay_The61Boots_AreKnownAs61FromTheirBanner(string @case)
    {
        var result = RealBootReplayTests.ReplayCase(@case, withDtb: false);
        Assert.Equal(KernelVersion.Linux6_1, result.Kernel.Version);
        Assert.StartsWith("6.1.", result.Kernel.Release, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Inferred, i => i.Kind is InferredKind.SetReservedNode or InferredKind.ReservedNodesFromMemory);
    }
}
