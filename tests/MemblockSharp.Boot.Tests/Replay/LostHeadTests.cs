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

/// <summary>Logs whose MEMBLOCK configuration dumps were removed: the replay must stand on the call lines and context alone.</summary>
public class WithoutDumpTests
{
    private static KernelLogDocument WithoutDumps(string @case)
    {
        var lines = File.ReadAllLines(RealBootReplayTests.CompleteLog(@case));
        var kept = new List<string>();
        bool inDump = false;
        foreach (var line in lines)
        {
            if (line.EndsWith("MEMBLOCK configuration:", StringComparison.Ordinal))
                inDump = true;
            else if (inDump && !System.Text.RegularExpressions.Regex.IsMatch(line, @"\]\s+(memory|reserved)(\[| size|\.cnt)"))
                inDump = false;
            if (!inDump)
                kept.Add(line);
        }
        return KernelLogReader.Read(string.Join('\n', kept), @case);
    }

    [Theory]
    [InlineData("virt-arm64-2G-uefi-dt", 1)]
    [InlineData("virt-arm64-3G-numa-2G-1G", 0)]
    [InlineData("virt-arm64-1G", 0)]
    public void Replay_WithoutDumps_MemoryIdenticalAndOnlyTheFdtBlobIsMissing(string @case, int disagreementsNearTheFdt)
    {
        var log = WithoutDumps(@case);
        Assert.Empty(log.Dumps);
        var dtb = DtbFacts.FromBlob(File.ReadAllBytes(TestData.Path("realboot", @case, "board.dtb")));
        var result = LogReplayer.Replay(log, new ReplayOptions { Dtb = dtb });
        Assert.Equal(File.ReadAllText(TestData.Path("realboot", @case, "memblock-memory.txt")), MemblockText.Debugfs(result.Memblock.Memory));
        Assert.Contains(result.Unseen, u => u.Contains("FDT", StringComparison.Ordinal));
        // Without a dump nothing says where the FDT blob sits: it is the only reservation missing ...
        Assert.Equal(RecordedReservedTotal(@case) - dtb.TotalSize, result.Memblock.Reserved.TotalSize);
        // ... and the only allocations our finder gets wrong are the ones that would have landed on it (UEFI: the
        // stub put the blob in the middle of free memory; direct boot: far below the top-down allocations).
        Assert.True(result.AllocationsChecked > 0);
        var wrong = result.Allocations.Where(a => !a.Agrees).ToList();
        Assert.Equal(disagreementsNearTheFdt, wrong.Count);
        var recorded = RecordedReserved(@case);
        Assert.All(wrong, a => Assert.Contains(recorded, r => r.First < a.OurAddress + a.Size && a.OurAddress <= r.Last));
    }

    private static List<(ulong First, ulong Last)> RecordedReserved(string @case) =>
        File.ReadLines(TestData.Path("realboot", @case, "memblock-reserved.txt"))
            .Select(line => line.Split(": ")[1].Split(".."))
            .Select(p => (Convert.ToUInt64(p[0], 16), Convert.ToUInt64(p[1], 16))).ToList();

    private static ulong RecordedReservedTotal(string @case) => RecordedReserved(@case).Aggregate(0UL, (s, r) => s + r.Last - r.First + 1);

    [Fact]
    public void Replay_UefiLog_NoMapMarksComeFromTheEfiLines()
    {
        var result = RealBootReplayTests.ReplayCase("virt-arm64-2G-uefi-dt", withDtb: true);
        var marks = result.Inferred.Where(i => i.Kind == InferredKind.MarkNoMap).ToList();
        Assert.Equal(6, marks.Count);
        Assert.All(marks, m => Assert.Contains("EFI", m.Reason, StringComparison.Ordinal));
    }
}

/// <summary>A log that lost its head and every dump: nothing to start from but the visible lines.</summary>
public class HeadAndDumpLostTests
{
    [Fact]
    public void Replay_HeadAndDumpLost_SaysSoChecksNothingAndAccountsForWhatItSaw()
    {
        var lines = File.ReadAllLines(TestData.Path("realboot", "virt-arm64-4G", "dmesg.txt"));
        int after = Array.FindIndex(lines, l => l.Contains("setup_arch+", StringComparison.Ordinal));
        var log = KernelLogReader.Read(string.Join('\n', lines[after..]), "tail.txt");
        Assert.True(log.HeadLost);
        Assert.Empty(log.Dumps);
        var result = LogReplayer.Replay(log);
        Assert.Equal(0, result.AllocationsChecked);
        Assert.Contains(result.Unseen, u => u.Contains("no MEMBLOCK configuration dump", StringComparison.Ordinal));
        // Everything in the table was reserved by a visible line, and the account says by which.
        ulong visible = log.Entries.OfType<MemblockRangeCall>().Where(c => c.Kind == MemblockCallKind.Reserve).Aggregate(0UL, (s, c) => s + c.Size);
        Assert.True(result.Memblock.Reserved.TotalSize > 0 && result.Memblock.Reserved.TotalSize <= visible);
        Assert.Equal(result.Memblock.Reserved.TotalSize, result.Account.ByCaller.Aggregate(0UL, (s, e) => s + e.Bytes));
        Assert.DoesNotContain(result.Account.ByCaller, e => e.Name == "(not attributed)");
    }
}
