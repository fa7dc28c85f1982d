using System.Globalization;
using System.Text;
using static MemblockSharp.Boot.Maps.MapText;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Maps;

/// <summary>
/// Draws a <see cref="MemoryMap"/> as a self-contained SVG: a horizontal address axis (large holes collapsed into
/// marked breaks), zone bands, memory banks with free memory, every reserved piece coloured by category with a
/// minimum width, <c>no-map</c> hatched, CMA outlined, labels in lanes under the bar (too many: on hover only),
/// a legend and a title with RAM and MemTotal. Every element has a <c>&lt;title&gt;</c> for hover, and reserved
/// regions carry <c>data-base</c>/<c>data-size</c> attributes.
/// </summary>
public static partial class MemoryMapSvg
{
    private const double Width = 1560, Margin = 24, ZoneY = 74, ZoneH = 20, BarY = 100, BarH = 80, AxisY = BarY + BarH,
        LaneTop = AxisY + 46, LaneH = 15, MinPieceWidth = 2, CharWidth = 6.1, ZoomH = 50, ZoomMinPiece = 14;

    private const int MaxLanes = 24;

    /// <summary>Renders the map.</summary>
    /// <param name="map">The map.</param>
    /// <returns>The SVG document (UTF-8 text, no external resources).</returns>
    public static string Render(MemoryMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var layout = new MemoryMapLayout(map, Margin, Width - 2 * Margin);
        var body = new StringBuilder();
        Zones(body, map, layout);
        Banks(body, map, layout);
        Reserved(body, map, layout);
        Breaks(body, layout);
        Axis(body, layout);
        double y;
        var pieces = map.Reservations.ToList();
        // No-map memory is labelled in the lanes like a reservation (it is not in memblock.reserved).
        var nomapLabels = map.NoMap.Select(b => new MapReservation(b.Base, b.Size, ReservationCategory.ReservedMemoryNode, "no-map " + (b.Label ?? "memory"))).ToList();
        if (DenseCluster(pieces, layout) is { } window)
        {
            var outside = pieces.Where(p => p.End <= window.Base || p.Base >= window.End).ToList();
            var inside = pieces.Except(outside).ToList();
            y = Labels(body, outside.Concat(nomapLabels).ToList(), layout, AxisY - 2, LaneTop);
            double zoomY = y + 44;
            var zoom = MemoryMapLayout.Detail(inside, window.Base, window.End, Margin, Width - 2 * Margin, ZoomMinPiece);
            Zoom(body, inside, layout, zoom, window, zoomY);
            y = Labels(body, inside, zoom, zoomY + ZoomH, zoomY + ZoomH + 40);
        }
        else
        {
            y = Labels(body, pieces.Concat(nomapLabels).ToList(), layout, AxisY - 2, LaneTop);
        }
        y = Legend(body, map, y + 18);
        y = Notes(body, map, y);
        double height = Math.Ceiling(y + 12);

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"memory-map\" width=\"{F(Width)}\" height=\"{F(height)}\" viewBox=\"0 0 {F(Width)} {F(height)}\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n");
        Defs(sb);
        sb.Append(CultureInfo.InvariantCulture, $"<rect width=\"{F(Width)}\" height=\"{F(height)}\" fill=\"#ffffff\"/>\n");
        Title(sb, map);
        sb.Append(body);
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void Defs(StringBuilder sb)
    {
        sb.Append("<defs>\n");
        sb.Append("<pattern id=\"nomap\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#333333\" stroke-width=\"3\"/></pattern>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<pattern id=\"cma\" patternUnits=\"userSpaceOnUse\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"{Colour(ReservationCategory.Cma)}\"/><circle cx=\"5\" cy=\"5\" r=\"1.8\" fill=\"#ffffff\"/></pattern>\n");
        sb.Append("<style>.piece:hover,.free:hover,.nomap:hover{stroke:#000;stroke-width:2}.lbl{font-size:11px}.tick{font-size:10px;font-family:DejaVu Sans Mono,monospace}</style>\n");
        sb.Append("</defs>\n");
    }

