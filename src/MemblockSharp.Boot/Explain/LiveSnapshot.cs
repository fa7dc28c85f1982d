using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MemblockSharp.Boot.Explain;

/// <summary>
/// What a running Linux board exposes about its boot: <c>/proc/cmdline</c>, <c>/sys/firmware/fdt</c>, the kernel log
/// (<c>/dev/kmsg</c>), <c>/proc/meminfo</c> and <c>/sys/kernel/debug/memblock/{memory,reserved}</c>, read under a root
/// directory (<c>/</c> on the board, or a copy taken from one).
/// </summary>
/// <param name="Log">The kernel log as dmesg text.</param>
/// <param name="LogSource">Where the log came from.</param>
/// <param name="CommandLine">The command line, or null when unreadable.</param>
/// <param name="Fdt">The device tree blob the kernel was given, or null.</param>
/// <param name="Meminfo">The meminfo text, or null.</param>
/// <param name="DebugfsMemory">The memblock memory table, or null (debugfs not mounted, not root, or not built in).</param>
/// <param name="DebugfsReserved">The memblock reserved table, or null.</param>
/// <param name="Unreadable">The files that were absent or unreadable, each with the reason.</param>
public sealed partial record LiveSnapshot(string Log, string LogSource, string? CommandLine, byte[]? Fdt, string? Meminfo,
    string? DebugfsMemory, string? DebugfsReserved, IReadOnlyList<string> Unreadable)
{
    /// <summary>The largest file read (64 MiB): a wrong root cannot exhaust memory.</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>Reads the snapshot under <paramref name="root"/>.</summary>
    /// <param name="root">The root directory (<c>/</c> for the running system).</param>
    /// <param name="runDmesg">Reads the kernel log of the running system (dmesg), or null to read <c>ROOT/dev/kmsg</c> as a file (a copy).</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="FileNotFoundException">The root or its kernel log is missing.</exception>
    /// <exception cref="IOException">The kernel log cannot be read.</exception>
    public static LiveSnapshot Read(string root, Func<string>? runDmesg = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Directory.Exists(root))
            throw new FileNotFoundException($"{root}: no such directory");
        var unreadable = new List<string>();
        string kmsg = Path.Combine(root, "dev", "kmsg");
        string log, source;
        if (runDmesg is not null)
        {
            // The running system: /dev/kmsg is a character device that blocks at its end; dmesg reads the ring buffer.
            log = runDmesg();
            source = "dmesg";
        }
        else if (File.Exists(kmsg))
        {
            log = FromKmsg(ReadText(kmsg));
            source = kmsg;
        }
        else
        {
            throw new FileNotFoundException($"{kmsg}: no kernel log under {root} (put a copy of /dev/kmsg or the dmesg text there)");
        }
        string? Text(string relative)
        {
            string path = Path.Combine(root, relative);
            try
            {
                return ReadText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                unreadable.Add($"{path}: {ex.Message}");
                return null;
            }
        }
        byte[]? fdt = null;
        string fdtPath = Path.Combine(root, "sys", "firmware", "fdt");
        try
        {
            fdt = ReadBytes(fdtPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            unreadable.Add($"{fdtPath}: {ex.Message}");
        }
        string? cmdline = Text(Path.Combine("proc", "cmdline"))?.Replace("\0", " ", StringComparison.Ordinal).Trim();
        return new LiveSnapshot(log, source, cmdline, fdt, Text(Path.Combine("proc", "meminfo")),
            Text(Path.Combine("sys", "kernel", "debug", "memblock", "memory")), Text(Path.Combine("sys", "kernel", "debug", "memblock", "reserved")), unreadable);
    }

    /// <summary>
    /// Turns <c>/dev/kmsg</c> records (<c>PRI,SEQ,USEC,FLAGS;TEXT</c>, continuation lines indented) into dmesg lines
    /// (<c>[    S.UUUUUU] TEXT</c>); text that is not in that format is taken as dmesg text already.
    /// </summary>
    /// <param name="text">The records.</param>
    /// <returns>The dmesg text.</returns>
    public static string FromKmsg(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        if (!lines.Any(l => KmsgRecord().IsMatch(l)))
            return text;
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            var m = KmsgRecord().Match(line);
            if (!m.Success)
                continue; // " KEY=value" dictionary lines and blanks
            ulong usec = ulong.Parse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"[{usec / 1_000_000,5}.{usec % 1_000_000:D6}] {Unescape(m.Groups[2].Value)}\n");
        }
        return sb.ToString();
    }

    /// <summary>kmsg escapes non-printable bytes as <c>\xNN</c>.</summary>
    private static string Unescape(string s) =>
        s.Contains("\\x", StringComparison.Ordinal) ? KmsgEscape().Replace(s, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()) : s;

    [GeneratedRegex(@"^\d{1,3},\d{1,20},(\d{1,20}),[^;]*;(.*)$")]
    private static partial Regex KmsgRecord();

    [GeneratedRegex(@"\\x([0-9a-f]{2})")]
    private static partial Regex KmsgEscape();

    private static byte[] ReadBytes(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException("absent");
        // sysfs and procfs report a size of 0 or 4096: read to the end, with a cap.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        using var buffer = new MemoryStream();
        var chunk = new byte[65536];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxFileBytes)
                throw new IOException($"larger than {MaxFileBytes} bytes");
        }
        return buffer.ToArray();
    }

    private static string ReadText(string path) => Encoding.UTF8.GetString(ReadBytes(path));
}
