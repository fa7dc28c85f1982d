using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Replay;
using MemblockSharp.Testing;
using MemblockSharp.Text;
using Xunit.Abstractions;

namespace MemblockSharp.Boot.Tests.Replay;

/// <summary>dmesg.txt files that lost their oldest lines (RAM >= 1 GiB on arm64), and the log without memblock=debug.</summary>
public class LostHeadTests(ITestOutputHelper output)
{
    public static TheoryData<string> HeadlessCases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(TestData.Path("realboot")).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(dir, "kernel-log-full.txt")))
                data.Add(Path.GetFileName(dir));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HeadlessCases))]
    public void Replay_DmesgThatLostItsHead_SaysSoAndStillAccountsForEveryByte(string @case)
    {
        var result = RealBootReplayTests.ReplayCase(@case, withDtb: false, TestData.Path("realboot", @case, "dmesg.txt"));
        foreach (var u in result.Unseen)
            output.WriteLine(u);
        output.WriteLine($"allocations {result.AllocationsAgreed}/{result.AllocationsChecked}, not replayable {result.CallsNotReplayable}");
        Assert.Contains(result.Unseen, u => u.Contains("lost its oldest lines", StringComparison.Ordinal));
        Assert.True(result.CallsNotReplayable > 0);
        Assert.Equal(result.Memblock.Reserved.TotalSize, result.Account.ByCategory.Aggregate(0UL, (s, e) => s + e.Bytes));
        Assert.Equal(result.AllocationsChecked, result.AllocationsAgreed);
        // The dump survives in the ring buffer, so the final tables are still exact.
        Assert.Equal(File.ReadAllText(TestData.Path("realboot", @case, "memblock-memory.txt")), MemblockText.Debugfs(result.Memblock.Memory));
        Assert.Equal(File.ReadAllText(TestData.Path("realboot", @case, "memblock-reserved.txt")), MemblockText.Debugfs(result.Memblock.Reserved));
    }

    [Fact]
    public void Replay_LogWithoutMemblockDebug_RebuildsMemoryAndSaysWhatItCannotSee()
    {
        const string c = "virt-arm64-1G-minimal-cmdline";
        var log = KernelLogReader.ReadFile(TestData.Path("realboot", c, "dmesg.txt"));
        Assert.False(log.HeadLost);
        Assert.Contains(log.Notes, n => n.Kind == LogNoteKind.NoMemblockDebug);
        var result = LogReplayer.Replay(log);
        Assert.Equal(File.ReadAllText(TestData.Path("realboot", c, "memblock-memory.txt")), MemblockText.Debugfs(result.Memblock.Memory));
        Assert.Contains(result.Unseen, u => u.Contains("without memblock=debug", StringComparison.Ordinal));
        Assert.Equal(0, result.AllocationsChecked);
        // What the context lines name (the 64 MiB CMA area and NODE_DATA) is there, and is all there is.
        Assert.Equal(64UL << 20, Assert.Single(result.Account.ByCategory, e => e.Name == "CMA").Bytes);
        Assert.Equal(result.Memblock.Reserved.TotalSize, result.Account.ByCategory.Aggregate(0UL, (s, e) => s + e.Bytes));
    }
}
