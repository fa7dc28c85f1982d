using MemblockSharp.Boot.Lint;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The outcome of linting one file: its report, or the located reason it could not be read.</summary>
/// <param name="Path">The file as given or found.</param>
/// <param name="Report">The report, or null when the file is bad input.</param>
/// <param name="Error">The located error message when the file could not be read or parsed.</param>
public sealed record LintFileResult(string Path, LintReport? Report, string? Error);

/// <summary>The files of one <c>memblock lint</c> run, with totals.</summary>
/// <param name="Kernel">The kernel profile name.</param>
/// <param name="Files">Each file in the order linted.</param>
public sealed record LintRun(string Kernel, IReadOnlyList<LintFileResult> Files)
{
    /// <summary>Files that could not be read or parsed.</summary>
    public int BadInput => Files.Count(f => f.Report is null);

    /// <summary>Error-level findings over all files.</summary>
    public int Errors => Files.Sum(f => f.Report?.Errors ?? 0);

    /// <summary>Warning-level findings over all files.</summary>
    public int Warnings => Files.Sum(f => f.Report?.Warnings ?? 0);

    /// <summary>Info-level findings over all files.</summary>
    public int Infos => Files.Sum(f => f.Report?.Infos ?? 0);

    /// <summary>
    /// Findings per rule over all files (rules that fired, in id order): the count at each severity (a finding that rests on an
    /// assumed load address is a warning even when its rule is an error rule) and the number of files the rule fired in.
    /// </summary>
    public IReadOnlyList<LintRuleCount> ByRule =>
        LintRules.All
            .Select(r => new LintRuleCount(r,
                Count(r, LintSeverity.Error), Count(r, LintSeverity.Warning), Count(r, LintSeverity.Info),
                Files.Count(f => f.Report?.Findings.Any(x => x.Rule == r) == true)))
            .Where(x => x.Total > 0)
            .ToList();

    private int Count(LintRule rule, LintSeverity severity) =>
        Files.Sum(f => f.Report?.Findings.Count(x => x.Rule == rule && x.Severity == severity) ?? 0);

    /// <summary>The exit code: 2 when some file was bad input, else 1 when some finding is an error, else 0.</summary>
    public int ExitCode => BadInput > 0 ? ExitCodes.BadInput : Errors > 0 ? ExitCodes.Findings : ExitCodes.Ok;
}

/// <summary>How often one rule fired in a run.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Errors">Its findings at error level.</param>
/// <param name="Warnings">Its findings at warning level.</param>
/// <param name="Infos">Its findings at info level.</param>
/// <param name="Files">The number of files it fired in.</param>
public sealed record LintRuleCount(LintRule Rule, int Errors, int Warnings, int Infos, int Files)
{
    /// <summary>All its findings.</summary>
    public int Total => Errors + Warnings + Infos;
}
