namespace MemblockSharp;

/// <summary>
/// The operation reached a <c>panic()</c> of the kernel's memblock: in Linux 6.12, a full region array that must grow
/// while resizing is not allowed (<c>memblock: cannot resize reserved array</c>). The kernel stops there; the tables
/// are left exactly as they were at that moment, and the instance should not be used further.
/// </summary>
public sealed class MemblockPanicException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The kernel's panic message, without its newline.</param>
    public MemblockPanicException(string message) : base(message)
    {
    }
}
