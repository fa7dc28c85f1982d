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
    public ulong StartOfDram() => Memory.Count == 0 ? 0 : Memory[0].Base;

    /// <summary>
    /// The end of the last memory region, 0 when there is none (<c>memblock_end_of_DRAM</c>). With no memory, 6.1's
    /// placeholder gives 0; 6.12's kernel reads before its array (<see cref="EndOfDramIsUndefined"/>), and this returns 0.
    /// </summary>
    /// <returns>A physical address.</returns>
    public ulong EndOfDram() => Memory.Count == 0 ? 0 : Memory[Memory.Count - 1].End;

    /// <summary>
    /// True when the kernel's <c>memblock_end_of_DRAM()</c> has no defined result: in 6.12, with no memory, it reads
    /// <c>regions[cnt - 1]</c>, that is <c>regions[-1]</c>.
    /// </summary>
    public bool EndOfDramIsUndefined => Memory.Count == 0;

    /// <summary>
    /// Checks that at most <paramref name="thresholdBytes"/> of memory has no valid node (<c>memblock_validate_numa_coverage</c>,
    /// Linux 6.12): sums the whole pages of the memory regions whose node is not valid (as <see cref="MemPfnRanges"/> with
    /// <c>MAX_NUMNODES</c> reports them). On failure it prints the kernel's <c>NUMA: no nodes coverage</c> line to
    /// <see cref="Trace"/>.
    /// </summary>
    /// <param name="thresholdBytes">The most memory that may lack a node.</param>
    /// <returns>False when more than <paramref name="thresholdBytes"/> lacks a node.</returns>
    /// <exception cref="NotSupportedException">The instance follows Linux 6.1, which has no such function.</exception>
    public bool ValidateNumaCoverage(ulong thresholdBytes)
    {
        Rules.RequireNewApi("memblock_validate_numa_coverage");
        ulong pages = 0;
        foreach (var range in MemPfnRanges(Options.MaxNumNodes))
        {
            if (!MemblockRules.IsValidNode(range.Nid, Options.MaxNumNodes))
                pages = unchecked(pages + (range.End - range.Start));
        }
        ulong bytes = pages << Options.PageShift;
        if (bytes <= thresholdBytes)
            return true;
        EmitTrace($"NUMA: no nodes coverage for {bytes >> 20}MB of {PhysMemSize() >> 20}MB RAM");
        return false;
    }

    /// <summary>
    /// The number of pages memblock counts as free: (memory − reserved) in pages, computed unsigned, so it wraps when more
    /// is reserved than there is memory (<c>memblock_estimated_nr_free_pages</c>, Linux 6.12).
    /// </summary>
    /// <returns>A page count.</returns>
    /// <exception cref="NotSupportedException">The instance follows Linux 6.1, which has no such function.</exception>
    public ulong EstimatedNrFreePages()
    {
        Rules.RequireNewApi("memblock_estimated_nr_free_pages");
        return unchecked(PhysMemSize() - ReservedSize()) >> Options.PageShift;
    }

    /// <summary>Whether the system has some mirrored memory (<c>memblock_has_mirror</c>, Linux 6.12): <see cref="HasMirror"/>.</summary>
    /// <returns>The flag.</returns>
    /// <exception cref="NotSupportedException">The instance follows Linux 6.1, which has no such function.</exception>
    public bool QueryHasMirror()
    {
        Rules.RequireNewApi("memblock_has_mirror");
        return HasMirror;
    }
}
