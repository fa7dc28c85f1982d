namespace MemblockSharp.DeviceTree;

/// <summary>
/// The flattened device tree format, described once as data: the header fields with the version that
/// introduced them, the tag values and the sizes. All multi-byte values in a blob are big-endian.
/// </summary>
public static class FdtFormat
{
    /// <summary>The magic word of a finished blob.</summary>
    public const uint Magic = 0xd00dfeed;

    /// <summary>The magic word libfdt's sequential writer uses while a blob is unfinished.</summary>
    public const uint SequentialWriteMagic = ~Magic;

    /// <summary>FDT_BEGIN_NODE: starts a node; followed by its NUL-terminated name, padded to 4 bytes.</summary>
    public const uint TagBeginNode = 1;

    /// <summary>FDT_END_NODE: closes the innermost open node.</summary>
    public const uint TagEndNode = 2;

    /// <summary>FDT_PROP: a property; followed by its value length, name offset and value, padded to 4 bytes.</summary>
    public const uint TagProp = 3;

    /// <summary>FDT_NOP: ignored anywhere in the structure block.</summary>
    public const uint TagNop = 4;

    /// <summary>FDT_END: ends the structure block.</summary>
    public const uint TagEnd = 9;

    /// <summary>Size of a tag word.</summary>
    public const int TagSize = 4;

    /// <summary>Size of one reservation-map entry (address and size, 64 bits each).</summary>
    public const int ReservationEntrySize = 16;

    /// <summary>Oldest version libfdt reads.</summary>
    public const uint FirstSupportedVersion = 2;

    /// <summary>Newest version libfdt knows.</summary>
    public const uint LastSupportedVersion = 17;

    /// <summary>The version this library writes.</summary>
    public const uint WriteVersion = 17;

    /// <summary>The last compatible version this library writes.</summary>
    public const uint WriteLastCompatibleVersion = 16;

    /// <summary>Byte offsets of the header fields, each a 32-bit word, in header order.</summary>
    public static class Field
    {
        /// <summary>magic.</summary>
        public const int Magic = 0;
        /// <summary>totalsize.</summary>
        public const int TotalSize = Magic + 4;
        /// <summary>off_dt_struct.</summary>
        public const int OffsetStruct = TotalSize + 4;
        /// <summary>off_dt_strings.</summary>
        public const int OffsetStrings = OffsetStruct + 4;
        /// <summary>off_mem_rsvmap.</summary>
        public const int OffsetReservations = OffsetStrings + 4;
        /// <summary>version.</summary>
        public const int Version = OffsetReservations + 4;
        /// <summary>last_comp_version.</summary>
        public const int LastCompatibleVersion = Version + 4;
        /// <summary>boot_cpuid_phys (version 2 and later).</summary>
        public const int BootCpuId = LastCompatibleVersion + 4;
        /// <summary>size_dt_strings (version 3 and later).</summary>
        public const int SizeStrings = BootCpuId + 4;
        /// <summary>size_dt_struct (version 17 and later).</summary>
        public const int SizeStruct = SizeStrings + 4;
        /// <summary>The end of a version 17 header.</summary>
        public const int End = SizeStruct + 4;
    }

    /// <summary>Size of a version 1 header.</summary>
    public const int HeaderSizeV1 = Field.BootCpuId;

    /// <summary>Size of a version 17 header (the largest).</summary>
    public const int HeaderSizeV17 = Field.End;

    /// <summary>The header size a version uses (28, 32, 36 or 40 bytes), as libfdt computes it.</summary>
    /// <param name="version">The header's version field.</param>
    /// <returns>The header size in bytes.</returns>
    public static int HeaderSize(uint version) => version switch
    {
        <= 1 => Field.BootCpuId,
        2 => Field.SizeStrings,
        <= 16 => Field.SizeStruct,
        _ => Field.End,
    };

    /// <summary>Rounds <paramref name="offset"/> up to the next tag boundary (4 bytes).</summary>
    /// <param name="offset">A byte offset.</param>
    /// <returns>The aligned offset.</returns>
    public static long AlignTag(long offset) => (offset + (TagSize - 1)) & ~(long)(TagSize - 1);
}
