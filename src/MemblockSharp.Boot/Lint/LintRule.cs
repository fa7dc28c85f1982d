namespace MemblockSharp.Boot.Lint;

/// <summary>One lint rule: a stable id, its usual severity, what it checks and what it prevents at boot.</summary>
/// <param name="Id">The stable id (<c>MB001</c> ...); never reused for another meaning.</param>
/// <param name="Severity">The severity of its findings (a finding may be lowered, see <see cref="LintFinding.Severity"/>).</param>
/// <param name="Title">What the rule checks, in a few words.</param>
/// <param name="Prevents">The kernel message or failure the rule catches before boot (the kernel's own log text where there is one).</param>
public sealed record LintRule(string Id, LintSeverity Severity, string Title, string Prevents);
