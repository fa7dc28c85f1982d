namespace MemblockSharp;

/// <summary>
/// One entry of a region table (Linux <c>struct memblock_region</c>): the half-open physical range
/// <c>[Base, Base + Size)</c>, its attributes and its NUMA node.
/// </summary>
/// <param name="Base">The first physical address of the region.</param>
/// <param name="Size">The length in bytes; 0 only for the placeholder entry of an empty table.</param>
/// <param name="Flags">The region's attributes.</param>
/// <param name="Nid">The NUMA node id; <see cref="Memblock.NumaNoNode"/> (-1) or <see cref="MemblockOptions.MaxNumNodes"/> for "unassigned".</param>
public readonly record struct MemblockRegion(ulong Base, ulong Size, MemblockFlags Flags, int Nid)
{
    /// <summary>The first address past the region (<c>Base + Size</c>, wrapping as the kernel's arithmetic does).</summary>
    public ulong End => unchecked(Base + Size);
}

/// <summary>A half-open physical range <c>[Start, End)</c> yielded by an iterator, with the node of the memory it came from.</summary>
/// <param name="Start">The first address (or page frame number, for the pfn iterator).</param>
/// <param name="End">The first address (or pfn) past the range.</param>
/// <param name="Nid">The NUMA node id of the region the range lies in.</param>
public readonly record struct MemblockRange(ulong Start, ulong End, int Nid);
