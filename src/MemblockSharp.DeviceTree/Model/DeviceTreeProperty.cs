using System.Buffers.Binary;
using System.Text;

namespace MemblockSharp.DeviceTree;

/// <summary>
/// A property of a node: a name and a value that is a slice of the blob (no copy). Typed accessors
/// decode the value as big-endian cells, strings or string lists and throw <see cref="FdtException"/>
/// with <see cref="FdtErrorKind.BadPropertyValue"/> when the length does not fit the type.
/// </summary>
public sealed class DeviceTreeProperty
{
    internal DeviceTreeProperty(string name, ReadOnlyMemory<byte> value, int valueOffset, DeviceTreeNode node)
    {
        Name = name;
        Value = value;
        ValueOffset = valueOffset;
        Node = node;
    }

    /// <summary>The property name.</summary>
    public string Name { get; }

    /// <summary>The raw value bytes (a slice of the blob).</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The absolute byte offset of the value in the blob (-1 for values not read from a blob).</summary>
    public int ValueOffset { get; }

    /// <summary>The node this property belongs to.</summary>
    public DeviceTreeNode Node { get; }

    /// <summary>The value length in bytes.</summary>
    public int Length => Value.Length;

    /// <summary>True when the value is empty (a boolean property such as <c>no-map</c>).</summary>
    public bool IsEmpty => Value.IsEmpty;

    /// <summary>The value as one 32-bit cell.</summary>
    /// <returns>The cell.</returns>
    /// <exception cref="FdtException">The value is not exactly 4 bytes.</exception>
    public uint AsU32()
    {
        RequireLength(4, "one 32-bit cell");
        return BinaryPrimitives.ReadUInt32BigEndian(Value.Span);
    }

    /// <summary>The value as one 64-bit number (two cells).</summary>
    /// <returns>The number.</returns>
    /// <exception cref="FdtException">The value is not exactly 8 bytes.</exception>
    public ulong AsU64()
    {
        RequireLength(8, "one 64-bit number");
        return BinaryPrimitives.ReadUInt64BigEndian(Value.Span);
    }

    /// <summary>The value as a number of 1 or 2 cells (4 or 8 bytes), as <c>of_read_number</c> reads it.</summary>
    /// <returns>The number.</returns>
    /// <exception cref="FdtException">The value is not 4 or 8 bytes.</exception>
    public ulong AsNumber()
    {
        if (Length != 4 && Length != 8)
            throw Bad("a number of 1 or 2 cells");
        return CellReader.ReadNumber(Value.Span, Length / 4);
    }

    /// <summary>The value as big-endian 32-bit cells.</summary>
    /// <returns>The cells.</returns>
    /// <exception cref="FdtException">The length is not a multiple of 4.</exception>
    public uint[] AsCells()
    {
        if (Length % 4 != 0)
            throw Bad("a whole number of 32-bit cells");
        var span = Value.Span;
        var cells = new uint[Length / 4];
        for (var i = 0; i < cells.Length; i++)
            cells[i] = BinaryPrimitives.ReadUInt32BigEndian(span.Slice(i * 4, 4));
        return cells;
    }

    /// <summary>The value as one NUL-terminated string (the text up to the first NUL).</summary>
    /// <returns>The string.</returns>
    /// <exception cref="FdtException">The value is empty or has no NUL.</exception>
    public string AsString()
    {
        var span = Value.Span;
        var nul = span.IndexOf((byte)0);
        if (nul < 0)
            throw Bad("a NUL-terminated string");
        return Encoding.Latin1.GetString(span[..nul]);
    }

    /// <summary>True when the value is a string equal to <paramref name="text"/> (compared like C <c>strcmp</c>: up to the first NUL).</summary>
    /// <param name="text">The text to compare.</param>
    /// <returns>True on a match.</returns>
    public bool StringEquals(string text)
    {
        var span = Value.Span;
        var nul = span.IndexOf((byte)0);
        if (nul < 0 || nul != text.Length)
            return false;
        for (var i = 0; i < nul; i++)
        {
            if (span[i] != text[i])
                return false;
        }
        return true;
    }

    /// <summary>The value as a list of NUL-terminated strings (<c>compatible</c>, <c>reg-names</c>, ...).</summary>
    /// <returns>The strings, in order.</returns>
    /// <exception cref="FdtException">The value does not end with a NUL.</exception>
    public IReadOnlyList<string> AsStringList()
    {
        var span = Value.Span;
        if (span.IsEmpty)
            return [];
        if (span[^1] != 0)
            throw Bad("a list of NUL-terminated strings");
        var list = new List<string>();
        while (!span.IsEmpty)
        {
            var nul = span.IndexOf((byte)0);
            list.Add(Encoding.Latin1.GetString(span[..nul]));
            span = span[(nul + 1)..];
        }
        return list;
    }

    /// <summary>True when the value is a string list containing <paramref name="text"/> (as <c>of_flat_dt_is_compatible</c> matches).</summary>
    /// <param name="text">The string to look for.</param>
    /// <returns>True when found.</returns>
    public bool ContainsString(string text)
    {
        var span = Value.Span;
        while (!span.IsEmpty)
        {
            var nul = span.IndexOf((byte)0);
            var item = nul < 0 ? span : span[..nul];
            if (item.Length == text.Length)
            {
                var equal = true;
                for (var i = 0; i < item.Length && equal; i++)
                    equal = char.ToLowerInvariant((char)item[i]) == char.ToLowerInvariant(text[i]);
                if (equal)
                    return true;
            }
            if (nul < 0)
                break;
            span = span[(nul + 1)..];
        }
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Length} bytes)";

    private void RequireLength(int length, string what)
    {
        if (Length != length)
            throw Bad(what);
    }

    private FdtException Bad(string what) =>
        new(FdtErrorKind.BadPropertyValue, ValueOffset,
            $"property '{Name}' has {Length} bytes, which is not {what}", Node.Path);
}
