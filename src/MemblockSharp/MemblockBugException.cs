namespace MemblockSharp;

/// <summary>
/// The operation reached a state in which the Linux kernel itself stops with <c>BUG()</c>: for example a freshly doubled
/// region array that cannot be reserved in memblock. The tables are left as the kernel would have left them at that
/// moment; the instance should not be used further.
/// </summary>
public sealed class MemblockBugException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the kernel would have hit.</param>
    public MemblockBugException(string message) : base(message)
    {
    }
}
