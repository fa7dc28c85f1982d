using System.Globalization;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Replay;

/// <summary>The account of reserved memory and the path to MemTotal, against the recorded /proc/meminfo and log.</summary>
public class AccountTests
{
    [Theory]
    [MemberData(nameof(RealBootReplayTests.DebugCases), MemberType = typeof(RealBootReplayTests))]
    public void Account_EveryCase_CallersAndCategoriesSumToTheReservedTotal(string @case)
    {
        var result = RealBootReplayTests.ReplayCase(@case, withDtb: true);
        ulong total = result.Memblock.Reserved.TotalSize;
        Assert.Equal(total, result.Account.TotalBytes);
        Assert.Equal(total, result.Account.ByCaller.Aggregate(0UL, (s, e) => s + e.Bytes));
        Assert.Equal(total, result.Account.ByCategory.Aggregate(0UL, (s, e) => s + e.Bytes));
        Assert.DoesNotContain(result.Account.ByCaller, e => e.Name == "(not attributed)");
    }

    [Theory]
    [MemberData(nameof(RealBootReplayTests.DebugCases), MemberType = typeof(RealBootReplayTests))]
    public void Path_EveryCase_ArrivesAtMemTotalAndReproducesTheLoggedReserved(string @case)
    {
        var result = RealBootReplayTests.ReplayCase(@case, withDtb: true);
        Assert.NotNull(result.Path);
        Assert.Equal(MemTotal(@case), result.Path!.MemTotalKiB);
        Assert.Equal(result.Path.LoggedReservedKiB, result.Path.ReplayReservedKiB);
    }

    [Theory]
    [InlineData("virt-arm64-1G-crashkernel128M", "crash kernel", 128 << 20)]
    [InlineData("virt-arm64-1G", "CMA", 64 << 20)]
    [InlineData("virt-arm64-4G", "CMA", 64 << 20)]
    [InlineData("virt-arm64-1G", "log buffer", (4 + 3 + 11) << 20)]
    [InlineData("virt-arm64-1G-memreserve", "/memreserve/", (1 << 20) + (64 << 10))]
    [InlineData("virt-arm64-1G-reserved-memory", "reserved-memory dynamic-region", 8 << 20)]
    [InlineData("virt-arm64-1G-reserved-memory", "CMA (reserved-memory linux,cma)", 32 << 20)]
    [InlineData("virt-arm64-1G-reserved-memory", "reserved-memory buffer@51000000", 0x180000)]
    [InlineData("virt-armhf-512M", "initrd", 0xd9000)]
    public void Account_KnownReservations_LandInTheirCategory(string @case, string category, long bytes)
    {
        var result = RealBootReplayTests.ReplayCase(@case, withDtb: true);
        Assert.Equal((ulong)bytes, Assert.Single(result.Account.ByCategory, e => e.Name == category).Bytes);
    }

    [Fact]
    public void Account_WithoutDtb_MemReserveEntriesAreStillSetApartFromOther()
    {
        var result = RealBootReplayTests.ReplayCase("virt-arm64-1G-memreserve", withDtb: false);
        Assert.Equal((1UL << 20) + (64 << 10), Assert.Single(result.Account.ByCategory, e => e.Name == "reserved-memory or /memreserve/").Bytes);
        // The FDT category is the blob (the only silent reservation before the dump, as large as board.dtb) plus the unflattened tree.
        var log = KernelLogReader.ReadFile(RealBootReplayTests.CompleteLog("virt-arm64-1G-memreserve"));
        ulong unflattened = log.Entries.OfType<MemblockAllocCall>().Single(a => a.Caller.Function == "early_init_dt_alloc_memory_arch").Size;
        ulong blob = (ulong)new FileInfo(TestData.Path("realboot", "virt-arm64-1G-memreserve", "board.dtb")).Length;
        Assert.Equal(blob + unflattened, Assert.Single(result.Account.ByCategory, e => e.Name == "FDT").Bytes);
    }

    [Fact]
    public void Path_MemblockFreeLate_AddsItsWholePagesButLeavesTheTablesAlone()
    {
        string path = RealBootReplayTests.CompleteLog("virt-arm64-512M");
        var lines = File.ReadAllLines(path).ToList();
        int memoryLine = lines.FindIndex(l => l.Contains("] Memory: ", StringComparison.Ordinal));
        // A late free of 2 pages and a bit, inside the log buffer's reservation, after the Memory: line.
        var log0 = KernelLogReader.Read(string.Join('\n', lines), "a");
        var before = LogReplayerRun(log0);
        var buffer = log0.Entries.OfType<MemblockRangeCall>().First(c => c.Kind == MemblockCallKind.Reserve
            && c.Size == 4 << 20);
        ulong b = buffer.Base + 0x800;
        lines.Insert(memoryLine + 2, $"[    0.100000] memblock_free_late: [0x{b:x16}-0x{b + 0x2800 - 1:x16}] swiotlb_exit+0x10/0x20");
        var log = KernelLogReader.Read(string.Join('\n', lines), "b");
        var after = LogReplayerRun(log);
        Assert.Equal(MemblockSharp.Text.MemblockText.Debugfs(before.Memblock.Reserved), MemblockSharp.Text.MemblockText.Debugfs(after.Memblock.Reserved));
        Assert.Equal(before.Path!.MemTotalKiB + 8, after.Path!.MemTotalKiB); // [b, b+0x2800) holds 2 whole 4 KiB pages
    }

    private static MemblockSharp.Boot.Replay.ReplayResult LogReplayerRun(KernelLogDocument log) =>
        MemblockSharp.Boot.Replay.LogReplayer.Replay(log);

    private static long MemTotal(string @case)
    {
        foreach (var line in File.ReadLines(TestData.Path("realboot", @case, "meminfo.txt")))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException("no MemTotal");
    }
}
