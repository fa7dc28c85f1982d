using MemblockSharp.Boot.KernelLog;

namespace MemblockSharp.Boot.Replay;

/// <summary>One elementary piece where the replayed state and a dump disagree.</summary>
internal readonly record struct DiffSegment(ulong Start, ulong End, bool OursPresent, uint OurFlags, int OurNid, bool DumpPresent, uint DumpFlags, int DumpNid);

/// <summary>How the state compared with one dump.</summary>
internal sealed record DumpDiff(int EntryIndex, MemblockDump Dump, List<DiffSegment> Memory, List<DiffSegment> Reserved, bool MemoryEqual, bool ReservedEqual)
{
    public bool Matches => MemoryEqual && ReservedEqual;
}

/// <summary>The state and findings of one run of a plan.</summary>
internal sealed class EngineRun(Memblock memblock)
{
    public Memblock Memblock { get; } = memblock;
    public Ownership Ownership { get; } = new();
    public List<AllocationCheck> Checks { get; } = [];
    public List<AllocationCheck> SilentChecks { get; } = [];
    public List<DumpDiff> Dumps { get; } = [];
    public int SilentAllocations { get; set; }
    public int Replayed { get; set; }
    public int NotReplayable { get; set; }
    public ulong? PhysPagesAtMemoryInfo { get; set; }
    public ulong? FreePagesAtMemoryInfo { get; set; }
}

/// <summary>Runs a plan: the logged calls through the core, the inferred ones where planned, allocations checked.</summary>
internal sealed class ReplayEngine(ReplayContext context, MemblockOptions options)
{
    private IReadOnlyList<LogEntry> Entries => context.Log.Entries;

    /// <summary>Runs <paramref name="plan"/>; stops after the first dump that does not match when <paramref name="stopAtMismatch"/>.</summary>
    public EngineRun Run(ReplayPlan plan, bool stopAtMismatch)
    {
        context.ResetRun();
        var run = new EngineRun(new Memblock(options));
        // The kernel lets full tables double long before they could fill (arm64: paging_init); so does the replay.
        // A doubling then reserves the new array exactly where the kernel's logged memblock_double_array reservation says.
        run.Memblock.AllowResize();
        using var ops = plan.Ordered().GetEnumerator();
        bool more = ops.MoveNext();
        for (int i = 0; i <= Entries.Count; i++)
        {
            while (more && ops.Current.BeforeIndex <= i)
            {
                Apply(run, ops.Current);
                more = ops.MoveNext();
            }
            if (i == Entries.Count)
                break;
            var entry = Entries[i];
            if (i < plan.StartIndex)
            {
                if (entry is MemblockRangeCall or MemblockAllocCall)
                    run.NotReplayable++;
                continue;
            }
            switch (entry)
            {
                case MemblockRangeCall r:
                    ApplyLogged(run, i, r);
                    run.Replayed++;
                    break;
                case MemblockAllocCall a:
                    if (plan.CheckAllocations)
                        Check(run, i, a);
                    run.Replayed++;
                    break;
                case MemblockDump d:
                    var diff = Compare(run.Memblock, i, d);
                    run.Dumps.Add(diff);
                    if (stopAtMismatch && !diff.Matches)
                        return run;
                    break;
                case ContextLine { Kind: ContextKind.MemoryInfo }:
                    run.PhysPagesAtMemoryInfo = PhysPages(run.Memblock);
                    run.FreePagesAtMemoryInfo = FreePages(run.Memblock);
                    break;
            }
        }
        return run;
    }

    private static ulong End(ulong @base, ulong size) => size > ulong.MaxValue - @base ? ulong.MaxValue : @base + size;

