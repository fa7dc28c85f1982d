namespace MemblockSharp.Boot.Simulation;

/// <summary>
/// Remembers which boot step owns each reserved byte (its category and, where known, the kernel function that made
/// the call), so the summary can say where memory went and a memory map can attribute reservations without a trace.
/// </summary>
internal sealed class CostLedger
{
    private readonly List<(ulong Base, ulong End, string Category, string? Caller)> _items = [];

    /// <summary>Every owned range in the order first recorded (touching ranges of one step joined); frees cut them.</summary>
    public IReadOnlyList<(ulong Base, ulong End, string Category, string? Caller)> Items => _items;

    public void Add(ulong @base, ulong size, string category, string? caller = null)
    {
        if (size == 0)
            return;
        ulong end = @base + Math.Min(size, ulong.MaxValue - @base); // cut to fit, as memblock does
        // Top-down allocations of one step land just below the previous one: extend it rather than grow the list.
        if (_items.Count > 0 && _items[^1] is var (lastBase, lastEnd, lastCategory, lastCaller) && lastCategory == category && lastCaller == caller
            && (end == lastBase || @base == lastEnd))
            _items[^1] = (Math.Min(@base, lastBase), Math.Max(end, lastEnd), category, caller);
        else
            _items.Add((@base, end, category, caller));
    }

    public void Remove(ulong @base, ulong size)
    {
        ulong end = @base + Math.Min(size, ulong.MaxValue - @base);
        for (int i = _items.Count - 1; i >= 0; i--)
        {
            var (s, e, c, who) = _items[i];
            if (e <= @base || s >= end)
                continue;
            _items.RemoveAt(i);
            if (s < @base) _items.Add((s, @base, c, who));
            if (end < e) _items.Add((end, e, c, who));
        }
    }

    /// <summary>
    /// Keeps only the parts of every owned range that lie in <paramref name="ranges"/> (sorted, disjoint): after the
    /// memblock core dropped reservations itself (memblock_cap_memory_range truncates <c>memblock.reserved</c> at a
    /// <c>mem=</c> limit), what it dropped is no one's cost.
    /// </summary>
    /// <param name="ranges">The ranges still reserved, as [Base, End).</param>
    public void ClipTo(IReadOnlyList<(ulong Base, ulong End)> ranges)
    {
        var kept = new List<(ulong Base, ulong End, string Category, string? Caller)>(_items.Count);
        foreach (var (s, e, c, who) in _items)
        {
            foreach (var (rs, re) in ranges)
            {
                ulong lo = Math.Max(s, rs), hi = Math.Min(e, re);
                if (lo < hi)
                    kept.Add((lo, hi, c, who));
            }
        }
        _items.Clear();
        _items.AddRange(kept);
    }

    /// <summary>Bytes per category, in first-seen order.</summary>
    public IEnumerable<(string Category, ulong Bytes)> Totals() =>
        _items.GroupBy(i => i.Category).Select(g => (g.Key, (ulong)Math.Min(g.Sum(i => (decimal)(i.End - i.Base)), ulong.MaxValue)));
}
