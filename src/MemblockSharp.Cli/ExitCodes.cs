namespace MemblockSharp.Cli;

/// <summary>The process exit codes every command uses.</summary>
public static class ExitCodes
{
    /// <summary>Success: the command did what was asked and found nothing wrong.</summary>
    public const int Ok = 0;

    /// <summary>The command ran but found failures (failed conformance cases, lint errors, ...).</summary>
    public const int Findings = 1;

    /// <summary>Bad usage or bad input (unreadable file, malformed data); one located message on stderr.</summary>
    public const int BadInput = 2;
}
