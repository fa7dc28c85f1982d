using MemblockSharp.Testing;
using MemblockSharp.Text;
using Xunit.Abstractions;

namespace MemblockSharp.Tests.Text;

/// <summary>
/// The call trace end to end against a real boot: the state printed in the log's last <c>MEMBLOCK configuration:</c>
/// block is loaded, then the traced calls that follow it are performed one by one with their logged arguments. Every
/// line the memblock prints (the call, the reserve an allocation makes, and so on) must be the kernel's next line, so the
/// addresses handed out must be the kernel's too. At the end of the log the tables must equal the debugfs files.
/// </summary>
public class TraceReplayTests(ITestOutputHelper output)
{
    public static TheoryData<string> CasesWithDump() => ConfigurationDumpTests.CasesWithDump();

    [Theory]
    [MemberData(nameof(CasesWithDump))]
    public void CallsAfterLastDump_PrintTheKernelsLines(string caseName)
    {
        var lines = KernelLog.Lines(KernelLog.LogPath(caseName));
        var dump = KernelLog.Dumps(lines)[^1];
        var mb = KernelLog.Load(dump, KernelLog.Options(caseName));
        mb.AllowResize();
        mb.CurrentLimit = CurrentLimit(caseName, lines);
        var printed = new Queue<string>();
        mb.Trace = printed.Enqueue;

        int verified = 0;
        string stoppedAt = "end of log";
        for (int i = dump.FirstLine + dump.Lines.Count; i < lines.Length; i++)
        {
            string line = TraceFormatTests.WithoutOffset(lines[i]);
            if (!line.StartsWith("memblock", StringComparison.Ordinal))
                continue;
            if (printed.Count == 0 && !TraceFormatTests.Perform(mb, line))
            {
                stoppedAt = $"log line {i + 1}: {line}";
                break;
            }
            Assert.True(printed.Count > 0, $"{caseName}, log line {i + 1}: the kernel printed '{line}', the replay nothing");
            string mine = printed.Dequeue();
            Assert.True(mine == line,
                $"{caseName}, log line {i + 1} (after {verified} matching lines):\n  kernel: {line}\n  replay: {mine}");
            verified++;
        }
        Assert.True(printed.Count == 0, $"{caseName}: the replay printed more than the kernel: {string.Join(" | ", printed)}");
        Assert.True(verified >= 10, $"{caseName}: only {verified} lines replayed before {stoppedAt}");
        output.WriteLine($"{caseName}: {verified} lines replayed, stopped at {stoppedAt}");

        // Nothing memblock does after the last traced call changes the tables, so the replayed state must be what
        // debugfs showed once the boot had finished.
        Assert.Equal("end of log", stoppedAt);
        Assert.Equal(File.ReadAllText(TestData.Path("realboot", caseName, "memblock-memory.txt")), MemblockText.Debugfs(mb.Memory));
        Assert.Equal(File.ReadAllText(TestData.Path("realboot", caseName, "memblock-reserved.txt")), MemblockText.Debugfs(mb.Reserved));
    }

    /// <summary>
    /// memblock's current limit at the dump. arm64 sets none (PHYS_ADDR_MAX). 32-bit ARM limits allocations to lowmem
    /// (<c>memblock_set_current_limit(arm_lowmem_limit)</c>), whose end is where the log's <c>HighMem</c> zone starts;
    /// without highmem all memory is lowmem and the limit does not bind.
    /// </summary>
    private static ulong CurrentLimit(string caseName, string[] lines)
    {
        if (!KernelLog.IsArmhf(caseName))
            return Memblock.PhysAddrMax;
        const string prefix = "  HighMem  [mem 0x";
        string? highmem = lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return highmem is null ? Memblock.PhysAddrMax : KernelLog.Hex(highmem.Substring(prefix.Length, 16));
    }
}
