using System.Buffers.Binary;

namespace MemblockSharp.DeviceTree;

/// <summary>
/// Reads and validates flattened device tree blobs. Every access to the blob goes through three gates:
/// <see cref="CheckRange"/> (an offset and length inside a limit, in 64-bit arithmetic so one comparison
/// catches overflow), <see cref="U32"/> (a big-endian word behind that check) and <see cref="FindNul"/>
/// (a bounded search for a terminator). Nothing else indexes the blob.
/// </summary>
public static partial class FdtReader
{
    /// <summary>Reads and checks the header (what libfdt's <c>fdt_check_header</c> and the prologue of <c>fdt_check_full</c> check).</summary>
    /// <param name="blob">The blob.</param>
    /// <returns>The header fields.</returns>
    /// <exception cref="FdtException">The header is truncated, has a bad magic or version, or a block lies outside the blob.</exception>
    public static FdtHeader ReadHeader(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < FdtFormat.HeaderSizeV1)
            throw new FdtException(FdtErrorKind.HeaderTruncated, blob.Length,
                $"the blob has {blob.Length} bytes, fewer than the {FdtFormat.HeaderSizeV1}-byte minimal header");
        var magic = U32(blob, FdtFormat.Field.Magic, blob.Length, FdtErrorKind.HeaderTruncated);
        var version = U32(blob, FdtFormat.Field.Version, blob.Length, FdtErrorKind.HeaderTruncated);
        var headerSize = FdtFormat.HeaderSize(version);
        if (blob.Length < headerSize)
            throw new FdtException(FdtErrorKind.HeaderTruncated, blob.Length,
                $"the blob has {blob.Length} bytes, fewer than the {headerSize}-byte header of version {version}");
        if (magic != FdtFormat.Magic)
            throw new FdtException(FdtErrorKind.BadMagic, FdtFormat.Field.Magic,
                magic == FdtFormat.SequentialWriteMagic
                    ? "magic 0x2ff20112: an unfinished sequential-write blob"
                    : $"magic 0x{magic:x8} is not 0xd00dfeed");
        var lastComp = U32(blob, FdtFormat.Field.LastCompatibleVersion, blob.Length, FdtErrorKind.HeaderTruncated);
        if (version < FdtFormat.FirstSupportedVersion || lastComp > FdtFormat.LastSupportedVersion || version < lastComp)
            throw new FdtException(FdtErrorKind.BadVersion, FdtFormat.Field.Version,
                $"version {version} (last compatible {lastComp}) is not readable (supported: {FdtFormat.FirstSupportedVersion}..{FdtFormat.LastSupportedVersion})");

        // libfdt reads size_dt_strings from the v3 position even for a v2 header; so do we, when the bytes exist.
        var header = new FdtHeader(
            magic,
            HeaderField(blob, FdtFormat.Field.TotalSize),
            HeaderField(blob, FdtFormat.Field.OffsetStruct),
            HeaderField(blob, FdtFormat.Field.OffsetStrings),
            HeaderField(blob, FdtFormat.Field.OffsetReservations),
            version,
            lastComp,
            version >= 2 ? HeaderField(blob, FdtFormat.Field.BootCpuId) : 0,
            HeaderField(blob, FdtFormat.Field.SizeStrings),
            version >= 17 ? HeaderField(blob, FdtFormat.Field.SizeStruct) : 0);

