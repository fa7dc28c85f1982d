using System.Globalization;
using System.Text;
using MemblockSharp.Boot.Comparison;
using MemblockSharp.Boot.Maps;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// The text form of <c>memblock diff</c> and <c>memblock boot --what-if</c>: RAM, MemTotal and where the rest went,
/// before → after with signed deltas in kB and MiB (the style of the boot summary), then the <c>Memory:</c> line, the
/// zones, the memory banks and every reservation that appeared, vanished, moved or changed size.
/// </summary>
public static class DiffText
{
    private const string Columns = "{0,-52} {1,14} {2,14} {3,14} {4,12}";

    /// <summary>Renders a comparison.</summary>
    /// <param name="c">The comparison.</param>
    /// <param name="heading">The first line after <c># </c> (e.g. <c>memblock diff: A.dtb -&gt; B.dtb</c>).</param>
    /// <returns>The text, ending in a newline.</returns>
    public static string Render(BootComparison c, string heading)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(heading);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# {heading}, kernel {Kernel(c)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  before: {c.Before.Title}: {c.Before.Result.CommandLine}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  after:  {c.After.Title}: {c.After.Result.CommandLine}\n");

        sb.Append('\n').Append(Row("Summary", "before", "after", "delta", ""));
        var names = new[] { "RAM (present pages)", "MemTotal", "not in MemTotal" };
        for (int i = 0; i < c.Figures.Count; i++)
            sb.Append(KbRow("  " + names[i], c.Figures[i]));
        var costs = c.Costs.Where(d => d.DeltaBytes != 0).OrderByDescending(d => Math.Abs(d.DeltaBytes)).ThenBy(d => d.Category, StringComparer.Ordinal).ToList();
        foreach (var d in costs)
            sb.Append(BytesRow("    " + d.Category, d.BeforeBytes, d.AfterBytes));
        int same = c.Costs.Count - costs.Count;
        if (same > 0)
            sb.Append(CultureInfo.InvariantCulture, $"    ({same} other categor{(same == 1 ? "y" : "ies")} unchanged)\n");

        sb.Append('\n').Append(Row("Memory: line", "before", "after", "delta", ""));
        foreach (var f in c.MemoryLine.Where(f => f.DeltaKb != 0 || f.Name is "available" or "total" or "reserved" or "cma-reserved"))
            sb.Append(KbRow("  " + f.Name, f));

        sb.Append('\n').Append(Row("Zones (pages)", "before", "after", "delta", ""));
        foreach (var z in c.Zones.Where(z => z.Before?.Spanned > 0 || z.After?.Spanned > 0))
        {
            string zone = string.Create(CultureInfo.InvariantCulture, $"  Node {z.Node}, zone {z.Name}");
            sb.Append(PagesRow(zone + " managed", z.Before?.Managed, z.After?.Managed, z.ManagedDelta, c));
            if (z.PresentDelta != 0)
                sb.Append(PagesRow(zone + " present", z.Before?.Present, z.After?.Present, z.PresentDelta, c));
            if (z.CmaDelta != 0 || (z.Before?.Cma ?? 0) != 0)
                sb.Append(PagesRow(zone + " cma", z.Before?.Cma, z.After?.Cma, z.CmaDelta, c));
        }

        var reserved = c.ReservedByCategory.Where(d => d.DeltaBytes != 0).ToList();
        sb.Append('\n').Append(Row("memblock.reserved by category", "before", "after", "delta", ""));
        foreach (var d in reserved)
            sb.Append(BytesRow("  " + d.Category, d.BeforeBytes, d.AfterBytes));
        if (reserved.Count == 0)
            sb.Append("  (no change)\n");

        sb.Append('\n').Append("memblock.memory\n");
        foreach (var b in c.Banks)
            sb.Append(CultureInfo.InvariantCulture, $"  {Mark(b.Kind)} {Kind(b.Kind),-17} {Place(b.Before?.Base, b.Before?.Size, b.After?.Base, b.After?.Size)}  node {(b.After ?? b.Before)!.Value.Nid}{Flags((b.After ?? b.Before)!.Value.Flags)}\n");
        if (c.Banks.Count == 0)
            sb.Append("  (no change)\n");

