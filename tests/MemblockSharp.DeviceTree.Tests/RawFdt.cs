using System.Buffers.Binary;
using System.Text;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.DeviceTree.Tests;

/// <summary>
/// Assembles blobs word by word, so tests can build broken structures on purpose. Layout: header (40 bytes),
/// reservation map, structure block, strings block; every header field can be overridden afterwards.
/// </summary>
internal sealed class RawFdt
{
    private readonly List<byte> _struct = [];
    private readonly List<byte> _strings = [];
    private readonly List<(ulong, ulong)> _rsv = [];

    public RawFdt Reserve(ulong address, ulong size) { _rsv.Add((address, size)); return this; }

    public RawFdt Word(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        _struct.AddRange(b.ToArray());
        return this;
    }

    public RawFdt Begin(string name)
    {
        Word(FdtFormat.TagBeginNode);
        _struct.AddRange(Encoding.ASCII.GetBytes(name));
        _struct.Add(0);
        while (_struct.Count % 4 != 0)
            _struct.Add(0);
        return this;
    }

    public RawFdt End() => Word(FdtFormat.TagEndNode);

    public RawFdt Nop() => Word(FdtFormat.TagNop);

    public RawFdt Finish() => Word(FdtFormat.TagEnd);

    /// <summary>Adds a property whose name is stored in the strings block (appended).</summary>
    public RawFdt Prop(string name, params byte[] value) => PropAt(AddString(name), value);

    public RawFdt PropAt(uint nameOffset, byte[] value, uint? lengthOverride = null)
    {
        Word(FdtFormat.TagProp).Word(lengthOverride ?? (uint)value.Length).Word(nameOffset);
        _struct.AddRange(value);
        while (_struct.Count % 4 != 0)
            _struct.Add(0);
        return this;
    }

    public RawFdt Cells(string name, params uint[] cells)
    {
        var bytes = new byte[cells.Length * 4];
        for (var i = 0; i < cells.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), cells[i]);
        return Prop(name, bytes);
    }

    public uint AddString(string s)
    {
        var offset = (uint)_strings.Count;
        _strings.AddRange(Encoding.ASCII.GetBytes(s));
        _strings.Add(0);
        return offset;
    }

    public RawFdt RawStrings(params byte[] bytes) { _strings.AddRange(bytes); return this; }

    public int StructOffset => 40 + (_rsv.Count + 1) * 16;

    public byte[] Build(uint version = 17)
    {
        var rsvOff = 40;
        var structOff = StructOffset;
        var stringsOff = structOff + _struct.Count;
        var total = stringsOff + _strings.Count;
        var blob = new byte[total];
        uint[] header = [FdtFormat.Magic, (uint)total, (uint)structOff, (uint)stringsOff, (uint)rsvOff, version, version >= 16 ? 16u : 1u, 0, (uint)_strings.Count, (uint)_struct.Count];
        for (var i = 0; i < header.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(i * 4), header[i]);
        var at = rsvOff;
        foreach (var (a, s) in _rsv)
        {
            BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(at), a);
            BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(at + 8), s);
            at += 16;
        }
        _struct.CopyTo(blob, structOff);
        _strings.CopyTo(blob, stringsOff);
        return blob;
    }

    public static void SetField(byte[] blob, int fieldOffset, uint value) =>
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(fieldOffset), value);

    public static uint GetField(byte[] blob, int fieldOffset) =>
        BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(fieldOffset));

    /// <summary>A small valid tree: two reservations, root with cells, a memory node, a chosen node.</summary>
    public static RawFdt Sample() => new RawFdt()
        .Reserve(0x4a000000, 0x100000).Reserve(0x7f000000, 0x10000)
        .Begin("")
        .Cells("#address-cells", 2).Cells("#size-cells", 2)
        .Begin("memory@40000000").Prop("device_type", "memory\0"u8.ToArray()).Cells("reg", 0, 0x40000000, 0, 0x40000000).End()
        .Begin("chosen").Prop("bootargs", "console=ttyAMA0\0"u8.ToArray()).End()
        .End()
        .Finish();
}
