namespace MemblockSharp.Cli.Rendering.Json;

/// <summary><c>memblock boot --json</c> (docs/json/boot.md).</summary>
/// <param name="Dtb">What was booted.</param>
/// <param name="Kernel">The profile.</param>
/// <param name="Cmdline">The command line the boot used.</param>
/// <param name="RamKb">Physical RAM (present pages) in kB.</param>
/// <param name="MemtotalKb">MemTotal in kB.</param>
/// <param name="MemoryLine">The kernel's <c>Memory:</c> line after the prefix.</param>
/// <param name="Zones">The zones.</param>
/// <param name="Memblock">The memblock tables at the hand-off.</param>
/// <param name="Costs">Where the RAM not in MemTotal went.</param>
/// <param name="Log">The kernel's memory lines.</param>
/// <param name="Exact">Whether every input is modelled (no <paramref name="NotExact"/> entries).</param>
/// <param name="NotExact">What is not modelled and what it may change.</param>
internal sealed record BootDocument(string Dtb, string Kernel, string Cmdline, ulong RamKb, ulong MemtotalKb, string MemoryLine,
    IReadOnlyList<BootZoneJson> Zones, MemblockTablesJson Memblock, IReadOnlyList<CostJson> Costs, IReadOnlyList<string> Log,
    bool Exact, IReadOnlyList<NotExactJson> NotExact);

/// <summary>One input a boot does not model.</summary>
/// <param name="Subject">The parameter or device-tree feature, as written.</param>
/// <param name="Reason">What is not modelled and what it may change.</param>
internal sealed record NotExactJson(string Subject, string Reason)
{
    /// <summary>The JSON form of a boot's warnings.</summary>
    /// <param name="warnings">The warnings.</param>
    /// <returns>One entry per warning.</returns>
    public static IReadOnlyList<NotExactJson> From(IReadOnlyList<MemblockSharp.Boot.Simulation.BootWarning> warnings) =>
        [.. warnings.Select(w => new NotExactJson(w.Subject, w.Message))];
}

/// <summary>One zone's pages.</summary>
internal sealed record BootZoneJson(int Node, string Name, ulong StartPfn, ulong Spanned, ulong Present, ulong Managed, ulong Cma);

/// <summary>One category of RAM not in MemTotal.</summary>
internal sealed record CostJson(string Category, long Bytes);