    private void ApplyLogged(EngineRun run, int index, MemblockRangeCall r)
    {
        var mb = run.Memblock;
        string caller = r.Caller.Function;
        switch (r.Kind)
        {
            case MemblockCallKind.Add:
                mb.Add(r.Base, r.Size, caller);
                break;
            case MemblockCallKind.AddNode:
                mb.AddNode(r.Base, r.Size, r.Nid ?? Memblock.NumaNoNode, (MemblockFlags)(r.Flags ?? 0), caller);
                break;
            case MemblockCallKind.Remove:
                mb.Remove(r.Base, r.Size, caller);
                break;
            case MemblockCallKind.PhysMemAdd:
                mb.PhysMemAdd(r.Base, r.Size, caller);
                break;
            case MemblockCallKind.Reserve:
                int alloc = context.AllocForReserve[index];
                if (alloc < 0 && ReplayContext.IsAllocatorInternal(caller))
                    CheckSilent(run, r);
                mb.Reserve(r.Base, r.Size, caller);
                Owner owner;
                if (alloc >= 0)
                {
                    owner = context.Classify(((MemblockAllocCall)Entries[alloc]).Caller.Function, r.Base, r.Size);
                }
                else if (ReplayContext.IsAllocatorInternal(caller))
                {
                    owner = context.ClassifySilentAllocation(r.Base, r.Size);
                    run.SilentAllocations++;
                }
                else
                {
                    owner = context.Classify(caller, r.Base, r.Size);
                }
                run.Ownership.Assign(r.Base, End(r.Base, r.Size), owner);
                break;
            case MemblockCallKind.PhysFree or MemblockCallKind.Free:
                mb.PhysFree(r.Base, r.Size, caller);
                run.Ownership.Release(r.Base, End(r.Base, r.Size));
                break;
            case MemblockCallKind.FreeLate:
                break; // memblock_free_late hands pages to the buddy allocator; memblock's tables do not change
        }
    }

    private static void Apply(EngineRun run, PlannedOp op)
    {
        var mb = run.Memblock;
        var c = op.Call;
        switch (c.Kind)
        {
            case InferredKind.AddMemory:
                mb.AddNode(c.Base, c.Size, c.Value < 0 ? mb.Options.MaxNumNodes : (int)c.Value, MemblockFlags.None);
                break;
            case InferredKind.RemoveMemory:
                mb.Remove(c.Base, c.Size);
                break;
            case InferredKind.MarkNoMap:
                mb.MarkNoMap(c.Base, c.Size);
                break;
            case InferredKind.ClearNoMap:
                mb.ClearNoMap(c.Base, c.Size);
                break;
            case InferredKind.SetFlags:
                SetFlags(mb, c.Base, c.Size, (MemblockFlags)c.Value);
                break;
            case InferredKind.SetNode:
                mb.SetNode(c.Base, c.Size, mb.Memory, (int)c.Value);
                break;
            case InferredKind.SetReservedNode:
                mb.SetNode(c.Base, c.Size, mb.Reserved, (int)c.Value);
                break;
            case InferredKind.ReservedNodesFromMemory:
                foreach (var m in mb.Memory.Regions.ToArray())
                    mb.SetNode(m.Base, m.Size, mb.Reserved, m.Nid);
                break;
            case InferredKind.Reserve or InferredKind.StateFromDump when op.Owner is not null:
                mb.Reserve(c.Base, c.Size);
                if (c.Kind == InferredKind.StateFromDump && c.Value >= 0 && c.Value < mb.Options.MaxNumNodes)
                    mb.SetNode(c.Base, c.Size, mb.Reserved, (int)c.Value); // the node a 6.12 dump printed for it
                run.Ownership.Assign(c.Base, End(c.Base, c.Size), op.Owner);
                break;
            case InferredKind.StateFromDump:
                mb.AddNode(c.Base, c.Size, (int)(c.Value >> 32), MemblockFlags.None);
                if ((uint)c.Value != 0)
                    SetFlags(mb, c.Base, c.Size, (MemblockFlags)(uint)c.Value);
                break;
            case InferredKind.Free:
                mb.PhysFree(c.Base, c.Size);
                run.Ownership.Release(c.Base, End(c.Base, c.Size));
                break;
            case InferredKind.SetCurrentLimit:
                mb.CurrentLimit = c.Base;
                break;
        }
    }

