using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Replay;

public static partial class LogReplayer
{
    /// <summary>Memory banks made before memblock=debug: from the DTB, else the first dump, else the node-range lines.</summary>
    private static void PlanInitialState(ReplayContext context, ReplayPlan plan, int firstDump, List<string> unseen)
    {
        var log = context.Log;
        if (context.Dtb is { MemoryBanks.Count: > 0 } dtb)
        {
            foreach (var bank in dtb.MemoryBanks)
                plan.Ops.Add(new PlannedOp(0, new InferredCall(InferredKind.AddMemory, bank.Base, bank.Size, -1, 0,
                    $"memblock_add by early_init_dt_add_memory_arch before memblock=debug: DTB memory node {bank.NodePath}"), null));
            return;
        }
        if (firstDump >= 0 && log.Entries[firstDump] is MemblockDump dump)
        {
            foreach (var r in dump.Memory.Where(r => r.Size != 0))
                plan.Ops.Add(new PlannedOp(0, new InferredCall(InferredKind.AddMemory, r.Base, r.Size, -1, 0,
                    $"memory bank added before memblock=debug: MEMBLOCK configuration dump at line {dump.LineNumber}"), null));
            return;
        }
        var ranges = log.Context(ContextKind.NodeRange).ToList();
        string what = "Early memory node ranges";
        if (ranges.Count == 0)
        {
            ranges = log.Context(ContextKind.NumaFakeNode).ToList();
            what = "NUMA: Faking a node";
        }
        if (ranges.Count == 0)
        {
            ranges = log.Context(ContextKind.E820Range).Where(r => r.Name == "usable").ToList();
            what = "BIOS-e820 usable";
        }
        foreach (var r in ranges)
            plan.Ops.Add(new PlannedOp(0, new InferredCall(InferredKind.AddMemory, r.Start!.Value, r.End!.Value - r.Start.Value + 1, r.Node ?? -1, 0,
                $"memory from the '{what}' line {r.LineNumber}"), null));
        if (ranges.Count == 0 && !log.Entries.OfType<MemblockRangeCall>().Any(c => c.Kind is MemblockCallKind.Add or MemblockCallKind.AddNode))
            unseen.Add("the log names no memory (no DTB given, no MEMBLOCK configuration dump, no 'Early memory node ranges'): the memory table could not be rebuilt");
    }

    /// <summary>A log that lost its head: the state is taken whole from its first dump; visible earlier calls name owners.</summary>
    private static void PlanFromDump(ReplayContext context, ReplayPlan plan, int dumpIndex, List<string> unseen)
    {
        var log = context.Log;
        var dump = (MemblockDump)log.Entries[dumpIndex];
        plan.StartIndex = dumpIndex + 1;
        foreach (var r in dump.Memory.Where(r => r.Size != 0))
        {
            long nid = r.Nid ?? (context.Numa ? 16 : 0);
            plan.Ops.Add(new PlannedOp(dumpIndex + 1, new InferredCall(InferredKind.StateFromDump, r.Base, r.Size, (nid << 32) | r.Flags, 0,
                $"memory region from the MEMBLOCK configuration dump at line {dump.LineNumber} (the log lost its head)"), null));
        }

        // The reservations the visible lines before the dump explain keep their callers; the rest came before the log.
        var visible = new Ownership();
        int calls = 0, requests = 0;
        for (int i = 0; i < dumpIndex; i++)
        {
            if (log.Entries[i] is MemblockAllocCall)
                requests++;
            if (log.Entries[i] is not MemblockRangeCall c)
                continue;
            calls++;
            ulong end = c.Size > ulong.MaxValue - c.Base ? ulong.MaxValue : c.Base + c.Size;
            if (c.Kind == MemblockCallKind.Reserve)
            {
                int alloc = context.AllocForReserve[i];
                var owner = alloc >= 0 ? context.Classify(((MemblockAllocCall)log.Entries[alloc]).Caller.Function, c.Base, c.Size)
                    : ReplayContext.IsAllocatorInternal(c.Caller.Function) ? context.ClassifySilentAllocation(c.Base, c.Size)
                    : context.Classify(c.Caller.Function, c.Base, c.Size);
                visible.Assign(c.Base, end, owner);
            }
            else if (c.Kind is MemblockCallKind.PhysFree or MemblockCallKind.Free)
            {
                visible.Release(c.Base, end);
            }
        }
        var unknown = new Owner("(before the log begins)", "unseen (lost head)");
        ulong unexplained = 0;
        foreach (var r in dump.Reserved.Where(r => r.Size != 0))
        {
            ulong cursor = r.Base, end = r.Base + r.Size;
            foreach (var (s, e, o) in visible.Within(r.Base, end))
            {
                if (s > cursor)
                {
                    AddDumpReservation(plan, dumpIndex, dump, cursor, s, r.Nid, unknown);
                    unexplained += s - cursor;
                }
                AddDumpReservation(plan, dumpIndex, dump, s, e, r.Nid, o);
                cursor = e;
            }
            if (cursor < end)
            {
                AddDumpReservation(plan, dumpIndex, dump, cursor, end, r.Nid, unknown);
                unexplained += end - cursor;
            }
        }
        unseen.Add($"the log lost its oldest lines (it starts at line {log.Entries.FirstOrDefault()?.LineNumber ?? 1} without 'Booting Linux'): " +
            $"the state before line {dump.LineNumber} is taken from the MEMBLOCK configuration dump there; {calls} memblock calls and {requests} allocation requests " +
            $"before it were seen but not replayed or checked; {unexplained} reserved bytes ({unexplained >> 10} KiB) at that dump are not explained by any visible line");
    }

