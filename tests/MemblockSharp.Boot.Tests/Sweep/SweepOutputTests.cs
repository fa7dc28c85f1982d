using System.Globalization;
using System.Xml.Linq;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Boot.Sweep;

namespace MemblockSharp.Boot.Tests.Sweep;

/// <summary>The sweep's files: the SVG plot (well-formed, every boot in it), the HTML page and the CSV.</summary>
public sealed class SweepOutputTests
{
    private static readonly Lazy<SweepResult> Sweep = new(() => SweepRunner.Run(
        SweepGrid.Parse(["8M,512M,1G,2G,4G"], ["debian-6.1-arm64,debian-6.1-cloud-arm64"], ["cma=64M", "cma=256M crashkernel=128M"]),
        new SweepInput { Dtb = BundledBoards.VirtArm64(), Title = "board \"<virt>\" & co" }));

    [Fact]
    public void Svg_IsWellFormed_AndCarriesEveryBootWithItsFigures()
    {
        var result = Sweep.Value;
        var svg = XDocument.Parse(SweepSvg.Render(result));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        var points = svg.Descendants(ns + "g").Where(g => ((string?)g.Attribute("class"))?.Split(' ').Contains("point") == true).ToList();
        Assert.Equal(result.Rows.Count, points.Count);
        foreach (var row in result.Rows)
        {
            var p = points.Single(e => (int)e.Attribute("data-index")! == row.Index);
            Assert.Equal(row.RamSize, ulong.Parse((string)p.Attribute("data-ram-size")!, CultureInfo.InvariantCulture));
            Assert.NotNull(p.Element(ns + "title"));
            if (row.Booted)
            {
                Assert.Equal("ok", (string?)p.Attribute("data-status"));
                Assert.Equal(row.MemTotalKb, ulong.Parse((string)p.Attribute("data-memtotal-kb")!, CultureInfo.InvariantCulture));
                Assert.Equal(row.NotInMemTotalKb, long.Parse((string)p.Attribute("data-not-in-memtotal-kb")!, CultureInfo.InvariantCulture));
                string tip = p.Element(ns + "title")!.Value;
                Assert.Contains($"MemTotal {row.MemTotalKb} kB", tip, StringComparison.Ordinal);
                foreach (var c in row.Costs)
                    Assert.Contains($"{c.Category}: ", tip, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal("failed", (string?)p.Attribute("data-status"));
                Assert.Contains(row.Error!, p.Element(ns + "title")!.Value, StringComparison.Ordinal);
            }
        }
        Assert.Contains(result.Rows, r => !r.Booted); // 8M cannot boot: the plot shows it as failed, not as a point
        // One panel per kernel and parameter set, and every category in the legend and as an area of some panel.
        var panels = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "panel").ToList();
        Assert.Equal(result.Panels.Select(p => (p.Kernel, p.Parameters)), panels.Select(p => ((string)p.Attribute("data-kernel")!, (string)p.Attribute("data-parameters")!)));
        var legend = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "legend-item").Select(g => (string)g.Attribute("data-category")!).ToList();
        Assert.Equal(["MemTotal", .. result.CategoriesBySize], legend);
        var areas = svg.Descendants(ns + "path").Where(e => (string?)e.Attribute("class") == "area").Select(e => (string)e.Attribute("data-category")!).ToHashSet();
        Assert.Superset(result.CategoriesBySize.Where(c => result.Rows.Any(r => r.CostOf(c) > 0)).Append("MemTotal").ToHashSet(), areas);
    }

    [Fact]
    public void Html_InlinesTheSvg_AndHasARowPerBoot()
    {
        var result = Sweep.Value;
        string page = SweepHtml.Render(result);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains(SweepSvg.Render(result), page, StringComparison.Ordinal);
        Assert.Contains("&lt;virt&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<virt>", page, StringComparison.Ordinal);
        foreach (var row in result.Rows)
            Assert.Contains($"data-index=\"{row.Index}\"><td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_HasTheFixedColumns_ACategoryColumnEach_AndARowPerBoot()
    {
        var result = Sweep.Value;
        var lines = Records(SweepCsv.Render(result));
        Assert.Equal([.. SweepCsv.FixedColumns, .. result.Categories.Select(c => c + " (bytes)")], lines[0]);
        Assert.Equal(result.Rows.Count + 1, lines.Count);
        int Col(string name) => lines[0].IndexOf(name);
        foreach (var row in result.Rows)
        {
            var f = lines[row.Index + 1];
            Assert.Equal(lines[0].Count, f.Count);
            Assert.Equal(row.Index.ToString(CultureInfo.InvariantCulture), f[Col("index")]);
            Assert.Equal(row.CommandLine, f[Col("command_line")]);
            Assert.Equal(row.Booted ? "ok" : "failed", f[Col("status")]);
            Assert.Equal(row.Error ?? "", f[Col("error")]);
            if (!row.Booted)
                continue;
            Assert.Equal(row.MemTotalKb.ToString(CultureInfo.InvariantCulture), f[Col("memtotal_kb")]);
            Assert.Equal(row.MemoryLine, f[Col("memory_line")]);
            foreach (var c in result.Categories)
                Assert.Equal(row.CostOf(c).ToString(CultureInfo.InvariantCulture), f[Col(c + " (bytes)")]);
            Assert.Equal(row.NotInMemTotalKb * 1024, result.Categories.Sum(c => long.Parse(f[Col(c + " (bytes)")], CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>An RFC 4180 reader: CRLF records, quoted fields with doubled quotes.</summary>
    private static List<List<string>> Records(string csv)
    {
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < csv.Length; i++)
        {
            char c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields);
                fields = [];
                i++;
            }
            else
            {
                Assert.NotEqual('\n', c); // every line ends in CRLF
                field.Append(c);
            }
        }
        Assert.Equal(0, field.Length);
        return records;
    }
}
