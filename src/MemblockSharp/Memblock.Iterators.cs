namespace MemblockSharp;

// Walking memory, reserved and the free gaps between them, in both directions.
public sealed partial class Memblock
{
    /// <summary>
    /// Yields the free ranges, memory minus reserved, from the lowest address up (<c>for_each_free_mem_range</c>).
    /// Memory regions are filtered by node and flags as the kernel's allocator filters them (see remarks on
    /// <see cref="FindInRangeNode"/>). Ranges are clipped to the memory region they lie in and carry its node.
    /// </summary>
    /// <param name="nid">A node to restrict to, or <see cref="NumaNoNode"/>; <c>MAX_NUMNODES</c> counts as <see cref="NumaNoNode"/>.</param>
    /// <param name="flags">The flags asked for: <see cref="MemblockFlags.Mirror"/> restricts to mirrored memory,
    /// <see cref="MemblockFlags.NoMap"/>, <see cref="MemblockFlags.Hotplug"/> and <see cref="MemblockFlags.DriverManaged"/> admit such memory.</param>
    public IEnumerable<MemblockRange> FreeMemRanges(int nid, MemblockFlags flags) => Forward(Memory, Reserved, nid, flags);

    /// <summary>The same ranges as <see cref="FreeMemRanges"/>, from the highest address down (<c>for_each_free_mem_range_reverse</c>).</summary>
    /// <param name="nid">A node to restrict to, or <see cref="NumaNoNode"/>.</param>
    /// <param name="flags">The flags asked for, as for <see cref="FreeMemRanges"/>.</param>
    public IEnumerable<MemblockRange> FreeMemRangesReverse(int nid, MemblockFlags flags) => Backward(Memory, Reserved, nid, flags);

    /// <summary>Yields every memory region that is not no-map, lowest first (<c>for_each_mem_range</c>).</summary>
    public IEnumerable<MemblockRange> MemRanges() =>
        Forward(Memory, null, NumaNoNode, MemblockFlags.Hotplug | MemblockFlags.DriverManaged);

    /// <summary>Yields every memory region that is not no-map, highest first (<c>for_each_mem_range_rev</c>).</summary>
    public IEnumerable<MemblockRange> MemRangesReverse() =>
        Backward(Memory, null, NumaNoNode, MemblockFlags.Hotplug | MemblockFlags.DriverManaged);

    /// <summary>Yields every reserved region, lowest first, including the placeholder of an empty table (<c>for_each_reserved_mem_range</c>).</summary>
    public IEnumerable<MemblockRange> ReservedRanges() => Forward(Reserved, null, NumaNoNode, MemblockFlags.None);

    /// <summary>
    /// Yields, for each memory region on node <paramref name="nid"/> that holds at least one whole page, its page frames
    /// <c>[PFN_UP(base), PFN_DOWN(end))</c> (<c>for_each_mem_pfn_range</c>). <c>MAX_NUMNODES</c> means every node;
    /// <see cref="NumaNoNode"/> matches only regions whose node is -1.
    /// </summary>
    /// <param name="nid">The node, or <c>MAX_NUMNODES</c> for all.</param>
    public IEnumerable<MemblockRange> MemPfnRanges(int nid)
    {
        int shift = Options.PageShift;
        for (int i = 0; i < Memory.Count; i++)
        {
            var r = Memory[i];
            ulong startPfn = PfnUp(r.Base, shift), endPfn = r.End >> shift;
            if (startPfn >= endPfn)
                continue;
            if (nid == Options.MaxNumNodes || nid == r.Nid)
                yield return new MemblockRange(startPfn, endPfn, r.Nid);
        }
    }

    private static ulong PfnUp(ulong addr, int shift) => (addr >> shift) + ((addr & ((1UL << shift) - 1)) != 0 ? 1UL : 0UL);

    /// <summary>
    /// The kernel's two-index walk over <paramref name="a"/> minus <paramref name="b"/> (<c>__next_mem_range</c>):
    /// the gaps between the regions of <paramref name="b"/> intersected with each unfiltered region of <paramref name="a"/>.
    /// </summary>
    private IEnumerable<MemblockRange> Forward(MemblockType a, MemblockType? b, int nid, MemblockFlags flags)
    {
        if (nid == Options.MaxNumNodes)
            nid = NumaNoNode;
        int ib = 0;
        for (int ia = 0; ia < a.Count; ia++)
        {
            var m = a[ia];
            if (SkipRegion(a, m, nid, flags))
                continue;
            if (b is null)
            {
                yield return new MemblockRange(m.Base, m.End, m.Nid);
                continue;
            }
            while (ib < b.Count + 1)
            {
                ulong gapStart = ib > 0 ? b[ib - 1].End : 0;
                ulong gapEnd = ib < b.Count ? b[ib].Base : PhysAddrMax;
                if (gapStart >= m.End)
                    break;
                if (m.Base < gapEnd)
                {
                    yield return new MemblockRange(Math.Max(m.Base, gapStart), Math.Min(m.End, gapEnd), m.Nid);
                    if (m.End <= gapEnd)
                        break;
                }
                ib++;
            }
        }
    }

    /// <summary>The walk of <see cref="Forward"/> from the top down (<c>__next_mem_range_rev</c>).</summary>
    private IEnumerable<MemblockRange> Backward(MemblockType a, MemblockType? b, int nid, MemblockFlags flags)
    {
        if (nid == Options.MaxNumNodes)
            nid = NumaNoNode;
        int ib = b?.Count ?? 0;
        for (int ia = a.Count - 1; ia >= 0; ia--)
        {
            var m = a[ia];
            if (SkipRegion(a, m, nid, flags))
                continue;
            if (b is null)
            {
                yield return new MemblockRange(m.Base, m.End, m.Nid);
                continue;
            }
            while (ib >= 0)
            {
                ulong gapStart = ib > 0 ? b[ib - 1].End : 0;
                ulong gapEnd = ib < b.Count ? b[ib].Base : PhysAddrMax;
                if (gapEnd <= m.Base)
                    break;
                if (m.End > gapStart)
                {
                    yield return new MemblockRange(Math.Max(m.Base, gapStart), Math.Min(m.End, gapEnd), m.Nid);
                    if (m.Base >= gapStart)
                        break;
                }
                ib--;
            }
        }
    }

    /// <summary>Whether the allocator's walk ignores memory region <paramref name="m"/> (<c>should_skip_region</c>).</summary>
    private bool SkipRegion(MemblockType type, in MemblockRegion m, int nid, MemblockFlags flags)
    {
        if (!ReferenceEquals(type, Memory))
            return false;
        if (nid != NumaNoNode && nid != m.Nid)
            return true;
        if (MovableNode && (m.Flags & MemblockFlags.Hotplug) != 0 && (flags & MemblockFlags.Hotplug) == 0)
            return true;
        if ((flags & MemblockFlags.Mirror) != 0 && (m.Flags & MemblockFlags.Mirror) == 0)
            return true;
        if ((flags & MemblockFlags.NoMap) == 0 && (m.Flags & MemblockFlags.NoMap) != 0)
            return true;
        if ((flags & MemblockFlags.DriverManaged) == 0 && (m.Flags & MemblockFlags.DriverManaged) != 0)
            return true;
        return false;
    }
}
