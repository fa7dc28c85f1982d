using System.Text.Json.Serialization;

namespace MemblockSharp.Cli.Rendering.Json;

/// <summary><c>memblock diff --json</c> and <c>memblock boot --what-if --json</c> (docs/json/diff.md).</summary>
/// <param name="WhatIf">The what-if parameters (absent for a diff of two DTBs).</param>
/// <param name="Before">The first boot.</param>
/// <param name="After">The second boot.</param>
/// <param name="Delta">After minus before.</param>
internal sealed record DiffDocument(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WhatIfJson? WhatIf,
    DiffSummaryJson Before, DiffSummaryJson After, DiffDeltaJson Delta);

/// <summary>The parameters a what-if set and removed.</summary>
internal sealed record WhatIfJson(IReadOnlyList<string> Set, IReadOnlyList<string> Removed);

/// <summary>One side of a comparison: the boot's figures, zones, costs, tables and attributed reservations, and whether it is exact.</summary>
internal sealed record DiffSummaryJson(string Dtb, string Kernel, string Cmdline, ulong RamKb, ulong MemtotalKb, long NotInMemtotalKb,
    string MemoryLine, IReadOnlyDictionary<string, ulong> MemoryFiguresKb, IReadOnlyList<BootZoneJson> Zones,
    IReadOnlyList<CostJson> Costs, MemblockTablesJson Memblock, IReadOnlyList<DiffReservationJson> Reservations,
    bool Exact, IReadOnlyList<NotExactJson> NotExact);

/// <summary>A reservation with its category and owner.</summary>
internal sealed record DiffReservationJson(string Base, string Size, string Category, string Label);

/// <summary>The differences between the two boots.</summary>
internal sealed record DiffDeltaJson(long RamKb, long MemtotalKb, long NotInMemtotalKb, IReadOnlyDictionary<string, long> MemoryFiguresKb,
    IReadOnlyList<ZoneDeltaJson> Zones, IReadOnlyList<CategoryDeltaJson> Costs, IReadOnlyList<CategoryDeltaJson> ReservedByCategory,
    IReadOnlyList<BankChangeJson> Memory, IReadOnlyList<RegionChangeJson> Reservations, int UnchangedReservations);

/// <summary>A zone's page deltas and on which side it exists (<c>before</c>, <c>after</c> or <c>both</c>).</summary>
internal sealed record ZoneDeltaJson(int Node, string Name, long Spanned, long Present, long Managed, long Cma, string In);

/// <summary>A category's bytes before and after.</summary>
internal sealed record CategoryDeltaJson(string Category, long BeforeBytes, long AfterBytes, long DeltaBytes);

/// <summary>A memory bank that changed.</summary>
internal sealed record BankChangeJson(string Change, MemblockRegionJson? Before, MemblockRegionJson? After, long SizeDelta);

/// <summary>A reservation that appeared, vanished, moved or changed size.</summary>
internal sealed record RegionChangeJson(string Change, string Category, string Label, PlaceJson? Before, PlaceJson? After, long SizeDelta);

/// <summary>Where a reservation sits.</summary>
internal sealed record PlaceJson(string Base, string Size);
