namespace MemblockSharp.Conformance;

/// <summary>A conformance file that does not follow the vector schema: says which line and what is wrong.</summary>
public sealed class ConformanceFormatException : FormatException
{
    /// <summary>Creates the exception for a problem on <paramref name="lineNumber"/> (1-based).</summary>
    /// <param name="lineNumber">The 1-based line of the JSON Lines file.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The underlying parser error, if any.</param>
    public ConformanceFormatException(int lineNumber, string message, Exception? inner = null)
        : base($"line {lineNumber}: {message}", inner)
    {
        LineNumber = lineNumber;
    }

    /// <summary>The 1-based line number of the offending case.</summary>
    public int LineNumber { get; }
}
