using System.Buffers.Binary;
using System.Text;

namespace MemblockSharp.DeviceTree;

/// <summary>
/// Writes version-17 blobs (last compatible version 16) in dtc's layout: header, memory-reservation map,
/// structure block, strings block (property names stored once). Nodes and properties are added in order
/// with a sequential API; <see cref="Finish"/> closes the blob and validates it by reading it back.
/// Misuse (a property outside a node, unbalanced nodes, a name with NUL or '/') throws
/// <see cref="InvalidOperationException"/> or <see cref="ArgumentException"/>.
/// </summary>
public sealed class FdtWriter
{
    /// <summary>Reader options for checking our own output: no depth limit beyond what was written.</summary>
    private static readonly FdtReaderOptions Unlimited = new() { MaxDepth = int.MaxValue };

    /// <summary>The reservation entries, in order.</summary>
    private readonly List<MemoryReservation> _reservations = [];

    /// <summary>The structure block being written.</summary>
    private readonly MemoryStream _struct = new();

    /// <summary>The strings block being written.</summary>
    private readonly MemoryStream _strings = new();

    /// <summary>Offset of each property name already in the strings block.</summary>
    private readonly Dictionary<string, int> _nameOffsets = new(StringComparer.Ordinal);

    /// <summary>Number of open nodes.</summary>
    private int _depth;

    /// <summary>True once the root node was closed.</summary>
    private bool _rootClosed;

    /// <summary>True once <see cref="Finish"/> ran.</summary>
    private bool _finished;

