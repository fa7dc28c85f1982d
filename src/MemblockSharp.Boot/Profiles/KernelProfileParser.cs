using System.Globalization;

namespace MemblockSharp.Boot.Profiles;

/// <summary>
/// Builds a <see cref="KernelProfile"/> from a kernel's <c>System.map</c> and its <c>.config</c> (whole files or just
/// the lines that matter). Symbols give the image layout; config symbols give the defaults; the architecture decides
/// the structure sizes.
/// </summary>
public static class KernelProfileParser
{
    /// <summary>Reads <c>System.map</c> lines (<c>ADDRESS TYPE NAME</c>) into a symbol table; the first definition wins.</summary>
    /// <param name="text">The file contents.</param>
    /// <param name="source">The file name, for error messages.</param>
    /// <returns>Symbol name to address.</returns>
    /// <exception cref="KernelProfileFormatException">A line is not <c>hex type name</c>.</exception>
    public static IReadOnlyDictionary<string, ulong> ParseSystemMap(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var symbols = new Dictionary<string, ulong>(StringComparer.Ordinal);
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0)
                continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3 || parts[1].Length != 1
                || !ulong.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var addr))
                throw new KernelProfileFormatException(source, lineNo, $"expected 'ADDRESS TYPE NAME', found '{Clip(line)}'");
            symbols.TryAdd(parts[2], addr);
        }
        return symbols;
    }

    /// <summary>Reads kernel config lines (<c>CONFIG_X=value</c>, <c># CONFIG_X is not set</c>); other comments are skipped.</summary>
    /// <param name="text">The file contents.</param>
    /// <param name="source">The file name, for error messages.</param>
    /// <returns>Config name without the <c>CONFIG_</c> prefix to its value (<c>n</c> when not set; quotes removed).</returns>
    /// <exception cref="KernelProfileFormatException">A non-comment line is not <c>CONFIG_X=value</c>.</exception>
    public static IReadOnlyDictionary<string, string> ParseConfig(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0)
                continue;
            if (line[0] == '#')
            {
                const string notSet = " is not set";
                if (line.StartsWith("# CONFIG_", StringComparison.Ordinal) && line.EndsWith(notSet, StringComparison.Ordinal))
                    config.TryAdd(line[9..^notSet.Length], "n");
                continue;
            }
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (!line.StartsWith("CONFIG_", StringComparison.Ordinal) || eq < 8)
                throw new KernelProfileFormatException(source, lineNo, $"expected 'CONFIG_NAME=value', found '{Clip(line)}'");
            config[line[7..eq]] = line[(eq + 1)..].Trim('"');
        }
        return config;
    }

    /// <summary>Builds a profile from files on disk.</summary>
    /// <param name="systemMapPath">Path of System.map.</param>
    /// <param name="configPath">Path of the kernel config.</param>
    /// <param name="name">Profile name; defaults to the System.map file name.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="KernelProfileFormatException">A file is malformed or lacks a needed symbol.</exception>
    /// <param name="version">The kernel release; without it, the config's <c># Linux/ARCH X.Y.Z Kernel Configuration</c> header, else 6.1.</param>
    public static KernelProfile FromFiles(string systemMapPath, string configPath, string? name = null, KernelVersion? version = null)
    {
        string config = File.ReadAllText(configPath);
        return Build(name ?? Path.GetFileName(systemMapPath),
                     ParseSystemMap(File.ReadAllText(systemMapPath), systemMapPath),
                     ParseConfig(config, configPath), systemMapPath, version ?? ConfigHeaderVersion(config));
    }

    /// <summary>The release named by a full config's header line (<c># Linux/arm64 6.12.118 Kernel Configuration</c>).</summary>
    /// <param name="text">The config file contents.</param>
    /// <returns>The version, or null when the header is absent.</returns>
    public static KernelVersion? ConfigHeaderVersion(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var raw in text.Split('\n').Take(8))
        {
            var line = raw.Trim();
            if (!line.StartsWith("# Linux/", StringComparison.Ordinal) || !line.EndsWith(" Kernel Configuration", StringComparison.Ordinal))
                continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 3 && KernelVersion.TryParse(parts[2], out var v))
                return v;
        }
        return null;
    }

    /// <summary>Builds a profile from a parsed symbol table and config.</summary>
    /// <param name="name">Profile name.</param>
    /// <param name="symbols">From <see cref="ParseSystemMap"/>.</param>
    /// <param name="config">From <see cref="ParseConfig"/>.</param>
    /// <param name="source">The System.map name, for error messages.</param>
    /// <param name="version">The Linux release the files are from; default 6.1.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="KernelProfileFormatException">A needed symbol is missing.</exception>
    /// <exception cref="ArgumentException">No rules are known for <paramref name="version"/>.</exception>
    public static KernelProfile Build(string name, IReadOnlyDictionary<string, ulong> symbols,
                                      IReadOnlyDictionary<string, string> config, string source = "System.map",
                                      KernelVersion? version = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(config);
        var release = version ?? KernelVersion.Linux6_1;
        var rules = Versions.KernelVersionPolicies.For(release);
        bool arm64 = Has(config, "ARM64_4K_PAGES") || Has(config, "ARM64_16K_PAGES") || Has(config, "ARM64_64K_PAGES")
                     || config.ContainsKey("ARM64_VA_BITS")
                     || (symbols.TryGetValue("_text", out var t) && t > uint.MaxValue);
        var image = ReadLayout(symbols, source);
        ulong pageSize = Has(config, "ARM64_64K_PAGES") ? 65536UL : Has(config, "ARM64_16K_PAGES") ? 16384UL : 4096UL;
                bool v612 = release.AtLeast(KernelVersion.Linux6_12);
        int pageShift = System.Numerics.BitOperations.TrailingZeroCount(pageSize);
        int maxOrder = rules.BuddyOrderCount(OptionalInt(config, "ARCH_FORCE_MAX_ORDER") ?? OptionalInt(config, "FORCE_MAX_ZONEORDER"));
        int pmdShift = arm64 ? 2 * pageShift - 3 : 21;
        // A 52-bit (LPA2) arm64 kernel runs with 48-bit VA and PA on a CPU without LPA2/LVA, as every modelled CPU is.
        int vaConfig = arm64 ? Int(config, "ARM64_VA_BITS", 48) : 32;
        // Without LPA2 a 52-bit kernel runs with VA_BITS_MIN: 47 bits with 16 KiB pages, 48 otherwise; and with as many
        // translation levels as those bits need (a 16 KiB-page kernel then folds one level).
        int vaRuntime = vaConfig <= 48 ? vaConfig : pageSize == 16384 ? 47 : 48;
        int configLevels = Int(config, "PGTABLE_LEVELS", arm64 ? 4 : 2);
        int levelsNeeded = (vaRuntime - pageShift + (pageShift - 3) - 1) / (pageShift - 3);
        int levels = arm64 ? Math.Min(configLevels, levelsNeeded) : configLevels;
        int paConfig = arm64 ? Int(config, "ARM64_PA_BITS", 48) : Has(config, "ARM_LPAE") ? 40 : 32;
        int nrCpus = Int(config, "NR_CPUS", 1);
        return new KernelProfile
        {
            Name = name,
            Arch = arm64 ? KernelArch.Arm64 : KernelArch.Arm,
            Version = release,
            PageSize = pageSize,
            MaxOrder = maxOrder,
            PageblockOrder = Has(config, "HUGETLB_PAGE") ? Math.Min(pmdShift - pageShift, maxOrder - 1) : maxOrder - 1,
            PhysAddrBits = Math.Min(paConfig, 48),
            PhysAddrBytes = arm64 || Has(config, "PHYS_ADDR_T_64BIT") || Has(config, "ARM_LPAE") ? 8 : 4,
            VaBits = vaRuntime,
            VaBitsConfig = vaConfig,
            PageTableLevels = levels,
            Image = image,
            Sizes = (arm64, v612) switch
            {
                (true, true) => KernelStructSizes.ForArm64V612(pageSize),
                (true, false) => KernelStructSizes.ForArm64,
                (false, true) => KernelStructSizes.ForArm32V612,
                _ => Has(config, "ARM_LPAE") ? KernelStructSizes.ForArm32 : KernelStructSizes.ForArm32Classic,
            },
            NrCpus = nrCpus,
            PageIdleFlag = Has(config, "PAGE_IDLE_FLAG"),
            ZoneDevice = Has(config, "ZONE_DEVICE"),
            CpumaskOffstack = Has(config, "CPUMASK_OFFSTACK") || (arm64 && v612 && nrCpus > 256),
            Numa = Has(config, "NUMA"),
            NodesShift = Int(config, "NODES_SHIFT", 0),
            LogBufShift = Int(config, "LOG_BUF_SHIFT", 17),
            LogCpuMaxBufShift = Int(config, "LOG_CPU_MAX_BUF_SHIFT", 12),
            DmaCma = Has(config, "CMA") && Has(config, "DMA_CMA"),
            CmaDefaultBytes = (ulong)Int(config, "CMA_SIZE_MBYTES", 0) << 20,
            DeferredStructPageInit = Has(config, "DEFERRED_STRUCT_PAGE_INIT"),
            Swiotlb = Has(config, "SWIOTLB"),
            ZoneDma = Has(config, "ZONE_DMA"),
            ZoneDma32 = Has(config, "ZONE_DMA32"),
            Highmem = Has(config, "HIGHMEM"),
            PageExtension = Has(config, "PAGE_EXTENSION"),
            Sparsemem = Has(config, "SPARSEMEM"),
            TransparentHugepage = Has(config, "TRANSPARENT_HUGEPAGE"),
            HugetlbPage = Has(config, "HUGETLB_PAGE"),
            RodataFull = Has(config, "RODATA_FULL_DEFAULT_ENABLED"),
            Kfence = Has(config, "KFENCE"),
            KfenceSampleInterval = Int(config, "KFENCE_SAMPLE_INTERVAL", 100),
            Memtest = Has(config, "MEMTEST"),
            PageOwner = Has(config, "PAGE_OWNER"),
            MemoryHotplug = Has(config, "MEMORY_HOTPLUG"),
            PageOffset = Hex(config, "PAGE_OFFSET", 0xC000_0000),
            Lpae = Has(config, "ARM_LPAE"),
            SectionSizeBits = arm64 ? (pageSize == 65536 ? 29 : 27) : 28,
        };
    }

    private static readonly string[] RequiredSymbols =
    [
        "_text", "_stext", "_etext", "__start_rodata", "__end_rodata", "__init_begin", "__init_end", "_sinittext",
        "_einittext", "_sdata", "_edata", "__bss_start", "__bss_stop", "_end", "__per_cpu_start", "__per_cpu_end",
    ];

    private static KernelImageLayout ReadLayout(IReadOnlyDictionary<string, ulong> s, string source)
    {
        var missing = RequiredSymbols.Where(name => !s.ContainsKey(name)).ToList();
        if (missing.Count > 0)
            throw new KernelProfileFormatException(source, 0, $"symbols not found: {string.Join(", ", missing.Select(m => $"'{m}'"))}");
        ulong Need(string symbol) => s.TryGetValue(symbol, out var v) ? v
            : throw new KernelProfileFormatException(source, 0, $"symbol '{symbol}' not found");
        ulong Opt(string symbol, ulong fallback) => s.TryGetValue(symbol, out var v) ? v : fallback;
        ulong initBegin = Need("__init_begin"), initEnd = Need("__init_end");
        ulong sinittext = Need("_sinittext"), einittext = Need("_einittext");
        ulong inittextBegin = Opt("__inittext_begin", initBegin);
        ulong initdataBegin = Opt("__initdata_begin", initBegin);
        return new KernelImageLayout
        {
            Text = Need("_text"), SText = Need("_stext"), EText = Need("_etext"),
            StartRodata = Need("__start_rodata"), EndRodata = Need("__end_rodata"),
            InitBegin = initBegin, InitEnd = initEnd, SInitText = sinittext, EInitText = einittext,
            InitTextBegin = inittextBegin, InitTextEnd = Opt("__inittext_end", initdataBegin),
            InitDataBegin = initdataBegin, InitDataEnd = Opt("__initdata_end", initEnd),
            SData = Need("_sdata"), EData = Need("_edata"), BssStart = Need("__bss_start"), BssStop = Need("__bss_stop"),
            End = Need("_end"), PerCpuStart = Need("__per_cpu_start"), PerCpuEnd = Need("__per_cpu_end"),
            InitPgDir = Opt("init_pg_dir", 0), InitPgEnd = Opt("init_pg_end", 0), SwapperPgDir = Opt("swapper_pg_dir", 0),
        };
    }

    private static bool Has(IReadOnlyDictionary<string, string> c, string key) =>
        c.TryGetValue(key, out var v) && (v == "y" || v == "m");

    private static int Int(IReadOnlyDictionary<string, string> c, string key, int fallback) =>
        c.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    private static int? OptionalInt(IReadOnlyDictionary<string, string> c, string key) =>
        c.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static ulong Hex(IReadOnlyDictionary<string, string> c, string key, ulong fallback) =>
        c.TryGetValue(key, out var v) && v.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && ulong.TryParse(v.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    private static string Clip(string line) => line.Length <= 60 ? line : line[..60] + "…";
}
