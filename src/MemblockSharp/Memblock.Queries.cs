namespace MemblockSharp;

// Questions about the tables; none of these change anything.
public sealed partial class Memblock
{
    /// <summary>
    /// Whether any region of <paramref name="type"/> overlaps <c>[base, base + size)</c> (<c>memblock_overlaps_region</c>),
    /// using the kernel's overlap test on the overflow-cut size.
    /// </summary>
    /// <param name="type">The table to look in.</param>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes.</param>
    /// <returns>True when some region overlaps.</returns>
    public bool OverlapsRegion(MemblockType type, ulong @base, ulong size)
    {
        size = CapSize(@base, size);
        if (type.Ordered)
        {
            // Regions are sorted and disjoint: only the first one ending above base can start below base + size.
            int i = type.FirstEndingAbove(@base);
            return i < type.Count && type[i].Base < @base + size;
        }
        for (int i = 0; i < type.Count; i++)
        {
            var r = type[i];
            if (@base < r.End && r.Base < @base + size)
                return true;
        }
        return false;
    }

    /// <summary>Whether any reserved region overlaps <c>[base, base + size)</c> (<c>memblock_is_region_reserved</c>).</summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes.</param>
    /// <returns>True when some reserved region overlaps.</returns>
    public bool IsRegionReserved(ulong @base, ulong size) => OverlapsRegion(Reserved, @base, size);

    /// <summary>Whether <paramref name="addr"/> lies in a reserved region (<c>memblock_is_reserved</c>).</summary>
    /// <param name="addr">A physical address.</param>
    /// <returns>True when reserved.</returns>
    public bool IsReserved(ulong addr) => Reserved.Search(addr) >= 0;

    /// <summary>Whether <paramref name="addr"/> lies in memory (<c>memblock_is_memory</c>).</summary>
    /// <param name="addr">A physical address.</param>
    /// <returns>True when in a memory region.</returns>
    public bool IsMemory(ulong addr) => Memory.Search(addr) >= 0;

    /// <summary>Whether <paramref name="addr"/> lies in memory that is mapped, i.e. not no-map (<c>memblock_is_map_memory</c>).</summary>
    /// <param name="addr">A physical address.</param>
    /// <returns>True when in a memory region without <see cref="MemblockFlags.NoMap"/>.</returns>
    public bool IsMapMemory(ulong addr)
    {
        int i = Memory.Search(addr);
        return i >= 0 && (Memory[i].Flags & MemblockFlags.NoMap) == 0;
    }

    /// <summary>
    /// Whether <c>[base, base + size)</c> lies within the single memory region that contains <paramref name="base"/>
    /// (<c>memblock_is_region_memory</c>). A range spanning two unmerged neighbours is not.
    /// </summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes.</param>
    /// <returns>True when the region containing base reaches the (overflow-cut) end.</returns>
    public bool IsRegionMemory(ulong @base, ulong size)
    {
        int i = Memory.Search(@base);
        ulong end = @base + CapSize(@base, size);
        return i >= 0 && Memory[i].End >= end;
    }

    /// <summary>
    /// Finds the memory region containing page frame <paramref name="pfn"/> and returns its node
    /// (<c>memblock_search_pfn_nid</c>), with its frames <c>[PFN_DOWN(base), PFN_DOWN(end))</c>.
    /// </summary>
    /// <param name="pfn">A page frame number.</param>
    /// <param name="startPfn">The region's first frame (rounded down).</param>
    /// <param name="endPfn">The frame at the region's end (rounded down).</param>
    /// <returns>The region's node, or -1 when no region contains the frame.</returns>
    public int SearchPfnNid(ulong pfn, out ulong startPfn, out ulong endPfn)
    {
        int shift = Options.PageShift;
        int i = Memory.Search(pfn << shift);
        if (i < 0)
        {
            startPfn = endPfn = 0;
            return -1;
        }
        var r = Memory[i];
        startPfn = r.Base >> shift;
        endPfn = r.End >> shift;
        return r.Nid;
    }

    /// <summary>The memory table's total size (<c>memblock_phys_mem_size</c>).</summary>
    /// <returns>The <c>total_size</c> of <see cref="Memory"/>.</returns>
    public ulong PhysMemSize() => Memory.TotalSize;

    /// <summary>The reserved table's total size (<c>memblock_reserved_size</c>).</summary>
    /// <returns>The <c>total_size</c> of <see cref="Reserved"/>.</returns>
    public ulong ReservedSize() => Reserved.TotalSize;

    /// <summary>The base of the first memory region, 0 when there is none (<c>memblock_start_of_DRAM</c>).</summary>
    /// <returns>A physical address.</returns>
    public ulong StartOfDram() => Memory[0].Base;

    /// <summary>The end of the last memory region, 0 when there is none (<c>memblock_end_of_DRAM</c>).</summary>
    /// <returns>A physical address.</returns>
    public ulong EndOfDram() => Memory[Memory.Count - 1].End;
}
