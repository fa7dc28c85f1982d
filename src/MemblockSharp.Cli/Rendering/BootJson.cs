using MemblockSharp.Boot.Simulation;
using MemblockSharp.Cli.Rendering.Json;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The JSON form of <c>memblock boot --json</c>; the schema is documented in <c>docs/json/boot.md</c>.</summary>
internal static class BootJson
{
    /// <summary>The boot's JSON text.</summary>
    /// <param name="result">The boot.</param>
    /// <param name="title">What was booted (the DTB's name).</param>
    /// <returns>Indented JSON with a trailing newline.</returns>
    public static string Render(BootResult result, string title) => JsonOutput.Render(Document(result, title), JsonOutput.Types.BootDocument);

    /// <summary>The boot as a document.</summary>
    /// <param name="result">The boot.</param>
    /// <param name="title">What was booted.</param>
    /// <returns>The document.</returns>
    public static BootDocument Document(BootResult result, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(title, result.Profile, result.CommandLine, result.RamBytes / 1024, result.MemTotalKb, result.MemoryLine,
            [.. result.Zones.Select(Zone)], MemblockTablesJson.From(result.Memory, result.Reserved),
            [.. result.Costs.Select(c => new CostJson(c.Category, c.Bytes))], result.Log, result.Exact, NotExactJson.From(result.Warnings),
            InputJson.From(result.Inputs));
    }

    /// <summary>A zone's JSON form.</summary>
    /// <param name="z">The zone.</param>
    /// <returns>Its record.</returns>
    public static BootZoneJson Zone(BootZone z) => new(z.Node, z.Name, z.StartPfn, z.Spanned, z.Present, z.Managed, z.Cma);
}
