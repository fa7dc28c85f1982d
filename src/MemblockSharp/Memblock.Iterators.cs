namespace MemblockSharp;

// Walking memory, reserved and the free gaps between them, in both directions.
public sealed partial class Memblock
{
    /// <summary>
    /// Yields the free ranges, memory minus reserved, from the lowest address up (<c>for_each_free_mem_range</c>).
    /// Memory regions are filtered by node and flags as the kernel's allocator filters them (see remarks on
    /// <see cref="FindInRangeNode"/>). Ranges are clipped to the memory region they lie in and carry its node.
    /// </summary>
    /// <param name="nid">A node to restrict to, or <see cref="NumaNoNode"/>; <c>MAX_NUMNODES</c> (6.1) or any invalid node (6.12) counts as <see cref="NumaNoNode"/>.</param>
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

    /// <summary>Yields every reserved region, lowest first, including the placeholder of an empty 6.1 table (<c>for_each_reserved_mem_range</c>).</summary>
    public IEnumerable<MemblockRange> ReservedRanges() => Forward(Reserved, null, NumaNoNode, MemblockFlags.None);

    /// <summary>
    /// Yields, for each memory region on node <paramref name="nid"/> that holds at least one whole page, its page frames
    /// <c>[PFN_UP(base), PFN_DOWN(end))</c> (<c>for_each_mem_pfn_range</c>). In 6.1 <c>MAX_NUMNODES</c> means every node
    /// and <see cref="NumaNoNode"/> matches only regions whose node is -1; in 6.12 every id that is not a valid node
    /// (-1 included) means every node.
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
            if (Rules.PfnIteratorMatchesAll(nid, Options.MaxNumNodes) || nid == r.Nid)
                yield return new MemblockRange(startPfn, endPfn, r.Nid);
        }
    }

    private static ulong PfnUp(ulong addr, int shift) => (addr >> shift) + ((addr & ((1UL << shift) - 1)) != 0 ? 1UL : 0UL);

    private IEnumerable<MemblockRange> Forward(MemblockType a, MemblockType? b, int nid, MemblockFlags flags)
    {
        var walk = new RangeWalk(this, a, b, nid, flags, reverse: false);
        while (walk.MoveNext())
            yield return walk.Current;
    }

    private IEnumerable<MemblockRange> Backward(MemblockType a, MemblockType? b, int nid, MemblockFlags flags)
    {
        var walk = new RangeWalk(this, a, b, nid, flags, reverse: true);
        while (walk.MoveNext())
            yield return walk.Current;
    }

    /// <summary>
    /// The regions of <c>a</c> that pass the filters, or, when <c>b</c> is given, their intersections with the gaps
    /// between the regions of <c>b</c> (<c>__next_mem_range</c> and <c>__next_mem_range_rev</c>).
    /// </summary>
    /// <remarks>
    /// Gap <c>g</c> of <c>b</c> is <c>[end of b[g−1] (0 for g = 0), base of b[g] (2^64 − 1 for g = cnt))</c>. The kernel
    /// carries its gap index from one region of <c>a</c> to the next; because both tables are sorted, that index is
    /// always the first gap ending above the region's base (forwards) or the last gap starting below its end
    /// (backwards), so this walk finds it by binary search instead and yields exactly the kernel's sequence, including
    /// its empty ranges between touching reserved regions. With a node given, only that node's memory regions are visited.
    /// </remarks>
    private struct RangeWalk
    {
        private readonly Memblock _owner;
        private readonly MemblockType _a;
        private readonly MemblockType? _b;
        private readonly int _nid;
        private readonly MemblockFlags _flags;
        private readonly bool _reverse;
        private readonly NodeRegions? _nodeRegions; // the node's memory regions, when a node filter applies to memory
        private int _position;                // next position in a (or in _nodeRegions)
        private RegionReader _regions;        // reads of a
        private int _gap;                     // current gap index of b
        private MemblockRegion _region;       // the current region of a
        private bool _inRegion;
        private readonly bool _carry;         // carry the gap index like the kernel (needed when a table is out of order)
        private RegionReader _reserved;       // reads of b

        public RangeWalk(Memblock owner, MemblockType a, MemblockType? b, int nid, MemblockFlags flags, bool reverse)
        {
            _owner = owner;
            _a = a;
            _b = b;
            _nid = owner.Rules.NodeFilter(nid, owner.Options.MaxNumNodes);
            _flags = flags;
            _reverse = reverse;
            _nodeRegions = _nid != NumaNoNode && ReferenceEquals(a, owner.Memory) ? owner.MemoryRegionsOfNode(_nid) : null;
            int count = _nodeRegions?.Indices.Length ?? a.Count;
            _position = reverse ? count - 1 : 0;
            _carry = !a.Ordered || (b is not null && !b.Ordered);
            _gap = reverse && b is not null ? b.Count : 0;
            _region = default;
            _inRegion = false;
            _reserved = default;
            _regions = default;
            Current = default;
        }

        public MemblockRange Current { get; private set; }

        public bool MoveNext()
        {
            while (true)
            {
                if (!_inRegion)
                {
                    if (!NextRegion())
                        return false;
                    if (_b is null)
                    {
                        Current = new MemblockRange(_region.Base, _region.End, _region.Nid);
                        return true;
                    }
                    _inRegion = true;
                    if (_carry)
                    {
                        // keep the gap index where the previous region left it, as the kernel does
                    }
                    else if (_reverse)
                        _gap = _region.End == 0 ? -1 : _b.FirstEndingAbove(_region.End - 1); // last gap starting below the end
                    else
                        _gap = _b.FirstStartingAbove(_region.Base);                           // first gap ending above the base
                }
                if (_reverse ? StepBackward() : StepForward())
                    return true;
                _inRegion = false;
            }
        }

        /// <summary>Moves to the next region of a that passes the filters.</summary>
        private bool NextRegion()
        {
            int count = _nodeRegions?.Indices.Length ?? _a.Count;
            while (_reverse ? _position >= 0 : _position < count)
            {
                var region = _nodeRegions is null ? _regions.Get(_a, _position) : _nodeRegions.Get(_a, _position);
                _position += _reverse ? -1 : 1;
                if (!_owner.SkipRegion(_a, region, _nid, _flags))
                {
                    _region = region;
                    return true;
                }
            }
            return false;
        }

        private bool StepForward()
        {
            var b = _b!;
            int count = b.Count;
            while (_gap < count + 1)
            {
                ulong gapStart = _gap > 0 ? _reserved.Get(b, _gap - 1).End : 0;
                ulong gapEnd = _gap < count ? _reserved.Get(b, _gap).Base : PhysAddrMax;
                if (gapStart >= _region.End)
                    return false;
                if (_region.Base < gapEnd)
                {
                    Current = new MemblockRange(Math.Max(_region.Base, gapStart), Math.Min(_region.End, gapEnd), _region.Nid);
                    if (_region.End <= gapEnd)
                        _inRegion = false;
                    else
                        _gap++;
                    return true;
                }
                _gap++;
            }
            return false;
        }

        private bool StepBackward()
        {
            var b = _b!;
            int count = b.Count;
            while (_gap >= 0)
            {
                ulong gapStart = _gap > 0 ? _reserved.Get(b, _gap - 1).End : 0;
                ulong gapEnd = _gap < count ? _reserved.Get(b, _gap).Base : PhysAddrMax;
                if (gapEnd <= _region.Base)
                    return false;
                if (_region.End > gapStart)
                {
                    Current = new MemblockRange(Math.Max(_region.Base, gapStart), Math.Min(_region.End, gapEnd), _region.Nid);
                    if (_region.Base >= gapStart)
                        _inRegion = false;
                    else
                        _gap--;
                    return true;
                }
                _gap--;
            }
            return false;
        }
    }

    /// <summary>
    /// Reads entries of one table through the contiguous run last used, so that neighbouring reads cost an array access.
    /// A change of the table (a caller may change it between two steps of an iterator) makes it fetch the run afresh.
    /// </summary>
    private struct RegionReader
    {
        private MemblockRegion[]? _items;
        private int _start;
        private int _count;
        private int _version;

        public MemblockRegion Get(MemblockType type, int index)
        {
            int offset = index - _start;
            if (_items is null || (uint)offset >= (uint)_count || _version != type.Version)
            {
                _items = type.ChunkContaining(index, out _start, out _count);
                _version = type.Version;
                offset = index - _start;
            }
            return _items[offset];
        }
    }

    /// <summary>
    /// The memory regions of one node: their indices in memory, and copies of them as they were at
    /// <see cref="Version"/> (read while memory has not changed since, so that a walk touches no table).
    /// </summary>
    private sealed record NodeRegions(int[] Indices, MemblockRegion[] Regions, int Version)
    {
        /// <summary>The node's <paramref name="position"/>-th region as memory holds it now.</summary>
        public MemblockRegion Get(MemblockType memory, int position) =>
            memory.Version == Version ? Regions[position] : memory[Indices[position]];
    }

    private NodeRegions[]? _nodeRegions;
    private int _nodeRegionsVersion = -1;

    /// <summary>
    /// The memory regions on node <paramref name="nid"/>, in order, or null when the node is out of range (the caller
    /// then filters while walking). Copied for every node at once and kept until memory changes.
    /// </summary>
    private NodeRegions? MemoryRegionsOfNode(int nid)
    {
        if ((uint)nid > (uint)Options.MaxNumNodes)
            return null;
        if (_nodeRegions is null || _nodeRegionsVersion != Memory.Version)
        {
            var lists = new List<int>[Options.MaxNumNodes + 1];
            for (int i = 0; i < Memory.Count; i++)
            {
                int node = Memory[i].Nid;
                if ((uint)node <= (uint)Options.MaxNumNodes)
                    (lists[node] ??= []).Add(i);
            }
            int version = Memory.Version;
            _nodeRegions = lists.Select(l => l is null
                ? new NodeRegions([], [], version)
                : new NodeRegions(l.ToArray(), l.Select(i => Memory[i]).ToArray(), version)).ToArray();
            _nodeRegionsVersion = Memory.Version;
        }
        return _nodeRegions[nid];
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
