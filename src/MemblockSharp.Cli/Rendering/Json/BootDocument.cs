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
/// <param name="Inputs">The boot's inputs and where each came from (the assumed ones flagged).</param>
internal sealed record BootDocument(string Dtb, string Kernel, string Cmdline, ulong RamKb, ulong MemtotalKb, string MemoryLine,
    IReadOnlyList<BootZoneJson> Zones, MemblockTablesJson Memblock, IReadOnlyList<CostJson> Costs, IReadOnlyList<string> Log,
    bool Exact, IReadOnlyList<NotExactJson> NotExact, IReadOnlyList<InputJson> Inputs);

/// <summary>One input of a boot and where it came from.</summary>
/// <param name="What">What it is (<c>RAM</c>, <c>kernel image</c>, <c>device tree blob</c>, <c>initrd</c>, a build fact).</param>
/// <param name="Value">Its value as the summary prints it.</param>
/// <param name="Source">The option, device-tree property, profile or rule it came from.</param>
/// <param name="Assumed">True when the boot took it by default because no input said.</param>
/// <param name="Base">The range's base (hex), or null when it is not one range.</param>
/// <param name="Size">The range's size (hex), or null.</param>
internal sealed record InputJson(string What, string Value, string Source, bool Assumed, string? Base, string? Size)
{
    /// <summary>The JSON form of a boot's inputs.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <returns>One entry per input.</returns>
    public static IReadOnlyList<InputJson> From(IReadOnlyList<MemblockSharp.Boot.Simulation.BootInput> inputs) =>
        [.. inputs.Select(i => new InputJson(i.What, i.Value, i.Source, i.Assumed, Hex(i.Base), Hex(i.Size)))];

    private static string? Hex(ulong? v) => v is { } x ? MemblockSharp.Text.Hex.Format(x) : null;
}

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
