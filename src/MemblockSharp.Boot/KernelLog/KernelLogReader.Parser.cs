using System.Text.RegularExpressions;

namespace MemblockSharp.Boot.KernelLog;

public static partial class KernelLogReader
{
    /// <summary>The line loop: sections, preamble, blocks, and dispatch to the record parsers.</summary>
    private sealed partial class Parser(string source, LogLineText[] lines, bool lenient, List<LogNote> initialNotes)
    {
        private readonly List<LogEntry> _entries = [];
        private readonly List<LogNote> _notes = initialNotes;

        /// <summary>The hex digits of the base in the first memblock range line (16 or 8 as %pa prints phys_addr_t), 0 before one.</summary>
        private int _physAddrDigits;
        /// <summary>Lines inside a section of a collection (<c>==== name ====</c>) that is not the kernel log.</summary>
        private bool[] _aside = [];
        /// <summary>The indented block the previous header opened (zone ranges, node ranges, ...), or none.</summary>
        private BlockKind _block;
        private int _bootLine;
        private int _versionLine;

        /// <summary>How many kernel-looking lines a text without printk prefixes and without a boot line needs to count as a log.</summary>
        private const int MinKernelLines = 3;

        private enum BlockKind { None, Zones, Movable, NodeRanges }

        public KernelLogDocument Run()
        {
            _aside = MarkBundleSections();
            int first = FindKernelStart(out bool headLost);
            if (first < 0)
                throw new KernelLogFormatException(source, lines.Length == 0 ? 0 : 1,
                    "not a Linux kernel log: no line has a printk timestamp or level, and none is a kernel boot line");
            if (first > 0)
                _notes.Add(new LogNote(1, LogNoteKind.Preamble, (first == 1 ? "line 1 comes" : $"lines 1-{first} come") + $" before the kernel's first line (firmware or boot loader output) and were set aside"));
            if (headLost)
            {
                double? firstTime = lines.Skip(first).FirstOrDefault(l => l.Timestamp is not null).Timestamp;
                string when = firstTime is > 0 ? $", and its first timestamp is {firstTime.Value.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)} s, not 0" : "";
                _notes.Add(new LogNote(first + 1, LogNoteKind.HeadLost,
                    $"the log does not begin with the kernel's first line ('Booting Linux ...'){when}: its oldest lines are lost (line {first + 1} is '{Shorten(lines[first].Text)}')"));
            }

            bool anyTimestamp = false;
            string? section = null;
            int sectionStart = 0;
            for (int i = first; i < lines.Length; i++)
            {
                var line = lines[i];
                int number = i + 1;
                var marker = SectionMarker().Match(line.Text);
                if (marker.Success)
                {
                    if (marker.Groups[1].Value == "BEGIN" && section is null)
                    {
                        section = marker.Groups[2].Value;
                        sectionStart = number;
                    }
                    else if (marker.Groups[1].Value == "END" && section == marker.Groups[2].Value)
                    {
                        _notes.Add(new LogNote(sectionStart, LogNoteKind.ConsoleSection, $"console section '{section}' (lines {sectionStart}-{number}) set aside"));
                        section = null;
                    }
                    continue;
                }
                if (section is not null || _aside[i])
                    continue;
                if (line.Garbled)
                {
                    if (!lenient)
                        throw new KernelLogFormatException(source, number, $"garbled printk timestamp: '{Shorten(line.Text)}'");
                    _notes.Add(new LogNote(number, LogNoteKind.Skipped, $"line {number} skipped: garbled printk timestamp: '{Shorten(line.Text)}'"));
                    continue;
                }
                if (lenient && IsSecondBoot(line.Text))
                {
                    _notes.Add(new LogNote(number, LogNoteKind.SecondBoot,
                        $"a second boot starts at line {number} ('{Shorten(line.Text)}'): lines {number}-{lines.Length} set aside; the first boot is explained"));
                    break;
                }
                anyTimestamp |= line.Timestamp is not null;
                if (!lenient)
                {
                    i = Dispatch(i);
                    continue;
                }
                try
                {
                    i = Dispatch(i);
                }
                catch (KernelLogFormatException ex)
                {
                    _block = BlockKind.None;
                    _notes.Add(new LogNote(ex.LineNumber, LogNoteKind.Skipped, $"line {ex.LineNumber} skipped: {ex.Reason}"));
                }
            }
            if (section is not null)
                _notes.Add(new LogNote(sectionStart, LogNoteKind.ConsoleSection, $"console section '{section}' from line {sectionStart} is not closed; set aside to the end"));

            NoteGap();
            if (!_entries.Any(e => e is MemblockRangeCall or MemblockAllocCall))
                _notes.Add(new LogNote(0, LogNoteKind.NoMemblockDebug, "no memblock=debug lines: the kernel was booted without memblock=debug, so its memblock calls are not in the log"));
            if (!_entries.OfType<ContextLine>().Any(c => c.Kind == ContextKind.RunInit || (c.Kind == ContextKind.Freeing && IsInitFree(c.Name!))))
                _notes.Add(new LogNote(lines.Length, LogNoteKind.TailMissing,
                    $"the log ends at line {lines.Length} before user space started (no 'Run /init' or 'Freeing unused kernel' line): later memblock calls, such as freeing the initrd, may be missing"));
            return new KernelLogDocument(source, lines.Length, _entries, _notes, headLost, anyTimestamp, _physAddrDigits == 8 ? 4 : 8);
        }

