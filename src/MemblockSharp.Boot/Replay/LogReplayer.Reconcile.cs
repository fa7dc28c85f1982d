using MemblockSharp.Boot.KernelLog;

namespace MemblockSharp.Boot.Replay;

public static partial class LogReplayer
{
    /// <summary>
    /// Adds the calls that explain how the replayed state differs from a dump, each placed as early as the log allows.
    /// Returns false when nothing could be inferred (the difference is only in how regions are split).
    /// </summary>
    private static bool InferFromDump(ReplayContext context, ReplayPlan plan, EngineRun run, DumpDiff diff)
    {
        var log = context.Log;
        int d = diff.EntryIndex;
        int p = run.Dumps.Count >= 2 ? run.Dumps[^2].EntryIndex : Math.Max(plan.StartIndex, 0) - 1;
        int earliest = p + 1;
        int added = 0;
        string at = $"MEMBLOCK configuration dump at line {diff.Dump.LineNumber}";
        int noNode = run.Memblock.Options.MaxNumNodes;

        foreach (var s in diff.Memory)
        {
            ulong size = s.End - s.Start;
            if (!s.OursPresent && s.DumpPresent)
            {
                Add(MemoryOpPosition(log, earliest, d, s.Start, s.End, false), InferredKind.AddMemory, s.Start, size, -1,
                    $"memory the log never adds is in the {at}");
                continue;
            }
            if (s.OursPresent && !s.DumpPresent)
            {
                string why = log.Context(ContextKind.MemoryLimit).FirstOrDefault() is { } limit
                    ? $"memblock_mem_limit_remove_map for '{limit.Text}' (line {limit.LineNumber})" : "memory removed without a log line";
                Add(MemoryOpPosition(log, earliest, d, s.Start, s.End, false), InferredKind.RemoveMemory, s.Start, size, 0, $"{why}: absent from the {at}");
                continue;
            }
            if (s.OurFlags != s.DumpFlags)
            {
                bool nomap = (s.DumpFlags & (uint)MemblockFlags.NoMap) != 0;
                int pos = MemoryOpPosition(log, earliest, d, s.Start, s.End, nomap);
                if ((s.OurFlags ^ s.DumpFlags) == (uint)MemblockFlags.NoMap)
                    Add(pos, nomap ? InferredKind.MarkNoMap : InferredKind.ClearNoMap, s.Start, size, 0,
                        $"{(nomap ? "memblock_mark_nomap" : "memblock_clear_nomap")} ({NoMapReason(context, s.Start, s.End)}): flags 0x{s.DumpFlags:x} in the {at}");
                else
                    Add(pos, InferredKind.SetFlags, s.Start, size, s.DumpFlags, $"region flags 0x{s.DumpFlags:x} in the {at}");
                continue;
            }
            if (s.OurNid != s.DumpNid && s.DumpNid != noNode)
                Add(NodePosition(context, earliest, d), InferredKind.SetNode, s.Start, size, s.DumpNid,
                    $"memblock_set_node by the NUMA set-up: node {s.DumpNid} in the {at}");
        }

        foreach (var s in diff.Reserved)
        {
            ulong size = s.End - s.Start;
            if (s.DumpPresent && !s.OursPresent)
            {
                var owner = p < 0 && plan.StartIndex == 0
                    ? PreDebugOwner(context, size, diff)
                    : new Owner("(unlogged reservation, inferred)", "other");
                plan.Ops.Add(new PlannedOp(earliest, new InferredCall(InferredKind.Reserve, s.Start, size, 0, 0,
                    $"{owner.Caller}: reserved in the {at} but by no logged call"), owner));
                added++;
            }
            else if (s.OursPresent && !s.DumpPresent)
            {
                plan.Ops.Add(new PlannedOp(d, new InferredCall(InferredKind.Free, s.Start, size, 0, 0,
                    $"reserved by the replay but not in the {at}"), null));
                added++;
            }
        }
        return added > 0;

        void Add(int position, InferredKind kind, ulong @base, ulong size, long value, string reason)
        {
            plan.Ops.Add(new PlannedOp(position, new InferredCall(kind, @base, size, value, 0, reason), null));
            added++;
        }
    }

    /// <summary>The caller shown for the FDT's own reservation, made before memblock=debug took effect.</summary>
    private const string FdtOwner = "FDT blob (reserved before memblock=debug: setup_machine_fdt, inferred)";

