namespace MemblockSharp.Boot.Lint;

/// <summary>How serious a lint finding is.</summary>
public enum LintSeverity
{
    /// <summary>Worth knowing; nothing goes wrong at boot.</summary>
    Info,

    /// <summary>Boots, but not as written (memory lost or a schema rule broken); the kernel is mostly silent about it.</summary>
    Warning,

    /// <summary>The kernel ignores, refuses or mis-places what the tree asks for, or two owners claim the same memory.</summary>
    Error,
}
