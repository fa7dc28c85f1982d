namespace MemblockSharp.Boot.Maps;

/// <summary>
/// The address axis of a map: the populated stretches of the address space side by side, each drawn to a linear
/// scale, with large holes collapsed into a fixed-width break.
/// </summary>
internal sealed class MemoryMapLayout
{
    /// <summary>One populated stretch and where it is drawn.</summary>
    public sealed record Segment(ulong Base, ulong End, double X, double Width)
    {
        public double Scale => Width / (End - Base);
    }

    /// <summary>A collapsed hole between two segments.</summary>
    public sealed record Break(ulong Base, ulong End, double X, double Width);

    public const double BreakWidth = 40, MinSegmentWidth = 90;

    public List<Segment> Segments { get; } = [];

    public List<Break> Breaks { get; } = [];

    public MemoryMapLayout(MemoryMap map, double x0, double width)
    {
        var spans = map.Banks.Select(b => (b.Base, b.End)).Concat(map.Reserved.Select(r => (r.Base, r.End)))
            .Where(s => s.End > s.Base).OrderBy(s => s.Base).ToList();
        if (spans.Count == 0)
            spans.Add((0UL, 1UL << 20));
        ulong total = (ulong)spans.Sum(s => (decimal)(s.End - s.Base) > ulong.MaxValue ? ulong.MaxValue : (decimal)(s.End - s.Base));
        // A hole larger than an eighth of the populated bytes is collapsed; smaller ones are drawn to scale.
        ulong collapseAbove = Math.Max(total / 8, 1);
        var merged = new List<(ulong Base, ulong End)>();
        foreach (var s in spans)
        {
            if (merged.Count > 0 && s.Base <= merged[^1].End + Math.Min(collapseAbove, ulong.MaxValue - merged[^1].End))
                merged[^1] = (merged[^1].Base, Math.Max(merged[^1].End, s.End));
            else
                merged.Add(s);
        }
        double avail = width - BreakWidth * (merged.Count - 1);
        var widths = Fit(merged.Select(m => (double)(m.End - m.Base)).ToList(), avail);
        double x = x0;
        for (int i = 0; i < merged.Count; i++)
        {
            if (i > 0)
            {
                Breaks.Add(new Break(merged[i - 1].End, merged[i].Base, x, BreakWidth));
                x += BreakWidth;
            }
            Segments.Add(new Segment(merged[i].Base, merged[i].End, x, widths[i]));
            x += widths[i];
        }
    }

    private MemoryMapLayout()
    {
    }

    /// <summary>
    /// A detail axis over <c>[base, end)</c>: each reservation piece at least <paramref name="minPiece"/> px wide and each
    /// gap at least 3 px, the rest shared in proportion to bytes (not to scale, but every piece is visible).
    /// </summary>
    public static MemoryMapLayout Detail(IReadOnlyList<MapReservation> pieces, ulong @base, ulong end, double x0, double width, double minPiece)
    {
        var parts = new List<(ulong Base, ulong End, double Min)>();
        ulong cursor = @base;
        foreach (var p in pieces.Where(p => p.End > @base && p.Base < end).OrderBy(p => p.Base))
        {
            ulong s = Math.Max(p.Base, cursor), e = Math.Min(p.End, end);
            if (e <= s)
                continue;
            if (s > cursor)
                parts.Add((cursor, s, 3));
            parts.Add((s, e, minPiece));
            cursor = e;
        }
        if (cursor < end)
            parts.Add((cursor, end, 3));
        var layout = new MemoryMapLayout();
        double need = parts.Sum(p => p.Min);
        double scale = need >= width ? 0 : (width - need) / parts.Sum(p => (double)(p.End - p.Base));
        double x = x0, shrink = need >= width ? width / need : 1;
        foreach (var (b, e, min) in parts)
        {
            double w = (min + (e - b) * scale) * shrink;
            layout.Segments.Add(new Segment(b, e, x, w));
            x += w;
        }
        return layout;
    }

    /// <summary>Widths proportional to sizes, but never below <see cref="MinSegmentWidth"/> (when there is room).</summary>
    private static List<double> Fit(List<double> sizes, double avail)
    {
        var fixedMin = new bool[sizes.Count];
        double min = Math.Min(MinSegmentWidth, avail / Math.Max(1, sizes.Count));
        var widths = new List<double>(sizes);
        for (int round = 0; round <= sizes.Count; round++)
        {
            double fixedWidth = fixedMin.Count(f => f) * min;
            double freeBytes = sizes.Where((_, i) => !fixedMin[i]).Sum();
            bool changed = false;
            for (int i = 0; i < sizes.Count; i++)
            {
                widths[i] = fixedMin[i] ? min : freeBytes == 0 ? min : sizes[i] / freeBytes * (avail - fixedWidth);
                if (!fixedMin[i] && widths[i] < min)
                {
                    fixedMin[i] = true;
                    changed = true;
                }
            }
            if (!changed)
                break;
        }
        return widths;
    }

    /// <summary>The x of an address (clamped into the nearest segment).</summary>
    public double X(ulong addr)
    {
        foreach (var s in Segments)
        {
            if (addr < s.Base)
                return s.X;
            if (addr <= s.End)
                return s.X + (addr - s.Base) * s.Scale;
        }
        var last = Segments[^1];
        return last.X + last.Width;
    }

    /// <summary>The drawn extent of <c>[base, base + size)</c>, at least <paramref name="minWidth"/> wide.</summary>
    public (double X, double Width) Extent(ulong @base, ulong size, double minWidth)
    {
        double a = X(@base), b = X(@base + size);
        double w = b - a;
        if (w < minWidth)
        {
            // Widen around the middle, but stay inside the segment's right edge.
            double mid = (a + b) / 2;
            a = mid - minWidth / 2;
            var seg = Segments.FirstOrDefault(s => @base >= s.Base && @base < s.End);
            if (seg is not null)
                a = Math.Max(seg.X, Math.Min(a, seg.X + seg.Width - minWidth));
            w = minWidth;
        }
        return (a, w);
    }
}
