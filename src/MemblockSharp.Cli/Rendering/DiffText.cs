using System.Globalization;
using System.Text;
using MemblockSharp.Boot.Comparison;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// The text form of <c>memblock diff</c> and <c>memblock boot --what-if</c>: RAM, MemTotal and where the rest went,
/// before → after with signed deltas in kB and MiB (the style of the boot summary), then the <c>Memory:</c> line, the
/// zones, the memory banks and every reservation that appeared, vanished, moved or changed size.
/// </summary>
public static class DiffText
{
    private const string Columns = "{0,-52} {1,14} {2,14} {3,14} {4,12}";

    /// <summary>Renders a comparison.</summary>
    /// <param name="c">The comparison.</param>
    /// <param name="heading">The first line after <c># </c> (e.g. <c>memblock diff: A.dtb -&gt; B.dtb</c>).</param>
    /// <returns>The text, ending in a newline.</returns>
    public static string Render(BootComparison c, string heading)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(heading);
        var m = DiffModel.From(c, heading);
        var sb = new StringBuilder();
        sb.Append("# ").Append(m.Heading).Append('\n');
        sb.Append("  ").Append(m.BeforeLine).Append('\n');
        sb.Append("  ").Append(m.AfterLine).Append('\n');
        foreach (var table in m.Figures)
        {
            sb.Append('\n').Append(Row(table.Title, "before", "after", "delta", ""));
            foreach (var r in table.Rows)
                sb.Append(Row(new string(' ', 2 + 2 * r.Depth) + r.Name, r.Before, r.After, r.Delta, r.DeltaMib));
            if (table.Note is not null)
                sb.Append(table.Rows.Count > 0 ? "    " : "  ").Append(table.Note).Append('\n');
        }
        sb.Append('\n').Append("memblock.memory\n");
        foreach (var b in m.Banks)
            sb.Append(Change(b));
        if (m.Banks.Count == 0)
            sb.Append("  (no change)\n");
        sb.Append('\n').Append("Reservations: ").Append(m.RegionCounts).Append('\n');
        foreach (var r in m.Regions)
            sb.Append(Change(r));
        AppendExactness(sb, "before", c.Before.Result.Warnings);
        AppendExactness(sb, "after", c.After.Result.Warnings);
        return sb.ToString();
    }

    // "Exact (before): yes", or "no" and one line per input the boot does not model.
    private static void AppendExactness(StringBuilder sb, string side, IReadOnlyList<MemblockSharp.Boot.Simulation.BootWarning> warnings)
    {
        sb.Append('\n').Append("Exact (").Append(side).Append("): ");
        sb.Append(warnings.Count == 0 ? "yes\n" : $"no ({warnings.Count} input{(warnings.Count == 1 ? "" : "s")} not modelled)\n");
        foreach (var warning in warnings)
            sb.Append("  ").Append(warning).Append('\n');
    }

    /// <summary>A signed size in MiB with one decimal: <c>+128.0 MiB</c>, <c>-2.5 MiB</c>, <c>0.0 MiB</c>.</summary>
    /// <param name="bytes">The change in bytes.</param>
    /// <returns>The text.</returns>
    public static string SignedMib(long bytes) => DiffModel.SignedMib(bytes);

    /// <summary>The change's word as the text and the JSON show it.</summary>
    /// <param name="kind">The change.</param>
    /// <returns><c>appeared</c>, <c>vanished</c>, <c>moved</c>, <c>resized</c> or <c>moved+resized</c>.</returns>
    public static string Kind(RegionChangeKind kind) => DiffModel.Kind(kind);

    private static string Row(string name, string before, string after, string delta, string mib) =>
        string.Format(CultureInfo.InvariantCulture, Columns, name, before, after, delta, mib).TrimEnd() + "\n";

    private static string Change(DiffChangeRow r) => $"  {DiffModel.Mark(r.Kind)} {DiffModel.Kind(r.Kind),-17} {r.Where}  {r.Size}  {r.Owner}\n";
}