        sb.Append('\n').Append(CultureInfo.InvariantCulture,
            $"Reservations: {Count(c, RegionChangeKind.Appeared)} appeared, {Count(c, RegionChangeKind.Vanished)} vanished, " +
            $"{Count(c, RegionChangeKind.Moved)} moved, {Count(c, RegionChangeKind.Resized) + Count(c, RegionChangeKind.MovedAndResized)} resized, {c.UnchangedRegions} unchanged\n");
        foreach (var r in c.Regions)
            sb.Append(CultureInfo.InvariantCulture,
                $"  {Mark(r.Kind)} {Kind(r.Kind),-17} {Place(r.Before?.Base, r.Before?.Size, r.After?.Base, r.After?.Size)}  {r.Category.DisplayName()}: {r.Label}\n");
        return sb.ToString();
    }

    /// <summary>A signed size in MiB with one decimal: <c>+128.0 MiB</c>, <c>-2.5 MiB</c>, <c>0.0 MiB</c>.</summary>
    /// <param name="bytes">The change in bytes.</param>
    /// <returns>The text.</returns>
    public static string SignedMib(long bytes) => Signed(bytes / 1048576.0, "F1") + " MiB";

    private static string Kernel(BootComparison c) =>
        c.Before.Result.Profile == c.After.Result.Profile ? c.Before.Result.Profile : c.Before.Result.Profile + " -> " + c.After.Result.Profile;

    private static int Count(BootComparison c, RegionChangeKind kind) => c.Regions.Count(r => r.Kind == kind);

    private static string Row(string name, string before, string after, string delta, string mib) =>
        string.Format(CultureInfo.InvariantCulture, Columns, name, before, after, delta, mib).TrimEnd() + "\n";

    private static string KbRow(string name, FigureDelta f) =>
        Row(name, Kb(f.BeforeKb), Kb(f.AfterKb), Signed(f.DeltaKb, "D") + " kB", SignedMib(f.DeltaKb * 1024));

    private static string BytesRow(string name, long before, long after) =>
        Row(name, KbFraction(before), KbFraction(after), SignedKb(after - before), SignedMib(after - before));

    /// <summary>A signed change in kB with one decimal, or in bytes when it is below 0.1 kB.</summary>
    private static string SignedKb(long bytes) => bytes != 0 && Math.Abs(bytes) < 103
        ? Signed(bytes, "D") + " B" : Signed(bytes / 1024.0, "F1") + " kB";

    private static string PagesRow(string name, ulong? before, ulong? after, long delta, BootComparison c)
    {
        long page = (long)c.After.Options.Profile.PageSize;
        return Row(name, before is null ? "-" : N(before.Value), after is null ? "-" : N(after.Value), Signed(delta, "D"), SignedMib(delta * page));
    }

    private static string Kb(ulong kb) => N(kb) + " kB";

    private static string KbFraction(long bytes) => (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " kB";

    private static string N(ulong n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Signed(double value, string format) =>
        (value > 0 ? "+" : "") + value.ToString(format, CultureInfo.InvariantCulture);

    private static string Signed(long value, string format) =>
        (value > 0 ? "+" : "") + value.ToString(format, CultureInfo.InvariantCulture);

    private static char Mark(RegionChangeKind kind) => kind switch
    {
        RegionChangeKind.Appeared => '+',
        RegionChangeKind.Vanished => '-',
        _ => '~',
    };

    /// <summary>The change's word as the text and the JSON show it.</summary>
    /// <param name="kind">The change.</param>
    /// <returns><c>appeared</c>, <c>vanished</c>, <c>moved</c>, <c>resized</c> or <c>moved+resized</c>.</returns>
    public static string Kind(RegionChangeKind kind) => kind switch
    {
        RegionChangeKind.Appeared => "appeared",
        RegionChangeKind.Vanished => "vanished",
        RegionChangeKind.Moved => "moved",
        RegionChangeKind.Resized => "resized",
        _ => "moved+resized",
    };

    /// <summary><c>[first-last] size</c>, or for a pair <c>[first-last] -> [first-last] size</c> with the size change.</summary>
    private static string Place(ulong? beforeBase, ulong? beforeSize, ulong? afterBase, ulong? afterSize)
    {
        if (beforeBase is null)
            return $"{Range(afterBase!.Value, afterSize!.Value)}  {Size(afterSize.Value)}";
        if (afterBase is null)
            return $"{Range(beforeBase.Value, beforeSize!.Value)}  {Size(beforeSize.Value)}";
        string size = beforeSize == afterSize ? Size(afterSize!.Value)
            : $"{Size(beforeSize!.Value)} -> {Size(afterSize!.Value)} ({SignedSize((long)afterSize.Value - (long)beforeSize.Value)})";
        return beforeBase == afterBase ? $"{Range(afterBase.Value, afterSize!.Value)}  {size}"
            : $"{Range(beforeBase.Value, beforeSize!.Value)} -> {Range(afterBase.Value, afterSize!.Value)}  {size}";
    }

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
