namespace MemblockSharp;

// Many identical allocations at once: what early page-table setup does, one page at a time, for every 2 MiB of RAM.
public sealed partial class Memblock
{
    /// <summary>
    /// Makes <paramref name="count"/> successive <see cref="PhysAllocRange"/> calls with the same arguments and reports
    /// where each block went, with exactly the results of the individual calls (same addresses, same tables, same
    /// array doublings). When no trace is attached, allocation is top-down, the size is a multiple of a power-of-two
    /// alignment and no mirrored memory is preferred, consecutive blocks that the individual calls would place side by
    /// side are reserved with one call, so the cost follows the number of free ranges used, not <paramref name="count"/>.
    /// Otherwise the calls are made one by one.
    /// </summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="start">The lowest acceptable address.</param>
    /// <param name="end">The highest acceptable end address, or 0/1 for the current limit.</param>
    /// <param name="count">How many blocks to allocate.</param>
    /// <param name="onRun">Called for each run of adjacent blocks, with the run's lowest address and its number of blocks
    /// (top-down, later runs lie lower).</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>How many blocks were allocated; fewer than <paramref name="count"/> when memory ran out (the calls stop at the first failure).</returns>
    public long PhysAllocRangeMany(ulong size, ulong align, ulong start, ulong end, long count, Action<ulong, long>? onRun = null, string? caller = null)
    {
        ulong effectiveAlign = align == 0 ? Options.SmpCacheBytes : align;
        bool batch = Trace is null && !BottomUp && !HasMirror && size != 0
            && (effectiveAlign & (effectiveAlign - 1)) == 0 && size % effectiveAlign == 0;
        long done = 0;
        while (done < count)
        {
            ulong found = PhysAllocRange(size, align, start, end, caller);
            if (found == 0)
                break;
            done++;
            long run = 1;
            if (batch && done < count && Reserved.Count + 1 <= Reserved.Capacity)
            {
                // The next calls would take found − size, found − 2·size, ... while that stays inside the same free range
                // and the clamped start; each merges with the block above, so none needs more room in the table.
                ulong floor = FreeFloorBelow(found, Math.Max(start, Options.PageSize));
                long more = (long)Math.Min((ulong)(count - done), (found - floor) / size);
                if (more > 0)
                {
                    ulong low = found - (ulong)more * size;
                    if (AddRange(Reserved, low, (ulong)more * size, NoNode, MemblockFlags.None) != 0)
                        throw new MemblockBugException("memblock: a batched reserve needed room it was promised.");
                    done += more;
                    run += more;
                    found = low;
                }
            }
            onRun?.Invoke(found, run);
        }
        return done;
    }

    /// <summary>
    /// The lowest address <c>f</c> such that <c>[f, addr)</c> is free memory (unreserved, in the same memory region as
    /// <paramref name="addr"/>) and at or above <paramref name="floor"/>.
    /// </summary>
    private ulong FreeFloorBelow(ulong addr, ulong floor)
    {
        if (!Reserved.Ordered || !Memory.Ordered || addr == 0)
            return addr; // no batching on a table the kernel has left out of order
        int m = Memory.Search(addr);
        if (m < 0)
            return addr;
        ulong low = Math.Max(floor, Memory[m].Base);
        // The first reserved region ending at or above addr holds the fresh block; if it starts below addr, the bytes
        // just below are taken. Otherwise the region before it (if any) ends where the free range begins.
        int r = Reserved.FirstEndingAbove(addr - 1);
        if (r < Reserved.Count && Reserved[r].Base < addr)
            return addr;
        if (r > 0)
            low = Math.Max(low, Reserved[r - 1].End);
        return Math.Min(low, addr);
    }
}
