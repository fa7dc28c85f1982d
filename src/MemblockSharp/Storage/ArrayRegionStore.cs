namespace MemblockSharp.Storage;

/// <summary>
/// The reference store: one array shifted on every insert and delete and scanned whole to merge, exactly as the kernel
/// does it. Simple and obviously right; quadratic on tables of many thousands of regions.
/// </summary>
internal sealed class ArrayRegionStore : IRegionStore
{
    private MemblockRegion[] _items;

    public ArrayRegionStore(int capacity) => _items = new MemblockRegion[Math.Max(capacity, 1)];

    public int Count { get; private set; }

    public MemblockRegion this[int index] => _items[index];

    public void Set(int index, MemblockRegion region) => _items[index] = region;

    public void Insert(int index, MemblockRegion region)
    {
        if (Count == _items.Length)
            Array.Resize(ref _items, _items.Length * 2);
        _items.AsSpan(index, Count - index).CopyTo(_items.AsSpan(index + 1));
        _items[index] = region;
        Count++;
    }

    public void RemoveAt(int index)
    {
        _items.AsSpan(index + 1, Count - index - 1).CopyTo(_items.AsSpan(index));
        Count--;
    }

    public void ResetTo(MemblockRegion region)
    {
        _items[0] = region;
        Count = 1;
    }

    public void Clear() => Count = 0;

    public int CountEndsAtMost(ulong address) => RegionRules.CountKeysAtMost(AsSpan(), address, byEnd: true);

    public int CountBasesAtMost(ulong address) => RegionRules.CountKeysAtMost(AsSpan(), address, byEnd: false);

    public void MergeAll()
    {
        int i = 0;
        while (i < Count - 1)
        {
            if (!RegionRules.Mergeable(_items[i], _items[i + 1]))
            {
                i++;
                continue;
            }
            _items[i] = _items[i] with { Size = _items[i].Size + _items[i + 1].Size };
            RemoveAt(i + 1);
        }
    }

    public MemblockRegion[] ChunkContaining(int index, out int start, out int count)
    {
        start = 0;
        count = Count;
        return _items;
    }

    public ReadOnlySpan<MemblockRegion> AsSpan() => _items.AsSpan(0, Count);

    public void EnsureCapacity(int capacity)
    {
        if (_items.Length < capacity)
            Array.Resize(ref _items, capacity);
    }
}
