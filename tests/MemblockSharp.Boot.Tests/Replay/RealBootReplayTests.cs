using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Replay;
using MemblockSharp.Testing;
using MemblockSharp.Text;
using Xunit.Abstractions;

namespace MemblockSharp.Boot.Tests.Replay;

/// <summary>Replays every recorded real boot and compares with the kernel's own debugfs tables.</summary>
public class RealBootReplayTests(ITestOutputHelper output)
{
    /// <summary>The cases whose log has memblock=debug lines (all but the minimal-cmdline one).</summary>
    public static TheoryData<string> DebugCases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(TestData.Path("realboot")).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(dir, "memblock-reserved.txt")) && File.ReadAllText(Path.Combine(dir, "cmdline.txt")).Contains("memblock=debug", StringComparison.Ordinal))
                data.Add(Path.GetFileName(dir));
        }
        return data;
    }

    internal static string CompleteLog(string @case)
    {
        string full = TestData.Path("realboot", @case, "kernel-log-full.txt");
        return File.Exists(full) ? full : TestData.Path("realboot", @case, "dmesg.txt");
    }

    internal static ReplayResult ReplayCase(string @case, bool withDtb, string? logPath = null)
    {
        var log = KernelLogReader.ReadFile(logPath ?? CompleteLog(@case));
        var dtb = withDtb ? DtbFacts.FromBlob(File.ReadAllBytes(TestData.Path("realboot", @case, "board.dtb"))) : null;
        return LogReplayer.Replay(log, new ReplayOptions { Dtb = dtb });
    }

    [Theory]
    [MemberData(nameof(DebugCases))]
    public void Replay_CompleteLogWithDtb_TablesAreByteIdenticalAndAllocationsAgree(string @case)
    {
        var result = ReplayCase(@case, withDtb: true);
        Report(result);
        Assert.Equal(File.ReadAllText(TestData.Path("realboot", @case, "memblock-memory.txt")), MemblockText.Debugfs(result.Memblock.Memory));
        Assert.Equal(File.ReadAllText(TestData.Path("realboot", @case, "memblock-reserved.txt")), MemblockText.Debugfs(result.Memblock.Reserved));
        Assert.True(result.AllocationsChecked > 0);
        Assert.Equal(result.AllocationsChecked, result.AllocationsAgreed);
        Assert.All(result.Dumps, d => Assert.True(d.MemoryMatches && d.ReservedMatches, d.Detail));
        // arm64 kernels are NUMA kernels: every node's NODE_DATA is a silent allocation we can check.
        if (@case.StartsWith("virt-arm64", StringComparison.Ordinal))
            Assert.NotEmpty(result.SilentAllocationChecks);
        Assert.All(result.SilentAllocationChecks, c => Assert.True(c.Agrees, $"NODE_DATA kernel 0x{c.KernelAddress:x} ours 0x{c.OurAddress:x}"));
    }

    [Theory]
    [MemberData(nameof(DebugCases))]
    public void Replay_CompleteLogWithoutDtb_TablesAreByteIdentical(string @case)
    {
        var result = ReplayCase(@case, withDtb: false);
        Assert.Equal(File.ReadAllText(TestData.Path("realboot", @case, "memblock-memory.txt")), MemblockText.Debugfs(result.Memblock.Memory));
        Assert.Equal(File.ReadAllText(TestData.Path("realboot", @case, "memblock-reserved.txt")), MemblockText.Debugfs(result.Memblock.Reserved));
        Assert.Equal(result.AllocationsChecked, result.AllocationsAgreed);
    }

    private void Report(ReplayResult r)
    {
        output.WriteLine($"allocations {r.AllocationsAgreed}/{r.AllocationsChecked}, silent {r.SilentAllocations}, replayed {r.CallsReplayed}");
        foreach (var d in r.FirstDisagreements.Take(5))
            output.WriteLine($"  disagree line {d.LineNumber} {d.Function} {d.Caller} size {d.Size} kernel 0x{d.KernelAddress:x} ours 0x{d.OurAddress:x}");
        foreach (var i in r.Inferred)
            output.WriteLine($"  inferred {i.Kind} 0x{i.Base:x}+0x{i.Size:x} v={i.Value} before line {i.BeforeLine}: {i.Reason}");
        foreach (var d in r.Dumps)
            output.WriteLine($"  dump line {d.LineNumber}: memory {d.MemoryMatches} reserved {d.ReservedMatches} {d.Detail}");
        foreach (var u in r.Unseen)
            output.WriteLine($"  unseen: {u}");
    }
}
