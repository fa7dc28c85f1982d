namespace MemblockSharp.Boot.Simulation;

/// <summary>Remembers which boot step owns each reserved byte, so the summary can say where memory went.</summary>
internal sealed class CostLedger
{
    private readonly List<(ulong Base, ulong End, string Category)> _items = [];

    public void Add(ulong @base, ulong size, string category)
    {
        if (size == 0)
            return;
        ulong end = @base + Math.Min(size, ulong.MaxValue - @base); // cut to fit, as memblock does
        // Top-down allocations of one step land just below the previous one: extend it rather than grow the list.
        if (_items.Count > 0 && _items[^1] is var (lastBase, lastEnd, lastCategory) && lastCategory == category && (end == lastBase || @base == lastEnd))
            _items[^1] = (Math.Min(@base, lastBase), Math.Max(end, lastEnd), category);
        else
            _items.Add((@base, end, category));
    }

    public void Remove(ulong @base, ulong size)
    {
        ulong end = @base + Math.Min(size, ulong.MaxValue - @base);
        for (int i = _items.Count - 1; i >= 0; i--)
        {
            var (s, e, c) = _items[i];
            if (e <= @base || s >= end)
                continue;
            _items.RemoveAt(i);
            if (s < @base) _items.Add((s, @base, c));
            if (end < e) _items.Add((end, e, c));
        }
    }

    /// <summary>Bytes per category, in first-seen order.</summary>
    public IEnumerable<(string Category, ulong Bytes)> Totals() =>
        _items.GroupBy(i => i.Category).Select(g => (g.Key, (ulong)Math.Min(g.Sum(i => (decimal)(i.End - i.Base)), ulong.MaxValue)));
}
