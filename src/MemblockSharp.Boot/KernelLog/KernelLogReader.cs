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
    public static KernelLogDocument ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxLogBytes)
            throw new KernelLogFormatException(Path.GetFileName(path), 0, $"{info.Length} bytes is larger than any kernel log this tool reads ({MaxLogBytes} bytes)");
        return Read(File.ReadAllBytes(path), Path.GetFileName(path));
    }

    /// <summary>Reads a log from its bytes (UTF-8 or ASCII).</summary>
    /// <param name="bytes">The log's bytes.</param>
    /// <param name="source">A label for messages (the file name).</param>
    /// <returns>The log.</returns>
    /// <exception cref="KernelLogFormatException">The bytes are binary data or not a kernel log.</exception>
    public static KernelLogDocument Read(ReadOnlySpan<byte> bytes, string source = "log")
    {
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
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
        return Read(text, source);
    }

    /// <summary>Reads a log from text.</summary>
    /// <param name="text">The log.</param>
    /// <param name="source">A label for messages (the file name).</param>
    /// <returns>The log.</returns>
    /// <exception cref="KernelLogFormatException">The text is not a kernel log, or a recognisable record in it is garbled or cut short.</exception>
    public static KernelLogDocument Read(string text, string source = "log")
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = text.Split('\n');
        int count = raw.Length;
        if (count > 0 && raw[^1].Length == 0)
            count--; // a final newline does not start another line
        var lines = new LogLineText[count];
        for (int i = 0; i < count; i++)
            lines[i] = StripPrefixes(raw[i]);
        return new Parser(source, lines).Run();
    }

    /// <summary>One line with its decorations removed.</summary>
    private readonly record struct LogLineText(string Text, double? Timestamp, bool HadPrefix, bool Garbled);

    /// <summary>Removes CRs, escape sequences, syslog/journal prefixes, the level, the timestamp and the caller id.</summary>
    private static LogLineText StripPrefixes(string line)
    {
        if (line.Contains('\r'))
            line = line.Replace("\r", "", StringComparison.Ordinal);
        if (line.Contains('\u001b'))
            line = EscapeSequence().Replace(line, "");
        line = line.TrimEnd(); // serial captures pad lines; trailing blanks mean nothing in any record
        bool prefix = false;
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
        }
        else if ((m = HumanTimestampPrefix().Match(line)).Success)
        {
            line = line[m.Length..];
            prefix = true;
        }
        else if (BrokenTimestamp().IsMatch(line))
        {
            return new LogLineText(line, null, false, true);
        }
        return new LogLineText(line, ts, prefix, false);
    }

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
