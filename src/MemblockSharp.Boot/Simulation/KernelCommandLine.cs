using System.Globalization;

namespace MemblockSharp.Boot.Simulation;

/// <summary>The parts of the kernel command line that change early memory (<c>mem=</c>, <c>cma=</c>, <c>crashkernel=</c>, <c>log_buf_len=</c>, …).</summary>
public sealed record KernelCommandLine
{
    /// <summary>The full text (what <c>boot_command_line</c> holds).</summary>
    public required string Text { get; init; }

    /// <summary><c>mem=</c>, rounded down to the page; null when absent (the last one counts, as on arm64).</summary>
    public ulong? MemLimit { get; init; }

    /// <summary>
    /// Every <c>mem=SIZE[@START]</c> in order, size as written (32-bit ARM adds each as a bank; START is null when
    /// not given, meaning PHYS_OFFSET).
    /// </summary>
    public IReadOnlyList<(ulong? Start, ulong Size)> MemBanks { get; init; } = [];

    /// <summary><c>cma=SIZE[@BASE[:LIMIT]]</c> size; null when absent.</summary>
    public ulong? CmaSize { get; init; }

    /// <summary>Base of <c>cma=SIZE@BASE</c> (0 when not given).</summary>
    public ulong CmaBase { get; init; }

    /// <summary>Limit of <c>cma=SIZE@BASE:LIMIT</c> (0 when not given).</summary>
    public ulong CmaLimit { get; init; }

    /// <summary>
    /// <c>crashkernel=SIZE</c> of the last plain <c>crashkernel=</c> (one not ending in <c>,high</c> or <c>,low</c>, as
    /// the kernel's get_last_crashkernel picks it); null when there is none or it is the range form.
    /// </summary>
    public ulong? CrashKernelSize { get; init; }

    /// <summary>
    /// <c>crashkernel=START-[END]:SIZE[,START-[END]:SIZE...][@BASE]</c>: the size depends on the system RAM (see
    /// <see cref="CrashKernelSizeFor"/>); END is <see cref="ulong.MaxValue"/> when left open. Empty for the other forms.
    /// </summary>
    public IReadOnlyList<(ulong Start, ulong End, ulong Size)> CrashKernelRanges { get; init; } = [];

    /// <summary>Base of the plain <c>crashkernel=SIZE@BASE</c> (0 when not given).</summary>
    public ulong CrashKernelBase { get; init; }

    /// <summary>Whether a plain <c>crashkernel=</c> (size, size@base or ranges) was given; it wins over <c>,high</c>.</summary>
    public bool HasPlainCrashKernel => CrashKernelSize is not null || CrashKernelRanges.Count > 0;

    /// <summary><c>crashkernel=SIZE,high</c> (the last one); null when absent.</summary>
    public ulong? CrashKernelHighSize { get; init; }

    /// <summary>Whether <c>crashkernel=SIZE,high</c> was given.</summary>
    public bool CrashKernelHigh => CrashKernelHighSize is not null;

    /// <summary><c>crashkernel=SIZE,low</c> (the last one); null when absent.</summary>
    public ulong? CrashKernelLow { get; init; }

    /// <summary><c>hugetlb_cma=SIZE</c>, or the sum of <c>hugetlb_cma=NODE:SIZE[,NODE:SIZE...]</c>; 0 when absent.</summary>
    public ulong HugetlbCmaSize { get; init; }

    /// <summary>The per-node sizes of <c>hugetlb_cma=NODE:SIZE[,...]</c>; empty for the plain form.</summary>
    public IReadOnlyDictionary<int, ulong> HugetlbCmaPerNode { get; init; } = new Dictionary<int, ulong>();

    /// <summary><c>log_buf_len=</c> in bytes; null when absent.</summary>
    public ulong? LogBufLen { get; init; }

    /// <summary>
    /// Every <c>rodata=</c> value in order (null for a bare <c>rodata</c>, which the kernel hands its handler as NULL);
    /// each is applied in turn, so the last valid one counts.
    /// </summary>
    public IReadOnlyList<string?> Rodata { get; init; } = [];

