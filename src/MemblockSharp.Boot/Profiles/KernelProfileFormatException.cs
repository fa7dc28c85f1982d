namespace MemblockSharp.Boot.Profiles;

/// <summary>A System.map or kernel config file could not be read: the message names the file and the line or symbol.</summary>
public sealed class KernelProfileFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file (or resource) name.</param>
    /// <param name="line">The 1-based line number, or 0 when the problem is not tied to one line.</param>
    /// <param name="message">What is wrong.</param>
    public KernelProfileFormatException(string source, int line, string message)
        : base(line > 0 ? $"{source}:{line}: {message}" : $"{source}: {message}")
    {
        Source = source;
        Line = line;
    }

    /// <summary>The file (or resource) name.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line number, or 0.</summary>
    public int Line { get; }
}
