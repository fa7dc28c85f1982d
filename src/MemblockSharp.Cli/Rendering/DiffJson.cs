using MemblockSharp.Boot.Comparison;
using MemblockSharp.Boot.Maps;
using MemblockSharp.Cli.Rendering.Json;
using MemblockSharp.Text;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// The JSON form of <c>memblock diff</c> and <c>memblock boot --what-if</c> (schema in docs/json/diff.md):
/// <c>{"before": {summary}, "after": {summary}, "delta": {...}}</c>, plus <c>"what_if"</c> for a what-if.
/// </summary>
internal static class DiffJson
{
    /// <summary>Renders a comparison.</summary>
    /// <param name="c">The comparison.</param>
    /// <param name="whatIf">The what-if parameters, or null for a diff of two DTBs.</param>
    /// <returns>Indented JSON with a trailing newline.</returns>
    public static string Render(BootComparison c, CommandLineOverride? whatIf)
    {
        ArgumentNullException.ThrowIfNull(c);
        var document = new DiffDocument(whatIf is null ? null : new WhatIfJson(whatIf.Set, whatIf.Removed),
            Summary(c.Before), Summary(c.After), Delta(c));
        return JsonOutput.Render(document, JsonOutput.Types.DiffDocument);
    }

    private static DiffSummaryJson Summary(BootSide side)
    {
        var r = side.Result;
        var figures = new Dictionary<string, ulong>
        {
            ["available"] = side.MemoryLine.AvailableKb,
            ["total"] = side.MemoryLine.TotalKb,
        };
        foreach (var (name, kb) in side.MemoryLine.Parts)
            figures[name] = kb;
        return new(side.Title, r.Profile, r.CommandLine, r.RamBytes / 1024, r.MemTotalKb, side.NotInMemTotalKb, r.MemoryLine, figures,
            [.. r.Zones.Select(BootJson.Zone)], [.. r.Costs.Select(cost => new CostJson(cost.Category, cost.Bytes))],
            MemblockTablesJson.From(r.Memory, r.Reserved),
            [.. side.Reservations.Select(p => new DiffReservationJson(Hex.Format(p.Base), Hex.Format(p.Size), p.Category.DisplayName(), p.Label))],
            r.Exact, NotExactJson.From(r.Warnings));
    }

    private static DiffDeltaJson Delta(BootComparison c)
    {
        var figures = new Dictionary<string, long>();
        foreach (var f in c.MemoryLine)
            figures[f.Name] = f.DeltaKb;
        return new(c.Figures[0].DeltaKb, c.Figures[1].DeltaKb, c.Figures[2].DeltaKb, figures,
            [.. c.Zones.Select(z => new ZoneDeltaJson(z.Node, z.Name, z.SpannedDelta, z.PresentDelta, z.ManagedDelta, z.CmaDelta,
                z.Before is null ? "after" : z.After is null ? "before" : "both"))],
            Categories(c.Costs), Categories(c.ReservedByCategory),
            [.. c.Banks.Select(b => new BankChangeJson(DiffText.Kind(b.Kind), Bank(b.Before), Bank(b.After), b.SizeDelta))],
            [.. c.Regions.Select(r => new RegionChangeJson(DiffText.Kind(r.Kind), r.Category.DisplayName(), r.Label, Place(r.Before), Place(r.After), r.SizeDelta))],
            c.UnchangedRegions);
    }

    private static List<CategoryDeltaJson> Categories(IEnumerable<CategoryDelta> deltas) =>
        [.. deltas.Select(d => new CategoryDeltaJson(d.Category, d.BeforeBytes, d.AfterBytes, d.DeltaBytes))];

    private static MemblockRegionJson? Bank(MemblockRegion? bank) => bank is { } b ? MemblockRegionJson.From(b) : null;

    private static PlaceJson? Place(MapReservation? piece) => piece is null ? null : new(Hex.Format(piece.Base), Hex.Format(piece.Size));
}
