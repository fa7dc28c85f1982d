using System.Globalization;
using System.Text.Json;
using MemblockSharp.Boot.Sweep;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The JSON form of <c>memblock sweep --json</c>; the schema is documented in <c>docs/json/sweep.md</c>.</summary>
public static class SweepJson
{
    /// <summary>Renders the sweep as one indented JSON object followed by a newline.</summary>
    /// <param name="result">The sweep.</param>
    /// <param name="exitCode">What the process returns.</param>
    /// <returns>The JSON text.</returns>
    public static string Render(SweepResult result, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("dtb", result.Title);
            j.WriteStartObject("grid");
            j.WriteStartArray("kernels");
            foreach (var k in result.Grid.Kernels)
                j.WriteStringValue(k.Name);
            j.WriteEndArray();
            j.WriteStartArray("parameter_sets");
            foreach (var p in result.Grid.ParameterSets)
                j.WriteStringValue(p.Text);
            j.WriteEndArray();
            j.WriteStartArray("ram");
            foreach (var r in result.Grid.Ram)
                j.WriteStringValue(r.Label);
            j.WriteEndArray();
            j.WriteEndObject();
            j.WriteStartArray("categories");
            foreach (var c in result.Categories)
                j.WriteStringValue(c);
            j.WriteEndArray();
            j.WriteStartArray("rows");
            foreach (var r in result.Rows)
                Row(j, r);
            j.WriteEndArray();
            j.WriteStartObject("run");
            j.WriteNumber("boots", result.Rows.Count);
            j.WriteNumber("failed", result.Failed);
            j.WriteNumber("threads", result.Threads);
            j.WriteNumber("seconds", Math.Round(result.Elapsed.TotalSeconds, 6));
            j.WriteNumber("boots_per_second", Math.Round(result.BootsPerSecond, 1));
            j.WriteEndObject();
            j.WriteNumber("exit_code", exitCode);
            j.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Row(Utf8JsonWriter j, SweepRow r)
    {
        j.WriteStartObject();
        j.WriteNumber("index", r.Index);
        j.WriteString("kernel", r.Kernel);
        j.WriteString("parameters", r.Parameters);
        j.WriteString("ram_base", "0x" + r.RamBase.ToString("x", CultureInfo.InvariantCulture));
        j.WriteNumber("ram_size", r.RamSize);
        j.WriteBoolean("ram_given", r.RamGiven);
        j.WriteString("cmdline", r.CommandLine);
        j.WriteString("status", r.Booted ? "ok" : "failed");
        if (!r.Booted)
        {
            j.WriteString("error", r.Error);
            j.WriteEndObject();
            return;
        }
        j.WriteNumber("ram_kb", r.RamBytes / 1024);
        j.WriteNumber("memtotal_kb", r.MemTotalKb);
        j.WriteNumber("not_in_memtotal_kb", r.NotInMemTotalKb);
        j.WriteString("memory_line", r.MemoryLine);
        j.WriteStartObject("costs");
        foreach (var c in r.Costs)
            j.WriteNumber(c.Category, c.Bytes);
        j.WriteEndObject();
        j.WriteEndObject();
    }
}
