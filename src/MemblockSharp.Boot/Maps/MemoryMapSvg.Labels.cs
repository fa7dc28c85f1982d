using System.Globalization;
using System.Text;
using static MemblockSharp.Boot.Maps.MapText;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Maps;

public static partial class MemoryMapSvg
{
    /// <summary>Labels every reserved piece in lanes under the bar, with a leader line; pieces that find no room are labelled on hover only. Returns the y below the lanes.</summary>
    private static double Labels(StringBuilder sb, IReadOnlyList<MapReservation> pieces, MemoryMapLayout layout, double lineFromY, double laneTop)
    {
        var lanes = new List<List<(double A, double B)>>();
        var placed = new List<(MapReservation Piece, double Cx, double A, double B, int Lane, bool EndAnchor)>();
        // Larger pieces claim lanes first, then placement is drawn left to right.
        foreach (var p in pieces.OrderByDescending(p => p.Size).ThenBy(p => p.Base))
        {
            var (x, w) = layout.Extent(p.Base, p.Size, MinPieceWidth);
            double cx = x + w / 2;
            string text = LabelText(p);
            double tw = text.Length * CharWidth + 4;
            bool endAnchor = cx + tw > Width - Margin;
            double a = endAnchor ? cx - tw : cx, b = endAnchor ? cx : cx + tw;
            int lane = -1;
            for (int i = 0; i < MaxLanes && lane < 0; i++)
            {
                if (i == lanes.Count)
                    lanes.Add([]);
                if (lanes[i].All(o => b + 6 <= o.A || a >= o.B + 6))
                    lane = i;
            }
            if (lane < 0)
                continue;
            lanes[lane].Add((a, b));
            placed.Add((p, cx, a, b, lane, endAnchor));
        }
        int used = lanes.Count(l => l.Count > 0);
        sb.Append("<g class=\"labels\">\n");
        foreach (var (p, cx, a, _, lane, endAnchor) in placed.OrderBy(t => t.Piece.Base))
        {
            double ly = laneTop + lane * LaneH;
            sb.Append(CultureInfo.InvariantCulture,
                $"<g class=\"label\" data-base=\"{Hex.Format(p.Base)}\"><line x1=\"{F(cx)}\" y1=\"{F(lineFromY)}\" x2=\"{F(cx)}\" y2=\"{F(ly - 9)}\" stroke=\"{Colour(p.Category)}\" stroke-width=\"0.8\" stroke-opacity=\"0.7\"/>" +
                $"<rect x=\"{F(cx - 2)}\" y=\"{F(ly - 9)}\" width=\"4\" height=\"4\" fill=\"{Colour(p.Category)}\"/>" +
                $"<text class=\"lbl\" x=\"{F(endAnchor ? cx - 4 : cx + 4)}\" y=\"{F(ly)}\" text-anchor=\"{(endAnchor ? "end" : "start")}\">{Esc(LabelText(p))}</text></g>\n");
            _ = a;
        }
        int hidden = pieces.Count - placed.Count;
        double y = laneTop + Math.Max(0, used - 1) * LaneH;
        if (hidden > 0)
        {
            y += 18;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Margin)}\" y=\"{F(y)}\" font-size=\"11\" fill=\"#666666\" font-style=\"italic\">{hidden} smaller reservation{(hidden == 1 ? "" : "s")} not labelled here for lack of room: hover over the bar for every region.</text>\n");
        }
        sb.Append("</g>\n");
        return y;
    }

    private static string LabelText(MapReservation p)
    {
        string cat = p.Category.DisplayName();
        string label = p.Label.Length > 48 ? p.Label[..47] + "…" : p.Label;
        return $"{cat}: {label} ({Size(p.Size)})";
    }

    /// <summary>The legend: a swatch per category present, then free, no-map and holes. Returns the y below it.</summary>
    private static double Legend(StringBuilder sb, MemoryMap map, double y)
    {
        var items = new List<(string Key, string Text, string Fill, string Extra)>();
        foreach (var c in map.Categories)
        {
            ulong bytes = (ulong)map.Reservations.Where(p => p.Category == c).Sum(p => (decimal)p.Size);
            string fill = c == ReservationCategory.Cma ? "url(#cma)" : Colour(c);
            string extra = c == ReservationCategory.Cma ? " stroke=\"#00594b\" stroke-dasharray=\"4 2\"" : "";
            items.Add((c.ToString(), $"{c.DisplayName()} ({Size(bytes)})", fill, extra));
        }
        items.Add(("free", $"free ({Size((ulong)map.Free.Sum(f => (decimal)f.Size))})", FreeColour, " stroke=\"#999999\""));
        if (map.NoMap.Any())
            items.Add(("nomap", $"no-map ({Size((ulong)map.NoMap.Sum(b => (decimal)b.Size))})", "url(#nomap)", " stroke=\"#333333\""));
        items.Add(("hole", "hole (not to scale)", "#f3f3f3", " stroke=\"#555555\""));

        sb.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\"><text x=\"{F(Margin)}\" y=\"{F(y)}\" font-size=\"13\" font-weight=\"bold\">Legend</text>\n");
        double x = Margin;
        y += 20;
        foreach (var (key, text, fill, extra) in items)
        {
            double w = 22 + text.Length * 6.6 + 18;
            if (x + w > Width - Margin)
            {
                x = Margin;
                y += 22;
            }
            sb.Append(CultureInfo.InvariantCulture,
                $"<g class=\"legend-item\" data-category=\"{Esc(key)}\"><rect x=\"{F(x)}\" y=\"{F(y - 11)}\" width=\"16\" height=\"14\" fill=\"{fill}\"{extra}/>" +
                $"<text x=\"{F(x + 22)}\" y=\"{F(y)}\" font-size=\"12\">{Esc(text)}</text></g>\n");
            x += w;
        }
        sb.Append("</g>\n");
        return y + 10;
    }

    private static double Notes(StringBuilder sb, MemoryMap map, double y)
    {
        foreach (var note in map.Notes.Take(8))
        {
            y += 16;
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"note\" x=\"{F(Margin)}\" y=\"{F(y)}\" font-size=\"11\" fill=\"#8a4b00\">note: {Esc(note)}</text>\n");
        }
        return y;
    }
}
