namespace MemblockSharp;

// Trimming and capping memory: mem=, crash-kernel usable ranges, alignment trims.
public sealed partial class Memblock
{
    /// <summary>
    /// Shrinks every memory region to <paramref name="align"/> boundaries, removing those that vanish
    /// (<c>memblock_trim_memory</c>). Rounding uses the kernel's mask formulas, so a non-power-of-two
    /// <paramref name="align"/> gives the kernel's (odd) results and 0 removes everything. A shrunk region's lost bytes
    /// are not subtracted from <see cref="MemblockType.TotalSize"/>; only removed regions reduce it. Does not merge.
    /// </summary>
    /// <param name="align">The alignment to trim to.</param>
    public void TrimMemory(ulong align)
    {
        for (int i = 0; i < Memory.Count; i++)
        {
            var region = Memory[i];
            ulong origStart = region.Base, origEnd = region.End;
            ulong start = RoundUp(origStart, align);
            ulong end = RoundDown(origEnd, align);
            if (start == origStart && end == origEnd)
                continue;
            if (start < end)
            {
                Memory.Set(i, region with { Base = start, Size = end - start });
                if ((i > 0 && Memory[i - 1].End > start) || (i + 1 < Memory.Count && end > Memory[i + 1].Base))
                    Memory.MarkUnordered(); // a round-up wrapped past 2^64
            }
            else
            {
                Memory.RemoveAt(i, NoNode);
                i--;
            }
        }
    }

    /// <summary>
    /// Keeps only the memory inside <c>[base, base + size)</c> (<c>memblock_cap_memory_range</c>): memory regions outside
    /// it are deleted unless they are no-map, and reserved ranges below <paramref name="base"/> and from
    /// <c>base + size</c> (computed without the overflow cut, as the kernel does) upwards are removed. Does nothing when
    /// <paramref name="size"/> is 0 or there is no memory yet.
    /// </summary>
    /// <param name="base">The start of the range to keep.</param>
    /// <param name="size">The size of the range to keep.</param>
    public void CapMemoryRange(ulong @base, ulong size)
    {
        if (size == 0 || Memory.TotalSize == 0)
            return;
        if (IsolateRange(Memory, @base, size, out int start, out int end) != 0)
            return;

        for (int i = Memory.Count - 1; i >= end; i--)
        {
            if ((Memory[i].Flags & MemblockFlags.NoMap) == 0)
                Memory.RemoveAt(i, NoNode);
        }
        for (int i = start - 1; i >= 0; i--)
        {
            if ((Memory[i].Flags & MemblockFlags.NoMap) == 0)
                Memory.RemoveAt(i, NoNode);
        }

        RemoveRange(Reserved, 0, @base);
        RemoveRange(Reserved, unchecked(@base + size), PhysAddrMax);
    }

    /// <summary>
    /// Applies a <c>mem=</c>-style limit of <paramref name="limit"/> bytes by capping the memory map at the address where
    /// that much memory ends (<c>memblock_mem_limit_remove_map</c>); no-map regions above survive. 0, or a limit larger
    /// than all memory, does nothing.
    /// </summary>
    /// <param name="limit">The number of bytes of memory to keep.</param>
    public void MemLimitRemoveMap(ulong limit)
    {
        if (limit == 0)
            return;
        ulong maxAddr = FindMaxAddress(limit);
        if (maxAddr == PhysAddrMax)
            return;
        CapMemoryRange(0, maxAddr);
    }

    /// <summary>
    /// Keeps only the first <paramref name="limit"/> bytes of memory, counted in region order (no-map included), removing
    /// everything above the address where they end from both memory and reserved (<c>memblock_enforce_memory_limit</c>).
    /// 0, or a limit larger than all memory, does nothing.
    /// </summary>
    /// <param name="limit">The number of bytes of memory to keep.</param>
    public void EnforceMemoryLimit(ulong limit)
    {
        if (limit == 0)
            return;
        ulong maxAddr = FindMaxAddress(limit);
        if (maxAddr == PhysAddrMax)
            return;
        RemoveRange(Memory, maxAddr, PhysAddrMax);
        RemoveRange(Reserved, maxAddr, PhysAddrMax);
    }

    /// <summary>The address at which <paramref name="limit"/> bytes of memory, counted in region order, end (<c>__find_max_addr</c>).</summary>
    private ulong FindMaxAddress(ulong limit)
    {
        foreach (var region in Memory.Regions)
        {
            if (limit <= region.Size)
                return region.Base + limit;
            limit -= region.Size;
        }
        return PhysAddrMax;
    }

    /// <summary>The kernel's <c>round_up</c>: <c>((x − 1) | (a − 1)) + 1</c>, exact for any <paramref name="align"/>.</summary>
    internal static ulong RoundUp(ulong x, ulong align) => unchecked(((x - 1) | (align - 1)) + 1);

    /// <summary>The kernel's <c>round_down</c>: <c>x &amp; ~(a − 1)</c>, exact for any <paramref name="align"/>.</summary>
    internal static ulong RoundDown(ulong x, ulong align) => x & ~unchecked(align - 1);
}
