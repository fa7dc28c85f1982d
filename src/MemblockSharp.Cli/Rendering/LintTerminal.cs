using System.Globalization;
using MemblockSharp.Boot.Lint;
using Spectre.Console;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// <c>memblock lint</c> on a terminal: each finding with its severity in colour, then the summary as tables
/// (files with findings or bad input, the clean ones folded into one row, the totals; for several files the count per rule).
/// The figures are those of <see cref="LintText.WriteSummary"/>.
/// </summary>
public static class LintTerminal
{
    /// <summary>Writes one finding: <c>path: severity id node-path: message</c>, then what it prevents, dimmed.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="path">The file.</param>
    /// <param name="f">The finding.</param>
    public static void Finding(IAnsiConsole console, string path, LintFinding f)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(f);
        var line = new Paragraph()
            .Append(path + ": ")
            .Append(LintText.Severity(f.Severity), SeverityStyle(f.Severity))
            .Append(" ")
            .Append(f.Id, TerminalText.Key)
            .Append(" " + f.NodePath + ": " + f.Message)
            .Append(" [prevents: " + f.Prevents + "]", TerminalText.Note);
        console.Write(line);
        console.WriteLine();
    }

    /// <summary>The style of a severity word: error red, warning yellow, info grey.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>Its style.</returns>
    public static Style SeverityStyle(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => TerminalText.Bad,
        LintSeverity.Warning => TerminalText.Warn,
        _ => TerminalText.Note,
    };

    /// <summary>Writes the summary tables.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="run">The run.</param>
    public static void WriteSummary(IAnsiConsole console, LintRun run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        var files = TerminalText.NewTable("lint: " + run.Kernel)
            .AddTextColumn("file")
            .AddNumberColumn("errors")
            .AddNumberColumn("warnings")
            .AddNumberColumn("info");
        int clean = 0;
        foreach (var f in run.Files)
        {
            if (f.Report is not { } r)
            {
                files.AddRow(TerminalText.Cell(f.Path), TerminalText.Cell("bad input", TerminalText.Bad), TerminalText.Cell(""), TerminalText.Cell(""));
                continue;
            }
            // A directory run lists the files that have something to say; one file is always listed.
            if (r.Findings.Count == 0 && run.Files.Count > 1)
            {
                clean++;
                continue;
            }
            files.AddRow(TerminalText.Cell(f.Path), TerminalText.Count(r.Errors, TerminalText.Bad),
                TerminalText.Count(r.Warnings, TerminalText.Warn), TerminalText.Count(r.Infos, TerminalText.Note));
        }
        if (clean > 0)
        {
            files.AddRow(TerminalText.Cell(string.Create(CultureInfo.InvariantCulture, $"({clean} clean file{(clean == 1 ? "" : "s")})"), TerminalText.Good),
                TerminalText.Count(0, TerminalText.Bad), TerminalText.Count(0, TerminalText.Warn), TerminalText.Count(0, TerminalText.Note));
        }
        var label = string.Create(CultureInfo.InvariantCulture,
            $"total: {run.Files.Count} file{(run.Files.Count == 1 ? "" : "s")}{(run.BadInput > 0 ? $", {run.BadInput} bad input" : "")}");
        files.Footer(TerminalText.Cell(label, TerminalText.Key), TerminalText.Count(run.Errors, TerminalText.Bad),
            TerminalText.Count(run.Warnings, TerminalText.Warn), TerminalText.Count(run.Infos, TerminalText.Note));
        console.WriteLine();
        console.Write(files);

        var byRule = run.ByRule;
        if (run.Files.Count <= 1 || byRule.Count == 0)
            return;
        var rules = TerminalText.NewTable("findings by rule")
            .AddTextColumn("rule", noWrap: true)
            .AddNumberColumn("errors")
            .AddNumberColumn("warnings")
            .AddNumberColumn("info")
            .AddNumberColumn("files")
            .AddTextColumn("what");
        foreach (var c in byRule)
        {
            rules.AddRow(TerminalText.Cell(c.Rule.Id, TerminalText.Key), TerminalText.Count(c.Errors, TerminalText.Bad),
                TerminalText.Count(c.Warnings, TerminalText.Warn), TerminalText.Count(c.Infos, TerminalText.Note),
                TerminalText.Cell(c.Files), TerminalText.Cell(c.Rule.Title));
        }
        console.Write(rules);
    }
}
