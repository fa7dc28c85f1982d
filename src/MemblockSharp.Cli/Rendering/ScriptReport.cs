using System.Globalization;
using MemblockSharp.Scripts;
using Spectre.Console;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// The result of <c>memblock script</c>: plain, the native baseline's lines (<see cref="OpScriptResult.Summary"/>);
/// on a terminal, the same figures as a table of the two memblock tables and a grid of the counters and checksum.
/// </summary>
public static class ScriptReport
{
    /// <summary>Writes the plain text, one fact per line as the native baseline prints it.</summary>
    /// <param name="w">The output.</param>
    /// <param name="result">The run.</param>
    public static void WriteText(TextWriter w, OpScriptResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var line in result.Summary())
            w.WriteLine(line);
    }

    /// <summary>Writes for a terminal: <c>cnt</c>, <c>max</c>, <c>total</c> and the region sum of each table, then the counters and the checksum.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="result">The run.</param>
    public static void WriteTerminal(IAnsiConsole console, OpScriptResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Memblock;
        var tables = TerminalText.NewTable("final tables")
            .AddTextColumn("table")
            .AddNumberColumn("cnt")
            .AddNumberColumn("max")
            .AddNumberColumn("total")
            .AddNumberColumn("sum");
        tables.AddRow(TerminalText.Cell("memory"), TerminalText.Cell(m.Memory.Count), TerminalText.Cell(m.Memory.Capacity),
            TerminalText.Cell(Hex(m.Memory.TotalSize)), TerminalText.Cell(Hex(result.MemorySum)));
        tables.AddRow(TerminalText.Cell("reserved"), TerminalText.Cell(m.Reserved.Count), TerminalText.Cell(m.Reserved.Capacity),
            TerminalText.Cell(Hex(m.Reserved.TotalSize)), TerminalText.Cell(Hex(result.ReservedSum)));
        console.Write(tables);

        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        grid.AddRow(TerminalText.Cell("alloc sum"), TerminalText.Cell(Hex(result.AllocSum)));
        grid.AddRow(TerminalText.Cell("failed allocs"), TerminalText.Count(result.FailedAllocs, TerminalText.Warn));
        grid.AddRow(TerminalText.Cell("failed add/reserve/remove/free"), TerminalText.Count(result.FailedOthers, TerminalText.Warn));
        grid.AddRow(TerminalText.Cell("checksum", TerminalText.Key), TerminalText.Cell(string.Create(CultureInfo.InvariantCulture, $"0x{result.Checksum:x16}"), TerminalText.Key));
        console.Write(grid);
    }

    private static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);
}
