namespace MemblockSharp.Boot.Replay;

/// <summary>Who reserved a piece of memory: the kernel function and the category it belongs to.</summary>
/// <param name="Caller">The kernel function (for allocations, the allocator's caller, not memblock itself).</param>
/// <param name="Category">The category (kernel image, FDT, page tables, ...).</param>
internal sealed record Owner(string Caller, string Category);

/// <summary>
/// Which owner holds each reserved byte: sorted, disjoint, half-open intervals. The first reservation of a byte owns
/// it (a second, overlapping reservation changes nothing in memblock either); a free releases it.
/// </summary>
internal sealed class Ownership
{
    private readonly List<(ulong Start, ulong End, Owner Owner)> _items = [];

    public IReadOnlyList<(ulong Start, ulong End, Owner Owner)> Items => _items;

    /// <summary>Gives the unowned parts of <c>[start, end)</c> to <paramref name="owner"/>.</summary>
    public void Assign(ulong start, ulong end, Owner owner)
    {
        if (end <= start)
            return;
        int i = FirstEndingAfter(start);
        ulong cursor = start;
        while (cursor < end)
        {
            if (i < _items.Count && _items[i].Start <= cursor)
            {
                cursor = Math.Max(cursor, _items[i].End);
                i++;
                continue;
            }
            ulong gapEnd = i < _items.Count ? Math.Min(end, _items[i].Start) : end;
            _items.Insert(i, (cursor, gapEnd, owner));
            i = MergeAround(i) + 1;
            cursor = gapEnd;
        }
    }

    /// <summary>Releases <c>[start, end)</c>.</summary>
    public void Release(ulong start, ulong end)
    {
        if (end <= start)
            return;
        int i = FirstEndingAfter(start);
        while (i < _items.Count && _items[i].Start < end)
        {
            var (s, e, o) = _items[i];
            _items.RemoveAt(i);
            if (e > end)
                _items.Insert(i, (end, e, o));
            if (s < start)
            {
                _items.Insert(i, (s, start, o));
                i++;
            }
        }
    }

    /// <summary>The owned pieces inside <c>[start, end)</c>, clipped.</summary>
    public IEnumerable<(ulong Start, ulong End, Owner Owner)> Within(ulong start, ulong end)
    {
        for (int i = FirstEndingAfter(start); i < _items.Count && _items[i].Start < end; i++)
            yield return (Math.Max(start, _items[i].Start), Math.Min(end, _items[i].End), _items[i].Owner);
    }

    private int FirstEndingAfter(ulong addr)
    {
        int lo = 0, hi = _items.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_items[mid].End <= addr)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    /// <summary>Merges item <paramref name="i"/> with touching neighbours of the same owner; returns its new index.</summary>
    private int MergeAround(int i)
    {
        if (i + 1 < _items.Count && _items[i + 1].Start == _items[i].End && _items[i + 1].Owner == _items[i].Owner)
        {
            _items[i] = (_items[i].Start, _items[i + 1].End, _items[i].Owner);
            _items.RemoveAt(i + 1);
        }
        if (i > 0 && _items[i - 1].End == _items[i].Start && _items[i - 1].Owner == _items[i].Owner)
        {
            _items[i - 1] = (_items[i - 1].Start, _items[i].End, _items[i].Owner);
            _items.RemoveAt(i);
            i--;
        }
        return i;
    }
}