    /// <summary>Who made a reservation seen in the first dump but in no line: the FDT's own when the size says so.</summary>
    private static Owner PreDebugOwner(ReplayContext context, ulong size, DumpDiff diff)
    {
        if (context.Dtb is { } dtb)
            return size == dtb.TotalSize ? new Owner(FdtOwner, "FDT") : new Owner("(reserved before memblock=debug, inferred)", "other");
        int silent = diff.Reserved.Count(s => s.DumpPresent && !s.OursPresent);
        return silent == 1 ? new Owner(FdtOwner, "FDT") : new Owner("(reserved before memblock=debug, inferred)", "other");
    }

    /// <summary>Why a range is no-map: an EFI memory map line or a reserved-memory node, when one matches.</summary>
    private static string NoMapReason(ReplayContext context, ulong start, ulong end)
    {
        var efi = context.Log.Context(ContextKind.EfiMemoryRange).Where(e => e.Start < end && start <= e.End).ToList();
        if (efi.Count > 0)
            return "EFI " + string.Join(", ", efi.Select(e => $"'{e.Name}' (line {e.LineNumber})")) + " not usable as RAM";
        var node = context.Dtb?.ReservedNodes.FirstOrDefault(n => n.NoMap && n.Reg.Any(r => r.Address <= start && end <= r.Address + r.Size));
        if (node is not null)
            return $"reserved-memory {node.Name} has no-map";
        var dyn = context.Dtb?.ReservedNodes.FirstOrDefault(n => n.NoMap && n.Reg.Count == 0 && n.Size == end - start);
        return dyn is not null ? $"dynamic reserved-memory {dyn.Name} has no-map" : "reserved-memory no-map or firmware";
    }

    /// <summary>
    /// Where a silent change to memory goes: after the last logged memory call in the window that touches the range
    /// (and, for a no-map mark, after the logged reservation of the range), else at the window's start.
    /// </summary>
    private static int MemoryOpPosition(KernelLogDocument log, int earliest, int dump, ulong start, ulong end, bool afterReservation)
    {
        int pos = earliest;
        for (int i = Math.Max(earliest, 0); i < dump; i++)
        {
            if (log.Entries[i] is not MemblockRangeCall c)
                continue;
            ulong cEnd = c.Size > ulong.MaxValue - c.Base ? ulong.MaxValue : c.Base + c.Size;
            bool overlaps = c.Base < end && start < cEnd;
            if (overlaps && c.Kind is MemblockCallKind.Add or MemblockCallKind.AddNode or MemblockCallKind.Remove)
                pos = i + 1;
            else if (afterReservation && c.Kind == MemblockCallKind.Reserve && c.Base <= start && end <= cEnd)
                pos = Math.Max(pos, i + 1);
        }
        return pos;
    }

    /// <summary>
    /// Where the NUMA set-up assigns nodes: after the distance-table allocation, else at the first NUMA line, node-bound
    /// request or NODE_DATA reservation (NODE_DATA is allocated once the nodes are known).
    /// </summary>
    private static int NodePosition(ReplayContext context, int earliest, int dump)
    {
        var log = context.Log;
        for (int i = Math.Max(earliest, 0); i < dump; i++)
        {
            switch (log.Entries[i])
            {
                case MemblockRangeCall { Kind: MemblockCallKind.Reserve } r when context.NodeDataOrdinal.ContainsKey(r.Base) && context.AllocForReserve[i] < 0:
                    return i;
                case MemblockAllocCall a when a.Caller.Function.StartsWith("numa_", StringComparison.Ordinal):
                    return i + 1 < dump && log.Entries[i + 1] is MemblockRangeCall ? i + 2 : i + 1;
                case ContextLine { Kind: ContextKind.NumaFakeNode or ContextKind.NumaAddMemblk or ContextKind.NumaNodeData or ContextKind.Numa }:
                    return i;
                case MemblockAllocCall a when a.Nid >= 0:
                    return i;
            }
        }
        return dump;
    }

    private static string? Describe(DumpDiff d)
    {
        if (d.Matches)
            return null;
        var parts = new List<string>();
        foreach (var s in d.Memory.Take(4))
            parts.Add($"memory {Range(s.Start, s.End - s.Start)}: ours {(s.OursPresent ? $"flags 0x{s.OurFlags:x} node {s.OurNid}" : "absent")}, dump {(s.DumpPresent ? $"flags 0x{s.DumpFlags:x} node {s.DumpNid}" : "absent")}");
        foreach (var s in d.Reserved.Take(4))
            parts.Add($"reserved {Range(s.Start, s.End - s.Start)}: {(s.OursPresent ? "only ours" : "only the dump")}");
        if (parts.Count == 0)
            parts.Add("same ranges, but split into regions differently");
        return string.Join("; ", parts);
    }
}