    /// <summary>Adds a memory-reservation entry (<c>/memreserve/</c>); only before the first node.</summary>
    /// <param name="address">The start address.</param>
    /// <param name="size">The size; must not be 0 (a zero size ends the map).</param>
    /// <returns>This writer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is 0.</exception>
    /// <exception cref="InvalidOperationException">Nodes were already written.</exception>
    public FdtWriter AddReservation(ulong address, ulong size)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        EnsureOpen();
        if (_struct.Length > 0)
            throw new InvalidOperationException("reservations must be added before the first node");
        _reservations.Add(new MemoryReservation(address, size));
        return this;
    }

    /// <summary>Opens a node; the first node is the root and must be named "".</summary>
    /// <param name="name">The node name with optional unit address.</param>
    /// <returns>This writer.</returns>
    /// <exception cref="ArgumentException">The name contains NUL or '/', or the root is named.</exception>
    /// <exception cref="InvalidOperationException">The root was already closed.</exception>
    public FdtWriter BeginNode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('/'))
            throw new ArgumentException("a node name cannot contain '/'", nameof(name));
        return BeginNodeUnchecked(name);
    }

    /// <summary>Opens a node whose name came from a parsed blob (which may hold any byte but NUL).</summary>
    private FdtWriter BeginNodeUnchecked(string name)
    {
        EnsureOpen();
        if (_rootClosed)
            throw new InvalidOperationException("the root node is already closed");
        if (name.Contains('\0'))
            throw new ArgumentException("a node name cannot contain NUL", nameof(name));
        if (_depth == 0 && name.Length != 0)
            throw new ArgumentException("the root node must be named \"\"", nameof(name));
        WriteU32(_struct, FdtFormat.TagBeginNode);
        var bytes = Encoding.Latin1.GetBytes(name);
        _struct.Write(bytes);
        _struct.WriteByte(0);
        Pad(_struct);
        _depth++;
        return this;
    }

    /// <summary>Closes the innermost open node.</summary>
    /// <returns>This writer.</returns>
    /// <exception cref="InvalidOperationException">No node is open.</exception>
    public FdtWriter EndNode()
    {
        EnsureOpen();
        if (_depth == 0)
            throw new InvalidOperationException("no node is open");
        WriteU32(_struct, FdtFormat.TagEndNode);
        if (--_depth == 0)
            _rootClosed = true;
        return this;
    }

    /// <summary>Adds a property with raw bytes to the innermost open node.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value bytes.</param>
    /// <returns>This writer.</returns>
    /// <exception cref="ArgumentException">The name is empty or contains NUL.</exception>
    /// <exception cref="InvalidOperationException">No node is open.</exception>
    public FdtWriter Property(string name, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            throw new ArgumentException("a property name must be non-empty", nameof(name));
        return PropertyUnchecked(name, value);
    }

    /// <summary>Adds a property whose name came from a parsed blob (which may be empty).</summary>
    private FdtWriter PropertyUnchecked(string name, ReadOnlySpan<byte> value)
    {
        EnsureOpen();
        if (_depth == 0)
            throw new InvalidOperationException("a property needs an open node");
        if (name.Contains('\0'))
            throw new ArgumentException("a property name cannot contain NUL", nameof(name));
        WriteU32(_struct, FdtFormat.TagProp);
        WriteU32(_struct, (uint)value.Length);
        WriteU32(_struct, (uint)NameOffset(name));
        _struct.Write(value);
        Pad(_struct);
        return this;
    }

    /// <summary>Adds an empty (boolean) property such as <c>no-map</c>.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>This writer.</returns>
    public FdtWriter Property(string name) => Property(name, ReadOnlySpan<byte>.Empty);

    /// <summary>Adds a property of big-endian 32-bit cells.</summary>
    /// <param name="name">The property name.</param>
    /// <param name="cells">The cells.</param>
    /// <returns>This writer.</returns>
    public FdtWriter PropertyCells(string name, params ReadOnlySpan<uint> cells)
    {
        var bytes = new byte[cells.Length * 4];
        for (var i = 0; i < cells.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), cells[i]);
        return Property(name, bytes);
    }

    /// <summary>Adds a property holding one 64-bit number (two cells).</summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The number.</param>
    /// <returns>This writer.</returns>
    public FdtWriter PropertyU64(string name, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return Property(name, bytes);
    }

    /// <summary>Adds a property of NUL-terminated strings (one string, or a string list).</summary>
    /// <param name="name">The property name.</param>
    /// <param name="values">The strings; none may contain NUL.</param>
    /// <returns>This writer.</returns>
    /// <exception cref="ArgumentException">A string contains NUL.</exception>
    public FdtWriter PropertyStrings(string name, params string[] values)
    {
        var buffer = new MemoryStream();
        foreach (var v in values)
        {
            if (v.Contains('\0'))
                throw new ArgumentException("a string value cannot contain NUL", nameof(values));
            buffer.Write(Encoding.Latin1.GetBytes(v));
            buffer.WriteByte(0);
        }
        return Property(name, buffer.ToArray());
    }

    /// <summary>Closes the blob, checks it with the reader and returns its bytes.</summary>
    /// <param name="bootCpuId">The header's boot_cpuid_phys.</param>
    /// <returns>The blob.</returns>
    /// <exception cref="InvalidOperationException">No root node was written, or nodes are still open.</exception>
    public byte[] Finish(uint bootCpuId = 0)
    {
        EnsureOpen();
        if (!_rootClosed || _depth != 0)
            throw new InvalidOperationException(_depth != 0 ? $"{_depth} node(s) still open" : "no root node was written");
        _finished = true;
        WriteU32(_struct, FdtFormat.TagEnd);

        var reservationOffset = FdtFormat.HeaderSizeV17;
        var structOffset = reservationOffset + (_reservations.Count + 1) * FdtFormat.ReservationEntrySize;
        var stringsOffset = structOffset + (int)_struct.Length;
        var total = stringsOffset + (int)_strings.Length;
        var blob = new byte[total];
        var span = blob.AsSpan();
        Span<uint> fields =
        [
            FdtFormat.Magic, (uint)total, (uint)structOffset, (uint)stringsOffset, (uint)reservationOffset,
            FdtFormat.WriteVersion, FdtFormat.WriteLastCompatibleVersion, bootCpuId, (uint)_strings.Length, (uint)_struct.Length,
        ];
        for (var i = 0; i < fields.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(span[(i * 4)..], fields[i]);
        var at = reservationOffset;
        foreach (var r in _reservations)
        {
            BinaryPrimitives.WriteUInt64BigEndian(span[at..], r.Address);
            BinaryPrimitives.WriteUInt64BigEndian(span[(at + 8)..], r.Size);
            at += FdtFormat.ReservationEntrySize;
        }
        _struct.GetBuffer().AsSpan(0, (int)_struct.Length).CopyTo(span[structOffset..]);
        _strings.GetBuffer().AsSpan(0, (int)_strings.Length).CopyTo(span[stringsOffset..]);

        FdtReader.Validate(blob, Unlimited);
        return blob;
    }

    /// <summary>Serialises a whole tree (reservations, nodes and properties in order) into a new blob.</summary>
    /// <param name="tree">The tree.</param>
    /// <returns>The blob.</returns>
    public static byte[] Write(FlattenedDeviceTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var writer = new FdtWriter();
        foreach (var r in tree.MemoryReservations)
            writer.AddReservation(r.Address, r.Size);
        var stack = new Stack<(DeviceTreeNode Node, int Next)>();
        writer.Open(tree.Root);
        stack.Push((tree.Root, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.Children.Count)
            {
                stack.Push((node, next + 1));
                var child = node.Children[next];
                writer.Open(child);
                stack.Push((child, 0));
            }
            else
            {
                writer.EndNode();
            }
        }
        return writer.Finish(tree.Header.BootCpuId);
    }

    private void Open(DeviceTreeNode node)
    {
        BeginNodeUnchecked(node.Name);
        foreach (var p in node.Properties)
            PropertyUnchecked(p.Name, p.Value.Span);
    }

    private int NameOffset(string name)
    {
        if (_nameOffsets.TryGetValue(name, out var offset))
            return offset;
        offset = (int)_strings.Length;
        _strings.Write(Encoding.Latin1.GetBytes(name));
        _strings.WriteByte(0);
        _nameOffsets[name] = offset;
        return offset;
    }

    private void EnsureOpen()
    {
        if (_finished)
            throw new InvalidOperationException("the blob is already finished");
    }

    private static void WriteU32(Stream s, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        s.Write(b);
    }

    private static void Pad(Stream s)
    {
        while (s.Length % FdtFormat.TagSize != 0)
            s.WriteByte(0);
    }
}
