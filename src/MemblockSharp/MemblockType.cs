using MemblockSharp.Storage;

namespace MemblockSharp;

/// <summary>
/// One region table (Linux <c>struct memblock_type</c>): <c>memory</c>, <c>reserved</c> or <c>physmem</c>.
/// </summary>
/// <remarks>
/// The table keeps the kernel's exact representation, because it is observable:
/// <list type="bullet">
/// <item>Linux 6.1: <see cref="Count"/> (<c>cnt</c>) is never below 1; an empty table holds one placeholder region of
/// size 0. Linux 6.12: an empty table has <see cref="Count"/> 0 and no entry.</item>
/// <item><see cref="Capacity"/> (<c>max</c>) only grows, by doubling, and the regions live in an array of that many entries.</item>
/// <item><see cref="TotalSize"/> (<c>total_size</c>) is maintained incrementally, as the kernel does, and is not always the
/// sum of the sizes (trimming shrinks regions without subtracting).</item>
/// <item>Regions are sorted by base and do not overlap; neighbours are merged only where the kernel merges them.</item>
/// </list>
/// Only <see cref="Memblock"/> changes a table; callers read it.
/// </remarks>
public sealed class MemblockType
{
    private readonly IRegionStore _store;
    private readonly int _emptyNid;
    private readonly bool _numa;

    /// <summary>True when an empty table holds the 6.1 placeholder entry (<see cref="MemblockRules.EmptyTableKeepsPlaceholder"/>).</summary>
    private readonly bool _keepsPlaceholder;

    internal MemblockType(string name, MemblockOptions options, MemblockRules rules)
    {
        Name = name;
        Rules = rules;
        MaxNumNodes = options.MaxNumNodes;
        PhysAddrBytes = options.PhysAddrBytes;
        _numa = options.Numa;
        _emptyNid = 0;
        _keepsPlaceholder = rules.EmptyTableKeepsPlaceholder;
        _store = options.Storage == RegionStorage.Array
            ? new ArrayRegionStore(options.InitialRegions)
            : new ChunkedRegionStore(options.IndexedChunkCapacity, trackMerges: rules.MergesWholeArray);
        MakeEmpty(_emptyNid);
        Capacity = options.InitialRegions;
        IsStaticArray = true;
    }

    /// <summary>The rules of the kernel release the table follows.</summary>
    public MemblockRules Rules { get; }

    /// <summary><c>sizeof(phys_addr_t)</c> of the kernel the table belongs to (<see cref="MemblockOptions.PhysAddrBytes"/>).</summary>
    public int PhysAddrBytes { get; }

    /// <summary>The kernel's <c>MAX_NUMNODES</c> the table was built with (the node of regions added without one).</summary>
    public int MaxNumNodes { get; }

    /// <summary>Leaves the store in the empty state of the release: the 6.1 placeholder with node <paramref name="nid"/>, or nothing.</summary>
    private void MakeEmpty(int nid)
    {
        if (_keepsPlaceholder)
            _store.ResetTo(new MemblockRegion(0, 0, MemblockFlags.None, NodeOf(nid)));
        else
            _store.Clear();
    }

    /// <summary>The kernel's name of the table: <c>memory</c>, <c>reserved</c> or <c>physmem</c>.</summary>
    public string Name { get; }

    /// <summary>The number of entries in use (<c>cnt</c>), including the placeholder of an empty 6.1 table.</summary>
    public int Count => _store.Count;

    /// <summary>The number of entries the current array holds (<c>max</c>).</summary>
    public int Capacity { get; private set; }

    /// <summary>The table's <c>total_size</c> field exactly as the kernel keeps it.</summary>
    public ulong TotalSize { get; internal set; }

    /// <summary>True when the table has no region (6.1: only the size-0 placeholder; 6.12: no entry).</summary>
    public bool IsEmpty => _store.Count == 0 || _store[0].Size == 0;

    /// <summary>The entries in array order, <see cref="Count"/> of them.</summary>
    public ReadOnlySpan<MemblockRegion> Regions => _store.AsSpan();

