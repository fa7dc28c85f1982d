using System.Text;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Replay;
using MemblockSharp.Testing;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Tests.KernelLog;

/// <summary>The same boot in the forms a log arrives in, and the broken logs the reader must refuse with a line number.</summary>
public class LogFormTests
{
    private const string Case = "virt-armhf-512M";

    private static string[] Lines() => File.ReadAllLines(TestData.Path("realboot", Case, "dmesg.txt"));

    private static string Tables(KernelLogDocument log)
    {
        var r = LogReplayer.Replay(log);
        return MemblockText.Debugfs(r.Memblock.Memory) + MemblockText.Debugfs(r.Memblock.Reserved);
    }

    private static string Expected() =>
        File.ReadAllText(TestData.Path("realboot", Case, "memblock-memory.txt")) + File.ReadAllText(TestData.Path("realboot", Case, "memblock-reserved.txt"));

    [Fact]
    public void Read_SerialCaptureWithCrLfLevelsAndEscapes_GivesTheSameReplay()
    {
        var sb = new StringBuilder("\u001b[2J\u001b[01;01HU-Boot 2024.01 (firmware chatter)\r\n");
        foreach (var line in Lines())
            sb.Append("<6>").Append(line).Append("  \r\n");
        var log = KernelLogReader.Read(Encoding.UTF8.GetBytes(sb.ToString()), "serial.log");
        Assert.False(log.HeadLost);
        Assert.Contains(log.Notes, n => n.Kind == LogNoteKind.Preamble);
        Assert.Equal(Expected(), Tables(log));
    }

