using System.Globalization;
using MemblockSharp.Boot.Comparison;
using MemblockSharp.Boot.Maps;

namespace MemblockSharp.Cli.Rendering;

/// <summary>One figure row of a comparison table: a name, before, after, the signed delta and the delta in MiB, all as text.</summary>
/// <param name="Name">The figure (indented by its depth in the plain text).</param>
/// <param name="Before">The first boot's value.</param>
/// <param name="After">The second boot's value.</param>
/// <param name="Delta">After − before, signed, with its unit.</param>
/// <param name="DeltaMib">The delta in MiB, signed.</param>
/// <param name="Depth">0 for a main figure, 1 for a part of the one above (a category of "not in MemTotal").</param>
/// <param name="Changed">The figure differs between the boots.</param>
internal sealed record DiffFigureRow(string Name, string Before, string After, string Delta, string DeltaMib, int Depth, bool Changed);

/// <summary>A table of figures (<c>Summary</c>, <c>Memory: line</c>, ...) and the note under it.</summary>
/// <param name="Title">The table's title.</param>
/// <param name="Rows">The rows.</param>
/// <param name="Note">A line after the rows ("(9 other categories unchanged)", "(no change)"), or null.</param>
internal sealed record DiffFigureTable(string Title, IReadOnlyList<DiffFigureRow> Rows, string? Note);

/// <summary>One region that differs: change, where (a range, or before → after), size (and its change), owner.</summary>
/// <param name="Kind">The change.</param>
/// <param name="Where">The inclusive range, or <c>[before] -&gt; [after]</c> when it moved.</param>
/// <param name="Size">The size, or <c>before -&gt; after (delta)</c>.</param>
/// <param name="Owner">The owner (<c>category: label</c>) or, for a memory bank, its node and flags.</param>
/// <param name="From">For a terminal table: the first boot's range, short hex, or empty.</param>
/// <param name="To">For a terminal table: the second boot's range, short hex, or empty.</param>
/// <param name="SizeNow">For a terminal table: the size (the second boot's when it has the region).</param>
/// <param name="SizeChange">For a terminal table: the signed size change, or empty when the size stayed.</param>
internal sealed record DiffChangeRow(RegionChangeKind Kind, string Where, string Size, string Owner, string From, string To, string SizeNow, string SizeChange);

/// <summary>
/// What <c>memblock diff</c> and <c>boot --what-if</c> show, as text cells: the plain renderer (<see cref="DiffText"/>) and
/// the terminal renderer (<see cref="DiffTerminal"/>) lay out the same cells, so both carry the same figures.
/// </summary>
internal sealed class DiffModel
{
    private DiffModel(BootComparison c, string heading)
    {
        Heading = $"{heading}, kernel {Kernel(c)}";
        BeforeLine = $"before: {c.Before.Title}: {c.Before.Result.CommandLine}";
        AfterLine = $"after:  {c.After.Title}: {c.After.Result.CommandLine}";
        Figures = [Summary(c), MemoryLine(c), Zones(c), ReservedByCategory(c)];
        Banks = c.Banks.Select(b => Change(b.Kind, b.Before?.Base, b.Before?.Size, b.After?.Base, b.After?.Size,
            string.Create(CultureInfo.InvariantCulture, $"node {(b.After ?? b.Before)!.Value.Nid}{Flags((b.After ?? b.Before)!.Value.Flags)}"))).ToList();
        Regions = c.Regions.Select(r => Change(r.Kind, r.Before?.Base, r.Before?.Size, r.After?.Base, r.After?.Size,
            $"{r.Category.DisplayName()}: {r.Label}")).ToList();
        int n(RegionChangeKind k) => c.Regions.Count(r => r.Kind == k);
        RegionCounts = string.Create(CultureInfo.InvariantCulture,
            $"{n(RegionChangeKind.Appeared)} appeared, {n(RegionChangeKind.Vanished)} vanished, {n(RegionChangeKind.Moved)} moved, " +
            $"{n(RegionChangeKind.Resized) + n(RegionChangeKind.MovedAndResized)} resized, {c.UnchangedRegions} unchanged");
    }

    /// <summary>The heading line (without <c># </c>).</summary>
    public string Heading { get; }

    /// <summary>The first boot's title and command line.</summary>
    public string BeforeLine { get; }

