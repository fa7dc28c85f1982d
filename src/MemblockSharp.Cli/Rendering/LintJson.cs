using MemblockSharp.Boot.Lint;
using MemblockSharp.Cli.Rendering.Json;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The JSON form of <c>memblock lint --json</c>; the schema is documented in <c>docs/json/lint.md</c>.</summary>
internal static class LintJson
{
    /// <summary>Writes the run as one indented JSON object followed by a newline.</summary>
    /// <param name="w">The output.</param>
    /// <param name="run">The run.</param>
    public static void Write(TextWriter w, LintRun run) => JsonOutput.Write(w, Document(run), JsonOutput.Types.LintDocument);

    /// <summary>The run as a document.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The document.</returns>
    public static LintDocument Document(LintRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var byRule = new Dictionary<string, LintRuleCountJson>();
        foreach (var c in run.ByRule)
            byRule[c.Rule.Id] = new LintRuleCountJson(c.Errors, c.Warnings, c.Infos, c.Files);
        return new LintDocument(
            run.Kernel,
            [.. run.Files.Select(File)],
            new LintTotalsJson(run.Files.Count, run.BadInput, run.Errors, run.Warnings, run.Infos, byRule),
            run.ExitCode,
            [.. LintRules.All.Select(rule => new LintRuleJson(rule.Id, LintText.Severity(rule.Severity), rule.Title, rule.Prevents))]);
    }

    private static LintFileJson File(LintFileResult f) => f.Report is not { } r
        ? new LintFileJson(f.Path, "bad-input", f.Error, null, null, null, null)
        : new LintFileJson(f.Path, "ok", null, r.Errors, r.Warnings, r.Infos,
            [.. r.Findings.Select(x => new LintFindingJson(x.Id, LintText.Severity(x.Severity), x.NodePath, x.Message, x.Prevents))]);
}
