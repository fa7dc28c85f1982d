using System.Text.RegularExpressions;

namespace MemblockSharp.Boot.KernelLog;

public static partial class KernelLogReader
{
    /// <summary>The line loop: sections, preamble, blocks, and dispatch to the record parsers.</summary>
    private sealed partial class Parser(string source, LogLineText[] lines)
    {
        private readonly List<LogEntry> _entries = [];
        private readonly List<LogNote> _notes = [];
        /// <summary>The indented block the previous header opened (zone ranges, node ranges, ...), or none.</summary>
        private BlockKind _block;
        private int _bootLine;
        private int _versionLine;

        /// <summary>How many kernel-looking lines a text without printk prefixes and without a boot line needs to count as a log.</summary>
        private const int MinKernelLines = 3;

        private enum BlockKind { None, Zones, Movable, NodeRanges }

        public KernelLogDocument Run()
        {
            int first = FindKernelStart(out bool headLost);
            if (first < 0)
                throw new KernelLogFormatException(source, lines.Length == 0 ? 0 : 1,
                    "not a Linux kernel log: no line has a printk timestamp or level, and none is a kernel boot line");
            if (first > 0)
                _notes.Add(new LogNote(1, LogNoteKind.Preamble, $"lines 1-{first} come before the kernel's first line (firmware or boot loader output) and were set aside"));
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
                if (section is not null)
                    continue;
                if (line.Garbled)
                    throw new KernelLogFormatException(source, number, $"garbled printk timestamp: '{Shorten(line.Text)}'");
                anyTimestamp |= line.Timestamp is not null;
                i = Dispatch(i);
            }
            if (section is not null)
                _notes.Add(new LogNote(sectionStart, LogNoteKind.ConsoleSection, $"console section '{section}' from line {sectionStart} is not closed; set aside to the end"));

            NoteGap();
            if (!_entries.Any(e => e is MemblockRangeCall or MemblockAllocCall))
                _notes.Add(new LogNote(0, LogNoteKind.NoMemblockDebug, "no memblock=debug lines: the kernel was booted without memblock=debug, so its memblock calls are not in the log"));
            if (!_entries.OfType<ContextLine>().Any(c => c.Kind == ContextKind.RunInit || (c.Kind == ContextKind.Freeing && c.Name!.StartsWith("unused kernel", StringComparison.Ordinal))))
                _notes.Add(new LogNote(lines.Length, LogNoteKind.TailMissing,
                    $"the log ends at line {lines.Length} before user space started (no 'Run /init' or 'Freeing unused kernel' line): later memblock calls, such as freeing the initrd, may be missing"));
            return new KernelLogDocument(source, lines.Length, _entries, _notes, headLost, anyTimestamp);
        }

        /// <summary>
        /// Notes a stretch missing in the middle: the kernel always prints its <c>Memory:</c> line before user space
        /// starts, so a log that reaches user space without it lost lines (typically a serial capture with earlycon,
        /// which misses everything between <c>setup_log_buf</c> and <c>printk: console [...] enabled</c>).
        /// </summary>
        private void NoteGap()
        {
            var contexts = _entries.OfType<ContextLine>().ToList();
            if (contexts.Any(c => c.Kind == ContextKind.MemoryInfo))
                return;
            var later = contexts.FirstOrDefault(c => c.Kind is ContextKind.ConsoleEnabled or ContextKind.RunInit
                || (c.Kind == ContextKind.Freeing && c.Name!.StartsWith("unused kernel", StringComparison.Ordinal)));
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
                if (IsBootStart(lines[i].Text) && !InsideSection(i))
                    return i;
            }
            // No boot line: the head is lost, or the text is not a kernel log. Without printk prefixes, a few kernel
            // lines are needed before the text counts as a log (a document that mentions one must not pass).
            int first = -1, kernelLike = 0;
            bool prefixed = false;
            for (int i = 0; i < lines.Length; i++)
            {
                var l = lines[i];
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
            if (context is not null)
                _entries.Add(context);
            return i;
        }

        private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

        private KernelLogFormatException Error(int number, string message) => new(source, number, message);
    }

    [GeneratedRegex(@"^memblock\w*: ")]
    private static partial Regex MemblockLineStart();

    [GeneratedRegex(@"^@@@(BEGIN|END) ([^@]+)@@@$")]
    private static partial Regex SectionMarker();

    [GeneratedRegex(@"^(?:Machine model: |OF: fdt: |efi: |Kernel command line: |Memory: \d+K/|Zone ranges:|Early memory node ranges|cma: |NUMA: |percpu: |Built \d+ zonelists)")]
    private static partial Regex KnownKernelLine();
}
