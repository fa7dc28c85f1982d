using System.Globalization;
using System.Text;
using static MemblockSharp.Boot.Maps.MapText;

namespace MemblockSharp.Boot.Sweep;

/// <summary>
/// A sweep as one self-contained HTML page: the plot of <see cref="SweepSvg"/> inline, a details box that shows the
/// boot under the pointer (a few lines of inline script), and the table of every boot with every category. No
/// external resources.
/// </summary>
public static class SweepHtml
{
    /// <summary>Renders the page.</summary>
    /// <param name="result">The sweep.</param>
    /// <returns>The HTML document.</returns>
    public static string Render(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<title>memblock sweep: {Esc(result.Title)}</title>\n");
        sb.Append("""
            <style>
            body{font-family:"DejaVu Sans",Arial,sans-serif;margin:16px;color:#222}
            #plot{overflow-x:auto}
            #plot svg{max-width:100%;height:auto}
            #info{position:sticky;top:0;background:#fffbe6;border:1px solid #d9c77a;padding:6px 10px;font-family:"DejaVu Sans Mono",monospace;font-size:13px;white-space:pre;min-height:2.6em;margin:8px 0;z-index:1}
            table{border-collapse:collapse;font-size:12px;margin:6px 0 14px}
            td,th{border:1px solid #ccc;padding:2px 8px;text-align:left;vertical-align:top}
            td{white-space:nowrap}
            div.rows{overflow-x:auto}
            th{background:#f3f3f3}
            td.num{text-align:right;font-family:"DejaVu Sans Mono",monospace}
            tr.failed td{color:#b00}
            span.sw{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle;border:1px solid #555}
            summary{cursor:pointer;font-weight:bold;margin-top:6px}
            tr:hover{background:#f0f6ff}
            g.point:hover circle{r:5}
            </style>

            """);
        sb.Append("</head>\n<body>\n<div id=\"plot\">\n");
        sb.Append(SweepSvg.Render(result));
        sb.Append("</div>\n<div id=\"info\">Point at a boot (a dot, or a red cross for a boot that failed) for its figures.</div>\n");
        Table(sb, result);
        sb.Append(CultureInfo.InvariantCulture,
            $"<p>{result.Rows.Count} boots, {result.Failed} failed; kB are KiB (1024 bytes); the categories add up to RAM − MemTotal.</p>\n");
        sb.Append("""
            <script>
            (function () {
              var info = document.getElementById('info');
              var idle = info.textContent;
              document.querySelectorAll('#plot g.point').forEach(function (el) {
                var t = el.querySelector(':scope > title');
                if (!t) return;
                el.addEventListener('mouseenter', function () { info.textContent = t.textContent; });
                el.addEventListener('mouseleave', function () { info.textContent = idle; });
              });
            })();
            </script>

            """);
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, SweepResult result)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<details open><summary>Every boot ({result.Rows.Count})</summary>\n<div class=\"rows\"><table class=\"rows\">\n<tr><th>kernel</th><th>parameters</th><th>RAM</th><th>MemTotal kB</th><th>not in MemTotal kB</th>");
        foreach (var c in result.CategoriesBySize)
            sb.Append(CultureInfo.InvariantCulture, $"<th><span class=\"sw\" style=\"background:{SweepSvg.ColourOf(result, c)}\"></span>{Esc(c)} kB</th>");
        sb.Append("</tr>\n");
        foreach (var r in result.Rows)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr{(r.Booted ? "" : " class=\"failed\"")} data-index=\"{r.Index}\"><td>{Esc(r.Kernel)}</td><td>{Esc(r.Parameters)}</td><td class=\"num\">{Esc(SweepRam.SizeText(r.RamSize))}</td>");
            if (!r.Booted)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<td colspan=\"{2 + result.CategoriesBySize.Count}\">the boot failed: {Esc(r.Error ?? "")}</td></tr>\n");
                continue;
            }
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{r.MemTotalKb}</td><td class=\"num\">{r.NotInMemTotalKb}</td>");
            foreach (var c in result.CategoriesBySize)
                sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{r.CostOf(c) / 1024.0:F1}</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</table></div></details>\n");
    }
}