        var total = (ulong)header.TotalSize;
        if (total < (ulong)headerSize || total > int.MaxValue)
            throw new FdtException(FdtErrorKind.BadTotalSize, FdtFormat.Field.TotalSize,
                $"totalsize {header.TotalSize} is outside {headerSize}..{int.MaxValue}");
        CheckBlock(header.OffsetReservations, 0, headerSize, total, FdtFormat.Field.OffsetReservations, "memory-reservation map");
        CheckBlock(header.OffsetStruct, version >= 17 ? header.SizeStruct : 0, headerSize, total, FdtFormat.Field.OffsetStruct, "structure block");
        CheckBlock(header.OffsetStrings, header.SizeStrings, headerSize, total, FdtFormat.Field.OffsetStrings, "strings block");
        if ((ulong)blob.Length < total)
            throw new FdtException(FdtErrorKind.BadTotalSize, blob.Length,
                $"totalsize {header.TotalSize} is larger than the {blob.Length} bytes given");
        if (header.OffsetReservations % 8 != 0)
            throw new FdtException(FdtErrorKind.MisalignedBlock, FdtFormat.Field.OffsetReservations,
                $"the memory-reservation map at 0x{header.OffsetReservations:x} is not 8-byte aligned");
        if (header.OffsetStruct % 4 != 0)
            throw new FdtException(FdtErrorKind.MisalignedBlock, FdtFormat.Field.OffsetStruct,
                $"the structure block at 0x{header.OffsetStruct:x} is not 4-byte aligned");
        return header;
    }

    /// <summary>Validates a blob completely without building the tree.</summary>
    /// <param name="blob">The blob.</param>
    /// <param name="options">Limits; <see cref="FdtReaderOptions.Default"/> when null.</param>
    /// <exception cref="FdtException">The blob is malformed.</exception>
    public static void Validate(ReadOnlySpan<byte> blob, FdtReaderOptions? options = null)
    {
        var header = ReadHeader(blob);
        var reservationEnd = ReadReservations(blob, header, null);
        var walker = new StructureWalker(header, options ?? FdtReaderOptions.Default, build: false);
        walker.Walk(blob, default);
        CheckOverlap(header, reservationEnd, walker.StructureEnd);
    }

    internal static FlattenedDeviceTree Read(ReadOnlyMemory<byte> memory, FdtReaderOptions options)
    {
        var blob = memory.Span;
        var header = ReadHeader(blob);
        var reservations = new List<MemoryReservation>();
        var reservationEnd = ReadReservations(blob, header, reservations);
        var walker = new StructureWalker(header, options, build: true);
        walker.Walk(blob, memory);
        CheckOverlap(header, reservationEnd, walker.StructureEnd);
        return new FlattenedDeviceTree(memory[..(int)header.TotalSize], header, reservations, walker.Root!, walker.NodeCount, walker.PropertyCount);
    }

    /// <summary>Gate 1: fails unless [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>) lies below <paramref name="limit"/>.</summary>
    private static void CheckRange(long offset, long length, long limit, FdtErrorKind kind, string what)
    {
        if (offset < 0 || length < 0 || (ulong)offset + (ulong)length > (ulong)limit)
            throw new FdtException(kind, offset, $"{what} ({length} bytes) runs past byte 0x{limit:x}");
    }

    /// <summary>Gate 2: a big-endian 32-bit word at <paramref name="offset"/>, checked against <paramref name="limit"/>.</summary>
    private static uint U32(ReadOnlySpan<byte> blob, long offset, long limit, FdtErrorKind kind, string what = "a 32-bit word")
    {
        CheckRange(offset, 4, Math.Min(limit, blob.Length), kind, what);
        return BinaryPrimitives.ReadUInt32BigEndian(blob.Slice((int)offset, 4));
    }

    /// <summary>Gate 3: the offset of the first NUL in [<paramref name="start"/>, <paramref name="limit"/>), or -1.</summary>
    private static long FindNul(ReadOnlySpan<byte> blob, long start, long limit)
    {
        limit = Math.Min(limit, blob.Length);
        if (start < 0 || start >= limit)
            return -1;
        var index = blob[(int)start..(int)limit].IndexOf((byte)0);
        return index < 0 ? -1 : start + index;
    }

    private static uint HeaderField(ReadOnlySpan<byte> blob, int offset) =>
        U32(blob, offset, blob.Length, FdtErrorKind.HeaderTruncated, $"the header field at byte {offset}");

    private static void CheckBlock(uint offset, uint size, int headerSize, ulong total, int field, string what)
    {
        if (offset < (uint)headerSize || offset > total || (ulong)offset + size > total)
            throw new FdtException(FdtErrorKind.BlockOutOfBounds, field,
                $"the {what} at 0x{offset:x} ({size} bytes) is not inside bytes 0x{headerSize:x}..0x{total:x}");
    }

    /// <summary>Reads the reservation map up to its zero-size terminator; returns the end of the map.</summary>
    private static long ReadReservations(ReadOnlySpan<byte> blob, FdtHeader header, List<MemoryReservation>? into)
    {
        long offset = header.OffsetReservations;
        long total = header.TotalSize;
        while (true)
        {
            CheckRange(offset, FdtFormat.ReservationEntrySize, total, FdtErrorKind.ReservationMapTruncated,
                "a memory-reservation entry, before the map's zero-size terminator,");
            var address = ((ulong)U32(blob, offset, total, FdtErrorKind.ReservationMapTruncated) << 32)
                | U32(blob, offset + 4, total, FdtErrorKind.ReservationMapTruncated);
            var size = ((ulong)U32(blob, offset + 8, total, FdtErrorKind.ReservationMapTruncated) << 32)
                | U32(blob, offset + 12, total, FdtErrorKind.ReservationMapTruncated);
            offset += FdtFormat.ReservationEntrySize;
            if (size == 0)
                return offset;
            into?.Add(new MemoryReservation(address, size));
        }
    }

    private static void CheckOverlap(FdtHeader header, long reservationEnd, long structEnd)
    {
        Span<(long Start, long End, string Name)> blocks =
        [
            (header.OffsetReservations, reservationEnd, "memory-reservation map"),
            (header.OffsetStruct, structEnd, "structure block"),
            (header.OffsetStrings, (long)header.OffsetStrings + header.SizeStrings, "strings block"),
        ];
        for (var i = 0; i < blocks.Length; i++)
        {
            for (var j = i + 1; j < blocks.Length; j++)
            {
                var (a, b) = (blocks[i], blocks[j]);
                if (a.End > a.Start && b.End > b.Start && a.Start < b.End && b.Start < a.End)
                    throw new FdtException(FdtErrorKind.BlocksOverlap, Math.Max(a.Start, b.Start),
                        $"the {a.Name} [0x{a.Start:x}, 0x{a.End:x}) and the {b.Name} [0x{b.Start:x}, 0x{b.End:x}) overlap");
            }
        }
    }
}
