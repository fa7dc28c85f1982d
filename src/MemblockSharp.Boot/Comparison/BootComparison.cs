using MemblockSharp.Boot.Maps;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Comparison;

/// <summary>
/// Two simulated boots side by side (<c>memblock diff</c>, <c>memblock boot --what-if</c>): RAM, MemTotal, the
/// <c>Memory:</c> line, the zones, where the RAM that is not in MemTotal went (by category), the reserved bytes by
/// category, and every reservation that appeared, vanished, moved or changed size.
/// </summary>
/// <remarks>
/// Reservations are named by the memory map's attribution (<see cref="MemoryMapBuilder.FromBoot"/>): each piece of
/// <c>memblock.reserved</c> at the hand-off carries its category and its owner (the <c>/reserved-memory</c> node path,
/// <c>/memreserve/</c>, or the kernel function that reserved or allocated it). A reservation is "the same" in both
/// boots when category and owner agree (node paths compared without unit addresses, so a static node moved to a new
/// address keeps its identity); pieces of one owner are paired by exact place first, then by size, then by base,
/// then in address order; what is left over appeared or vanished.
/// </remarks>
public sealed class BootComparison
{
    private BootComparison(BootSide before, BootSide after)
    {
        Before = before;
        After = after;
        Figures = CompareFigures(before, after);
        MemoryLine = CompareMemoryLine(before.MemoryLine, after.MemoryLine);
        Zones = CompareZones(before.Result.Zones, after.Result.Zones);
        Costs = CompareCategories(before.Result.Costs.Select(c => (c.Category, c.Bytes)), after.Result.Costs.Select(c => (c.Category, c.Bytes)));
        ReservedByCategory = CompareCategories(ReservedTotals(before.Map), ReservedTotals(after.Map));
        var (regions, unchanged) = RegionMatcher.Reservations(before.Reservations, after.Reservations);
        Regions = regions;
        UnchangedRegions = unchanged;
        Banks = RegionMatcher.Banks(before.Result.Memory, after.Result.Memory);
    }

    /// <summary>The first boot.</summary>
    public BootSide Before { get; }

    /// <summary>The second boot.</summary>
    public BootSide After { get; }

    /// <summary><c>RAM</c>, <c>MemTotal</c> and <c>not in MemTotal</c>, in kB.</summary>
    public IReadOnlyList<FigureDelta> Figures { get; }

    /// <summary>The figures of the <c>Memory:</c> line: <c>available</c>, <c>total</c>, then the parenthesised ones in the kernel's order.</summary>
    public IReadOnlyList<FigureDelta> MemoryLine { get; }

    /// <summary>Every zone of either boot (first boot's order, then new ones).</summary>
    public IReadOnlyList<ZoneDelta> Zones { get; }

    /// <summary>Where RAM − MemTotal went (<see cref="BootResult.Costs"/>), by category: first boot's order, then new ones.</summary>
    public IReadOnlyList<CategoryDelta> Costs { get; }

    /// <summary>The bytes of <c>memblock.reserved</c> at the hand-off by map category (CMA included), in category order.</summary>
    public IReadOnlyList<CategoryDelta> ReservedByCategory { get; }

    /// <summary>Reservations that appeared, vanished, moved or changed size, sorted by kind, then by address.</summary>
    public IReadOnlyList<RegionChange> Regions { get; }

    /// <summary>How many reservations are the same in both boots (owner, base and size).</summary>
    public int UnchangedRegions { get; }

    /// <summary>Regions of <c>memblock.memory</c> that differ (<c>mem=</c>, another RAM size, no-map carve-outs).</summary>
    public IReadOnlyList<BankChange> Banks { get; }

    /// <summary>The change of MemTotal, in kB.</summary>
    public long MemTotalDeltaKb => (long)After.Result.MemTotalKb - (long)Before.Result.MemTotalKb;

    /// <summary>Boots both and compares them.</summary>
    /// <param name="before">The first boot's inputs.</param>
    /// <param name="beforeTitle">What the first boot is.</param>
    /// <param name="after">The second boot's inputs.</param>
    /// <param name="afterTitle">What the second boot is.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="MemblockSharp.DeviceTree.FdtException">A DTB is malformed.</exception>
    /// <exception cref="BootInputException">Either boot's inputs cannot boot.</exception>
    public static BootComparison Run(BootOptions before, string beforeTitle, BootOptions after, string afterTitle) =>
        Compare(BootSide.Run(before, beforeTitle), BootSide.Run(after, afterTitle));

