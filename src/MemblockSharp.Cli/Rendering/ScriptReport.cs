using System.Globalization;
using System.Text.Json;
using MemblockSharp.Boot;
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
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("script", path);
            j.WriteString("description", script.Description);
            j.WriteNumber("ops", script.Ops.Count);
            WriteTable(j, "memory", m.Memory, result.MemorySum);
            WriteTable(j, "reserved", m.Reserved, result.ReservedSum);
            j.WriteString("alloc_sum", Hex(result.AllocSum));
            j.WriteNumber("failed_allocs", result.FailedAllocs);
            j.WriteNumber("failed_others", result.FailedOthers);
            j.WriteString("checksum", string.Create(CultureInfo.InvariantCulture, $"0x{result.Checksum:x16}"));
            if (timing is null)
            {
                j.WriteNull("bench");
            }
            else
            {
                j.WriteStartObject("bench");
                j.WriteNumber("runs", timing.Runs);
                j.WriteNumber("best_ms", Math.Round(timing.Best.TotalMilliseconds, 3));
                j.WriteNumber("ns_per_op", Math.Round(timing.NanosecondsPerOp, 1));
                j.WriteEndObject();
            }
            if (tables)
                MemblockJson.WriteTables(j, m.Memory.Regions.ToArray(), m.Reserved.Regions.ToArray());
            else
                j.WriteNull("memblock");
            j.WriteEndObject();
        }
        w.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        w.Write('\n');
    }

    private static void WriteTable(Utf8JsonWriter j, string name, MemblockType type, ulong sum)
    {
        j.WriteStartObject(name);
        j.WriteNumber("cnt", type.Count);
        j.WriteNumber("max", type.Capacity);
        j.WriteString("total", Hex(type.TotalSize));
        j.WriteString("sum", Hex(sum));
        j.WriteEndObject();
    }

    private static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);
}
