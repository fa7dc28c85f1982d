using System.Buffers.Binary;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.DeviceTreeScan;

/// <summary>
/// Numbers read from device-tree cells the way the kernel's early scan reads them, including where it reads a short
/// property: the scan (<see cref="BootScanner"/>) and the linter use these so both see the same values.
/// </summary>
internal static class KernelCells
{
    /// <summary>Reads a number of <paramref name="cells"/> cells at cell index <paramref name="index"/>, zero beyond the value (where the kernel would read past it).</summary>
    public static ulong ReadCells(ReadOnlySpan<byte> value, int index, int cells)
    {
        ulong result = 0;
        for (var i = 0; i < cells; i++)
        {
            var at = (index + i) * 4;
            uint cell = at + 4 <= value.Length ? BinaryPrimitives.ReadUInt32BigEndian(value.Slice(at, 4)) : 0;
            result = (result << 32) | cell;
        }
        return result;
    }

    /// <summary>be32_to_cpup of a property: its first cell, or null when absent or shorter than a cell.</summary>
    public static uint? FirstCell(DeviceTreeProperty? property) =>
        property is { Length: >= 4 } ? BinaryPrimitives.ReadUInt32BigEndian(property.Value.Span) : null;

    /// <summary>of_read_number(prop, len / 4).</summary>
    public static ulong ReadNumber(DeviceTreeProperty property) => ReadCells(property.Value.Span, 0, property.Length / 4);
}
