namespace MemblockSharp.Boot.Simulation;

/// <summary>The boot inputs are unusable (no memory, a malformed command-line value, a bad reserved-memory node, …); the message says what and where.</summary>
public sealed class BootInputException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where (node path, parameter).</param>
    public BootInputException(string message) : base(message) { }
}
