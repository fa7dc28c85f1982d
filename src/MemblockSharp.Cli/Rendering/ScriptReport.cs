using System.Globalization;
using MemblockSharp.Cli.Rendering.Json;
using MemblockSharp.Scripts;
using MemblockSharp.Text;
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
            TerminalText.Cell(Hex.Format(m.Memory.TotalSize)), TerminalText.Cell(Hex.Format(result.MemorySum)));
        tables.AddRow(TerminalText.Cell("reserved"), TerminalText.Cell(m.Reserved.Count), TerminalText.Cell(m.Reserved.Capacity),
            TerminalText.Cell(Hex.Format(m.Reserved.TotalSize)), TerminalText.Cell(Hex.Format(result.ReservedSum)));
        console.Write(tables);

        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        grid.AddRow(TerminalText.Cell("alloc sum"), TerminalText.Cell(Hex.Format(result.AllocSum)));
        grid.AddRow(TerminalText.Cell("failed allocs"), TerminalText.Count(result.FailedAllocs, TerminalText.Warn));
        grid.AddRow(TerminalText.Cell("failed add/reserve/remove/free"), TerminalText.Count(result.FailedOthers, TerminalText.Warn));
        grid.AddRow(TerminalText.Cell("checksum", TerminalText.Key), TerminalText.Cell(Hex.Format16(result.Checksum), TerminalText.Key));
        console.Write(grid);
    }

    /// <summary>Writes the JSON form (schema in <c>docs/json/script.md</c>): one indented object and a newline.</summary>
    /// <param name="w">The output.</param>
    /// <param name="path">The script file as given.</param>
    /// <param name="script">The script.</param>
    /// <param name="result">The run (with <c>--bench</c>, the result of the timed runs).</param>
    /// <param name="timing">The timing with <c>--bench</c>, else null.</param>
    /// <param name="tables">Include the final tables (<c>--tables</c>).</param>
    public static void WriteJson(TextWriter w, string path, OpScript script, OpScriptResult result, OpScriptTiming? timing, bool tables)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Memblock;
        var document = new ScriptDocument(path, script.Description, script.Ops.Count,
            Table(m.Memory, result.MemorySum), Table(m.Reserved, result.ReservedSum),
            Hex.Format(result.AllocSum), result.FailedAllocs, result.FailedOthers, Hex.Format16(result.Checksum),
            timing is null ? null : new ScriptBenchJson(timing.Runs, Math.Round(timing.Best.TotalMilliseconds, 3), Math.Round(timing.NanosecondsPerOp, 1)),
            tables ? MemblockTablesJson.From(m.Memory.Regions.ToArray(), m.Reserved.Regions.ToArray()) : null);
        JsonOutput.Write(w, document, JsonOutput.Types.ScriptDocument);
    }

    private static ScriptTableJson Table(MemblockType type, ulong sum) => new(type.Count, type.Capacity, Hex.Format(type.TotalSize), Hex.Format(sum));
}