    /// <summary>The entry at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public MemblockRegion this[int index] =>
        (uint)index < (uint)Count ? _store[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>True while the table still uses its initial static array (never doubled).</summary>
    public bool IsStaticArray { get; internal set; }

    /// <summary>The physical address of the current array once it has been doubled; 0 for the static array.</summary>
    public ulong ArrayAddress { get; internal set; }

    /// <summary>
    /// True while the regions are sorted by base and disjoint, the invariant every kernel operation keeps. Only
    /// <c>memblock_trim_memory</c> on a region ending near 2^64 can break it (its round-up wraps to 0); from then on
    /// every search on this table walks from the start, exactly as the kernel's loops do, instead of seeking.
    /// </summary>
    internal bool Ordered { get; private set; } = true;

    /// <summary>Notes that the regions are no longer in order (see <see cref="Ordered"/>).</summary>
    internal void MarkUnordered() => Ordered = false;

    /// <summary>Increases on every change of the table's regions; lets callers cache what they derive from it.</summary>
    internal int Version { get; private set; }

    /// <summary>The contiguous run of entries holding <paramref name="index"/> (see <see cref="IRegionStore.ChunkContaining"/>).</summary>
    internal MemblockRegion[] ChunkContaining(int index, out int start, out int count) => _store.ChunkContaining(index, out start, out count);

    /// <summary>The node a region is given: <paramref name="nid"/> on a NUMA build, 0 otherwise (<c>memblock_set_region_node</c>).</summary>
    internal int NodeOf(int nid) => _numa ? nid : 0;

    /// <summary>Replaces the entry at <paramref name="index"/>.</summary>
    internal void Set(int index, MemblockRegion region)
    {
        _store.Set(index, region);
        Version++;
    }

    /// <summary>
    /// Inserts a region at <paramref name="index"/>, shifting the tail up (<c>memblock_insert_region</c>).
    /// The caller guarantees that there is room.
    /// </summary>
    internal void InsertAt(int index, ulong @base, ulong size, int nid, MemblockFlags flags)
    {
        if (Count >= Capacity)
            throw new InvalidOperationException($"memblock {Name}: insert into a full array ({Count}/{Capacity}).");
        _store.Insert(index, new MemblockRegion(@base, size, flags, NodeOf(nid)));
        TotalSize = unchecked(TotalSize + size);
        Version++;
    }

    /// <summary>
    /// Puts the new range <c>[base, base + size)</c> at <paramref name="index"/>, between regions it does not overlap, in
    /// an <see cref="Ordered"/> table: when it continues the region below or the region above (touching it, with the same
    /// node and flags), that neighbour grows over it in place, which is exactly what the kernel's insert followed by its
    /// whole-array merge leaves, without shifting the array twice; otherwise it is inserted as <see cref="InsertAt"/>
    /// does. <see cref="TotalSize"/> grows by <paramref name="size"/> either way. The caller still runs
    /// <see cref="MergeAll"/> (the other neighbour, or older unmerged pairs, may merge too) and guarantees room for an insert.
    /// </summary>
    internal void InsertMerging(int index, ulong @base, ulong size, int nid, MemblockFlags flags)
    {
        int node = NodeOf(nid);
        if (index > 0)
        {
            var below = _store[index - 1];
            if (below.End == @base && below.Nid == node && below.Flags == flags)
            {
                Grow(index - 1, below with { Size = below.Size + size }, size);
                return;
            }
        }
        if (index < Count)
        {
            var above = _store[index];
            if (@base + size == above.Base && above.Nid == node && above.Flags == flags)
            {
                Grow(index, above with { Base = @base, Size = above.Size + size }, size);
                return;
            }
        }
        InsertAt(index, @base, size, nid, flags);
    }

    /// <summary>Replaces the entry at <paramref name="index"/> with its grown form and adds the <paramref name="added"/> bytes to the total.</summary>
    private void Grow(int index, MemblockRegion grown, ulong added)
    {
        _store.Set(index, grown);
        TotalSize = unchecked(TotalSize + added);
        Version++;
    }

    /// <summary>
    /// Deletes the region at <paramref name="index"/> (<c>memblock_remove_region</c>). When the table becomes empty, in
    /// 6.1 its placeholder is rewritten with flags 0 and node <paramref name="emptyNid"/> and <see cref="Count"/> stays 1;
    /// in 6.12 <see cref="Count"/> becomes 0.
    /// </summary>
    internal void RemoveAt(int index, int emptyNid)
    {
        TotalSize = unchecked(TotalSize - _store[index].Size);
        if (Count == 1)
            MakeEmpty(emptyNid);
        else
            _store.RemoveAt(index);
        if (Count <= 1)
            Ordered = true;
        Version++;
    }

    /// <summary>
    /// Merges every pair of neighbours that touch and have equal node and flags, over the whole array
    /// (<c>memblock_merge_regions</c> as in Linux 6.1).
    /// </summary>
    internal void MergeAll()
    {
        if (Ordered)
        {
            _store.MergeAll();
        }
        else
        {
            // The kernel's literal scan: the store's targeted merge assumes order.
            int i = 0;
            while (i < Count - 1)
            {
                var left = _store[i];
                var right = _store[i + 1];
                if (!Storage.RegionRules.Mergeable(left, right))
                {
                    i++;
                    continue;
                }
                _store.Set(i, left with { Size = left.Size + right.Size });
                _store.RemoveAt(i + 1);
            }
        }
        Version++;
    }

    /// <summary>
    /// Merges the neighbours that touch and have equal node and flags among the regions from index
    /// <c><paramref name="startRegion"/> − 1</c> to <paramref name="endRegion"/>, scanning pairs left to right as the
    /// kernel does (<c>memblock_merge_regions(type, start_rgn, end_rgn)</c> of Linux 6.12); pairs elsewhere stay as they are.
    /// </summary>
    /// <param name="startRegion">The first region touched (0 scans from the start).</param>
    /// <param name="endRegion">One past the last region touched; the scan also looks at the pair it starts.</param>
    internal void MergeRange(int startRegion, int endRegion)
    {
        if (Count == 0)
            return;
        int i = startRegion > 0 ? startRegion - 1 : 0;
        int end = Math.Min(endRegion, Count - 1);
        bool changed = false;
        while (i < end)
        {
            var left = _store[i];
            var right = _store[i + 1];
            if (!Storage.RegionRules.Mergeable(left, right))
            {
                i++;
                continue;
            }
            _store.Set(i, left with { Size = left.Size + right.Size });
            _store.RemoveAt(i + 1);
            end--;
            changed = true;
        }
        if (changed)
            Version++;
    }

    /// <summary>Replaces the placeholder of an empty table with a first region (the empty-array fast path of an add).</summary>
    internal void SetFirst(ulong @base, ulong size, int nid, MemblockFlags flags)
    {
        _store.ResetTo(new MemblockRegion(@base, size, flags, NodeOf(nid)));
        TotalSize = size;
        Ordered = true;
        Version++;
    }

    /// <summary>Grows the table to <paramref name="newCapacity"/> entries (the copy step of <c>memblock_double_array</c>).</summary>
    internal void GrowTo(int newCapacity)
    {
        _store.EnsureCapacity(newCapacity);
        Capacity = newCapacity;
    }

    /// <summary>
    /// Returns the table to its boot-time empty state (6.1: one placeholder with node 0; 6.12: no entry), the given
    /// capacity, total 0. With <paramref name="keepArray"/> the table stays on the array it uses, as the kernel test
    /// harness's reset does; otherwise it goes back to its initial static array.
    /// </summary>
    internal void Reset(int capacity, bool keepArray)
    {
        MakeEmpty(_emptyNid);
        _store.EnsureCapacity(capacity);
        Capacity = capacity;
        TotalSize = 0;
        if (!keepArray)
        {
            IsStaticArray = true;
            ArrayAddress = 0;
        }
        Ordered = true;
        Version++;
    }

    /// <summary>
    /// Where a scan for regions overlapping something at or above <paramref name="address"/> may start: the first region
    /// ending above it, or 0 when the table is not <see cref="Ordered"/> (then the caller's loop checks every region, as
    /// the kernel's does).
    /// </summary>
    internal int FirstEndingAbove(ulong address) => Ordered ? _store.CountEndsAtMost(address) : 0;

    /// <summary>The index of the first region that starts above <paramref name="address"/> (<see cref="Count"/> when none does).</summary>
    internal int FirstStartingAbove(ulong address) => _store.CountBasesAtMost(address);

    /// <summary>
    /// Finds the region containing <paramref name="addr"/> (<c>memblock_search</c>); -1 when none does. The regions are
    /// sorted and disjoint, so this is the kernel's binary search's answer.
    /// </summary>
    internal int Search(ulong addr)
    {
        if (Ordered)
        {
            int i = _store.CountEndsAtMost(addr);
            return i < Count && _store[i].Base <= addr && addr < _store[i].End ? i : -1;
        }
        // The kernel's bisection, step for step, which is what decides the answer on an unordered table.
        uint left = 0, right = (uint)Count;
        do
        {
            uint mid = (left + right) / 2;
            var r = _store[(int)mid];
            if (addr < r.Base)
                right = mid;
            else if (addr >= r.End)
                left = mid + 1;
            else
                return (int)mid;
        } while (left < right);
        return -1;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: cnt {Count}, max {Capacity}, total 0x{TotalSize:x}";
}