        /// <summary>
        /// Notes a stretch missing in the middle: the kernel always prints its <c>Memory:</c> line before user space
        /// starts, so a log that reaches user space without it lost lines (typically a serial capture with earlycon,
        /// which misses everything between <c>setup_log_buf</c> and <c>printk: console [...] enabled</c>).
        /// </summary>
        private void NoteGap()
        {
            var contexts = _entries.OfType<ContextLine>().ToList();
            if (contexts.Any(c => c.Kind is ContextKind.MemoryInfo or ContextKind.MemoryInfoLegacy))
                return;
            var later = contexts.FirstOrDefault(c => c.Kind is ContextKind.ConsoleEnabled or ContextKind.RunInit
                || (c.Kind == ContextKind.Freeing && IsInitFree(c.Name!)));
            if (later is null)
                return;
            _notes.Add(new LogNote(later.LineNumber, LogNoteKind.Gap,
                $"lines are missing before line {later.LineNumber} ('{Shorten(later.Text)}'): the log goes on past the point where the kernel prints " +
                "'Memory: ...K/...K available' but has no such line (a serial capture with earlycon loses everything between setup_log_buf and " +
                "'printk: console [...] enabled'); memblock calls in the gap are not seen; use the dmesg output"));
        }

        /// <summary>Finds the kernel's first line; sets <paramref name="headLost"/> when it is not the boot's first line.</summary>
        private int FindKernelStart(out bool headLost)
        {
            headLost = false;
            for (int i = 0; i < lines.Length; i++)
            {
                if (IsBootStart(lines[i].Text) && !_aside[i] && !InsideSection(i))
                    return i;
            }
            // No boot line: the head is lost, or the text is not a kernel log. Without printk prefixes, a few kernel
            // lines are needed before the text counts as a log (a document that mentions one must not pass).
            int first = -1, kernelLike = 0;
            bool prefixed = false;
            for (int i = 0; i < lines.Length; i++)
            {
                var l = lines[i];
                if (_aside[i])
                    continue;
                if (l.HadPrefix || MemblockLineStart().IsMatch(l.Text) || l.Text == "MEMBLOCK configuration:" || KnownKernelLine().IsMatch(l.Text))
                {
                    if (first < 0)
                        first = i;
                    prefixed |= l.HadPrefix;
                    if (++kernelLike >= MinKernelLines)
                        break;
                }
            }
            if (first < 0 || (!prefixed && kernelLike < MinKernelLines))
                return -1;
            headLost = true;
            return first;
        }

        /// <summary>The free of the init sections, the last thing before user space ("unused kernel ...", or "init memory" before 3.x).</summary>
        private static bool IsInitFree(string name) =>
            name.StartsWith("unused kernel", StringComparison.Ordinal) || name == "init memory";

        private bool IsSecondBoot(string text) =>
            (_bootLine > 0 && text.StartsWith("Booting Linux on physical CPU", StringComparison.Ordinal))
            || (_versionLine > 0 && text.StartsWith("Linux version ", StringComparison.Ordinal));

        /// <summary>
        /// Marks the lines of a collection's sections that are not the kernel log (a "sysinfo" bundle with
        /// <c>==== name ====</c> headers: dmesg is one section among meminfo, lsblk, ...), and notes each one set aside.
        /// Text without such headers is all kernel log.
        /// </summary>
        private bool[] MarkBundleSections()
        {
            var aside = new bool[lines.Length];
            int start = -1;
            string? name = null;
            for (int i = 0; i <= lines.Length; i++)
            {
                var m = i < lines.Length && !lines[i].HadPrefix ? BundleHeader().Match(lines[i].Text) : Match.Empty;
                if (i < lines.Length && !m.Success)
                {
                    if (name is not null && !IsLogSection(name))
                        aside[i] = true;
                    continue;
                }
                if (name is not null && !IsLogSection(name) && i > start + 1)
                    _notes.Add(new LogNote(start + 1, LogNoteKind.BundleSection, $"section '{name}' (lines {start + 1}-{i}) is not the kernel log: set aside"));
                if (i < lines.Length)
                {
                    aside[i] = true;
                    name = m.Groups[1].Value;
                    start = i;
                }
            }
            return aside;
        }

        private static bool IsLogSection(string name) =>
            name.Contains("dmesg", StringComparison.OrdinalIgnoreCase) || name.Contains("kernel", StringComparison.OrdinalIgnoreCase)
            || name.Contains("kmsg", StringComparison.OrdinalIgnoreCase) || name.Contains("boot", StringComparison.OrdinalIgnoreCase)
            || name.Contains("console", StringComparison.OrdinalIgnoreCase) || name.Contains("journal", StringComparison.OrdinalIgnoreCase);

