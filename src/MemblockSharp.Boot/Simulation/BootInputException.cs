namespace MemblockSharp.Boot.Simulation;

/// <summary>The boot inputs are unusable (no memory, a malformed command-line value, a bad reserved-memory node, …); the message says what and where.</summary>
public sealed class BootInputException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where (node path, parameter).</param>
    public BootInputException(string message) : base(message) { }

    /// <summary>
    /// True when the fault is in the device tree blob itself (e.g. its memory is a placeholder), so a caller that knows
    /// the blob's file name puts it in front of the message.
    /// </summary>
    public bool InDeviceTree { get; init; }
}
