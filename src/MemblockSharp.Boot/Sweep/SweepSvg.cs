using System.Globalization;
using System.Text;
using static MemblockSharp.Boot.Maps.MapText;

namespace MemblockSharp.Boot.Sweep;

/// <summary>
/// Draws a sweep as one SVG picture: a panel per (kernel, parameter set), each with two charts against RAM size. The
/// upper chart stacks MemTotal and every not-in-MemTotal category up to the RAM the kernel knows of (present pages);
/// the lower one stacks only the categories, scaled to show them. Every boot is a <c>g.point</c> element carrying its
/// figures as <c>data-*</c> attributes and a <c>&lt;title&gt;</c> tooltip; a failed boot is a red cross with its error.
/// The scales are the same in every panel, so panels compare at a glance.
/// </summary>
public static class SweepSvg
{
    private const double PanelWidth = 470, PlotLeft = 78, PlotRight = 18, PanelTitle = 34;
    private const double UpperHeight = 200, Gap = 46, LowerHeight = 140, AxisBelow = 44;
    private const double PanelHeight = PanelTitle + UpperHeight + Gap + LowerHeight + AxisBelow;
    private const double Margin = 16, HeaderHeight = 40, LegendRow = 18;
    private const string MemTotalColour = "#b9dfb0";
    private const string FailedColour = "#d62728";

    private static readonly string[] Palette =
    [
        "#1f77b4", "#9467bd", "#d62728", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
        "#393b79", "#f4a582", "#637939", "#7f7f7f", "#ad494a", "#3182bd", "#8c6d31", "#a55194",
    ];

    /// <summary>The fill colour of a category: by its place in <see cref="SweepResult.CategoriesBySize"/>.</summary>
    /// <param name="result">The sweep.</param>
    /// <param name="category">The category.</param>
    /// <returns>An SVG colour.</returns>
    public static string ColourOf(SweepResult result, string category)
    {
        ArgumentNullException.ThrowIfNull(result);
        int i = result.CategoriesBySize.ToList().IndexOf(category);
        return i < 0 ? "#8a8a8a" : Palette[i % Palette.Length];
    }

