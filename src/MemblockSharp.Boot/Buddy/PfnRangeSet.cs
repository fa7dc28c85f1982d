namespace MemblockSharp.Boot.Buddy;

/// <summary>
/// A set of page frame numbers kept as sorted, disjoint, non-adjacent half-open runs <c>[Start, End)</c>. Its size
/// grows with fragmentation, never with the amount of memory it covers.
/// </summary>
public sealed class PfnRangeSet
{
    private readonly List<(ulong Start, ulong End)> _runs = [];

    /// <summary>The runs in ascending order.</summary>
    public IReadOnlyList<(ulong Start, ulong End)> Runs => _runs;

    /// <summary>Total number of pages in the set.</summary>
    public ulong Count { get; private set; }

    /// <summary>Adds <c>[start, end)</c>, merging with touching or overlapping runs.</summary>
    /// <param name="start">First pfn.</param>
    /// <param name="end">One past the last pfn.</param>
    public void Add(ulong start, ulong end)
    {
        if (start >= end)
            return;
        int i = LowerBound(start);
        if (i > 0 && _runs[i - 1].End >= start)
            i--;
        ulong s = start, e = end;
        int j = i;
        while (j < _runs.Count && _runs[j].Start <= e)
        {
            s = Math.Min(s, _runs[j].Start);
            e = Math.Max(e, _runs[j].End);
            Count -= _runs[j].End - _runs[j].Start;
            j++;
        }
        _runs.RemoveRange(i, j - i);
        _runs.Insert(i, (s, e));
        Count += e - s;
    }

    /// <summary>Removes <c>[start, end)</c> (the parts that are present).</summary>
    /// <param name="start">First pfn.</param>
    /// <param name="end">One past the last pfn.</param>
    public void Remove(ulong start, ulong end)
    {
        if (start >= end)
            return;
        int i = LowerBound(start);
        if (i > 0 && _runs[i - 1].End > start)
            i--;
        while (i < _runs.Count && _runs[i].Start < end)
        {
            var (s, e) = _runs[i];
            ulong cutStart = Math.Max(s, start), cutEnd = Math.Min(e, end);
            Count -= cutEnd - cutStart;
            _runs.RemoveAt(i);
            if (s < cutStart)
                _runs.Insert(i++, (s, cutStart));
            if (cutEnd < e)
                _runs.Insert(i++, (cutEnd, e));
        }
    }

    /// <summary>Whether every pfn of <c>[start, end)</c> is in the set.</summary>
    /// <param name="start">First pfn.</param>
    /// <param name="end">One past the last pfn.</param>
    /// <returns>True when the whole range is covered (an empty range is covered).</returns>
    public bool ContainsRange(ulong start, ulong end)
    {
        if (start >= end)
            return true;
        int i = LowerBound(start + 1) - 1;
        return i >= 0 && _runs[i].Start <= start && _runs[i].End >= end;
    }

    /// <summary>Whether any pfn of <c>[start, end)</c> is in the set.</summary>
    /// <param name="start">First pfn.</param>
    /// <param name="end">One past the last pfn.</param>
    /// <returns>True on any overlap.</returns>
    public bool Overlaps(ulong start, ulong end) => CountIn(start, end) > 0;

    /// <summary>Number of pfns of the set inside <c>[start, end)</c>.</summary>
    /// <param name="start">First pfn.</param>
    /// <param name="end">One past the last pfn.</param>
    /// <returns>The count.</returns>
    public ulong CountIn(ulong start, ulong end)
    {
        ulong n = 0;
        int i = LowerBound(start);
        if (i > 0)
            i--;
        for (; i < _runs.Count && _runs[i].Start < end; i++)
        {
            ulong s = Math.Max(_runs[i].Start, start), e = Math.Min(_runs[i].End, end);
            if (e > s)
                n += e - s;
        }
        return n;
    }

    /// <summary>The parts of <c>[start, end)</c> that are in the set, in order.</summary>
    /// <param name="start">First pfn.</param>
    /// <param name="end">One past the last pfn.</param>
    /// <returns>The clipped runs.</returns>
    public IEnumerable<(ulong Start, ulong End)> Clip(ulong start, ulong end)
    {
        int i = LowerBound(start);
        if (i > 0)
            i--;
        for (; i < _runs.Count && _runs[i].Start < end; i++)
        {
            ulong s = Math.Max(_runs[i].Start, start), e = Math.Min(_runs[i].End, end);
            if (e > s)
                yield return (s, e);
        }
    }

    // First index whose Start >= value.
    private int LowerBound(ulong value)
    {
        int lo = 0, hi = _runs.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_runs[mid].Start < value)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