        private bool InsideSection(int index)
        {
            bool inside = false;
            for (int i = 0; i < index; i++)
            {
                var m = SectionMarker().Match(lines[i].Text);
                if (m.Success)
                    inside = m.Groups[1].Value == "BEGIN";
            }
            return inside;
        }

        private static bool IsBootStart(string text) =>
            text.StartsWith("Booting Linux on physical CPU", StringComparison.Ordinal) || text.StartsWith("Linux version ", StringComparison.Ordinal);

        /// <summary>Parses line <paramref name="i"/>; returns the index of the last line it consumed.</summary>
        private int Dispatch(int i)
        {
            var line = lines[i];
            string text = line.Text;
            int number = i + 1;
            if (text.StartsWith("Booting Linux on physical CPU", StringComparison.Ordinal))
            {
                if (_bootLine > 0)
                    throw new KernelLogFormatException(source, number,
                        $"a second boot starts here (the first began at line {_bootLine}); give the replay one boot per log");
                _bootLine = number;
            }
            else if (text.StartsWith("Linux version ", StringComparison.Ordinal))
            {
                // x86 and others begin with this line; on arm it follows "Booting Linux". Either way, once per boot.
                if (_versionLine > 0)
                    throw new KernelLogFormatException(source, number,
                        $"a second boot starts here (the first printed its 'Linux version' at line {_versionLine}); give the replay one boot per log");
                _versionLine = number;
            }
            if (MemblockLineStart().IsMatch(text))
            {
                _block = BlockKind.None;
                _entries.Add(ParseMemblockLine(text, number, line.Timestamp));
                return i;
            }
            if (text == "MEMBLOCK configuration:")
            {
                _block = BlockKind.None;
                return ParseDump(i);
            }
            if (text.Contains(" is doubled to ", StringComparison.Ordinal) && TryParseDoubled(text, number, line.Timestamp) is { } doubled)
            {
                _entries.Add(doubled);
                return i;
            }
            if (TryParseBlockLine(text, number, line.Timestamp))
                return i;
            var context = ParseContext(text, number, line.Timestamp);
            if (context is null && lenient && WrappedRecordStart().IsMatch(text))
                return TryRejoin(i);
            if (context is not null)
                _entries.Add(context);
            return i;
        }

        /// <summary>
        /// A record line that does not parse may have been soft-wrapped (an e-mail, a forum paste): joins it with up to
        /// two following lines that carry no printk prefix and keeps the join when it parses. Returns the last line used.
        /// </summary>
        private int TryRejoin(int i)
        {
            string text = lines[i].Text;
            for (int k = 1; k <= 2 && i + k < lines.Length; k++)
            {
                var next = lines[i + k];
                if (next.HadPrefix || next.Text.Trim().Length == 0 || _aside[i + k])
                    break;
                string piece = next.Text.Trim();
                // Plain-text wraps break at a blank (which the wrap or the trailing-blank trim removed); a wrap inside a word does not.
                foreach (var candidate in new[] { text + " " + piece, text + piece })
                {
                    var joined = ParseContext(candidate, i + 1, lines[i].Timestamp);
                    if (joined is null)
                        continue;
                    _entries.Add(joined);
                    _notes.Add(new LogNote(i + 1, LogNoteKind.Rejoined, $"lines {i + 1}-{i + k + 1} are one soft-wrapped line, re-joined: '{Shorten(candidate)}'"));
                    return i + k;
                }
                text += " " + piece;
            }
            _notes.Add(new LogNote(i + 1, LogNoteKind.Skipped, $"line {i + 1} skipped: a memory line of a form this reader does not know, or cut short: '{Shorten(lines[i].Text)}'"));
            return i;
        }


        private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

        private KernelLogFormatException Error(int number, string message) => new(source, number, message);
    }

    [GeneratedRegex(@"^memblock\w*: ")]
    private static partial Regex MemblockLineStart();

    [GeneratedRegex(@"^@@@(BEGIN|END) ([^@]+)@@@$")]
    private static partial Regex SectionMarker();

    [GeneratedRegex(@"^={3,} +([A-Za-z/][^=]*?) +={3,}$")]
    private static partial Regex BundleHeader();

    /// <summary>The memory lines the explain reads; one of them that does not parse may be soft-wrapped.</summary>
    [GeneratedRegex(@"^(?:Memory: \d|Freeing .*memory|OF: reserved mem: 0x|Reserved memory: created|cma: Reserved|software IO TLB(?::? mapped| \[mem| at phys)|crashkernel|NUMA: NODE_DATA|NODE_DATA\(|percpu: Embedded|.+ hash table entries: )")]
    private static partial Regex WrappedRecordStart();

    [GeneratedRegex(@"^(?:Machine model: |OF: fdt: |efi: |Kernel command line: |Memory: \d+[Kk]/|Zone ranges:|Early memory node ranges|cma: |NUMA: |percpu: |Built \d+ zonelists|Freeing .*memory: \d+K|NET: Registered |.+ hash table entries: \d|VFS: Mounted root|printk: console \[|console \[\w+\] enabled|Calibrating delay loop)")]
    private static partial Regex KnownKernelLine();
}
