using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MemblockSharp.Boot.KernelLog;

/// <summary>
/// Reads a Linux kernel log (dmesg output with or without timestamps, a serial console capture with CR/LF line ends,
/// <c>&lt;N&gt;</c> level prefixes, escape sequences, firmware text before the kernel and <c>@@@BEGIN x@@@</c> section
/// markers, or a syslog/journal excerpt with <c>kernel:</c> prefixes) into <see cref="LogEntry"/> records: every
/// <c>memblock=debug</c> line Linux prints and the context lines around them.
/// </summary>
/// <remarks>
/// The reader is strict where a record is recognisable (a known memblock line or a <c>MEMBLOCK configuration</c> dump
/// that is cut short or garbled is a <see cref="KernelLogFormatException"/> naming the line) and lenient elsewhere
/// (other kernel lines are skipped). A memblock line of an unknown form is kept as <see cref="UnknownMemblockLine"/>
/// and noted. A log whose oldest lines are lost, or that ends before user space, is read and noted, not rejected.
/// </remarks>
public static partial class KernelLogReader
{
    /// <summary>The largest log the reader accepts (64 MiB), so a wrong file cannot exhaust memory.</summary>
    public const long MaxLogBytes = 64L << 20;

    /// <summary>Reads a log file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The log.</returns>
    /// <exception cref="KernelLogFormatException">The file is not a readable kernel log.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static KernelLogDocument ReadFile(string path) => ReadFile(path, lenient: false);

