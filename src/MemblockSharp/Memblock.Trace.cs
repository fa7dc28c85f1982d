namespace MemblockSharp;

// The memblock=debug lines.
public sealed partial class Memblock
{
    /// <summary>Formats an address as the kernel's <c>%pa</c> does for a 64-bit physical address.</summary>
    internal static string Hex(ulong value) => "0x" + value.ToString("x16");

    /// <summary>Emits a <c>name: [base-end] caller</c> line, end being the last byte (<c>base + size − 1</c>, unwrapped as the kernel prints it).</summary>
    private void TraceRange(string function, ulong @base, ulong size, string? caller)
    {
        if (Trace is not null)
            EmitTrace($"{function}: [{Hex(@base)}-{Hex(unchecked(@base + size - 1))}] {caller ?? "?"}");
    }

    private void EmitTrace(string line) => Trace?.Invoke(line);
}
