using MemblockSharp.Boot.Maps;

namespace MemblockSharp.Boot.Comparison;

/// <summary>Pairs the regions of two boots that have the same owner and says how each pair (or leftover) differs.</summary>
internal static class RegionMatcher
{
    /// <summary>Reservations matched by category and owner (a node path without its unit addresses, so that a moved node is the same node).</summary>
    public static (List<RegionChange> Changes, int Unchanged) Reservations(IReadOnlyList<MapReservation> before, IReadOnlyList<MapReservation> after)
    {
        var changes = new List<RegionChange>();
        int unchanged = 0;
        var keys = before.Concat(after).Select(Key).Distinct();
        foreach (var key in keys)
        {
            var b = before.Where(p => Key(p) == key).ToList();
            var a = after.Where(p => Key(p) == key).ToList();
            foreach (var (kind, x, y) in Pair(b, a, p => p.Base, p => p.Size))
            {
                if (kind is null)
                    unchanged++;
                else
                    changes.Add(new RegionChange(kind.Value, key.Category, (y ?? x)!.Label, x, y));
            }
        }
        changes.Sort((x, y) => x.Kind != y.Kind ? x.Kind.CompareTo(y.Kind) : (x.After ?? x.Before)!.Base.CompareTo((y.After ?? y.Before)!.Base));
        return (changes, unchanged);
    }

    /// <summary>What makes two pieces "the same reservation": the category and the owner, unit addresses left out of node paths.</summary>
    private static (ReservationCategory Category, string Owner) Key(MapReservation piece) => (piece.Category, Owner(piece.Label));

    /// <summary><c>/reserved-memory/buffer@51000000</c> → <c>/reserved-memory/buffer</c>; a function name stays as it is.</summary>
    internal static string Owner(string label)
    {
        if (!label.StartsWith('/') || !label.Contains('@', StringComparison.Ordinal))
            return label;
        return string.Join('/', label.Split('/').Select(part => part.IndexOf('@', StringComparison.Ordinal) is int at and >= 0 ? part[..at] : part));
    }

    /// <summary>Memory banks matched by (node, flags).</summary>
    public static List<BankChange> Banks(IReadOnlyList<MemblockRegion> before, IReadOnlyList<MemblockRegion> after)
    {
        var changes = new List<BankChange>();
        foreach (var key in before.Concat(after).Select(r => (r.Nid, r.Flags)).Distinct())
        {
            // As nullable values, so that a leftover's missing side is null, not an empty region.
            var b = before.Where(r => (r.Nid, r.Flags) == key).Select(r => (MemblockRegion?)r).ToList();
            var a = after.Where(r => (r.Nid, r.Flags) == key).Select(r => (MemblockRegion?)r).ToList();
            foreach (var (kind, x, y) in Pair(b, a, r => r!.Value.Base, r => r!.Value.Size))
            {
                if (kind is not null)
                    changes.Add(new BankChange(kind.Value, x, y));
            }
        }
        changes.Sort((x, y) => (x.After ?? x.Before)!.Value.Base.CompareTo((y.After ?? y.Before)!.Value.Base));
        return changes;
    }

    /// <summary>
    /// Pairs two lists of one owner's regions: equal (base, size) first (kind null: unchanged), then equal size
    /// (moved), then equal base (resized), then the rest in address order (moved and resized); leftovers appeared
    /// or vanished.
    /// </summary>
    private static List<(RegionChangeKind? Kind, T? Before, T? After)> Pair<T>(List<T> before, List<T> after, Func<T, ulong> @base, Func<T, ulong> size)
    {
        var result = new List<(RegionChangeKind?, T?, T?)>();
        before = before.OrderBy(@base).ToList();
        after = after.OrderBy(@base).ToList();
        void Take(Func<T, T, bool> same, RegionChangeKind? kind)
        {
            for (int i = 0; i < before.Count; i++)
            {
                int j = after.FindIndex(y => same(before[i], y));
                if (j < 0)
                    continue;
                result.Add((kind, before[i], after[j]));
                before.RemoveAt(i--);
                after.RemoveAt(j);
            }
        }
        Take((x, y) => @base(x) == @base(y) && size(x) == size(y), null);
        Take((x, y) => size(x) == size(y), RegionChangeKind.Moved);
        Take((x, y) => @base(x) == @base(y), RegionChangeKind.Resized);
        int n = Math.Min(before.Count, after.Count);
        for (int i = 0; i < n; i++)
            result.Add((RegionChangeKind.MovedAndResized, before[i], after[i]));
        result.AddRange(before.Skip(n).Select(x => ((RegionChangeKind?)RegionChangeKind.Vanished, (T?)x, default(T))));
        result.AddRange(after.Skip(n).Select(y => ((RegionChangeKind?)RegionChangeKind.Appeared, default(T), (T?)y)));
        return result;
    }
}
