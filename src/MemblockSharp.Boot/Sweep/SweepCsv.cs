using System.Globalization;
using System.Text;

namespace MemblockSharp.Boot.Sweep;

/// <summary>
/// A sweep as CSV (RFC 4180: comma-separated, fields with a comma, quote or line break quoted, quotes doubled, CRLF
/// line ends): a header, then one line per boot in the grid's order. The columns are fixed, then one per category
/// (the sweep's <see cref="SweepResult.Categories"/>, in bytes).
/// </summary>
public static class SweepCsv
{
    /// <summary>The fixed columns, in order; the category columns follow, each named <c>CATEGORY (bytes)</c>.</summary>
    public static IReadOnlyList<string> FixedColumns { get; } =
    [
        "index", "kernel", "parameters", "ram_base", "ram_size", "status", "error", "command_line",
        "ram_kb", "memtotal_kb", "not_in_memtotal_kb", "memory_line",
    ];

    /// <summary>Renders the sweep.</summary>
    /// <param name="result">The sweep.</param>
    /// <returns>The CSV text.</returns>
    public static string Render(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        Line(sb, FixedColumns.Concat(result.Categories.Select(c => c + " (bytes)")));
        foreach (var r in result.Rows)
        {
            var fields = new List<string>
            {
                N(r.Index), r.Kernel, r.Parameters, "0x" + r.RamBase.ToString("x", CultureInfo.InvariantCulture), N(r.RamSize),
                r.Booted ? "ok" : "failed", r.Error ?? "", r.CommandLine,
            };
            if (r.Booted)
            {
                fields.AddRange([N(r.RamBytes / 1024), N(r.MemTotalKb), N(r.NotInMemTotalKb), r.MemoryLine]);
                fields.AddRange(result.Categories.Select(c => N(r.CostOf(c))));
            }
            else
            {
                fields.AddRange(Enumerable.Repeat("", 4 + result.Categories.Count));
            }
            Line(sb, fields);
        }
        return sb.ToString();
    }

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string N(ulong v) => v.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder sb, IEnumerable<string> fields)
    {
        bool first = true;
        foreach (var f in fields)
        {
            if (!first)
                sb.Append(',');
            first = false;
            if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                sb.Append('"').Append(f.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else
                sb.Append(f);
        }
        sb.Append("\r\n");
    }
}