    /// <summary>The second boot's title and command line.</summary>
    public string AfterLine { get; }

    /// <summary>Summary, <c>Memory:</c> line, zones, reserved bytes by category.</summary>
    public IReadOnlyList<DiffFigureTable> Figures { get; }

    /// <summary>The <c>memblock.memory</c> regions that differ.</summary>
    public IReadOnlyList<DiffChangeRow> Banks { get; }

    /// <summary>The reservations that differ.</summary>
    public IReadOnlyList<DiffChangeRow> Regions { get; }

    /// <summary><c>N appeared, N vanished, N moved, N resized, N unchanged</c>.</summary>
    public string RegionCounts { get; }

    /// <summary>Builds the cells of a comparison.</summary>
    public static DiffModel From(BootComparison c, string heading) => new(c, heading);

    /// <summary>The change's word as the text and the JSON show it.</summary>
    public static string Kind(RegionChangeKind kind) => kind switch
    {
        RegionChangeKind.Appeared => "appeared",
        RegionChangeKind.Vanished => "vanished",
        RegionChangeKind.Moved => "moved",
        RegionChangeKind.Resized => "resized",
        _ => "moved+resized",
    };

    /// <summary><c>+</c> appeared, <c>-</c> vanished, <c>~</c> changed.</summary>
    public static char Mark(RegionChangeKind kind) => kind switch
    {
        RegionChangeKind.Appeared => '+',
        RegionChangeKind.Vanished => '-',
        _ => '~',
    };

    /// <summary>A signed size in MiB with one decimal: <c>+128.0 MiB</c>, <c>-2.5 MiB</c>, <c>0.0 MiB</c>.</summary>
    public static string SignedMib(long bytes) => Signed(bytes / 1048576.0, "F1") + " MiB";

    private static DiffFigureTable Summary(BootComparison c)
    {
        var names = new[] { "RAM (present pages)", "MemTotal", "not in MemTotal" };
        var rows = c.Figures.Select((f, i) => KbRow(names[i], f)).ToList();
        var costs = c.Costs.Where(d => d.DeltaBytes != 0).OrderByDescending(d => Math.Abs(d.DeltaBytes)).ThenBy(d => d.Category, StringComparer.Ordinal).ToList();
        rows.AddRange(costs.Select(d => BytesRow(d.Category, d.BeforeBytes, d.AfterBytes, depth: 1)));
        int same = c.Costs.Count - costs.Count;
        return new DiffFigureTable("Summary", rows, same > 0 ? $"({same} other categor{(same == 1 ? "y" : "ies")} unchanged)" : null);
    }

    private static DiffFigureTable MemoryLine(BootComparison c) => new("Memory: line",
        c.MemoryLine.Where(f => f.DeltaKb != 0 || f.Name is "available" or "total" or "reserved" or "cma-reserved").Select(f => KbRow(f.Name, f)).ToList(), null);

    private static DiffFigureTable Zones(BootComparison c)
    {
        var rows = new List<DiffFigureRow>();
        long page = (long)c.After.Options.Profile.PageSize;
        foreach (var z in c.Zones.Where(z => z.Before?.Spanned > 0 || z.After?.Spanned > 0))
        {
            string zone = string.Create(CultureInfo.InvariantCulture, $"Node {z.Node}, zone {z.Name}");
            rows.Add(PagesRow(zone + " managed", z.Before?.Managed, z.After?.Managed, z.ManagedDelta, page));
            if (z.PresentDelta != 0)
                rows.Add(PagesRow(zone + " present", z.Before?.Present, z.After?.Present, z.PresentDelta, page));
            if (z.CmaDelta != 0 || (z.Before?.Cma ?? 0) != 0)
                rows.Add(PagesRow(zone + " cma", z.Before?.Cma, z.After?.Cma, z.CmaDelta, page));
        }
        return new DiffFigureTable("Zones (pages)", rows, null);
    }

    private static DiffFigureTable ReservedByCategory(BootComparison c)
    {
        var rows = c.ReservedByCategory.Where(d => d.DeltaBytes != 0).Select(d => BytesRow(d.Category, d.BeforeBytes, d.AfterBytes, depth: 0)).ToList();
        return new DiffFigureTable("memblock.reserved by category", rows, rows.Count == 0 ? "(no change)" : null);
    }

