using System.Text.Json.Serialization;

namespace MemblockSharp.Cli.Rendering.Json;

/// <summary><c>memblock lint --json</c> (docs/json/lint.md).</summary>
internal sealed record LintDocument(string Kernel, IReadOnlyList<LintFileJson> Files, LintTotalsJson Totals, int ExitCode,
    IReadOnlyList<LintRuleJson> Rules);

/// <summary>
/// One file: <c>path</c> and <c>status</c>, then <c>error</c> for a file that could not be read (<c>bad-input</c>), or the
/// counts and findings for one that was linted (<c>ok</c>).
/// </summary>
internal sealed record LintFileJson(
    string Path,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Warnings,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Infos,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<LintFindingJson>? Findings);

/// <summary>One finding.</summary>
internal sealed record LintFindingJson(string Id, string Severity, string Node, string Message, string Prevents);

/// <summary>The counts over every file, and per rule.</summary>
internal sealed record LintTotalsJson(int Files, int BadInput, int Errors, int Warnings, int Infos, IReadOnlyDictionary<string, LintRuleCountJson> ByRule);

/// <summary>One rule's counts.</summary>
internal sealed record LintRuleCountJson(int Errors, int Warnings, int Infos, int Files);

/// <summary>One rule of the catalogue.</summary>
internal sealed record LintRuleJson(string Id, string Severity, string Title, string Prevents);
