namespace MemblockSharp.Boot.Simulation;

/// <summary>
/// A set of indices (section numbers, page-table indices, section-root numbers) kept as sorted, disjoint,
/// non-touching inclusive intervals <c>[Lo, Hi]</c>. The boot keeps what the kernel keeps per section or per table
/// in these, so its cost follows the number of memory regions, not the amount of RAM.
/// </summary>
internal sealed class IndexIntervals
{
    // The intervals in ascending order; neighbours never overlap or touch (they are merged).
    private readonly List<(ulong Lo, ulong Hi)> _intervals = [];

    /// <summary>Number of indices in the set (saturates at <see cref="ulong.MaxValue"/> for the full range).</summary>
    public ulong Count { get; private set; }

    /// <summary>The intervals in ascending order.</summary>
    public IReadOnlyList<(ulong Lo, ulong Hi)> Intervals => _intervals;

    /// <summary>Adds <c>[lo, hi]</c> and returns how many of its indices were not in the set before.</summary>
    public ulong Add(ulong lo, ulong hi)
    {
        if (hi < lo)
            return 0;
        ulong before = Count;
        // First interval that ends at or after lo - 1 (so it overlaps or touches [lo, hi]).
        int i = FirstEndingAtOrAfter(lo == 0 ? 0 : lo - 1);
        int j = i;
        while (j < _intervals.Count && (hi == ulong.MaxValue || _intervals[j].Lo <= hi + 1))
        {
            lo = Math.Min(lo, _intervals[j].Lo);
            hi = Math.Max(hi, _intervals[j].Hi);
            Count -= Size(_intervals[j]);
            j++;
        }
        _intervals.RemoveRange(i, j - i);
        _intervals.Insert(i, (lo, hi));
        Count = SaturatingAdd(Count, Size((lo, hi)));
        return Count - before;
    }

    private static ulong Size((ulong Lo, ulong Hi) iv) => iv.Hi - iv.Lo == ulong.MaxValue ? ulong.MaxValue : iv.Hi - iv.Lo + 1;

    private static ulong SaturatingAdd(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;

    private int FirstEndingAtOrAfter(ulong value)
    {
        int lo = 0, hi = _intervals.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_intervals[mid].Hi < value)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
