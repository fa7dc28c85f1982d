namespace MemblockSharp;

/// <summary>
/// One region table (Linux <c>struct memblock_type</c>): <c>memory</c>, <c>reserved</c> or <c>physmem</c>.
/// </summary>
/// <remarks>
/// The table keeps the kernel's exact representation, because it is observable:
/// <list type="bullet">
/// <item><see cref="Count"/> (<c>cnt</c>) is never below 1. An empty table holds one placeholder region of size 0.</item>
/// <item><see cref="Capacity"/> (<c>max</c>) only grows, by doubling, and the regions live in an array of that many entries.</item>
/// <item><see cref="TotalSize"/> (<c>total_size</c>) is maintained incrementally, as the kernel does, and is not always the
/// sum of the sizes (trimming shrinks regions without subtracting).</item>
/// <item>Regions are sorted by base and do not overlap; neighbours are merged only where the kernel merges them.</item>
/// </list>
/// Only <see cref="Memblock"/> changes a table; callers read it.
/// </remarks>
public sealed class MemblockType
{
    private MemblockRegion[] _regions;
    private readonly int _emptyNid;
    private readonly bool _numa;

    internal MemblockType(string name, int capacity, bool numa = true)
    {
        _numa = numa;
        Name = name;
        _regions = new MemblockRegion[capacity];
        Count = 1;
        _emptyNid = 0;
        IsStaticArray = true;
    }

    /// <summary>The kernel's name of the table: <c>memory</c>, <c>reserved</c> or <c>physmem</c>.</summary>
    public string Name { get; }

    /// <summary>The number of entries in use (<c>cnt</c>), including the placeholder of an empty table.</summary>
    public int Count { get; private set; }

    /// <summary>The number of entries the current array holds (<c>max</c>).</summary>
    public int Capacity => _regions.Length;

    /// <summary>The table's <c>total_size</c> field exactly as the kernel keeps it.</summary>
    public ulong TotalSize { get; internal set; }

    /// <summary>True when the table has no region (only the size-0 placeholder).</summary>
    public bool IsEmpty => _regions[0].Size == 0;

    /// <summary>The entries in array order, <see cref="Count"/> of them.</summary>
    public ReadOnlySpan<MemblockRegion> Regions => _regions.AsSpan(0, Count);

    /// <summary>The entry at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public MemblockRegion this[int index] =>
        (uint)index < (uint)Count ? _regions[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>True while the table still uses its initial static array (never doubled).</summary>
    public bool IsStaticArray { get; internal set; }

    /// <summary>The physical address of the current array once it has been doubled; 0 for the static array.</summary>
    public ulong ArrayAddress { get; internal set; }

    /// <summary>The node a region is given: <paramref name="nid"/> on a NUMA build, 0 otherwise (<c>memblock_set_region_node</c>).</summary>
    internal int NodeOf(int nid) => _numa ? nid : 0;

    /// <summary>Direct access to the entry for in-place edits by the allocator.</summary>
    internal ref MemblockRegion At(int index) => ref _regions[index];

    /// <summary>
    /// Inserts a region at <paramref name="index"/>, shifting the tail up (<c>memblock_insert_region</c>).
    /// The caller guarantees that there is room.
    /// </summary>
    internal void InsertAt(int index, ulong @base, ulong size, int nid, MemblockFlags flags)
    {
        if (Count >= Capacity)
            throw new InvalidOperationException($"memblock {Name}: insert into a full array ({Count}/{Capacity}).");
        _regions.AsSpan(index, Count - index).CopyTo(_regions.AsSpan(index + 1));
        _regions[index] = new MemblockRegion(@base, size, flags, NodeOf(nid));
        Count++;
        TotalSize = unchecked(TotalSize + size);
    }

    /// <summary>
    /// Deletes the region at <paramref name="index"/> (<c>memblock_remove_region</c>). When the table becomes empty
    /// its placeholder is rewritten with flags 0 and node <paramref name="emptyNid"/>, and <see cref="Count"/> stays 1.
    /// </summary>
    internal void RemoveAt(int index, int emptyNid)
    {
        TotalSize = unchecked(TotalSize - _regions[index].Size);
        _regions.AsSpan(index + 1, Count - index - 1).CopyTo(_regions.AsSpan(index));
        Count--;
        if (Count == 0)
        {
            Count = 1;
            _regions[0] = new MemblockRegion(0, 0, MemblockFlags.None, NodeOf(emptyNid));
        }
    }

    /// <summary>
    /// Merges every pair of neighbours that touch and have equal node and flags, over the whole array
    /// (<c>memblock_merge_regions</c> as in Linux 6.1).
    /// </summary>
    internal void MergeAll()
    {
        int i = 0;
        while (i < Count - 1)
        {
            ref var current = ref _regions[i];
            var next = _regions[i + 1];
            if (current.End != next.Base || current.Nid != next.Nid || current.Flags != next.Flags)
            {
                i++;
                continue;
            }
            current = current with { Size = current.Size + next.Size };
            _regions.AsSpan(i + 2, Count - i - 2).CopyTo(_regions.AsSpan(i + 1));
            Count--;
        }
    }

    /// <summary>Replaces the placeholder of an empty table with a first region (the empty-array fast path of an add).</summary>
    internal void SetFirst(ulong @base, ulong size, int nid, MemblockFlags flags)
    {
        _regions[0] = new MemblockRegion(@base, size, flags, NodeOf(nid));
        TotalSize = size;
    }

    /// <summary>Moves the entries into a new array of twice the capacity (the copy step of <c>memblock_double_array</c>).</summary>
    internal void GrowTo(int newCapacity)
    {
        var grown = new MemblockRegion[newCapacity];
        _regions.AsSpan(0, Count).CopyTo(grown);
        _regions = grown;
    }

    /// <summary>Returns the table to its boot-time state: one placeholder with node 0, the given capacity, total 0.</summary>
    internal void Reset(int capacity)
    {
        _regions = new MemblockRegion[capacity];
        _regions[0] = new MemblockRegion(0, 0, MemblockFlags.None, _emptyNid);
        Count = 1;
        TotalSize = 0;
        IsStaticArray = true;
        ArrayAddress = 0;
    }

    /// <summary>
    /// Finds the region containing <paramref name="addr"/> by binary search (<c>memblock_search</c>); -1 when none does.
    /// </summary>
    internal int Search(ulong addr)
    {
        uint left = 0, right = (uint)Count;
        do
        {
            uint mid = (left + right) / 2;
            var r = _regions[mid];
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