    /// <summary>Sets exactly <paramref name="wanted"/> as the flags of the memory in the range (the flags memblock can set).</summary>
    private static void SetFlags(Memblock mb, ulong @base, ulong size, MemblockFlags wanted)
    {
        if ((wanted & MemblockFlags.NoMap) != 0) mb.MarkNoMap(@base, size); else mb.ClearNoMap(@base, size);
        if ((wanted & MemblockFlags.Hotplug) != 0) mb.MarkHotplug(@base, size); else mb.ClearHotplug(@base, size);
        if ((wanted & MemblockFlags.Mirror) != 0) mb.MarkMirror(@base, size);
    }

    private void Check(EngineRun run, int index, MemblockAllocCall a)
    {
        int reserve = context.ReserveForAlloc[index];
        ulong kernel = reserve >= 0 ? ((MemblockRangeCall)Entries[reserve]).Base : 0;
        ulong ours = Find(run.Memblock, a);
        run.Checks.Add(new AllocationCheck(a.LineNumber, a.Function, a.Caller.Function, a.Size, a.Align, a.Nid, a.MinAddr, a.MaxAddr, kernel, ours));
    }

    /// <summary>
    /// Checks the silent allocations whose request is known from the kernel's code: <c>NODE_DATA</c>
    /// (<c>memblock_phys_alloc_try_nid(size, SMP_CACHE_BYTES, nid)</c>, the node being the line's place among the
    /// <c>NUMA: NODE_DATA</c> lines). Runs on the state before the reservation is replayed.
    /// </summary>
    private void CheckSilent(EngineRun run, MemblockRangeCall r)
    {
        if (!context.NodeDataOrdinal.TryGetValue(r.Base, out int node))
            return;
        var mb = run.Memblock;
        int nid = context.Numa ? node : Memblock.NumaNoNode;
        ulong ours = FindRangeNid(mb, r.Size, mb.Options.SmpCacheBytes, 0, Memblock.AllocAccessible, nid, false);
        run.SilentChecks.Add(new AllocationCheck(r.LineNumber, "memblock_phys_alloc_try_nid (not printed)", context.NodeDataCaller, r.Size,
            mb.Options.SmpCacheBytes, nid, 0, Memblock.AllocAccessible, r.Base, ours));
    }

    /// <summary>
    /// Our answer to a logged request on the current state, without changing it: <c>memblock_alloc_internal</c>'s cap at
    /// the current limit and retry from address 0, around <c>memblock_alloc_range_nid</c>'s node and mirror fallbacks,
    /// each try through the core's <c>memblock_find_in_range_node</c>.
    /// </summary>
    private ulong Find(Memblock mb, MemblockAllocCall a)
    {
        ulong align = a.Align == 0 ? mb.Options.SmpCacheBytes : a.Align;
        int nid = context.Numa ? a.Nid : Memblock.NumaNoNode;
        if (!a.ViaAllocInternal)
            return FindRangeNid(mb, a.Size, align, a.MinAddr, a.MaxAddr, Memblock.NumaNoNode, false);
        ulong max = a.MaxAddr > mb.CurrentLimit ? mb.CurrentLimit : a.MaxAddr;
        ulong found = FindRangeNid(mb, a.Size, align, a.MinAddr, max, nid, a.ExactNid && context.Numa);
        if (found == 0 && a.MinAddr != 0)
            found = FindRangeNid(mb, a.Size, align, 0, max, nid, a.ExactNid && context.Numa);
        return found;
    }

    private static ulong FindRangeNid(Memblock mb, ulong size, ulong align, ulong start, ulong end, int nid, bool exact)
    {
        if (nid == mb.Options.MaxNumNodes)
            nid = Memblock.NumaNoNode;
        var flags = mb.HasMirror ? MemblockFlags.Mirror : MemblockFlags.None;
        while (true)
        {
            ulong found = mb.FindInRangeNode(size, align, start, end, nid, flags);
            if (found != 0)
                return found;
            if (nid != Memblock.NumaNoNode && !exact)
            {
                found = mb.FindInRangeNode(size, align, start, end, Memblock.NumaNoNode, flags);
                if (found != 0)
                    return found;
            }
            if ((flags & MemblockFlags.Mirror) == 0)
                return 0;
            flags &= ~MemblockFlags.Mirror;
        }
    }

