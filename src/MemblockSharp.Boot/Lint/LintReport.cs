using MemblockSharp.Boot.DeviceTreeScan;

namespace MemblockSharp.Boot.Lint;

/// <summary>The findings for one device tree, with the scan and the reserved map they were judged from.</summary>
/// <param name="Findings">The findings, ordered by severity (errors first), then rule id, then node path.</param>
/// <param name="Scan">The early device-tree scan.</param>
/// <param name="Layout">The early reserved map.</param>
public sealed record LintReport(IReadOnlyList<LintFinding> Findings, BootScanResult Scan, ReservationLayout Layout)
{
    /// <summary>The number of error-level findings.</summary>
    public int Errors => Count(LintSeverity.Error);

    /// <summary>The number of warning-level findings.</summary>
    public int Warnings => Count(LintSeverity.Warning);

    /// <summary>The number of info-level findings.</summary>
    public int Infos => Count(LintSeverity.Info);

    /// <summary>True when some finding is at error level.</summary>
    public bool HasErrors => Errors > 0;

    /// <summary>The findings of one rule.</summary>
    /// <param name="id">The rule id.</param>
    /// <returns>The findings with that id, in report order.</returns>
    public IEnumerable<LintFinding> OfRule(string id) => Findings.Where(f => f.Id == id);

    private int Count(LintSeverity severity) => Findings.Count(f => f.Severity == severity);
}
