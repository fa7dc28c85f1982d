using System.Globalization;
using System.Text;
using static MemblockSharp.Boot.Maps.MapText;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Maps;

public static partial class MemoryMapSvg
{
    /// <summary>
    /// The stretch of the bar where reservations are too crowded to label: the longest run of pieces whose drawn
    /// neighbours are less than 12 px apart, when it holds at least four pieces packed tighter than 30 px per piece.
    /// </summary>
    private static (ulong Base, ulong End)? DenseCluster(List<MapReservation> pieces, MemoryMapLayout layout)
    {
        var sorted = pieces.OrderBy(p => p.Base).ToList();
        (int First, int Last) best = (0, -1);
        int start = 0;
        for (int i = 1; i <= sorted.Count; i++)
        {
            bool close = i < sorted.Count && layout.X(sorted[i].Base) - layout.X(sorted[i - 1].End) < 12
                && layout.Segments.Any(s => sorted[i].Base >= s.Base && sorted[i].Base < s.End && sorted[i - 1].Base >= s.Base && sorted[i - 1].Base < s.End);
            if (close)
                continue;
            if (i - start > best.Last - best.First + 1)
                best = (start, i - 1);
            start = i;
        }
        int count = best.Last - best.First + 1;
        if (count < 4)
            return null;
        double span = layout.X(sorted[best.Last].End) - layout.X(sorted[best.First].Base);
        if (span >= count * 30)
            return null;
        return (sorted[best.First].Base, sorted[best.Last..].Max(p => p.End) is var e && e > sorted[best.Last].End ? e : sorted[best.Last].End);
    }

    /// <summary>The detail bar of a crowded stretch, tied to the main bar by two guide lines.</summary>
    private static void Zoom(StringBuilder sb, List<MapReservation> inside, MemoryMapLayout main, MemoryMapLayout zoom, (ulong Base, ulong End) window, double y)
    {
        double a = main.X(window.Base), b = main.X(window.End);
        if (b - a < MinPieceWidth)
            b = a + MinPieceWidth;
        double left = zoom.Segments[0].X, right = zoom.Segments[^1].X + zoom.Segments[^1].Width;
        string tip = $"detail of {Range(window.Base, window.End - window.Base)} ({Size(window.End - window.Base)}): every reservation widened to be visible, not to scale";
        sb.Append(CultureInfo.InvariantCulture, $"<g class=\"zoom\" data-base=\"{Hex.Format(window.Base)}\" data-size=\"{Hex.Format(window.End - window.Base)}\"><title>{Esc(tip)}</title>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(a)}\" y=\"{F(BarY - 3)}\" width=\"{F(b - a)}\" height=\"{F(BarH + 6)}\" fill=\"none\" stroke=\"#d00000\" stroke-width=\"1.2\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M{F(a)} {F(AxisY + 3)} L{F(left)} {F(y)} M{F(b)} {F(AxisY + 3)} L{F(right)} {F(y)}\" stroke=\"#d00000\" stroke-width=\"0.8\" stroke-dasharray=\"5 3\" fill=\"none\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(left)}\" y=\"{F(y)}\" width=\"{F(right - left)}\" height=\"{F(ZoomH)}\" fill=\"{FreeColour}\" stroke=\"#d00000\" stroke-width=\"1.2\"/>\n");
        foreach (var p in inside)
        {
            var (x, w) = zoom.Extent(Math.Max(p.Base, window.Base), Math.Min(p.End, window.End) - Math.Max(p.Base, window.Base), MinPieceWidth);
            bool cma = p.Category == ReservationCategory.Cma;
            string ptip = $"{p.Category.DisplayName()}: {p.Label}\n{Range(p.Base, p.Size)} ({Size(p.Size)})";
            sb.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"zoom-piece\" data-category=\"{p.Category}\" data-base=\"{Hex.Format(p.Base)}\" data-size=\"{Hex.Format(p.Size)}\" x=\"{F(x)}\" y=\"{F(y + 1)}\" width=\"{F(Math.Max(1, w - 1))}\" height=\"{F(ZoomH - 2)}\" fill=\"{(cma ? "url(#cma)" : Colour(p.Category))}\"><title>{Esc(ptip)}</title></rect>\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{F(left)}\" y=\"{F(y + ZoomH + 13)}\">{Hex.Format(window.Base)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{F(right)}\" y=\"{F(y + ZoomH + 13)}\" text-anchor=\"end\">{Hex.Format(window.End)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F((left + right) / 2)}\" y=\"{F(y + ZoomH + 13)}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#d00000\">detail of {Size(window.End - window.Base)}: each reservation widened to be visible (not to scale)</text>\n");
        sb.Append("</g>\n");
    }
}