    [Fact]
    public void Read_WithoutTimestamps_GivesTheSameReplay()
    {
        var text = string.Join('\n', Lines().Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"^\[\s*\d+\.\d+\] ", "")));
        var log = KernelLogReader.Read(text, "plain.txt");
        Assert.False(log.HadTimestamps);
        Assert.Equal(Expected(), Tables(log));
    }

    [Fact]
    public void Read_JournalExcerpt_GivesTheSameReplay()
    {
        var text = string.Join('\n', Lines().Select(l => "Nov 26 00:47:20 board kernel: " + l));
        Assert.Equal(Expected(), Tables(KernelLogReader.Read(text, "journal.txt")));
    }

    [Fact]
    public void Read_ConsoleLogWithSections_SetsTheSectionsAsideAndGivesTheSameReplay()
    {
        var log = KernelLogReader.ReadFile(TestData.Path("realboot", Case, "console.log"));
        Assert.Contains(log.Notes, n => n.Kind == LogNoteKind.ConsoleSection);
        Assert.Equal(Expected(), Tables(log));
    }

    [Fact]
    public void Read_DmesgHumanTimestampsAndFacilityPrefixes_GiveTheSameReplay()
    {
        var human = string.Join('\n', Lines().Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"^\[\s*\d+\.\d+\] ", "[Thu Nov 26 00:47:20 2026] ")));
        Assert.Equal(Expected(), Tables(KernelLogReader.Read(human, "dmesg-T.txt")));
        var facility = string.Join('\n', Lines().Select(l => "kern  :info  : " + l));
        Assert.Equal(Expected(), Tables(KernelLogReader.Read(facility, "dmesg-x.txt")));
    }

    [Fact]
    public void Read_SerialCaptureWithEarlyconGap_NotesTheGapAndTheReplaySaysSo()
    {
        var log = KernelLogReader.ReadFile(TestData.Path("realboot", "virt-arm64-1G", "console.log"));
        var gap = Assert.Single(log.Notes, n => n.Kind == LogNoteKind.Gap);
        Assert.Contains("printk: console [ttyAMA0] enabled", File.ReadAllLines(TestData.Path("realboot", "virt-arm64-1G", "console.log"))[gap.LineNumber - 1], StringComparison.Ordinal);
        Assert.Contains(LogReplayer.Replay(log).Unseen, u => u.Contains("lines are missing", StringComparison.Ordinal));
        Assert.DoesNotContain(KernelLogReader.ReadFile(TestData.Path("realboot", "virt-arm64-1G", "kernel-log-full.txt")).Notes, n => n.Kind == LogNoteKind.Gap);
    }

    [Fact]
    public void Read_LogStartingLate_NotesTheLostHeadWithItsFirstTimestamp()
    {
        var lines = Lines();
        int late = Array.FindIndex(lines, l => !l.StartsWith("[    0.000000]", StringComparison.Ordinal));
        var log = KernelLogReader.Read(string.Join('\n', lines[late..]), "late.txt");
        Assert.True(log.HeadLost);
        var note = Assert.Single(log.Notes, n => n.Kind == LogNoteKind.HeadLost);
        Assert.Contains(lines[late].Substring(1, 12).Trim(), note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OlderKernelRangeLineWithFlags_IsRecognised()
    {
        var log = KernelLogReader.Read("[    0.000000] memblock_reserve: [0x0000000040080000-0x00000000410fffff] flags 0x0 arm64_memblock_init+0x1a4/0x2d0\n", "4.x");
        var call = Assert.Single(log.Entries.OfType<MemblockRangeCall>());
        Assert.Equal(0x1080000UL, call.Size);
    }

    [Fact]
    public void Read_CutInsideAMemblockLine_ThrowsAtThatLine()
    {
        var lines = Lines();
        int i = Array.FindIndex(lines, l => l.Contains("memblock_alloc_try_nid:", StringComparison.Ordinal));
        var text = string.Join('\n', lines[..i]) + "\n" + lines[i][..50];
        var ex = Assert.Throws<KernelLogFormatException>(() => KernelLogReader.Read(text, "cut.txt"));
        Assert.Equal(i + 1, ex.LineNumber);
        Assert.StartsWith($"cut.txt:{i + 1}: ", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(ex);
    }

    [Fact]
    public void Read_CutInsideTheMemblockDump_ThrowsAndSaysCutShort()
    {
        var lines = Lines();
        int i = Array.FindIndex(lines, l => l.Contains("reserved.cnt", StringComparison.Ordinal));
        var ex = Assert.Throws<KernelLogFormatException>(() => KernelLogReader.Read(string.Join('\n', lines[..(i + 2)]), "cut.txt"));
        Assert.Contains("cut short", ex.Message, StringComparison.Ordinal);
        Assert.Equal(i + 2, ex.LineNumber);
    }

    [Theory]
    [InlineData("memblock_reserve: [0x0000000048000000-0x00000000480d8fff reserve_initrd_mem+0xf0/0x190")]
    [InlineData("memblock_reserve: [0x00000000480000zz-0x00000000480d8fff] reserve_initrd_mem+0xf0/0x190")]
    [InlineData("memblock_alloc_try_nid: 4096 bytes align=0x1000 nid=-1 from=0x0 max_addr=")]
    [InlineData("memblock_phys_free: [0x000000005eb69000-0x000000005eb68fff]")]
    public void Read_GarbledMemblockLine_ThrowsAtThatLine(string garbled)
    {
        var lines = Lines();
        lines[11] = "[    0.000000] " + garbled;
        var ex = Assert.Throws<KernelLogFormatException>(() => KernelLogReader.Read(string.Join('\n', lines), "garbled.txt"));
        Assert.Equal(12, ex.LineNumber);
    }

    [Fact]
    public void Read_GarbledDumpLine_ThrowsAtThatLine()
    {
        var lines = Lines();
        int i = Array.FindIndex(lines, l => l.Contains("reserved[0x1]", StringComparison.Ordinal));
        lines[i] = lines[i].Replace("bytes", "byets", StringComparison.Ordinal);
        var ex = Assert.Throws<KernelLogFormatException>(() => KernelLogReader.Read(string.Join('\n', lines), "garbled.txt"));
        Assert.Equal(i + 1, ex.LineNumber);
    }

    [Fact]
    public void Read_ForeignText_ThrowsAtLineOne()
    {
        var ex = Assert.Throws<KernelLogFormatException>(() => KernelLogReader.Read(File.ReadAllText(TestData.Path("realboot", "README.md")), "README.md"));
        Assert.Equal(1, ex.LineNumber);
        Assert.Contains("not a Linux kernel log", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BinaryFile_ThrowsNamingTheOffset()
    {
        var ex = Assert.Throws<KernelLogFormatException>(() => KernelLogReader.Read(File.ReadAllBytes(TestData.Path("realboot", Case, "board.dtb")), "board.dtb"));
        Assert.Contains("offset", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoBoots_ThrowsAtTheSecond()
    {
        var lines = Lines();
        var text = string.Join('\n', lines.Concat(lines));
        var ex = Assert.Throws<KernelLogFormatException>(() => KernelLogReader.Read(text, "two.txt"));
        Assert.Equal(lines.Length + 1, ex.LineNumber);
    }

    [Fact]
    public void Read_TwoBootsWithoutBootingLines_ThrowsAtTheSecondVersionLine()
    {
        var lines = Lines().Where(l => !l.Contains("Booting Linux", StringComparison.Ordinal)).ToArray();
        var ex = Assert.Throws<KernelLogFormatException>(() => KernelLogReader.Read(string.Join('\n', lines.Concat(lines)), "two.txt"));
        Assert.Equal(lines.Length + 1, ex.LineNumber);
    }

    [Fact]
    public void Read_UnknownMemblockLine_IsKeptAndReportedByTheReplay()
    {
        var lines = Lines().ToList();
        lines.Insert(12, "[    0.000000] memblock_frobnicate: something new [0x1000-0x1fff]");
        var log = KernelLogReader.Read(string.Join('\n', lines), "new.txt");
        var unknown = Assert.Single(log.Entries.OfType<UnknownMemblockLine>());
        Assert.Equal(13, unknown.LineNumber);
        Assert.Contains(LogReplayer.Replay(log).Unseen, u => u.StartsWith("line 13:", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_RangeLine_SizeWrapsAsTheKernelPrintsIt()
    {
        var log = KernelLogReader.Read("[    0.000000] memblock_remove: [0x0001000000000000-0x0000fffffffffffe] arm64_memblock_init+0x38/0x260\n" +
                                       "[    0.000000] memblock_phys_free: [0x000000007fdcb000-0x000000007fdcafff] pcpu_embed_first_chunk+0x1f4/0x2e4\n", "x");
        var calls = log.Entries.OfType<MemblockRangeCall>().ToList();
        Assert.Equal(ulong.MaxValue, calls[0].Size);
        Assert.Equal(0UL, calls[1].Size);
        Assert.Equal("arm64_memblock_init", calls[0].Caller.Function);
        Assert.Equal(0x38UL, calls[0].Caller.Offset);
        Assert.Equal(0x260UL, calls[0].Caller.FunctionSize);
        Assert.True(log.HeadLost);
    }
}