    private static string Kernel(BootComparison c) =>
        c.Before.Result.Profile == c.After.Result.Profile ? c.Before.Result.Profile : c.Before.Result.Profile + " -> " + c.After.Result.Profile;

    private static DiffFigureRow KbRow(string name, FigureDelta f) =>
        new(name, N(f.BeforeKb) + " kB", N(f.AfterKb) + " kB", Signed(f.DeltaKb, "D") + " kB", SignedMib(f.DeltaKb * 1024), 0, f.DeltaKb != 0);

    private static DiffFigureRow BytesRow(string name, long before, long after, int depth) =>
        new(name, KbFraction(before), KbFraction(after), SignedKb(after - before), SignedMib(after - before), depth, after != before);

    private static DiffFigureRow PagesRow(string name, ulong? before, ulong? after, long delta, long page) =>
        new(name, before is null ? "-" : N(before.Value), after is null ? "-" : N(after.Value), Signed(delta, "D"), SignedMib(delta * page), 0, delta != 0);

    /// <summary>A signed change in kB with one decimal, or in bytes when it is below 0.1 kB.</summary>
    private static string SignedKb(long bytes) => bytes != 0 && Math.Abs(bytes) < 103
        ? Signed(bytes, "D") + " B" : Signed(bytes / 1024.0, "F1") + " kB";

    private static string KbFraction(long bytes) => (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " kB";

    private static string N(ulong n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Signed(double value, string format) =>
        (value > 0 ? "+" : "") + value.ToString(format, CultureInfo.InvariantCulture);

    private static string Signed(long value, string format) =>
        (value > 0 ? "+" : "") + value.ToString(format, CultureInfo.InvariantCulture);

    private static DiffChangeRow Change(RegionChangeKind kind, ulong? beforeBase, ulong? beforeSize, ulong? afterBase, ulong? afterSize, string owner) =>
        new(kind, Where(beforeBase, beforeSize, afterBase, afterSize), SizeText(beforeSize, afterSize), owner,
            beforeBase is null ? "" : ShortRange(beforeBase.Value, beforeSize!.Value),
            afterBase is null ? "" : ShortRange(afterBase.Value, afterSize!.Value),
            Size((afterSize ?? beforeSize)!.Value),
            beforeSize is null || afterSize is null || beforeSize == afterSize ? "" : SignedSize((long)afterSize.Value - (long)beforeSize.Value));

    /// <summary>An inclusive range in short hex: <c>0x72c00000-0x7abfffff</c>.</summary>
    private static string ShortRange(ulong @base, ulong size) =>
        string.Create(CultureInfo.InvariantCulture, $"0x{@base:x}-0x{@base + size - 1:x}");

    /// <summary>The range, or <c>[before] -&gt; [after]</c> when the base changed.</summary>
    private static string Where(ulong? beforeBase, ulong? beforeSize, ulong? afterBase, ulong? afterSize)
    {
        if (beforeBase is null)
            return Range(afterBase!.Value, afterSize!.Value);
        if (afterBase is null || beforeBase == afterBase)
            return Range(beforeBase.Value, (afterSize ?? beforeSize)!.Value);
        return $"{Range(beforeBase.Value, beforeSize!.Value)} -> {Range(afterBase.Value, afterSize!.Value)}";
    }

    /// <summary>The size, or <c>before -&gt; after (change)</c> when it changed.</summary>
    private static string SizeText(ulong? before, ulong? after) =>
        before is null || after is null || before == after ? Size((after ?? before)!.Value)
            : $"{Size(before.Value)} -> {Size(after.Value)} ({SignedSize((long)after.Value - (long)before.Value)})";

    /// <summary>An inclusive range as memblock=debug prints it.</summary>
    private static string Range(ulong @base, ulong size) =>
        string.Create(CultureInfo.InvariantCulture, $"[0x{@base:x16}-0x{@base + size - 1:x16}]");

    private static string Size(ulong bytes) => bytes >= 1048576
        ? (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB"
        : bytes >= 1024 ? (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " kB"
        : bytes.ToString(CultureInfo.InvariantCulture) + " B";

    private static string SignedSize(long bytes) => (bytes > 0 ? "+" : "-") + Size((ulong)Math.Abs(bytes));

    private static string Flags(MemblockFlags flags) => flags == MemblockFlags.None ? "" : ", " + flags;
}
