using MemblockSharp.Text;

namespace MemblockSharp;

// The memblock=debug lines.
public sealed partial class Memblock
{
    /// <summary>Emits a <c>name: [base-end] caller</c> line, end being the last byte (<c>base + size − 1</c>, unwrapped as the kernel prints it).</summary>
    private void TraceRange(string function, ulong @base, ulong size, string? caller)
    {
        if (Trace is not null)
            EmitTrace($"{function}: [{Pa(@base)}-{Pa(unchecked(@base + size - 1))}] {caller ?? "?"}");
    }

    private void EmitTrace(string line) => Trace?.Invoke(line);

    /// <summary>An address or size as this kernel's <c>%pa</c> prints it (<see cref="MemblockOptions.PhysAddrBytes"/> wide).</summary>
    private string Pa(ulong value) => Hex.FormatPhys(value, Options.PhysAddrBytes);
}
