using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using SpectreText = Spectre.Console.Text;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// Small building blocks shared by the terminal renderers: styles with one meaning each, cells that are never parsed
/// as markup (paths and kernel names may contain brackets), and tables in one look.
/// </summary>
public static class TerminalText
{
    /// <summary>Something went wrong: failed cases, error findings, a dump that differs.</summary>
    public static readonly Style Bad = new(Spectre.Console.Color.Red, decoration: Decoration.Bold);

    /// <summary>Worth a look: warning findings.</summary>
    public static readonly Style Warn = new(Spectre.Console.Color.Yellow);

    /// <summary>For information: info findings, sources, notes.</summary>
    public static readonly Style Note = new(Spectre.Console.Color.Grey);

    /// <summary>All is well: passed cases, reproduced dumps, clean files.</summary>
    public static readonly Style Good = new(Spectre.Console.Color.Green);

    /// <summary>The figure a reader came for (MemTotal, the checksum, the totals row).</summary>
    public static readonly Style Key = new(decoration: Decoration.Bold);

    /// <summary>A cell holding <paramref name="text"/> literally, in <paramref name="style"/>.</summary>
    /// <param name="text">The text (not markup).</param>
    /// <param name="style">The style, or null for the default.</param>
    /// <returns>The cell.</returns>
    public static IRenderable Cell(string text, Style? style = null) => new SpectreText(text, style ?? Style.Plain);

    /// <summary>A cell with an integer in invariant culture.</summary>
    /// <param name="n">The number.</param>
    /// <param name="style">The style, or null for the default.</param>
    /// <returns>The cell.</returns>
    public static IRenderable Cell(long n, Style? style = null) => Cell(n.ToString(CultureInfo.InvariantCulture), style);

    /// <summary>A count in <paramref name="style"/> when it is non-zero, dimmed when it is zero.</summary>
    /// <param name="n">The count.</param>
    /// <param name="style">The style of a non-zero count.</param>
    /// <returns>The cell.</returns>
    public static IRenderable Count(long n, Style style) => Cell(n, n == 0 ? Note : style);

    /// <summary>A table in the look every summary shares: rounded border, a bold title on the left.</summary>
    /// <param name="title">The title, or null.</param>
    /// <returns>The table, with no columns yet.</returns>
    public static Table NewTable(string? title = null)
    {
        var table = new Table().RoundedBorder().BorderColor(Spectre.Console.Color.Grey);
        if (title is not null)
            table.Title = new TableTitle(title, Key);
        return table;
    }

    /// <summary>Adds a column whose cells are right-aligned (figures).</summary>
    /// <param name="table">The table.</param>
    /// <param name="header">The column header.</param>
    /// <returns>The table.</returns>
    public static Table AddNumberColumn(this Table table, string header)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.AddColumn(new TableColumn(new SpectreText(header)).RightAligned().NoWrap());
    }

    /// <summary>Adds a column whose cells are left-aligned (names).</summary>
    /// <param name="table">The table.</param>
    /// <param name="header">The column header.</param>
    /// <param name="noWrap">Keep each cell on one line.</param>
    /// <returns>The table.</returns>
    public static Table AddTextColumn(this Table table, string header, bool noWrap = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var column = new TableColumn(new SpectreText(header));
        return table.AddColumn(noWrap ? column.NoWrap() : column);
    }

    /// <summary>Sets the table's footer row (the totals), one cell per column, below a rule.</summary>
    /// <param name="table">The table.</param>
    /// <param name="cells">One cell per column.</param>
    /// <returns>The table.</returns>
    public static Table Footer(this Table table, params IRenderable[] cells)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != table.Columns.Count)
            throw new ArgumentException($"{cells.Length} footer cells for {table.Columns.Count} columns", nameof(cells));
        for (int i = 0; i < cells.Length; i++)
            table.Columns[i].Footer = cells[i];
        table.ShowFooters = true;
        return table;
    }

    /// <summary>Writes <paramref name="text"/> followed by a newline in <paramref name="style"/> (literal text, not markup).</summary>
    /// <param name="console">The console.</param>
    /// <param name="text">The line.</param>
    /// <param name="style">Its style.</param>
    public static void Line(IAnsiConsole console, string text, Style style)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(new SpectreText(text, style));
        console.WriteLine();
    }
}
