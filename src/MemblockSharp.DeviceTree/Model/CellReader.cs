using System.Buffers.Binary;

namespace MemblockSharp.DeviceTree;

/// <summary>Reads numbers made of big-endian 32-bit cells.</summary>
public static class CellReader
{
    /// <summary>
    /// Reads a number of <paramref name="cells"/> cells the way Linux's <c>of_read_number</c> does: each cell
    /// shifts the result left by 32 bits, so a number wider than two cells keeps its last two.
    /// </summary>
    /// <param name="data">At least <paramref name="cells"/> * 4 bytes.</param>
    /// <param name="cells">The number of cells (0 gives 0).</param>
    /// <returns>The number.</returns>
    public static ulong ReadNumber(ReadOnlySpan<byte> data, int cells)
    {
        ulong value = 0;
        for (var i = 0; i < cells; i++)
            value = (value << 32) | BinaryPrimitives.ReadUInt32BigEndian(data.Slice(i * 4, 4));
        return value;
    }
}