    /// <summary>Every <c>swiotlb=</c> in order, as <c>setup_io_tlb_npages</c> reads it (each one applied over the ones before).</summary>
    public IReadOnlyList<SwiotlbParameter> Swiotlb { get; init; } = [];

    /// <summary>
    /// <c>nr_cpus=</c>: the lowest positive value given (each one lowers <c>nr_cpu_ids</c> only below its value so
    /// far, so the lowest wins); null when absent or never a positive number.
    /// </summary>
    public int? NrCpus { get; init; }

    /// <summary><c>numa=off</c> (any value starting with <c>off</c>, as <c>str_has_prefix</c> reads it).</summary>
    public bool NumaOff { get; init; }

    /// <summary>Whether a bare <c>numa</c> was given (its handler refuses a missing value: "Malformed early option").</summary>
    public bool NumaMalformed { get; init; }

    /// <summary><c>dhash_entries=</c> as <c>simple_strtoul</c> reads it (0: size from memory); null when absent.</summary>
    public ulong? DhashEntries { get; init; }

    /// <summary><c>ihash_entries=</c> as <c>simple_strtoul</c> reads it (0: size from memory); null when absent.</summary>
    public ulong? IhashEntries { get; init; }

    /// <summary><c>kernelcore=SIZE</c> (bytes) or <c>kernelcore=N%</c>; null when absent or <c>kernelcore=mirror</c>.</summary>
    public (ulong Value, bool Percent)? KernelCore { get; init; }

    /// <summary><c>movablecore=SIZE</c> (bytes) or <c>movablecore=N%</c>; null when absent.</summary>
    public (ulong Value, bool Percent)? MovableCore { get; init; }

    /// <summary>Whether <c>kernelcore=mirror</c> was given (ZONE_MOVABLE from non-mirrored memory).</summary>
    public bool KernelCoreMirror { get; init; }

    /// <summary><c>kfence.sample_interval=</c> as a number; null when absent or not a number.</summary>
    public long? KfenceSampleInterval { get; init; }

    /// <summary>Whether <c>memblock=debug</c> is present.</summary>
    public bool MemblockDebug { get; init; }

    /// <summary>Every parameter as written (<c>name</c> or <c>name=value</c>), in order, quotes removed.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];

    /// <summary>Parameters the kernel does not know (printed and copied by <c>print_unknown_bootoptions</c>).</summary>
    public IReadOnlyList<string> Unknown { get; init; } = [];

