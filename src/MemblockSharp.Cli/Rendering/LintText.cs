using System.Globalization;
using MemblockSharp.Boot.Lint;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The text form of <c>memblock lint</c>: one line per finding, then a summary table per file and totals.</summary>
public static class LintText
{
    /// <summary>The finding line: <c>path: severity id node-path: message [prevents: ...]</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="f">The finding.</param>
    /// <returns>The line, without a newline.</returns>
    public static string Line(string path, LintFinding f) =>
        $"{path}: {Severity(f.Severity)} {f.Id} {f.NodePath}: {f.Message} [prevents: {f.Prevents}]";

    /// <summary>The lower-case severity word.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns><c>error</c>, <c>warning</c> or <c>info</c>.</returns>
    public static string Severity(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>Writes the summary: a row per file (errors, warnings, infos), the totals and, for several files, the count per rule.</summary>
    /// <param name="w">The output.</param>
    /// <param name="run">The run.</param>
    public static void WriteSummary(TextWriter w, LintRun run)
    {
        var width = Math.Max(5, run.Files.Count == 0 ? 0 : run.Files.Max(f => f.Path.Length));
        w.Write('\n');
        w.Write(Row("file", "errors", "warnings", "info", width));
        w.Write(new string('-', width + 29) + "\n");
        foreach (var f in run.Files)
        {
            w.Write(f.Report is { } r
                ? Row(f.Path, N(r.Errors), N(r.Warnings), N(r.Infos), width)
                : Row(f.Path, "bad input", "", "", width));
        }
        var label = string.Create(CultureInfo.InvariantCulture,
            $"total: {run.Files.Count} file{(run.Files.Count == 1 ? "" : "s")}{(run.BadInput > 0 ? $", {run.BadInput} bad input" : "")}");
        w.Write(Row(label, N(run.Errors), N(run.Warnings), N(run.Infos), width));
        var byRule = run.ByRule;
        if (run.Files.Count > 1 && byRule.Count > 0)
        {
            w.Write("\nrule      errors  warnings  info  files  what\n");
            foreach (var c in byRule)
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{c.Rule.Id}  {c.Errors,9}  {c.Warnings,8}  {c.Infos,4}  {c.Files,5}  {c.Rule.Title}\n"));
        }
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Row(string file, string errors, string warnings, string info, int width) =>
        string.Create(CultureInfo.InvariantCulture, $"{file.PadRight(width)}  {errors,9}  {warnings,8}  {info,4}\n");
}
