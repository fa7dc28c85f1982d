using System.Text.Json.Serialization;

namespace MemblockSharp.Cli.Rendering.Json;

/// <summary><c>memblock sweep --json</c> (docs/json/sweep.md).</summary>
internal sealed record SweepDocument(string Dtb, SweepGridJson Grid, IReadOnlyList<string> Categories, IReadOnlyList<SweepRowJson> Rows,
    SweepRunJson Run, int ExitCode);

/// <summary>The grid's axes as given.</summary>
internal sealed record SweepGridJson(IReadOnlyList<string> Kernels, IReadOnlyList<string> ParameterSets, IReadOnlyList<string> Ram);

/// <summary>
/// One boot of the sweep. A failed boot has <see cref="Error"/> and none of the figures (they are left out of the
/// JSON, not written as null).
/// </summary>
internal sealed record SweepRowJson(int Index, string Kernel, string Parameters, string RamBase, ulong RamSize, bool RamGiven, string Cmdline,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ulong? RamKb,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ulong? MemtotalKb,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? NotInMemtotalKb,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MemoryLine,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, long>? Costs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Exact,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<NotExactJson>? NotExact);

/// <summary>How the boots ran.</summary>
internal sealed record SweepRunJson(int Boots, int Failed, int Threads, double Seconds, double BootsPerSecond);