    private static ulong PhysPages(Memblock mb)
    {
        ulong pages = 0, shift = (ulong)mb.Options.PageShift;
        foreach (var r in mb.Memory.Regions)
            pages += (r.End >> (int)shift) - ((r.Base + mb.Options.PageSize - 1) >> (int)shift);
        return pages;
    }

    private static ulong FreePages(Memblock mb)
    {
        ulong pages = 0, page = mb.Options.PageSize;
        int shift = mb.Options.PageShift;
        foreach (var r in mb.FreeMemRanges(Memblock.NumaNoNode, MemblockFlags.None))
        {
            ulong first = (r.Start + page - 1) >> shift, last = r.End >> shift;
            if (last > first)
                pages += last - first;
        }
        return pages;
    }

    /// <summary>Compares the state with a dump: the elementary pieces that differ, and whether the region lists are equal.</summary>
    private DumpDiff Compare(Memblock mb, int index, MemblockDump dump)
    {
        int noNode = mb.Options.MaxNumNodes;
        bool nodes = context.Numa;
        // Nodes are compared as the dump prints them: a node the release does not print counts as MAX_NUMNODES. 6.1 prints
        // none on reserved regions (they never get one); 6.12 prints the valid ones, which the NUMA set-up gives.
        int Printed(int nid) => !nodes ? 0 : mb.Rules.DumpShowsNode(nid, noNode) ? nid : noNode;
        var ourMemory = mb.Memory.Regions.ToArray().Where(r => r.Size != 0)
            .Select(r => (r.Base, r.End, (uint)r.Flags, Printed(r.Nid))).ToList();
        var dumpMemory = dump.Memory.Where(r => r.Size != 0)
            .Select(r => (r.Base, End: r.Base + r.Size, r.Flags, nodes ? r.Nid ?? noNode : 0)).ToList();
        var ourReserved = mb.Reserved.Regions.ToArray().Where(r => r.Size != 0).Select(r => (r.Base, r.End, (uint)r.Flags, Printed(r.Nid))).ToList();
        var dumpReserved = dump.Reserved.Where(r => r.Size != 0).Select(r => (r.Base, End: r.Base + r.Size, r.Flags, nodes ? r.Nid ?? noNode : 0)).ToList();
        return new DumpDiff(index, dump, Segments(ourMemory, dumpMemory), Segments(ourReserved, dumpReserved),
            ourMemory.SequenceEqual(dumpMemory), ourReserved.SequenceEqual(dumpReserved));
    }

    private static List<DiffSegment> Segments(List<(ulong Start, ulong End, uint Flags, int Nid)> ours, List<(ulong Start, ulong End, uint Flags, int Nid)> theirs)
    {
        var cuts = new SortedSet<ulong>();
        foreach (var r in ours.Concat(theirs))
        {
            cuts.Add(r.Start);
            cuts.Add(r.End);
        }
        var result = new List<DiffSegment>();
        ulong? prev = null;
        foreach (var cut in cuts)
        {
            if (prev is { } s)
            {
                var a = Lookup(ours, s);
                var b = Lookup(theirs, s);
                if (a != b)
                {
                    var seg = new DiffSegment(s, cut, a.Present, a.Flags, a.Nid, b.Present, b.Flags, b.Nid);
                    if (result.Count > 0 && result[^1].End == s && result[^1] with { Start = s, End = cut } == seg)
                        result[^1] = result[^1] with { End = cut };
                    else
                        result.Add(seg);
                }
            }
            prev = cut;
        }
        return result;
    }

    private static (bool Present, uint Flags, int Nid) Lookup(List<(ulong Start, ulong End, uint Flags, int Nid)> list, ulong addr)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (list[mid].End <= addr) lo = mid + 1; else hi = mid;
        }
        if (lo < list.Count && list[lo].Start <= addr)
            return (true, list[lo].Flags, list[lo].Nid);
        return (false, 0, 0);
    }
}