    private static void Title(StringBuilder sb, MemoryMap map)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Margin)}\" y=\"28\" font-size=\"18\" font-weight=\"bold\">Physical memory map: {Esc(map.Title)}</text>\n");
        var parts = new List<string>();
        if (map.RamBytes is { } ram)
            parts.Add($"RAM {Size(ram)} ({ram >> 10} kB)");
        if (map.MemTotalKb is { } mt)
            parts.Add($"MemTotal {Size(mt << 10)} ({mt} kB)");
        ulong reserved = (ulong)map.Reserved.Sum(r => (decimal)r.Size);
        ulong cma = (ulong)map.Reservations.Where(p => p.Category == ReservationCategory.Cma).Sum(p => (decimal)p.Size);
        ulong nomap = (ulong)map.NoMap.Sum(b => (decimal)b.Size);
        ulong free = (ulong)map.Free.Sum(f => (decimal)f.Size);
        parts.Add($"reserved {Size(reserved)} in {map.Reserved.Count} regions" + (cma > 0 ? $" (CMA {Size(cma)})" : ""));
        if (nomap > 0)
            parts.Add($"no-map {Size(nomap)}");
        parts.Add($"free {Size(free)}");
        parts.Add($"{map.Banks.Count} memory region{(map.Banks.Count == 1 ? "" : "s")}");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Margin)}\" y=\"50\" font-size=\"13\" fill=\"#333333\">{Esc(string.Join("  ·  ", parts))}</text>\n");
    }

    private static void Zones(StringBuilder sb, MemoryMap map, MemoryMapLayout layout)
    {
        string[] fills = ["#dbe9f6", "#fde3c8", "#e5dbf0", "#d8efe8", "#f6dbe4"];
        sb.Append("<g class=\"zones\">\n");
        for (int i = 0; i < map.Zones.Count; i++)
        {
            var z = map.Zones[i];
            var (x, w) = layout.Extent(z.Base, z.Size, 1);
            string tip = $"zone {z.Name} (node {z.Node}): {Range(z.Base, z.Size)}, {Size(z.Size)} spanned";
            sb.Append(CultureInfo.InvariantCulture,
                $"<g class=\"zone\" data-name=\"{Esc(z.Name)}\" data-base=\"{Hex.Format(z.Base)}\" data-size=\"{Hex.Format(z.Size)}\"><title>{Esc(tip)}</title>" +
                $"<rect x=\"{F(x)}\" y=\"{F(ZoneY)}\" width=\"{F(w)}\" height=\"{F(ZoneH)}\" fill=\"{fills[i % fills.Length]}\" stroke=\"#7a8ca0\" stroke-width=\"0.8\"/>");
            if (w > 40)
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 6)}\" y=\"{F(ZoneY + 14)}\" font-size=\"12\">ZONE_{Esc(z.Name.ToUpperInvariant())} · {Size(z.Size)}</text>");
            sb.Append("</g>\n");
        }
        sb.Append("</g>\n");
    }

    private static void Banks(StringBuilder sb, MemoryMap map, MemoryMapLayout layout)
    {
        sb.Append("<g class=\"banks\">\n");
        foreach (var b in map.Banks)
        {
            var (x, w) = layout.Extent(b.Base, b.Size, MinPieceWidth);
            string node = b.Nid >= 0 ? b.Nid.ToString(CultureInfo.InvariantCulture) : "none";
            string tip = $"memory {Range(b.Base, b.Size)} ({Size(b.Size)}), node {node}, flags {Flags(b.Flags)}" + (b.Label is null ? "" : $", from {b.Label}");
            sb.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bank{(b.NoMap ? " nomap" : "")}\" data-base=\"{Hex.Format(b.Base)}\" data-size=\"{Hex.Format(b.Size)}\" data-nid=\"{b.Nid}\" data-flags=\"{Esc(Flags(b.Flags))}\" " +
                $"x=\"{F(x)}\" y=\"{F(BarY)}\" width=\"{F(w)}\" height=\"{F(BarH)}\" fill=\"{(b.NoMap ? "url(#nomap)" : "#ffffff")}\" stroke=\"#222222\" stroke-width=\"1\"><title>{Esc(tip)}</title></rect>\n");
        }
        foreach (var (fb, fs) in map.Free)
        {
            var (x, w) = layout.Extent(fb, fs, 0.5);
            sb.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"free\" data-base=\"{Hex.Format(fb)}\" data-size=\"{Hex.Format(fs)}\" x=\"{F(x)}\" y=\"{F(BarY + 1)}\" width=\"{F(w)}\" height=\"{F(BarH - 2)}\" fill=\"{FreeColour}\"><title>{Esc($"free {Range(fb, fs)} ({Size(fs)})")}</title></rect>\n");
        }
        sb.Append("</g>\n");
    }

    private static void Reserved(StringBuilder sb, MemoryMap map, MemoryMapLayout layout)
    {
        sb.Append("<g class=\"reserved\">\n");
        foreach (var r in map.Reserved)
        {
            string tip = $"reserved {Range(r.Base, r.Size)} ({Size(r.Size)}), flags {Flags(r.Flags)}, {r.Pieces.Count} piece{(r.Pieces.Count == 1 ? "" : "s")}";
            sb.Append(CultureInfo.InvariantCulture,
                $"<g class=\"reserved-region\" data-base=\"{Hex.Format(r.Base)}\" data-size=\"{Hex.Format(r.Size)}\" data-flags=\"{Esc(Flags(r.Flags))}\"><title>{Esc(tip)}</title>\n");
            foreach (var p in r.Pieces)
            {
                var (x, w) = layout.Extent(p.Base, p.Size, MinPieceWidth);
                bool cma = p.Category == ReservationCategory.Cma;
                string ptip = $"{p.Category.DisplayName()}: {p.Label}\n{Range(p.Base, p.Size)} ({Size(p.Size)})";
                sb.Append(
                    $"<rect class=\"piece\" data-category=\"{p.Category}\" data-label=\"{Esc(p.Label)}\" data-base=\"{Hex.Format(p.Base)}\" data-size=\"{Hex.Format(p.Size)}\" " +
                    $"x=\"{F(x)}\" y=\"{F(BarY + 1)}\" width=\"{F(w)}\" height=\"{F(BarH - 2)}\" fill=\"{(cma ? "url(#cma)" : Colour(p.Category))}\"" +
                    (cma ? " stroke=\"#00594b\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"" : "") +
                    $"><title>{Esc(ptip)}</title></rect>\n");
            }
            sb.Append("</g>\n");
        }
        sb.Append("</g>\n");
    }

    private static void Breaks(StringBuilder sb, MemoryMapLayout layout)
    {
        sb.Append("<g class=\"breaks\">\n");
        foreach (var b in layout.Breaks)
        {
            double x1 = b.X + 8, x2 = b.X + b.Width - 8;
            string tip = $"hole {Range(b.Base, b.End - b.Base)} ({Size(b.End - b.Base)}), not drawn to scale";
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"axis-break\" data-base=\"{Hex.Format(b.Base)}\" data-size=\"{Hex.Format(b.End - b.Base)}\"><title>{Esc(tip)}</title>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(b.X)}\" y=\"{F(ZoneY)}\" width=\"{F(b.Width)}\" height=\"{F(AxisY - ZoneY)}\" fill=\"#f3f3f3\"/>");
            foreach (double x in new[] { x1, x2 })
                sb.Append(CultureInfo.InvariantCulture, $"<path d=\"{Zigzag(x, ZoneY - 4, AxisY + 6)}\" fill=\"none\" stroke=\"#555555\" stroke-width=\"1.5\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(b.X + b.Width / 2)}\" y=\"{F(BarY + BarH / 2 + 4)}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555555\" transform=\"rotate(-90 {F(b.X + b.Width / 2)} {F(BarY + BarH / 2)})\">hole {Size(b.End - b.Base)}</text>");
            sb.Append("</g>\n");
        }
        sb.Append("</g>\n");
    }

    private static string Zigzag(double x, double y0, double y1)
    {
        var d = new StringBuilder();
        d.Append(CultureInfo.InvariantCulture, $"M{F(x)} {F(y0)}");
        int i = 0;
        for (double y = y0 + 6; y < y1; y += 6, i++)
            d.Append(CultureInfo.InvariantCulture, $" L{F(x + (i % 2 == 0 ? 4 : -4))} {F(y)}");
        return d.ToString();
    }

    private static void Axis(StringBuilder sb, MemoryMapLayout layout)
    {
        sb.Append("<g class=\"axis\">\n");
        foreach (var s in layout.Segments)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(s.X)}\" y1=\"{F(AxisY + 2)}\" x2=\"{F(s.X + s.Width)}\" y2=\"{F(AxisY + 2)}\" stroke=\"#222222\"/>\n");
            // Ticks at a power-of-two step giving at least 110 px between labels.
            double bytesPer110 = 110 / s.Scale;
            ulong step = 1UL << 12;
            while (step < bytesPer110 && step < 1UL << 62)
                step <<= 1;
            var ticks = new List<ulong> { s.Base };
            for (ulong t = (s.Base / step + 1) * step; t < s.End && t > s.Base; t += step)
            {
                if ((t - s.Base) * s.Scale >= 80 && (s.End - t) * s.Scale >= 80)
                    ticks.Add(t);
                if (t > ulong.MaxValue - step)
                    break;
            }
            ticks.Add(s.End);
            for (int i = 0; i < ticks.Count; i++)
            {
                double x = layout.X(ticks[i]);
                string anchor = i == 0 ? "start" : i == ticks.Count - 1 ? "end" : "middle";
                sb.Append(CultureInfo.InvariantCulture,
                    $"<line x1=\"{F(x)}\" y1=\"{F(AxisY + 2)}\" x2=\"{F(x)}\" y2=\"{F(AxisY + 8)}\" stroke=\"#222222\"/><text class=\"tick\" x=\"{F(x)}\" y=\"{F(AxisY + 19)}\" text-anchor=\"{anchor}\">{Hex.Format(ticks[i])}</text>\n");
            }
        }
        sb.Append("</g>\n");
    }
}