    /// <summary>A log that lost its head and every dump: only the visible lines are replayed; allocations are not checked.</summary>
    private static void PlanHeadAndDumpsLost(ReplayContext context, ReplayPlan plan, List<string> unseen)
    {
        var log = context.Log;
        plan.CheckAllocations = false;
        int first = log.Entries.FirstOrDefault()?.LineNumber ?? 1;
        unseen.Add($"the log lost its oldest lines (it starts at line {first} without 'Booting Linux') and holds no MEMBLOCK configuration dump: " +
            "the reservations made before it are not seen, so the reserved table holds only what the visible lines reserve, " +
            $"and the {log.Entries.OfType<MemblockAllocCall>().Count()} allocation requests are not checked (the state they ran on is unknown)");
    }

    /// <summary>A reserved range of a dump the replay starts from; the value is the node the dump printed for it (-1 for none).</summary>
    private static void AddDumpReservation(ReplayPlan plan, int dumpIndex, MemblockDump dump, ulong start, ulong end, int? nid, Owner owner) =>
        plan.Ops.Add(new PlannedOp(dumpIndex + 1, new InferredCall(InferredKind.StateFromDump, start, end - start, nid ?? -1, 0,
            $"reserved range from the MEMBLOCK configuration dump at line {dump.LineNumber}, attributed to {owner.Caller}"), owner));

    /// <summary>
    /// A NUMA log without any dump: the node of each memory range comes from the <c>Early memory node ranges</c> lines,
    /// assigned where the NUMA set-up runs. (With dumps, the reconciliation finds the same from the dumps.)
    /// </summary>
    private static void PlanNodesWithoutDump(ReplayContext context, ReplayPlan plan)
    {
        var log = context.Log;
        if (!context.Numa || log.Dumps.Any())
            return;
        int position = NodePosition(context, plan.StartIndex, log.Entries.Count);
        foreach (var r in log.Context(ContextKind.NodeRange))
            plan.Ops.Add(new PlannedOp(position, new InferredCall(InferredKind.SetNode, r.Start!.Value, r.End!.Value - r.Start.Value + 1, r.Node!.Value, 0,
                $"memblock_set_node by the NUMA set-up: 'Early memory node ranges' line {r.LineNumber}"), null));
    }

    /// <summary>The EFI memory map types Linux may use as RAM once boot services have exited (<c>is_usable_memory</c>).</summary>
    private static readonly HashSet<string> UsableEfiTypes = new(StringComparer.Ordinal)
    {
        "Loader Code", "Loader Data", "ACPI Reclaim", "Boot Code", "Boot Data", "Conventional", "Persistent",
    };