    // Parameters the arm64/arm 6.1 kernels handle (early_param/__setup) that can appear on a memory-related command line.
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "console", "earlycon", "earlyprintk", "memblock", "loglevel", "log_buf_len", "mem", "cma", "crashkernel", "efi",
        "initrd", "root", "rootfstype", "rootwait", "rootdelay", "rw", "ro", "init", "rdinit", "quiet", "debug",
        "ignore_loglevel", "swiotlb", "numa", "movable_node", "kernelcore", "movablecore", "rodata", "nosmp", "maxcpus",
        "nr_cpus", "panic", "hugepages", "hugepagesz", "default_hugepagesz", "transparent_hugepage", "acpi", "audit",
        "selinux", "apparmor", "security", "lsm", "mitigations", "kpti", "cgroup_disable",
        "page_alloc.shuffle", "init_on_alloc", "init_on_free", "memtest", "vmalloc", "coherent_pool", "dhash_entries",
        "ihash_entries", "mhash_entries", "mphash_entries", "nohlt", "idle", "noinitrd", "irqchip.gicv3_pseudo_nmi",
        "cma_pernuma", "hugetlb_cma", "nohugeiomap", "page_owner", "nosoftlockup", "fsck.mode", "systemd.unit", "net.ifnames", "ip",
        "nfsroot", "video", "fbcon", "clk_ignore_unused", "pd_ignore_unused", "keep_bootcon", "printk.time", "nowatchdog",
    };

    /// <summary>Parses a command line.</summary>
    /// <param name="text">The command line.</param>
    /// <returns>The parsed values.</returns>
    /// <exception cref="BootInputException">A memory parameter has a malformed size.</exception>
    public static KernelCommandLine Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new KernelCommandLine { Text = text };
        var unknown = new List<string>();
        var memBanks = new List<(ulong?, ulong)>();
        var parameters = new List<string>();
        var rodata = new List<string?>();
        var swiotlb = new List<SwiotlbParameter>();
        foreach (var token in Tokens(text))
        {
            parameters.Add(token);
            int eq = token.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? token : token[..eq];
            string value = eq < 0 ? "" : token[(eq + 1)..];
            switch (name)
            {
                case "mem":
                    result = result with { MemLimit = MemParse(value, token) & ~0xFFFUL };
                    memBanks.Add(MemBank(value, token));
                    break;
                case "cma":
                    result = ParseCma(result, value, token);
                    break;
                case "crashkernel":
                    result = ParseCrash(result, value, token);
                    break;
                case "hugetlb_cma":
                    result = ParseHugetlbCma(result, value, token);
                    break;
                case "log_buf_len":
                    result = result with { LogBufLen = MemParse(value, token) };
                    break;
                case "rodata":
                    rodata.Add(eq < 0 ? null : value);
                    break;
                case "swiotlb":
                    if (eq >= 0)
                        swiotlb.Add(SwiotlbParameter.Parse(value));
                    break;
                case "nr_cpus":
                    if (GetOption(value) is { } n && n > 0 && (result.NrCpus is null || n < result.NrCpus))
                        result = result with { NrCpus = (int)Math.Min(n, int.MaxValue) };
                    break;
                case "numa":
                    result = eq < 0 ? result with { NumaMalformed = true }
                        : value.StartsWith("off", StringComparison.Ordinal) ? result with { NumaOff = true } : result;
                    break;
                case "dhash_entries" or "ihash_entries" or "mhash_entries" or "mphash_entries":
                    if (eq < 0)
                        unknown.Add(token); // __setup("NAME=") does not match a bare NAME
                    else if (name == "dhash_entries")
                        result = result with { DhashEntries = SimpleStrtoul(value) };
                    else if (name == "ihash_entries")
                        result = result with { IhashEntries = SimpleStrtoul(value) };
                    break;
                case "kernelcore" when eq >= 0:
                    result = value.Split(',').Contains("mirror") ? result with { KernelCoreMirror = true, KernelCore = null }
                        : result with { KernelCore = ParseCore(value, token) };
                    break;
                case "movablecore" when eq >= 0:
                    result = result with { MovableCore = ParseCore(value, token) };
                    break;
                case "kfence.sample_interval":
                    if (GetOption(value) is { } interval)
                        result = result with { KfenceSampleInterval = interval };
                    break;
                case "memblock":
                    if (value == "debug")
                        result = result with { MemblockDebug = true };
                    break;
                default:
                    if (!Known.Contains(name) && !name.Contains('.', StringComparison.Ordinal))
                        unknown.Add(token);
                    break;
            }
        }
        return result with { Unknown = unknown, MemBanks = memBanks, Parameters = parameters, Rodata = rodata, Swiotlb = swiotlb };
    }

    /// <summary>
    /// Kernel <c>simple_strtoul(s, NULL, 0)</c>: a decimal, 0x hexadecimal or 0 octal number, read up to the first
    /// character that is not a digit of its base; 0 when there is none (wraps on overflow, as the kernel does).
    /// </summary>
    /// <param name="value">The text.</param>
    /// <returns>The number.</returns>
    public static ulong SimpleStrtoul(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int i = 0;
        uint radix = 10;
        if (value.Length > 1 && value[0] == '0' && (value[1] == 'x' || value[1] == 'X') && value.Length > 2 && Uri.IsHexDigit(value[2]))
        {
            radix = 16;
            i = 2;
        }
        else if (value.StartsWith('0'))
        {
            radix = 8;
        }
        ulong n = 0;
        for (; i < value.Length; i++)
        {
            uint digit = char.IsAsciiDigit(value[i]) ? (uint)(value[i] - '0')
                : Uri.IsHexDigit(value[i]) ? (uint)(char.ToLowerInvariant(value[i]) - 'a' + 10) : 99;
            if (digit >= radix)
                break;
            n = unchecked(n * radix + digit);
        }
        return n;
    }

    // cmdline_parse_core: a number followed by % is a percentage, anything else a memparse size.
    private static (ulong Value, bool Percent) ParseCore(string value, string token)
    {
        int digits = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 0 : value.TakeWhile(char.IsAsciiDigit).Count();
        if (digits > 0 && digits < value.Length && value[digits] == '%')
            return (SimpleStrtoul(value[..digits]), true);
        return (MemParse(value, token), false);
    }

    /// <summary>Kernel <c>get_option</c> for one integer: an optional sign, then a number as <see cref="SimpleStrtoul"/> reads it; null when no digit.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The number, or null.</returns>
    public static long? GetOption(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool negative = value.StartsWith('-');
        string digits = negative || value.StartsWith('+') ? value[1..] : value;
        if (digits.Length == 0 || !char.IsAsciiDigit(digits[0]))
            return null;
        long n = unchecked((long)SimpleStrtoul(digits));
        return negative ? -n : n;
    }

    // mem=SIZE[@START]: memparse stops at the first character that is not part of the number and its suffix.
    private static (ulong? Start, ulong Size) MemBank(string value, string token)
    {
        int at = value.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (null, MemParse(value, token)) : (MemParse(value[(at + 1)..], token), MemParse(value[..at], token));
    }

    /// <summary>Kernel <c>memparse</c>: a number (decimal, 0x hex or 0 octal) with an optional K/M/G/T/P/E suffix.</summary>
    /// <param name="value">The text.</param>
    /// <param name="where">The parameter, for the error message.</param>
    /// <returns>The value in bytes.</returns>
    /// <exception cref="BootInputException">Not a number.</exception>
    public static ulong MemParse(string value, string where)
    {
        ArgumentNullException.ThrowIfNull(value);
        int i = 0;
        ulong n;
        try
        {
            if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                i = 2;
                while (i < value.Length && Uri.IsHexDigit(value[i])) i++;
                n = ulong.Parse(value.AsSpan(2, i - 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }
            else
            {
                while (i < value.Length && char.IsAsciiDigit(value[i])) i++;
                n = ulong.Parse(value.AsSpan(0, i), NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new BootInputException($"command line '{where}': '{value}' is not a size");
        }
        if (i < value.Length)
        {
            int shift = char.ToUpperInvariant(value[i]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, 'P' => 50, 'E' => 60, _ => 0 };
            n <<= shift;
        }
        return n;
    }

    private static KernelCommandLine ParseCma(KernelCommandLine r, string value, string token)
    {
        int at = value.IndexOf('@', StringComparison.Ordinal);
        ulong size = MemParse(at < 0 ? value : value[..at], token), @base = 0, limit = 0;
        if (at >= 0)
        {
            var rest = value[(at + 1)..];
            int colon = rest.IndexOf(':', StringComparison.Ordinal);
            @base = MemParse(colon < 0 ? rest : rest[..colon], token);
            if (colon >= 0)
                limit = MemParse(rest[(colon + 1)..], token);
        }
        return r with { CmaSize = size, CmaBase = @base, CmaLimit = limit };
    }

    /// <summary>
    /// The crash kernel size the kernel settles on for <paramref name="systemRam"/> bytes of system RAM (what the
    /// architecture passes to <c>parse_crashkernel</c>): <see cref="CrashKernelSize"/> for the plain forms; for the
    /// range form, the size of the first range holding <paramref name="systemRam"/>, where a size not below the RAM
    /// ends the search with nothing, as does no match.
    /// </summary>
    /// <param name="systemRam">The system RAM in bytes.</param>
    /// <returns>The size (null: nothing to reserve) and the kernel's message when it declines, else null.</returns>
    public (ulong? Size, string? Message) CrashKernelSizeFor(ulong systemRam)
    {
        if (CrashKernelRanges.Count == 0)
            return (CrashKernelSize, null);
        // parse_crashkernel_mem matches the RAM rounded up to 128 MiB.
        const ulong granule = 128UL << 20;
        ulong total = systemRam > ulong.MaxValue - granule ? systemRam : (systemRam + granule - 1) / granule * granule;
        foreach (var (start, end, size) in CrashKernelRanges)
        {
            if (size >= total)
                return (null, "crashkernel: invalid size");
            if (total >= start && total < end)
                return (size, null);
        }
        return (null, "crashkernel size resulted in zero bytes");
    }

    // The last crashkernel= of each kind counts: plain (SIZE, SIZE@BASE, ranges), ",high" and ",low".
    private static KernelCommandLine ParseCrash(KernelCommandLine r, string value, string token)
    {
        if (value.EndsWith(",high", StringComparison.Ordinal))
            return r with { CrashKernelHighSize = MemParse(value[..^5], token) };
        if (value.EndsWith(",low", StringComparison.Ordinal))
            return r with { CrashKernelLow = MemParse(value[..^4], token) };
        if (value.Contains(':', StringComparison.Ordinal))
            return ParseCrashRanges(r, value, token);
        int at = value.IndexOf('@', StringComparison.Ordinal);
        return r with
        {
            CrashKernelRanges = [],
            CrashKernelSize = MemParse(at < 0 ? value : value[..at], token),
            CrashKernelBase = at < 0 ? 0 : MemParse(value[(at + 1)..], token),
        };
    }

    // cmdline_parse_hugetlb_cma: SIZE, or NODE:SIZE pairs separated by commas (parsing stops at the first bad one).
    private static KernelCommandLine ParseHugetlbCma(KernelCommandLine r, string value, string token)
    {
        var perNode = new Dictionary<int, ulong>();
        ulong total = 0;
        if (!value.Contains(':', StringComparison.Ordinal))
            return r with { HugetlbCmaSize = value.Length > 0 && char.IsAsciiDigit(value[0]) ? MemParse(value, token) : 0, HugetlbCmaPerNode = perNode };
        foreach (var part in value.Split(','))
        {
            int colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !int.TryParse(part.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out int nid) || nid >= 1024)
                break;
            ulong size = MemParse(part[(colon + 1)..], token);
            perNode[nid] = size;
            total += size;
        }
        return r with { HugetlbCmaSize = total, HugetlbCmaPerNode = perNode };
    }

    // START-[END]:SIZE[,...][@BASE]
    private static KernelCommandLine ParseCrashRanges(KernelCommandLine r, string value, string token)
    {
        int at = value.IndexOf('@', StringComparison.Ordinal);
        var ranges = new List<(ulong, ulong, ulong)>();
        foreach (var entry in (at < 0 ? value : value[..at]).Split(','))
        {
            int dash = entry.IndexOf('-', StringComparison.Ordinal), colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (dash <= 0 || colon < dash)
                throw new BootInputException($"command line '{token}': '{entry}' is not START-[END]:SIZE");
            ulong start = MemParse(entry[..dash], token);
            ulong end = colon == dash + 1 ? ulong.MaxValue : MemParse(entry[(dash + 1)..colon], token);
            if (end <= start)
                throw new BootInputException($"command line '{token}': '{entry}' ends before it starts");
            ranges.Add((start, end, MemParse(entry[(colon + 1)..], token)));
        }
        return r with
        {
            CrashKernelSize = null,
            CrashKernelRanges = ranges,
            CrashKernelBase = at < 0 ? 0 : MemParse(value[(at + 1)..], token),
        };
    }

    // Splits like the kernel's next_arg: blanks separate, double quotes group.
    private static IEnumerable<string> Tokens(string text)
    {
        var sb = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char ch in text)
        {
            if (ch == '"') { quoted = !quoted; continue; }
            if (!quoted && char.IsWhiteSpace(ch))
            {
                if (sb.Length > 0) { yield return sb.ToString(); sb.Clear(); }
                continue;
            }
            sb.Append(ch);
        }
        if (sb.Length > 0)
            yield return sb.ToString();
    }
}
