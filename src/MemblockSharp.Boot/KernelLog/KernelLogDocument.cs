namespace MemblockSharp.Boot.KernelLog;

/// <summary>A kernel log as the reader understood it: its records in order and the notes about its shape.</summary>
public sealed class KernelLogDocument
{
    internal KernelLogDocument(string source, int lineCount, IReadOnlyList<LogEntry> entries, IReadOnlyList<LogNote> notes, bool headLost, bool hadTimestamps,
                               int physAddrBytes = 8)
    {
        PhysAddrBytes = physAddrBytes;
        Source = source;
        LineCount = lineCount;
        Entries = entries;
        Notes = notes;
        HeadLost = headLost;
        HadTimestamps = hadTimestamps;
    }

    /// <summary>The same log with one more note.</summary>
    internal KernelLogDocument WithNote(LogNote note) =>
        new(Source, LineCount, Entries, [.. Notes, note], HeadLost, HadTimestamps, PhysAddrBytes);

    /// <summary>The file name or label the log was read from.</summary>
    public string Source { get; }

    /// <summary>The number of lines in the log.</summary>
    public int LineCount { get; }

    /// <summary>Every recognised record, in log order.</summary>
    public IReadOnlyList<LogEntry> Entries { get; }

    /// <summary>Notes about the log (lost head, missing tail, unknown memblock lines, ...).</summary>
    public IReadOnlyList<LogNote> Notes { get; }

    /// <summary>True when the log lost its oldest lines (it does not begin with the boot's first line).</summary>
    public bool HeadLost { get; }

    /// <summary>
    /// <c>sizeof(phys_addr_t)</c> of the kernel that printed the log, as its <c>memblock=debug</c> range lines show it:
    /// 4 when the first one prints 8-digit addresses (a 32-bit ARM kernel without LPAE), else 8 (also when the log has
    /// no such line).
    /// </summary>
    public int PhysAddrBytes { get; }

    /// <summary>True when the lines carried printk timestamps.</summary>
    public bool HadTimestamps { get; }

    /// <summary>True when the log has at least one <c>memblock=debug</c> call line.</summary>
    public bool HasMemblockDebug => Entries.Any(e => e is MemblockRangeCall or MemblockAllocCall);

    /// <summary>The context lines of one kind, in order.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The lines.</returns>
    public IEnumerable<ContextLine> Context(ContextKind kind) => Entries.OfType<ContextLine>().Where(c => c.Kind == kind);

    /// <summary>The <c>MEMBLOCK configuration</c> dumps, in order.</summary>
    public IEnumerable<MemblockDump> Dumps => Entries.OfType<MemblockDump>();
}
