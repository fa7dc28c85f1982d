using MemblockSharp.Boot.KernelLog;

namespace MemblockSharp.Boot.Replay;

public static partial class LogReplayer
{
    private static readonly Owner Unattributed = new("(not attributed)", "other");

    /// <summary>Every byte of the final reserved table, by owner; parts no call explains are "(not attributed)".</summary>
    private static ReservedAccount Account(EngineRun run)
    {
        var byCaller = new Dictionary<string, (ulong Bytes, int Pieces)>(StringComparer.Ordinal);
        var byCategory = new Dictionary<string, (ulong Bytes, int Pieces)>(StringComparer.Ordinal);
        ulong total = 0;
        foreach (var region in run.Memblock.Reserved.Regions)
        {
            if (region.Size == 0)
                continue;
            total += region.Size;
            ulong cursor = region.Base;
            foreach (var (s, e, o) in run.Ownership.Within(region.Base, region.End))
            {
                if (s > cursor)
                    Count(Unattributed, s - cursor);
                Count(o, e - s);
                cursor = e;
            }
            if (cursor < region.End)
                Count(Unattributed, region.End - cursor);
        }
        return new ReservedAccount(total, Sorted(byCaller), Sorted(byCategory));

        void Count(Owner owner, ulong bytes)
        {
            var c = byCaller.GetValueOrDefault(owner.Caller);
            byCaller[owner.Caller] = (c.Bytes + bytes, c.Pieces + 1);
            var g = byCategory.GetValueOrDefault(owner.Category);
            byCategory[owner.Category] = (g.Bytes + bytes, g.Pieces + 1);
        }

        static List<AccountEntry> Sorted(Dictionary<string, (ulong Bytes, int Pieces)> d) =>
            d.Select(kv => new AccountEntry(kv.Key, kv.Value.Bytes, kv.Value.Pieces))
             .OrderByDescending(e => e.Bytes).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Physical RAM to MemTotal: the <c>Memory:</c> line's total minus its "reserved" (which leaves CMA in, as MemTotal
    /// does), plus every later <c>Freeing ...</c> line. The replay's own "reserved" at that line is given alongside when
    /// the log has the memblock calls to compute it (<paramref name="reproducible"/>).
    /// </summary>
    private static MemTotalPath? PathToMemTotal(KernelLogDocument log, EngineRun run, ulong pageSize, bool reproducible)
    {
        var info = log.Context(ContextKind.MemoryInfo).FirstOrDefault();
        if (info is null)
            return null;
        long total = (long)info.Value2!.Value;
        long reserved = PartKiB(info, "reserved") ?? 0;
        long cma = PartKiB(info, "cma-reserved") ?? 0;
        var steps = new List<PathStep>
        {
            new("physical RAM (present pages)", total, $"line {info.LineNumber}"),
            new("reserved at the hand-off to the buddy allocator (CMA excluded)", -reserved, $"line {info.LineNumber}"),
        };
        long memTotal = total - reserved;
        foreach (var e in log.Entries.Where(e => e.LineNumber > info.LineNumber))
        {
            if (e is ContextLine { Kind: ContextKind.Freeing } f)
            {
                steps.Add(new PathStep($"freed later: {f.Name}", (long)f.Value!.Value, $"line {f.LineNumber}"));
                memTotal += (long)f.Value.Value;
            }
            else if (e is MemblockRangeCall { Kind: MemblockCallKind.FreeLate } late)
            {
                // memblock_free_late gives the whole pages inside the range straight to the buddy allocator.
                ulong first = (late.Base + pageSize - 1) / pageSize, end = (late.Base + late.Size) / pageSize;
                long kib = end > first ? (long)((end - first) * pageSize >> 10) : 0;
                steps.Add(new PathStep($"freed later: memblock_free_late by {late.Caller.Function}", kib, $"line {late.LineNumber}"));
                memTotal += kib;
            }
        }
        steps.Add(new PathStep("MemTotal", memTotal, "sum"));
        long? ours = null;
        if (reproducible && run.PhysPagesAtMemoryInfo is { } phys && run.FreePagesAtMemoryInfo is { } free)
            ours = (long)((phys - free) * pageSize >> 10) - cma;
        return new MemTotalPath(steps, memTotal, reserved, ours);
    }

    private static long? PartKiB(ContextLine info, string label)
    {
        foreach (var part in info.Parts ?? [])
        {
            int k = part.IndexOf("K ", StringComparison.Ordinal);
            if (k > 0 && part[(k + 2)..] == label && long.TryParse(part.AsSpan(0, k), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long v))
                return v;
        }
        return null;
    }
}