    /// <summary>Compares two boots that have already run.</summary>
    /// <param name="before">The first boot.</param>
    /// <param name="after">The second boot.</param>
    /// <returns>The comparison.</returns>
    public static BootComparison Compare(BootSide before, BootSide after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new BootComparison(before, after);
    }

    /// <summary>Boots with a command line, then with parameters applied on top of it, and compares the two.</summary>
    /// <param name="options">The boot as asked for (its <see cref="BootOptions.CommandLine"/>, or the DTB's bootargs when null).</param>
    /// <param name="whatIf">The parameters to apply.</param>
    /// <param name="title">What is booted.</param>
    /// <returns>The comparison (before: as asked; after: with the parameters).</returns>
    /// <exception cref="MemblockSharp.DeviceTree.FdtException">The DTB is malformed.</exception>
    /// <exception cref="BootInputException">Either boot's inputs cannot boot.</exception>
    public static BootComparison WhatIf(BootOptions options, CommandLineOverride whatIf, string title)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(whatIf);
        var before = BootSide.Run(options, title);
        var after = BootSide.Run(options with { CommandLine = whatIf.ApplyTo(before.Result.CommandLine) }, title);
        return new BootComparison(before, after);
    }

    private static List<FigureDelta> CompareFigures(BootSide before, BootSide after) =>
    [
        new("RAM", before.Result.RamBytes / 1024, after.Result.RamBytes / 1024),
        new("MemTotal", before.Result.MemTotalKb, after.Result.MemTotalKb),
        new("not in MemTotal", (ulong)Math.Max(0, before.NotInMemTotalKb), (ulong)Math.Max(0, after.NotInMemTotalKb)),
    ];

    private static List<FigureDelta> CompareMemoryLine(MemoryLineFigures before, MemoryLineFigures after)
    {
        var list = new List<FigureDelta>
        {
            new("available", before.AvailableKb, after.AvailableKb),
            new("total", before.TotalKb, after.TotalKb),
        };
        foreach (string name in before.Parts.Select(p => p.Name).Concat(after.Parts.Select(p => p.Name)).Distinct(StringComparer.Ordinal))
            list.Add(new FigureDelta(name, before.Part(name) ?? 0, after.Part(name) ?? 0));
        return list;
    }

    private static List<ZoneDelta> CompareZones(IReadOnlyList<BootZone> before, IReadOnlyList<BootZone> after)
    {
        var keys = before.Concat(after).Select(z => (z.Node, z.Name)).Distinct().ToList();
        return keys.Select(k => new ZoneDelta(k.Node, k.Name,
            before.Where(z => (z.Node, z.Name) == k).Select(z => (BootZone?)z).FirstOrDefault(),
            after.Where(z => (z.Node, z.Name) == k).Select(z => (BootZone?)z).FirstOrDefault())).ToList();
    }

    private static List<CategoryDelta> CompareCategories(IEnumerable<(string Category, long Bytes)> before, IEnumerable<(string Category, long Bytes)> after)
    {
        var b = before.GroupBy(c => c.Category).Select(g => (g.Key, g.Sum(c => c.Bytes))).ToList();
        var a = after.GroupBy(c => c.Category).Select(g => (g.Key, g.Sum(c => c.Bytes))).ToList();
        var names = b.Select(c => c.Key).Concat(a.Select(c => c.Key)).Distinct(StringComparer.Ordinal);
        return names.Select(n => new CategoryDelta(n,
            b.Where(c => c.Key == n).Sum(c => c.Item2), a.Where(c => c.Key == n).Sum(c => c.Item2))).ToList();
    }

    private static IEnumerable<(string, long)> ReservedTotals(MemoryMap map) =>
        Enum.GetValues<ReservationCategory>().Select(c => (c.DisplayName(), map.Reservations.Where(p => p.Category == c).Sum(p => (long)p.Size)))
            .Where(c => c.Item2 != 0);
}