    /// <summary>Reads a log file, strictly or leniently (see <see cref="Read(string, string, bool)"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="lenient">Skip unreadable lines with a note instead of refusing the log.</param>
    /// <returns>The log.</returns>
    /// <exception cref="KernelLogFormatException">The file is not a readable kernel log.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static KernelLogDocument ReadFile(string path, bool lenient)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxLogBytes)
            throw new KernelLogFormatException(Path.GetFileName(path), 0, $"{info.Length} bytes is larger than any kernel log this tool reads ({MaxLogBytes} bytes)");
        return Read(File.ReadAllBytes(path), Path.GetFileName(path), lenient);
    }

    /// <summary>Reads a log from its bytes (UTF-8 or ASCII).</summary>
    /// <param name="bytes">The log's bytes.</param>
    /// <param name="source">A label for messages (the file name).</param>
    /// <returns>The log.</returns>
    /// <param name="lenient">Skip unreadable lines with a note instead of refusing the log.</param>
    /// <exception cref="KernelLogFormatException">The bytes are binary data or not a kernel log.</exception>
    public static KernelLogDocument Read(ReadOnlySpan<byte> bytes, string source = "log", bool lenient = false)
    {
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0 && !lenient)
        {
            int line = 1 + bytes[..nul].Count((byte)'\n');
            throw new KernelLogFormatException(source, line, $"binary data (a NUL byte at offset {nul}): not a text kernel log");
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Serial captures may carry stray 8-bit bytes; read them as Latin-1 rather than rejecting the log.
            text = Encoding.Latin1.GetString(bytes);
        }
        if (nul >= 0)
        {
            // Lenient: a stray NUL (a console capture's line noise) is not a reason to refuse a log; a binary file still
            // fails below for want of kernel lines.
            int line = 1 + bytes[..nul].Count((byte)'\n');
            var log = Read(text.Replace('\0', ' '), source, lenient);
            return log.WithNote(new LogNote(line, LogNoteKind.Skipped, $"NUL bytes (the first at offset {nul}, line {line}) were read as spaces"));
        }
        return Read(text, source, lenient);
    }

    /// <summary>Reads a log from text.</summary>
    /// <param name="text">The log.</param>
    /// <param name="source">A label for messages (the file name).</param>
    /// <returns>The log.</returns>
    /// <param name="lenient">
    /// Read what can be read: a garbled or cut-short line is skipped with a note naming it (<see cref="LogNoteKind.Skipped"/>),
    /// a second boot is set aside, soft-wrapped lines are re-joined; the log is refused only when nothing of a boot is in it.
    /// Strict reading (the default, for <c>memblock=debug</c> replays) refuses a log whose records are damaged.
    /// </param>
    /// <exception cref="KernelLogFormatException">The text is not a kernel log, or (strict) a recognisable record in it is garbled or cut short.</exception>
    public static KernelLogDocument Read(string text, string source = "log", bool lenient = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var notes = new List<LogNote>();
        if (IsQuotedPrintable(text))
        {
            text = DecodeQuotedPrintable(text);
            notes.Add(new LogNote(0, LogNoteKind.EmailText, "the text is e-mail quoted-printable (soft line breaks '=' and '=3D' escapes): decoded first; line numbers are those of the decoded text"));
        }
        var raw = text.Split('\n');
        int count = raw.Length;
        if (count > 0 && raw[^1].Length == 0)
            count--; // a final newline does not start another line
        var lines = new LogLineText[count];
        int quoted = 0, firstQuoted = 0;
        for (int i = 0; i < count; i++)
        {
            lines[i] = StripPrefixes(raw[i]);
            if (lines[i].Quoted && quoted++ == 0)
                firstQuoted = i + 1;
        }
        if (quoted > 0)
            notes.Add(new LogNote(firstQuoted, LogNoteKind.EmailText, $"{quoted} lines carry e-mail quote marks ('> '), removed from line {firstQuoted} on"));
        return new Parser(source, lines, lenient, notes).Run();
    }

    /// <summary>One line with its decorations removed.</summary>
    private readonly record struct LogLineText(string Text, double? Timestamp, bool HadPrefix, bool Garbled, bool Quoted = false);

    /// <summary>True when the text carries quoted-printable soft line breaks and escapes (a log pasted into an e-mail).</summary>
    private static bool IsQuotedPrintable(string text) =>
        text.Contains("=3D", StringComparison.Ordinal) && QpSoftBreak().Count(text) >= 2;

    private static string DecodeQuotedPrintable(string text)
    {
        text = QpSoftBreak().Replace(text, "");
        return QpEscape().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
    }

    [GeneratedRegex(@"=\r?\n")]
    private static partial Regex QpSoftBreak();

    [GeneratedRegex(@"=([0-9A-F]{2})")]
    private static partial Regex QpEscape();

    /// <summary>Removes CRs, escape sequences, syslog/journal prefixes, the level, the timestamp and the caller id.</summary>
    private static LogLineText StripPrefixes(string line)
    {
        if (line.Contains('\r'))
            line = line.Replace("\r", "", StringComparison.Ordinal);
        if (line.Contains('\u001b'))
            line = EscapeSequence().Replace(line, "");
        line = line.TrimEnd(); // serial captures pad lines; trailing blanks mean nothing in any record
        bool prefix = false, quoted = false;
        var q = QuotePrefix().Match(line);
        if (q.Success && q.Length < line.Length && (line[q.Length] == '[' || line[q.Length] == '<'))
        {
            line = line[q.Length..];
            quoted = true;
        }
        var m = JournalPrefix().Match(line);
        if (m.Success)
        {
            line = line[m.Length..];
            prefix = true;
        }
        m = FacilityPrefix().Match(line);
        if (m.Success)
        {
            line = line[m.Length..];
            prefix = true;
        }
        m = LevelPrefix().Match(line);
        if (m.Success)
        {
            line = line[m.Length..];
            prefix = true;
        }
        double? ts = null;
        m = TimestampPrefix().Match(line);
        if (m.Success)
        {
            ts = double.Parse(m.Groups[1].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture);
            line = line[m.Length..];
            prefix = true;
            var c = CallerIdPrefix().Match(line);
            if (c.Success)
                line = line[c.Length..];
            c = VendorPrefix().Match(line);
            if (c.Success)
                line = line[c.Length..];
        }
        else if ((m = HumanTimestampPrefix().Match(line)).Success)
        {
            line = line[m.Length..];
            prefix = true;
        }
        else if (BrokenTimestamp().IsMatch(line))
        {
            return new LogLineText(line, null, false, true, quoted);
        }
        if (prefix && ts is not null && (m = LevelPrefix().Match(line)).Success)
            line = line[m.Length..]; // a level after the timestamp (some vendor consoles)
        if (prefix && (m = MediatekPrefix().Match(line)).Success)
            line = line[m.Length..];
        return new LogLineText(line, ts, prefix, false, quoted);
    }

    [GeneratedRegex(@"^(?:>[ \t]?)+")]
    private static partial Regex QuotePrefix();

    /// <summary>Vendor kernels' CPU/task column after the timestamp, e.g. <c>[0:        swapper:    0] </c>.</summary>
    [GeneratedRegex(@"^\[\s*\d{1,4}:\s*[^\]:]{1,24}:\s*\d{1,7}\] ?")]
    private static partial Regex VendorPrefix();

    /// <summary>MediaTek Android kernels' column after the level, e.g. <c>&lt;0&gt;-(0)[0:swapper]</c>.</summary>
    [GeneratedRegex(@"^-\(\d{1,4}\)\[\d{1,7}:[^\]]{0,24}\]")]
    private static partial Regex MediatekPrefix();

    [GeneratedRegex(@"\u001b(?:\[[0-9;?=]*[A-Za-z]|[()][A-Za-z0-9]|[A-Za-z=>])")]
    private static partial Regex EscapeSequence();

    [GeneratedRegex(@"^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT[\d:.+\-Z]+) \S+ kernel: ")]
    private static partial Regex JournalPrefix();

    [GeneratedRegex(@"^(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local\d)\s*:(?:emerg|alert|crit|err|warn|notice|info|debug)\s*: ")]
    private static partial Regex FacilityPrefix();

    [GeneratedRegex(@"^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\] ")]
    private static partial Regex HumanTimestampPrefix();

    [GeneratedRegex(@"^<\d{1,3}>")]
    private static partial Regex LevelPrefix();

    [GeneratedRegex(@"^\[\s*(\d{1,10}\.\d{1,9})\] ?")]
    private static partial Regex TimestampPrefix();

    [GeneratedRegex(@"^\[\s*[TC]\d{1,7}\] ?")]
    private static partial Regex CallerIdPrefix();

    [GeneratedRegex(@"^\[\s*\d{1,10}\.\d*$|^\[\s*\d{1,10}\.\d*[^\d\]]")]
    private static partial Regex BrokenTimestamp();

    private static ulong Hex(string s) =>
        ulong.Parse(s.AsSpan(s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 2 : 0), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static ulong Dec(string s) => ulong.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
}