    /// <summary>
    /// UEFI boots (<c>efi=debug</c>): each printed memory map entry that is memory (write-back, write-through or
    /// write-combining) is added with a logged <c>memblock_add</c>; the ones Linux may not use as RAM (runtime services,
    /// reserved, MMIO, ...) are then marked no-map without a line. The mark goes right after that add.
    /// </summary>
    private static void PlanEfiNoMap(ReplayContext context, ReplayPlan plan)
    {
        var entries = context.Log.Entries;
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not ContextLine { Kind: ContextKind.EfiMemoryRange } efi || efi.Parts is not { } attrs)
                continue;
            bool memory = attrs.Contains("WB") || attrs.Contains("WT") || attrs.Contains("WC");
            bool usable = UsableEfiTypes.Contains(efi.Name!) && attrs.Contains("WB");
            if (!memory || usable)
                continue;
            for (int j = i + 1; j < entries.Count && j <= i + 2; j++)
            {
                if (entries[j] is MemblockRangeCall { Kind: MemblockCallKind.Add } add && add.Base == efi.Start)
                {
                    plan.Ops.Add(new PlannedOp(j + 1, new InferredCall(InferredKind.MarkNoMap, add.Base, add.Size, 0, 0,
                        $"memblock_mark_nomap by reserve_regions: EFI '{efi.Name}' region (line {efi.LineNumber}) is not usable as RAM"), null));
                    break;
                }
            }
        }
    }

    /// <summary>32-bit ARM: allocations stay below lowmem; the limit is where the HighMem zone starts.</summary>
    private static void PlanCurrentLimit(ReplayContext context, ReplayPlan plan)
    {
        var high = context.Log.Context(ContextKind.ZoneRange).FirstOrDefault(z => z.Name == "HighMem" && z.Start is not null);
        if (high is null)
            return;
        plan.Ops.Insert(0, new PlannedOp(plan.StartIndex, new InferredCall(InferredKind.SetCurrentLimit, high.Start!.Value, 0, 0, 0,
            $"memblock_set_current_limit(lowmem end) by the 32-bit ARM memory set-up: HighMem zone starts at {Hex.Format(high.Start.Value)} (line {high.LineNumber})"), null));
    }

    /// <summary>A log without memblock=debug: only the reservations context lines name are known.</summary>
    private static void PlanFromContext(ReplayContext context, ReplayPlan plan, List<string> unseen)
    {
        var log = context.Log;
        ulong known = 0;
        for (int index = 0; index < log.Entries.Count; index++)
        {
            if (log.Entries[index] is not ContextLine c)
                continue;
            (ulong b, ulong s, Owner o)? r = c.Kind switch
            {
                ContextKind.CmaReserved => (c.Start!.Value, c.Value!.Value, new Owner("cma_declare_contiguous_nid", "CMA")),
                ContextKind.ReservedMemoryPool => (c.Start!.Value, c.Value!.Value, new Owner("rmem_cma_setup", "CMA")),
                ContextKind.NumaNodeData => (c.Start!.Value, c.End!.Value - c.Start.Value + 1, new Owner("setup_node_data", "NUMA node data")),
                ContextKind.NodeDataAllocated => (c.Start!.Value, c.End!.Value - c.Start.Value + 1, new Owner("alloc_node_data", "NUMA node data")),
                ContextKind.CrashKernel => (c.Start!.Value, c.End!.Value - c.Start.Value, new Owner("reserve_crashkernel", "crash kernel")),
                ContextKind.Swiotlb => (c.Start!.Value, c.End!.Value - c.Start.Value, new Owner("swiotlb_init", "swiotlb")),
                _ => null,
            };
            if (r is not { } x)
                continue;
            known += x.s;
            // The line is printed right after the reservation, so it goes just before the line.
            plan.Ops.Add(new PlannedOp(index, new InferredCall(InferredKind.Reserve, x.b, x.s, 0, 0, $"reservation named by line {c.LineNumber}: '{c.Text}'"), x.o));
        }
        unseen.Add($"the kernel was booted without memblock=debug: no memblock call is in the log, so the reserved table holds only the {known} bytes " +
            "that context lines name (CMA, NODE_DATA, crash kernel, swiotlb); the kernel image, FDT, initrd, page tables, memmap, per-CPU and other reservations cannot be seen");
    }
}