    /// <summary>Renders the picture.</summary>
    /// <param name="result">The sweep.</param>
    /// <returns>The SVG document (no XML declaration, so it can be inlined in HTML).</returns>
    public static string Render(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int columns = Columns(result.Grid);
        int panelRows = (result.Panels.Count + columns - 1) / columns;
        double width = Margin * 2 + columns * PanelWidth;
        int legendItems = 1 + result.CategoriesBySize.Count;
        int perLegendRow = Math.Max(1, (int)((width - 2 * Margin) / 230));
        double legendHeight = (legendItems + perLegendRow - 1) / perLegendRow * LegendRow + 8;
        double top = HeaderHeight + legendHeight;
        double height = top + panelRows * PanelHeight + Margin;

        var scale = new Scales(result);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sweep\" width=\"{F(width)}\" height=\"{F(height)}\" viewBox=\"0 0 {F(width)} {F(height)}\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{F(width)}\" height=\"{F(height)}\" fill=\"#ffffff\"/>\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{F(Margin)}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{Esc($"memblock sweep: {result.Title}")}</text>\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{F(Margin)}\" y=\"36\" fill=\"#555\">{Esc($"{result.Rows.Count} boots; upper charts: RAM (present pages) = MemTotal + not in MemTotal; lower charts: not in MemTotal by category")}</text>\n");
        Legend(sb, result, HeaderHeight + 4, perLegendRow);
        foreach (var panel in result.Panels)
        {
            double x = Margin + panel.Index % columns * PanelWidth;
            double y = top + panel.Index / columns * PanelHeight;
            Panel(sb, result, panel, scale, x, y);
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>Panels per row: one column per parameter set (at most 4), or the kernels side by side when there is one set.</summary>
    private static int Columns(SweepGrid grid)
    {
        int sets = grid.ParameterSets.Count;
        return sets > 1 ? Math.Min(sets, 4) : Math.Min(grid.Kernels.Count, 3);
    }

    private static void Legend(StringBuilder sb, SweepResult result, double y, int perRow)
    {
        sb.Append("<g class=\"legend\">\n");
        var items = new List<(string Name, string Colour)> { ("MemTotal", MemTotalColour) };
        items.AddRange(result.CategoriesBySize.Select(c => (c, ColourOf(result, c))));
        for (int i = 0; i < items.Count; i++)
        {
            double x = Margin + i % perRow * 230;
            double yy = y + i / perRow * LegendRow;
            sb.Append(CultureInfo.InvariantCulture,
                $"<g class=\"legend-item\" data-category=\"{Esc(items[i].Name)}\"><rect x=\"{F(x)}\" y=\"{F(yy)}\" width=\"12\" height=\"12\" fill=\"{items[i].Colour}\" stroke=\"#555\" stroke-width=\"0.5\"/>" +
                $"<text x=\"{F(x + 17)}\" y=\"{F(yy + 10)}\">{Esc(items[i].Name)}</text></g>\n");
        }
        sb.Append("</g>\n");
    }

    private static void Panel(StringBuilder sb, SweepResult result, SweepPanel panel, Scales scale, double x0, double y0)
    {
        var rows = result.RowsOf(panel.Index).ToList();
        double left = x0 + PlotLeft, right = x0 + PanelWidth - PlotRight;
        double upperTop = y0 + PanelTitle, upperBottom = upperTop + UpperHeight;
        double lowerTop = upperBottom + Gap, lowerBottom = lowerTop + LowerHeight;
        double X(ulong ram) => scale.X(ram, left, right);

        sb.Append(CultureInfo.InvariantCulture,
            $"<g class=\"panel\" data-panel=\"{panel.Index}\" data-kernel=\"{Esc(panel.Kernel)}\" data-parameters=\"{Esc(panel.Parameters)}\">\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{F(left)}\" y=\"{F(y0 + 16)}\" font-size=\"12\" font-weight=\"bold\">{Esc(panel.Kernel)}</text>" +
            $"<text x=\"{F(left)}\" y=\"{F(y0 + 29)}\" fill=\"#444\">{Esc(panel.Parameters == SweepParameters.AsGivenText ? "command line as given" : "what-if: " + panel.Parameters)}</text>\n");

        // Upper chart: MemTotal, then the categories (largest first) up to RAM.
        var layers = new List<(string Name, string Colour, Func<SweepRow, double> Bytes)> { ("MemTotal", MemTotalColour, r => r.MemTotalKb * 1024.0) };
        layers.AddRange(result.CategoriesBySize.Select(c => (c, ColourOf(result, c), (Func<SweepRow, double>)(r => Math.Max(0, r.CostOf(c))))));
        Axes(sb, left, right, upperTop, upperBottom, scale.RamMax, "RAM");
        Stack(sb, rows, layers, X, b => upperBottom - b / scale.RamMax * UpperHeight);
        Axes(sb, left, right, lowerTop, lowerBottom, scale.LostMax, "not in MemTotal");
        Stack(sb, rows, layers.Skip(1).ToList(), X, b => lowerBottom - b / scale.LostMax * LowerHeight);
        XLabels(sb, rows, X, upperBottom);
        XLabels(sb, rows, X, lowerBottom);
        sb.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{F((left + right) / 2)}\" y=\"{F(lowerBottom + 34)}\" text-anchor=\"middle\" fill=\"#444\">RAM size{(scale.Log ? " (log scale)" : "")}</text>\n");

        foreach (var r in rows)
            Point(sb, r, X(r.RamSize), upperBottom, lowerBottom, b => upperBottom - b / scale.RamMax * UpperHeight, b => lowerBottom - b / scale.LostMax * LowerHeight);
        sb.Append("</g>\n");
    }

