using MemblockSharp.Boot.Sweep;
using MemblockSharp.Cli.Rendering.Json;
using MemblockSharp.Text;

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
        var grid = new SweepGridJson([.. result.Grid.Kernels.Select(k => k.Name)], [.. result.Grid.ParameterSets.Select(p => p.Text)],
            [.. result.Grid.Ram.Select(r => r.Label)]);
        var run = new SweepRunJson(result.Rows.Count, result.Failed, result.Threads, Math.Round(result.Elapsed.TotalSeconds, 6),
            Math.Round(result.BootsPerSecond, 1));
        var document = new SweepDocument(result.Title, grid, result.Categories, [.. result.Rows.Select(Row)], run, exitCode);
        return JsonOutput.Render(document, JsonOutput.Types.SweepDocument);
    }

    private static SweepRowJson Row(SweepRow r)
    {
        var row = new SweepRowJson(r.Index, r.Kernel, r.Parameters, Hex.Format(r.RamBase), r.RamSize, r.RamGiven, r.CommandLine,
            r.Booted ? "ok" : "failed", r.Error, null, null, null, null, null, null, null);
        if (!r.Booted)
            return row;
        var costs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var c in r.Costs)
            costs[c.Category] = c.Bytes;
        return row with
        {
            RamKb = r.RamBytes / 1024,
            MemtotalKb = r.MemTotalKb,
            NotInMemtotalKb = r.NotInMemTotalKb,
            MemoryLine = r.MemoryLine,
            Costs = costs,
            Exact = r.Warnings.Count == 0,
            NotExact = NotExactJson.From(r.Warnings),
        };
    }
}
