namespace MemblockSharp.Boot.Lint;

/// <summary>One problem found in a device tree.</summary>
/// <param name="Rule">The rule that fired.</param>
/// <param name="Severity">Its severity here: the rule's, or lower when the finding rests on an assumption (a default load address).</param>
/// <param name="NodePath">The node at fault (<c>/memreserve/</c> for reservation-map entries, <c>/</c> for the whole tree).</param>
/// <param name="Message">What is wrong, with addresses.</param>
public sealed record LintFinding(LintRule Rule, LintSeverity Severity, string NodePath, string Message)
{
    /// <summary>The rule id.</summary>
    public string Id => Rule.Id;

    /// <summary>The kernel message or failure this finding prevents.</summary>
    public string Prevents => Rule.Prevents;
}