    private static void Axes(StringBuilder sb, double left, double right, double top, double bottom, double max, string what)
    {
        sb.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"plot\" x=\"{F(left)}\" y=\"{F(top)}\" width=\"{F(right - left)}\" height=\"{F(bottom - top)}\" fill=\"#fafafa\" stroke=\"#999\" stroke-width=\"0.6\"/>\n");
        foreach (double tick in NiceTicks(max))
        {
            double y = bottom - tick / max * (bottom - top);
            sb.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{F(left - 4)}\" y1=\"{F(y)}\" x2=\"{F(right)}\" y2=\"{F(y)}\" stroke=\"#ddd\" stroke-width=\"0.6\"/>" +
                $"<text x=\"{F(left - 6)}\" y=\"{F(y + 3.5)}\" text-anchor=\"end\" fill=\"#444\">{Esc(Size((ulong)tick))}</text>\n");
        }
        sb.Append(CultureInfo.InvariantCulture,
            $"<text transform=\"translate({F(left - 62)},{F((top + bottom) / 2)}) rotate(-90)\" text-anchor=\"middle\" fill=\"#444\">{Esc(what)}</text>\n");
    }

    private static void XLabels(StringBuilder sb, List<SweepRow> rows, Func<ulong, double> x, double bottom)
    {
        var sizes = rows.Select(r => r.RamSize).Distinct().Order().ToList();
        int every = Math.Max(1, (int)Math.Ceiling(sizes.Count / 8.0));
        double lastX = double.NegativeInfinity;
        for (int i = 0; i < sizes.Count; i++)
        {
            double xx = x(sizes[i]);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(xx)}\" y1=\"{F(bottom)}\" x2=\"{F(xx)}\" y2=\"{F(bottom + 4)}\" stroke=\"#666\" stroke-width=\"0.6\"/>");
            if ((i % every == 0 || i == sizes.Count - 1) && xx - lastX >= 38)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(xx)}\" y=\"{F(bottom + 15)}\" text-anchor=\"middle\" fill=\"#444\">{Esc(SweepRam.SizeText(sizes[i]))}</text>");
                lastX = xx;
            }
        }
        sb.Append('\n');
    }

    /// <summary>Stacked areas over each run of booted points (a failed boot breaks the areas); a lone point is a bar.</summary>
    private static void Stack(StringBuilder sb, List<SweepRow> rows, List<(string Name, string Colour, Func<SweepRow, double> Bytes)> layers,
                              Func<ulong, double> x, Func<double, double> y)
    {
        var runs = new List<List<SweepRow>>();
        List<SweepRow>? run = null;
        foreach (var r in rows.OrderBy(r => r.RamSize))
        {
            if (!r.Booted)
            {
                run = null;
                continue;
            }
            if (run is null)
                runs.Add(run = []);
            run.Add(r);
        }
        sb.Append("<g class=\"areas\">\n");
        foreach (var points in runs)
        {
            var below = new double[points.Count];
            foreach (var (name, colour, bytes) in layers)
            {
                var above = points.Select((p, i) => below[i] + bytes(p)).ToArray();
                if (above.SequenceEqual(below))
                    continue;
                var path = new StringBuilder();
                if (points.Count == 1)
                {
                    double xx = x(points[0].RamSize);
                    path.Append(CultureInfo.InvariantCulture, $"M{F(xx - 8)},{F(y(above[0]))}H{F(xx + 8)}V{F(y(below[0]))}H{F(xx - 8)}Z");
                }
                else
                {
                    for (int i = 0; i < points.Count; i++)
                        path.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{F(x(points[i].RamSize))},{F(y(above[i]))}");
                    for (int i = points.Count - 1; i >= 0; i--)
                        path.Append(CultureInfo.InvariantCulture, $"L{F(x(points[i].RamSize))},{F(y(below[i]))}");
                    path.Append('Z');
                }
                sb.Append(CultureInfo.InvariantCulture,
                    $"<path class=\"area\" data-category=\"{Esc(name)}\" d=\"{path}\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"0.4\"><title>{Esc(name)}</title></path>\n");
                below = above;
            }
        }
        sb.Append("</g>\n");
    }

    private static void Point(StringBuilder sb, SweepRow r, double x, double upperBottom, double lowerBottom, Func<double, double> upper, Func<double, double> lower)
    {
        var tip = new StringBuilder();
        tip.Append(CultureInfo.InvariantCulture, $"{r.Kernel}, {(r.Parameters == SweepParameters.AsGivenText ? "command line as given" : r.Parameters)}, RAM {SweepRam.SizeText(r.RamSize)} at {MemblockSharp.Text.Hex.Format(r.RamBase)}");
        if (!r.Booted)
        {
            tip.Append("\nthe boot failed: ").Append(r.Error);
            sb.Append(CultureInfo.InvariantCulture,
                $"<g class=\"point failed\" data-index=\"{r.Index}\" data-ram-size=\"{r.RamSize}\" data-status=\"failed\"><title>{Esc(tip.ToString())}</title>" +
                $"<path d=\"M{F(x - 5)},{F(upperBottom - 5)}l10,-10m0,10l-10,-10M{F(x - 5)},{F(lowerBottom - 5)}l10,-10m0,10l-10,-10\" stroke=\"{FailedColour}\" stroke-width=\"2.2\" fill=\"none\"/></g>\n");
            return;
        }
        ulong ramKb = r.RamBytes / 1024;
        tip.Append(CultureInfo.InvariantCulture, $"\nRAM (present pages) {ramKb} kB\nMemTotal {r.MemTotalKb} kB\nnot in MemTotal {r.NotInMemTotalKb} kB");
        foreach (var c in r.Costs.OrderByDescending(c => c.Bytes))
            tip.Append(CultureInfo.InvariantCulture, $"\n  {c.Category}: {c.Bytes / 1024.0:F1} kB");
        double memTotal = r.MemTotalKb * 1024.0, lost = r.NotInMemTotalKb * 1024.0;
        sb.Append(CultureInfo.InvariantCulture,
            $"<g class=\"point\" data-index=\"{r.Index}\" data-ram-size=\"{r.RamSize}\" data-status=\"ok\" data-ram-kb=\"{ramKb}\" data-memtotal-kb=\"{r.MemTotalKb}\" data-not-in-memtotal-kb=\"{r.NotInMemTotalKb}\">" +
            $"<title>{Esc(tip.ToString())}</title>" +
            $"<line x1=\"{F(x)}\" y1=\"{F(upper(memTotal))}\" x2=\"{F(x)}\" y2=\"{F(upper(memTotal + lost))}\" stroke=\"#333\" stroke-width=\"1\"/>" +
            $"<circle cx=\"{F(x)}\" cy=\"{F(upper(memTotal))}\" r=\"3\" fill=\"#2c6e2c\" stroke=\"#fff\" stroke-width=\"0.8\"/>" +
            $"<circle cx=\"{F(x)}\" cy=\"{F(lower(lost))}\" r=\"3\" fill=\"#333\" stroke=\"#fff\" stroke-width=\"0.8\"/></g>\n");
    }

    /// <summary>About five round tick values from 0 up to <paramref name="max"/> (multiples of 1, 2 or 5 times a power of 1024 or 10 of a binary unit).</summary>
    private static IEnumerable<double> NiceTicks(double max)
    {
        double unit = 1;
        while (max / unit >= 1024)
            unit *= 1024;
        double raw = max / unit / 5;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw) * unit;
        for (double t = 0; t <= max * 1.0001; t += step)
            yield return t;
    }

    /// <summary>The scales shared by every panel: RAM on x (log2 when the sizes span a factor of 4 or more), bytes on y.</summary>
    private sealed class Scales
    {
        private readonly double _min, _max;

        public Scales(SweepResult result)
        {
            var sizes = result.Rows.Select(r => (double)r.RamSize).ToList();
            _min = sizes.Count == 0 ? 0 : sizes.Min();
            _max = sizes.Count == 0 ? 1 : sizes.Max();
            Log = _min > 0 && _max / _min >= 4;
            var booted = result.Rows.Where(r => r.Booted).ToList();
            RamMax = Math.Max(1, booted.Count == 0 ? 1 : booted.Max(r => r.RamBytes + (double)Math.Max(0, r.Costs.Where(c => c.Bytes < 0).Sum(c => -c.Bytes))));
            LostMax = Math.Max(1, booted.Count == 0 ? 1 : booted.Max(r => (double)r.Costs.Where(c => c.Bytes > 0).Sum(c => c.Bytes)));
        }

        public bool Log { get; }

        public double RamMax { get; }

        public double LostMax { get; }

        public double X(ulong ram, double left, double right)
        {
            double pad = 14;
            if (_max <= _min)
                return (left + right) / 2;
            double t = Log ? (Math.Log2(ram) - Math.Log2(_min)) / (Math.Log2(_max) - Math.Log2(_min)) : (ram - _min) / (_max - _min);
            return left + pad + t * (right - left - 2 * pad);
        }
    }
}
