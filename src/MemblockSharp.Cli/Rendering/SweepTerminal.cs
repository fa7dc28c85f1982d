using MemblockSharp.Boot.Sweep;
using Spectre.Console;

namespace MemblockSharp.Cli.Rendering;

/// <summary><c>memblock sweep</c> on a terminal: the table of <see cref="SweepText"/> as a Spectre table, failed boots in red.</summary>
public static class SweepTerminal
{
    /// <summary>The most rows drawn as a Spectre table; a longer sweep gets the plain table (a Spectre table of 100,000 rows takes minutes to lay out).</summary>
    public const int MaxRows = 2000;

    /// <summary>Writes the sweep.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="result">The sweep.</param>
    public static void Write(IAnsiConsole console, SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var table = TerminalText.NewTable(SweepTable.Heading(result));
        for (int i = 0; i < SweepTable.Columns.Length; i++)
        {
            if (SweepTable.IsNumber(i))
                table.AddNumberColumn(SweepTable.Columns[i]);
            else
                table.AddTextColumn(SweepTable.Columns[i]);
        }
        foreach (var row in result.Rows)
        {
            var cells = SweepTable.Cells(row);
            var style = row.Booted ? Style.Plain : TerminalText.Bad;
            table.AddRow(cells.Select((c, i) => TerminalText.Cell(c, i == 3 && row.Booted ? TerminalText.Key : style)).ToArray());
        }
        console.Write(table);
        TerminalText.Line(console, SweepTable.Speed(result), result.Failed > 0 ? TerminalText.Warn : TerminalText.Note);
    }
}
