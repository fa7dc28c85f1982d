using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Lint;

/// <summary>
/// Checks a device tree for the memory mistakes that boot anyway with at most a one-line kernel message: reserved-memory
/// nodes the kernel ignores or refuses, overlaps, CMA pools that never become CMA, dynamic regions that cannot be placed,
/// memory banks the kernel cuts. It judges from Linux 6.1's early scan (<see cref="BootScanner"/>) and the early reserved
/// map (<see cref="ReservationLayout"/>); every rule is in <see cref="LintRules"/>.
/// </summary>
public static partial class DtbLinter
{
    /// <summary>Lints a blob.</summary>
    /// <param name="blob">The flattened device tree.</param>
    /// <param name="options">The kernel profile and boot assumptions.</param>
    /// <returns>The report.</returns>
    /// <exception cref="MemblockSharp.DeviceTree.FdtException">The blob is malformed (the message says what and where).</exception>
    public static LintReport Lint(ReadOnlyMemory<byte> blob, LintOptions options) => Lint(FlattenedDeviceTree.Parse(blob), options);

    /// <summary>Lints a parsed tree.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="options">The kernel profile and boot assumptions.</param>
    /// <returns>The report.</returns>
    public static LintReport Lint(FlattenedDeviceTree tree, LintOptions options)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(options);
        var scanOptions = ScanOptions(tree, options);
        var scan = BootScanner.Scan(tree, scanOptions);
        var layout = ReservationLayout.Build(tree, scan, options, scanOptions);
        var findings = new List<LintFinding>();
        var context = new Context(tree, scan, layout, options, scanOptions, findings);
        context.CheckReservedMemoryNode();
        context.CheckChildren();
        context.CheckTable();
        context.CheckScanMessages();
        context.CheckOverlaps();
        context.CheckPlacement();
        context.CheckBanks();
        var ordered = findings
            .Select((f, i) => (f, i))
            .OrderByDescending(x => x.f.Severity)
            .ThenBy(x => x.f.Id, StringComparer.Ordinal)
            .ThenBy(x => x.i)
            .Select(x => x.f)
            .ToList();
        return new LintReport(ordered, scan, layout);
    }

    /// <summary>The scan options that match a kernel profile (for arm, PHYS_OFFSET from the lowest memory bank).</summary>
    /// <param name="tree">The tree (its banks decide arm's PHYS_OFFSET).</param>
    /// <param name="options">The lint options.</param>
    /// <returns>The scan options.</returns>
    public static BootScanOptions ScanOptions(FlattenedDeviceTree tree, LintOptions options)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(options);
        return Architectures.BootArchitectures.For(options.Profile).ScanOptions(options.Profile, LowestRam);

        ulong LowestRam()
        {
            if (options.Ram.Count > 0)
                return options.Ram.Min(r => r.Base);
            var banks = BootScanner.Scan(tree, BootScanOptions.Arm32Lpae(0)).AddedBanks.ToList();
            return banks.Count == 0 ? 0 : banks.Min(b => b.Base);
        }
    }

    /// <summary>The state of one lint run.</summary>
    private sealed partial class Context(FlattenedDeviceTree tree, BootScanResult scan, ReservationLayout layout, LintOptions options,
        BootScanOptions scanOptions, List<LintFinding> findings)
    {
        public FlattenedDeviceTree Tree { get; } = tree;
        public BootScanResult Scan { get; } = scan;
        public ReservationLayout Layout { get; } = layout;
        public LintOptions Options { get; } = options;
        public BootScanOptions ScanOptions { get; } = scanOptions;

        public void Add(LintRule rule, string path, string message, LintSeverity? severity = null) =>
            findings.Add(new LintFinding(rule, severity ?? rule.Severity, path, message));

        public static string Size(ulong bytes) => bytes switch
        {
            0 => "0",
            _ when bytes % (1UL << 30) == 0 => $"{bytes >> 30} GiB",
            _ when bytes % (1UL << 20) == 0 => $"{bytes >> 20} MiB",
            _ when bytes % (1UL << 10) == 0 => $"{bytes >> 10} KiB",
            _ => $"{bytes} bytes",
        };
    }
}
