using MemblockSharp.Boot.Comparison;
using Spectre.Console;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// <c>memblock diff</c> and <c>memblock boot --what-if</c> on a terminal: the heading and both command lines as in the
/// plain text (<see cref="DiffText"/>), then each part as a table with the same cells; a delta that costs memory is
/// yellow, one that gives memory back is green, an unchanged one grey.
/// </summary>
public static class DiffTerminal
{
    /// <summary>Writes the comparison.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="c">The comparison.</param>
    /// <param name="heading">The first line after <c># </c>.</param>
    public static void Write(IAnsiConsole console, BootComparison c, string heading)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(heading);
        var m = DiffModel.From(c, heading);
        var raw = console.Profile.Out.Writer;
        raw.Write("# " + m.Heading + "\n");
        raw.Write("  " + m.BeforeLine + "\n");
        raw.Write("  " + m.AfterLine + "\n");
        raw.Write('\n');
        foreach (var figures in m.Figures)
        {
            var table = TerminalText.NewTable(figures.Title)
                .AddTextColumn("")
                .AddNumberColumn("before")
                .AddNumberColumn("after")
                .AddNumberColumn("delta")
                .AddNumberColumn("MiB");
            foreach (var r in figures.Rows)
            {
                var style = DeltaStyle(figures.Title, r);
                table.AddRow(TerminalText.Cell(new string(' ', 2 * r.Depth) + r.Name, r.Depth == 0 && r.Name == "MemTotal" ? TerminalText.Key : Style.Plain),
                    TerminalText.Cell(r.Before), TerminalText.Cell(r.After), TerminalText.Cell(r.Delta, style), TerminalText.Cell(r.DeltaMib, style));
            }
            if (figures.Note is not null)
                table.Caption = new TableTitle(figures.Note, TerminalText.Note);
            console.Write(table);
        }
        console.Write(Changes("memblock.memory", m.Banks, "(no change)", "node"));
        console.Write(Changes("Reservations: " + m.RegionCounts, m.Regions, null, "owner"));
        console.Write(new Spectre.Console.Text("before: "));
        BootTerminal.Exactness(console, c.Before.Result.Warnings);
        console.Write(new Spectre.Console.Text("after: "));
        BootTerminal.Exactness(console, c.After.Result.Warnings);
    }

    private static Table Changes(string title, IReadOnlyList<DiffChangeRow> rows, string? empty, string ownerHeader)
    {
        var table = TerminalText.NewTable(title)
            .AddTextColumn("")
            .AddTextColumn("change", noWrap: true)
            .AddTextColumn("from", noWrap: true)
            .AddTextColumn("to", noWrap: true)
            .AddNumberColumn("size")
            .AddNumberColumn("Δ size")
            .AddTextColumn(ownerHeader);
        foreach (var r in rows)
        {
            var style = r.Kind switch
            {
                RegionChangeKind.Appeared => TerminalText.Warn,
                RegionChangeKind.Vanished => TerminalText.Good,
                _ => TerminalText.Note,
            };
            table.AddRow(TerminalText.Cell(DiffModel.Mark(r.Kind).ToString(), style), TerminalText.Cell(DiffModel.Kind(r.Kind), style),
                TerminalText.Cell(r.From), TerminalText.Cell(r.To), TerminalText.Cell(r.SizeNow),
                TerminalText.Cell(r.SizeChange, r.SizeChange.StartsWith('-') ? TerminalText.Good : TerminalText.Warn), TerminalText.Cell(r.Owner));
        }
        if (rows.Count == 0 && empty is not null)
            table.Caption = new TableTitle(empty, TerminalText.Note);
        return table;
    }

    /// <summary>Yellow when the change costs memory (MemTotal or available down, anything else up), green when it gives memory back.</summary>
    private static Style DeltaStyle(string table, DiffFigureRow r)
    {
        if (!r.Changed)
            return TerminalText.Note;
        bool up = !r.Delta.StartsWith('-');
        bool moreIsBetter = table is "Zones (pages)" || (r.Depth == 0 && r.Name is "MemTotal" or "RAM (present pages)" or "available" or "total");
        return up == moreIsBetter ? TerminalText.Good : TerminalText.Warn;
    }
}
