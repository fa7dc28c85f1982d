using System.Globalization;
using System.Text;
using static MemblockSharp.Boot.Maps.MapText;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Maps;

/// <summary>
/// Draws a <see cref="MemoryMap"/> as one self-contained HTML page: the SVG of <see cref="MemoryMapSvg"/> inline, a
/// details panel that follows the pointer (a few lines of inline script), and collapsible tables of every reserved
/// piece, every memory bank and every zone. No external resources.
/// </summary>
public static class MemoryMapHtml
{
    /// <summary>Renders the page.</summary>
    /// <param name="map">The map.</param>
    /// <returns>The HTML document.</returns>
    public static string Render(MemoryMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<title>memblock map: {Esc(map.Title)}</title>\n");
        sb.Append("""
            <style>
            body{font-family:"DejaVu Sans",Arial,sans-serif;margin:16px;color:#222}
            #map{overflow-x:auto}
            #map svg{max-width:100%;height:auto}
            #info{position:sticky;top:0;background:#fffbe6;border:1px solid #d9c77a;padding:6px 10px;font-family:"DejaVu Sans Mono",monospace;font-size:13px;white-space:pre;min-height:2.6em;margin:8px 0}
            table{border-collapse:collapse;font-size:12px;margin:6px 0 14px}
            td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}
            td.num,td.addr{font-family:"DejaVu Sans Mono",monospace}
            td.num{text-align:right}
            span.sw{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:middle;border:1px solid #555}
            summary{cursor:pointer;font-weight:bold;margin-top:6px}
            tr:hover{background:#f0f6ff}
            </style>

            """);
        sb.Append("</head>\n<body>\n");
        sb.Append("<div id=\"map\">\n");
        sb.Append(MemoryMapSvg.Render(map));
        sb.Append("</div>\n<div id=\"info\">Point at a region of the map for its details.</div>\n");
        Reservations(sb, map);
        Banks(sb, map);
        Zones(sb, map);
        if (map.Notes.Count > 0)
        {
            sb.Append("<details open><summary>Notes</summary><ul>\n");
            foreach (var n in map.Notes)
                sb.Append(CultureInfo.InvariantCulture, $"<li>{Esc(n)}</li>\n");
            sb.Append("</ul></details>\n");
        }
        sb.Append("""
            <script>
            (function () {
              var info = document.getElementById('info');
              var idle = info.textContent;
              document.querySelectorAll('#map [data-base]').forEach(function (el) {
                var t = el.querySelector(':scope > title');
                if (!t) return;
                el.addEventListener('mouseenter', function (e) { e.stopPropagation(); info.textContent = t.textContent; });
                el.addEventListener('mouseleave', function () { info.textContent = idle; });
              });
            })();
            </script>

            """);
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Reservations(StringBuilder sb, MemoryMap map)
    {
        var pieces = map.Reservations.ToList();
        sb.Append(CultureInfo.InvariantCulture, $"<details open><summary>Reserved memory: {map.Reserved.Count} regions, {pieces.Count} pieces by owner</summary>\n");
        sb.Append("<table class=\"reservations\"><tr><th>region</th><th>range</th><th class=\"num\">size</th><th>category</th><th>source (node path or caller)</th></tr>\n");
        for (int i = 0; i < map.Reserved.Count; i++)
        {
            foreach (var p in map.Reserved[i].Pieces)
            {
                string fill = Colour(p.Category);
                sb.Append(CultureInfo.InvariantCulture,
                    $"<tr data-base=\"{Hex.Format(p.Base)}\" data-size=\"{Hex.Format(p.Size)}\"><td class=\"num\">{i}</td><td class=\"addr\">{Range(p.Base, p.Size)}</td><td class=\"num\">{Size(p.Size)}</td>" +
                    $"<td><span class=\"sw\" style=\"background:{fill}\"></span>{Esc(p.Category.DisplayName())}</td><td>{Esc(p.Label)}</td></tr>\n");
            }
        }
        sb.Append("</table></details>\n");
    }

    private static void Banks(StringBuilder sb, MemoryMap map)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<details><summary>Memory: {map.Banks.Count} regions</summary>\n");
        sb.Append("<table class=\"banks\"><tr><th>range</th><th class=\"num\">size</th><th>node</th><th>flags</th></tr>\n");
        foreach (var b in map.Banks)
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr><td class=\"addr\">{Range(b.Base, b.Size)}</td><td class=\"num\">{Size(b.Size)}</td><td class=\"num\">{b.Nid}</td><td>{Esc(Flags(b.Flags))}</td></tr>\n");
        sb.Append("</table></details>\n");
    }

    private static void Zones(StringBuilder sb, MemoryMap map)
    {
        if (map.Zones.Count == 0)
            return;
        sb.Append("<details><summary>Zones</summary>\n<table class=\"zones\"><tr><th>zone</th><th>node</th><th>span</th><th class=\"num\">size</th></tr>\n");
        foreach (var z in map.Zones)
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Esc(z.Name)}</td><td class=\"num\">{z.Node}</td><td class=\"addr\">{Range(z.Base, z.Size)}</td><td class=\"num\">{Size(z.Size)}</td></tr>\n");
        sb.Append("</table></details>\n");
    }
}
