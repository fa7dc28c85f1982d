namespace MemblockSharp.Boot.KernelLog;

/// <summary>
/// A kernel log that cannot be read: not a Linux log at all, binary data, or a line that starts like a record the
/// reader knows (a <c>memblock=debug</c> call, a <c>MEMBLOCK configuration</c> dump line) but is cut short or garbled.
/// The message names the source and the 1-based line number.
/// </summary>
public sealed class KernelLogFormatException : FormatException
{
    /// <summary>Creates the exception for a problem at <paramref name="lineNumber"/> of <paramref name="source"/>.</summary>
    /// <param name="source">The file name or other label of the log.</param>
    /// <param name="lineNumber">The 1-based line number (0 when the problem concerns the whole log).</param>
    /// <param name="message">What is wrong.</param>
    public KernelLogFormatException(string source, int lineNumber, string message)
        : base(lineNumber > 0 ? $"{source}:{lineNumber}: {message}" : $"{source}: {message}")
    {
        Source = source;
        LineNumber = lineNumber;
        Reason = message;
    }

    /// <summary>The file name or label of the log.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line number of the problem, or 0 for the whole log.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }
}
