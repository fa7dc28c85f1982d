using System.Text;
using MemblockSharp.Boot.Sweep;

namespace MemblockSharp.Cli.Rendering;

/// <summary><c>memblock sweep</c> as plain text: a heading, the table in padded columns, the speed line.</summary>
public static class SweepText
{
    /// <summary>Renders the sweep.</summary>
    /// <param name="result">The sweep.</param>
    /// <returns>The text, ending in a newline.</returns>
    public static string Render(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Rows.Select(SweepTable.Cells).ToList();
        var widths = SweepTable.Columns.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.Append("# ").Append(SweepTable.Heading(result)).Append('\n');
        Line(sb, SweepTable.Columns, widths);
        foreach (var r in rows)
            Line(sb, r, widths);
        sb.Append(SweepTable.Speed(result)).Append('\n');
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                line.Append("  ");
            bool last = i == cells.Length - 1;
            line.Append(SweepTable.IsNumber(i) ? cells[i].PadLeft(widths[i]) : last ? cells[i] : cells[i].PadRight(widths[i]));
        }
        sb.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
