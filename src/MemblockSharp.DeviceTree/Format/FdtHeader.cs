namespace MemblockSharp.DeviceTree;

/// <summary>The fields of a blob's header, as read (fields a version lacks are 0).</summary>
/// <param name="Magic">The magic word.</param>
/// <param name="TotalSize">The blob's total size in bytes.</param>
/// <param name="OffsetStruct">Offset of the structure block.</param>
/// <param name="OffsetStrings">Offset of the strings block.</param>
/// <param name="OffsetReservations">Offset of the memory-reservation map.</param>
/// <param name="Version">The format version.</param>
/// <param name="LastCompatibleVersion">The oldest version the blob is compatible with.</param>
/// <param name="BootCpuId">The physical id of the boot CPU (version 2+).</param>
/// <param name="SizeStrings">Size of the strings block (version 3+).</param>
/// <param name="SizeStruct">Size of the structure block (version 17+).</param>
public readonly record struct FdtHeader(
    uint Magic,
    uint TotalSize,
    uint OffsetStruct,
    uint OffsetStrings,
    uint OffsetReservations,
    uint Version,
    uint LastCompatibleVersion,
    uint BootCpuId,
    uint SizeStrings,
    uint SizeStruct)
{
    /// <summary>The size in bytes of this header, from its version.</summary>
    public int HeaderSize => FdtFormat.HeaderSize(Version);
}
