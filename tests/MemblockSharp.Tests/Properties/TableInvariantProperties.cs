using CsCheck;

namespace MemblockSharp.Tests.Properties;

/// <summary>
/// Random operation sequences (fixed CsCheck seeds, so a failure reproduces) checked after every operation against the
/// table invariants and against <see cref="UnitModel"/>, an independent per-unit model of memory and reserved.
/// </summary>
public class TableInvariantProperties
{
    public enum Kind
    {
        Add, AddNode, Reserve, Remove, PhysFree, FreePtr, MarkHotplug, ClearHotplug, MarkNoMap, ClearNoMap, MarkMirror,
        SetNodeMemory, SetNodeReserved, AllocRangeNid, AllocTryNid, Trim, Cap, ToggleBottomUp, ToggleMovableNode,
    }

    public sealed record Op(Kind Kind, ulong Base, ulong Size, int Nid, MemblockFlags Flags, ulong Align, bool Exact, ulong End)
    {
        public override string ToString() =>
            $"{Kind}(base 0x{Base:x}, size 0x{Size:x}, nid {Nid}, {Flags}, align 0x{Align:x}, exact {Exact}, end 0x{End:x})";
    }

    private const ulong Page = 0x1000;

    private static readonly Gen<ulong> GenBase = Gen.Frequency(
        (3, Gen.Int[0, 255].Select(p => (ulong)p * Page)),
        (1, Gen.Int[0, UnitModel.Units - 1].Select(u => (ulong)u * UnitModel.Unit)));

    private static readonly Gen<ulong> GenSize = Gen.Frequency(
        (4, Gen.Int[1, 32].Select(p => (ulong)p * Page)),
        (2, Gen.Int[1, 64].Select(u => (ulong)u * UnitModel.Unit)),
        (1, Gen.Const(0UL)));

    private static readonly Gen<int> GenNid = Gen.OneOfConst(0, 1, 2, 16, -1);

    private static readonly Gen<MemblockFlags> GenFlags = Gen.OneOfConst(
        MemblockFlags.None, MemblockFlags.None, MemblockFlags.Hotplug, MemblockFlags.Mirror, MemblockFlags.NoMap,
        MemblockFlags.Hotplug | MemblockFlags.NoMap);

    private static readonly Gen<ulong> GenAlign = Gen.OneOfConst(0UL, 0x40UL, 0x100UL, 0x1000UL, 0x2000UL, 0x4000UL);

    private static readonly Gen<ulong> GenEnd = Gen.Frequency(
        (3, Gen.Const(0UL)), (1, Gen.Const(1UL)), (2, Gen.Int[1, 256].Select(p => (ulong)p * Page)));

    private static Gen<Kind> KindGen(bool withTrimAndCap)
    {
        var weighted = new List<(int, Kind)>
        {
            (8, Kind.Add), (5, Kind.AddNode), (6, Kind.Reserve), (3, Kind.Remove), (3, Kind.PhysFree), (1, Kind.FreePtr),
            (2, Kind.MarkHotplug), (1, Kind.ClearHotplug), (2, Kind.MarkNoMap), (1, Kind.ClearNoMap), (1, Kind.MarkMirror),
            (2, Kind.SetNodeMemory), (1, Kind.SetNodeReserved), (5, Kind.AllocRangeNid), (4, Kind.AllocTryNid),
            (1, Kind.ToggleBottomUp), (1, Kind.ToggleMovableNode),
        };
        if (withTrimAndCap)
        {
            weighted.Add((1, Kind.Trim));
            weighted.Add((1, Kind.Cap));
        }
        return Gen.FrequencyConst(weighted.ToArray());
    }

    private static Gen<Op> OpGen(bool withTrimAndCap) =>
        Gen.Select(KindGen(withTrimAndCap), GenBase, GenSize, GenNid, GenFlags, GenAlign, Gen.Bool, GenEnd,
            (k, b, s, n, f, a, e, end) => new Op(k, b, Math.Min(s, UnitModel.Limit - b), n, f, a, e, end));

    // Resize off, 128 entries: sequences stay far below the capacity, so every operation must succeed; trim and cap included.
    [Theory]
    [InlineData(RegionStorage.Indexed, "0N0XIzNsQ0O2")]
    [InlineData(RegionStorage.Array, "5qd0ZcQXzN91")]
    public void RandomSequences_ResizeOff_KeepInvariantsAndMatchModel(RegionStorage storage, string seed)
    {
        Batch(withTrimAndCap: true).Sample(batch => RunAll(batch, resize: false, storage), seed: seed, iter: 1, threads: 1,
            print: PrintBatch);
    }

    // Resize on with 4-entry arrays: doubling happens often, and the model accounts for each moved array.
    [Theory]
    [InlineData(RegionStorage.Indexed, "3MeJOzeA8Tmn")]
    [InlineData(RegionStorage.Array, "8ffX2wbqLc0A")]
    public void RandomSequences_ResizeOnSmallArrays_KeepInvariantsAndMatchModel(RegionStorage storage, string seed)
    {
        Batch(withTrimAndCap: false).Sample(batch => RunAll(batch, resize: true, storage), seed: seed, iter: 1, threads: 1,
            print: PrintBatch);
    }

    /// <summary>Exploration with fresh random seeds; set MEMBLOCK_EXPLORE=N to run N more sequences per mode.</summary>
    [Fact]
    public void RandomSequences_Explore_WhenAsked()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("MEMBLOCK_EXPLORE"), out int n) || n <= 0)
            return;
        foreach (var storage in Enum.GetValues<RegionStorage>())
        {
            OpGen(withTrimAndCap: true).Array[1, 40].Sample(ops => Run(ops, resize: false, storage), iter: n, threads: 1);
            OpGen(withTrimAndCap: false).Array[1, 40].Sample(ops => Run(ops, resize: true, storage), iter: n, threads: 1);
        }
    }

    // One sample of a fixed seed holding many sequences: the whole run is reproducible, not only its first sequence.
    private const int SequencesPerRun = 200;

    private static Gen<Op[][]> Batch(bool withTrimAndCap) => OpGen(withTrimAndCap).Array[1, 40].Array[SequencesPerRun];

    private static string PrintBatch(Op[][] batch) => $"{batch.Length} sequences (the failing one is in the message)";

    private static void RunAll(Op[][] batch, bool resize, RegionStorage storage)
    {
        foreach (var ops in batch)
            Run(ops, resize, storage);
    }

    private static void Run(Op[] ops, bool resize, RegionStorage storage)
    {
        var mb = new Memblock(new MemblockOptions { InitialRegions = resize ? 4 : 128, Storage = storage });
        if (resize)
            mb.AllowResize();
        var model = new UnitModel();
        bool trimmed = false;
        for (int i = 0; i < ops.Length; i++)
        {
            try
            {
                trimmed |= Step(mb, model, ops[i], resize);
                CheckInvariants(mb, model, trimmed);
            }
            catch (InvalidOperationException ex) when (resize && ex.Message.Contains("BUG", StringComparison.Ordinal))
            {
                // A doubled array whose own reservation cannot be made (the reserved array is full and no page is free
                // outside the range being reserved) is a kernel BUG_ON: the kernel stops here, and so does the sequence.
                return;
            }
            catch (Exception ex) when (ex is not StepFailure)
            {
                throw new StepFailure($"step {i}: {ops[i]}: {ex.Message}\nmemory: {Show(mb.Memory)}\nreserved: {Show(mb.Reserved)}\n" +
                    $"sequence: {string.Join("; ", ops.Take(i + 1))}", ex);
            }
        }
    }

    private sealed class StepFailure(string message, Exception inner) : Exception(message, inner);

    private static string Show(MemblockType t) =>
        $"cnt {t.Count} max {t.Capacity} total 0x{t.TotalSize:x} " +
        string.Join(" ", t.Regions.ToArray().Select(r => $"[0x{r.Base:x}+0x{r.Size:x} {(uint)r.Flags:x} {r.Nid}]"));

    /// <summary>Applies one op to both the real memblock and the model; returns true when it was a trim.</summary>
    private static bool Step(Memblock mb, UnitModel model, Op op, bool resize)
    {
        var arrays = (Mem: mb.Memory.ArrayAddress, MemCap: mb.Memory.Capacity, Res: mb.Reserved.ArrayAddress, ResCap: mb.Reserved.Capacity);
        var before = UnitModel.Of(mb);
        var memBefore = mb.Memory.Regions.ToArray();
        int ret = 0;
        bool merged = false;          // whether the op must leave that table fully merged
        MemblockType? mergedTable = null;
        Action? apply = null;         // the op's own effect on the model, applied after any array doubling
        bool trimmed = false;

        switch (op.Kind)
        {
            case Kind.Add:
            case Kind.AddNode:
            {
                int nid = op.Kind == Kind.Add ? 16 : op.Nid;
                var flags = op.Kind == Kind.Add ? MemblockFlags.None : op.Flags;
                ret = op.Kind == Kind.Add ? mb.Add(op.Base, op.Size) : mb.AddNode(op.Base, op.Size, nid, flags);
                apply = () => merged = model.AddMemory(op.Base, op.Size, nid, flags);
                mergedTable = mb.Memory;
                break;
            }
            case Kind.Reserve:
                ret = mb.Reserve(op.Base, op.Size);
                apply = () => merged = model.AddReserved(op.Base, op.Size, 16);
                mergedTable = mb.Reserved;
                break;
            case Kind.Remove:
                ret = mb.Remove(op.Base, op.Size);
                apply = () => model.RemoveMemory(op.Base, op.Size);
                break;
            case Kind.PhysFree:
                ret = mb.PhysFree(op.Base, op.Size);
                apply = () => model.RemoveReserved(op.Base, op.Size);
                break;
            case Kind.FreePtr:
            {
                ulong ptr = op.Exact ? 0 : op.Base;
                bool needsRoom = mb.Reserved.Count + 2 > mb.Reserved.Capacity;
                mb.Free(ptr, op.Size);
                // free() returns nothing; it failed (as phys_free's -ENOMEM) when it needed room and the array did not grow.
                if (ptr != 0 && op.Size != 0 && needsRoom && mb.Reserved.Capacity == arrays.ResCap)
                    ret = Memblock.ENOMEM;
                if (ptr != 0)
                    apply = () => model.RemoveReserved(ptr, op.Size);
                break;
            }
            case Kind.MarkHotplug or Kind.ClearHotplug or Kind.MarkNoMap or Kind.ClearNoMap or Kind.MarkMirror:
            {
                var (flag, set) = op.Kind switch
                {
                    Kind.MarkHotplug => (MemblockFlags.Hotplug, true),
                    Kind.ClearHotplug => (MemblockFlags.Hotplug, false),
                    Kind.MarkNoMap => (MemblockFlags.NoMap, true),
                    Kind.ClearNoMap => (MemblockFlags.NoMap, false),
                    _ => (MemblockFlags.Mirror, true),
                };
                ret = op.Kind switch
                {
                    Kind.MarkHotplug => mb.MarkHotplug(op.Base, op.Size),
                    Kind.ClearHotplug => mb.ClearHotplug(op.Base, op.Size),
                    Kind.MarkNoMap => mb.MarkNoMap(op.Base, op.Size),
                    Kind.ClearNoMap => mb.ClearNoMap(op.Base, op.Size),
                    _ => mb.MarkMirror(op.Base, op.Size),
                };
                if (op.Kind == Kind.MarkMirror)
                    Assert.True(mb.HasMirror);
                apply = () => { model.SetFlag(op.Base, op.Size, flag, set); merged = true; };
                mergedTable = mb.Memory;
                break;
            }
            case Kind.SetNodeMemory:
                ret = mb.SetNode(op.Base, op.Size, mb.Memory, op.Nid);
                apply = () => { model.SetMemoryNode(op.Base, op.Size, op.Nid); merged = true; };
                mergedTable = mb.Memory;
                break;
            case Kind.SetNodeReserved:
                ret = mb.SetNode(op.Base, op.Size, mb.Reserved, op.Nid);
                apply = () => { model.SetReservedNode(op.Base, op.Size, op.Nid); merged = true; };
                mergedTable = mb.Reserved;
                break;
            case Kind.AllocRangeNid:
            case Kind.AllocTryNid:
            {
                ulong? expected = resize ? null : ExpectedAllocation(mb, before, memBefore, op);
                ulong addr = op.Kind == Kind.AllocRangeNid
                    ? mb.AllocRangeNid(op.Size, op.Align, op.Base, op.End, op.Nid, op.Exact)
                    : mb.AllocTryNid(op.Size, op.Align, op.Base, op.End, op.Nid);
                if (expected is { } e)
                    Assert.True(e == addr, $"allocation returned 0x{addr:x}, the model's {(mb.BottomUp ? "lowest" : "highest")} fit is 0x{e:x}");
                if (addr != 0 && op.Size != 0)
                {
                    // The block was free memory before the call, inside one memory region, aligned, never page 0.
                    Assert.True(before.IsFreeMemory(addr, op.Size), $"block 0x{addr:x}+0x{op.Size:x} was not free memory before");
                    Assert.Contains(memBefore, r => r.Base <= addr && addr + op.Size <= r.End);
                    ulong align = op.Align == 0 ? mb.Options.SmpCacheBytes : op.Align;
                    Assert.Equal(0UL, addr & (align - 1));
                    Assert.True(addr >= mb.Options.PageSize);
                    apply = () => { model.AddReserved(addr, op.Size, 16); merged = true; };
                    mergedTable = mb.Reserved;
                }
                break;
            }
            case Kind.Trim:
            {
                ulong align = op.Align < 0x100 ? 0x1000 : op.Align;
                mb.TrimMemory(align);
                apply = () => TrimModel(model, memBefore, align);
                trimmed = true;
                break;
            }
            case Kind.Cap:
            {
                bool hasMemory = mb.Memory.TotalSize != 0;
                mb.CapMemoryRange(op.Base, op.Size);
                if (op.Size != 0 && hasMemory)
                    apply = () => CapModel(model, op.Base, op.Size);
                break;
            }
            case Kind.ToggleBottomUp:
                mb.BottomUp = !mb.BottomUp;
                break;
            case Kind.ToggleMovableNode:
                mb.MovableNode = !mb.MovableNode;
                break;
        }

        if (!resize)
            Assert.True(ret == 0, $"returned {ret} with the tables far from full");
        if (ret != 0)
        {
            // A failed call changes nothing.
            Assert.Null(before.FirstDifference(UnitModel.Of(mb)));
            Assert.Equal((arrays.Mem, arrays.MemCap, arrays.Res, arrays.ResCap),
                (mb.Memory.ArrayAddress, mb.Memory.Capacity, mb.Reserved.ArrayAddress, mb.Reserved.Capacity));
            return trimmed;
        }

        if (resize)
            AccountForDoubling(mb, model, arrays);
        apply?.Invoke();

        string? diff = model.FirstDifference(UnitModel.Of(mb));
        Assert.True(diff is null, "tables differ from the model: " + diff);
        if (merged && mergedTable is not null)
            AssertFullyMerged(mergedTable);
        return trimmed;
    }

    /// <summary>
    /// A doubled array is reserved; the array it replaced (unless the static one) is freed; frees come first. One call
    /// may double a table more than once (an add over many gaps needs many entries); each intermediate array is reserved
    /// in free memory outside the call's range and freed again by the next doubling, so only the first and last count.
    /// </summary>
    private static void AccountForDoubling(Memblock mb, UnitModel model, (ulong Mem, int MemCap, ulong Res, int ResCap) before)
    {
        ulong PageAlign(int capacity) => ((ulong)capacity * mb.Options.RegionEntrySize + Page - 1) & ~(Page - 1);
        var moved = new List<(ulong Old, int OldCap, MemblockType Table)>();
        if (mb.Memory.Capacity != before.MemCap)
            moved.Add((before.Mem, before.MemCap, mb.Memory));
        if (mb.Reserved.Capacity != before.ResCap)
            moved.Add((before.Res, before.ResCap, mb.Reserved));
        foreach (var (old, oldCap, table) in moved)
        {
            Assert.True(table.Capacity > oldCap && (table.Capacity & (table.Capacity - 1)) == 0 && table.Capacity % oldCap == 0,
                $"{table.Name}: capacity {oldCap} became {table.Capacity}, not a doubling");
            if (old != 0)
                model.RemoveReserved(old, PageAlign(oldCap));
        }
        foreach (var (_, _, table) in moved)
        {
            Assert.Equal(0UL, table.ArrayAddress & (Page - 1));
            model.AddReserved(table.ArrayAddress, PageAlign(table.Capacity), 16);
        }
    }

    /// <summary>The smallest multiple of <paramref name="a"/> at or above <paramref name="x"/> (plain arithmetic, for the finder model).</summary>
    private static ulong RoundUp(ulong x, ulong a) => (x + a - 1) / a * a;

    /// <summary>Trim per region: the start rounds up, the end rounds down (mask arithmetic for non-powers of two).</summary>
    private static void TrimModel(UnitModel model, MemblockRegion[] regions, ulong align)
    {
        foreach (var r in regions)
        {
            if (r.Size == 0)
                continue;
            // The kernel's round_up/round_down mask formulas (for base 0 the first wraps to 0, which is right).
            ulong start = ((r.Base - 1) | (align - 1)) + 1;
            ulong end = r.End & ~(align - 1);
            if (start >= end)
            {
                model.RemoveMemory(r.Base, r.Size);
                continue;
            }
            model.RemoveMemory(r.Base, start - r.Base);
            model.RemoveMemory(end, r.End - end);
        }
    }

    /// <summary>Cap: memory outside [base, base + size) goes unless NOMAP; reserved outside it goes.</summary>
    private static void CapModel(UnitModel model, ulong @base, ulong size)
    {
        ulong end = @base + size;
        for (int u = 0; u < UnitModel.Units; u++)
        {
            ulong a = (ulong)u * UnitModel.Unit;
            if (a >= @base && a < end)
                continue;
            if ((model.MemFlags[u] & MemblockFlags.NoMap) == 0)
                model.Mem[u] = false;
            model.Res[u] = false;
        }
    }

    /// <summary>
    /// The address the kernel's allocator must return, computed by brute force over the model: the highest (top-down)
    /// or lowest (bottom-up) aligned block of free units inside one eligible memory region, trying the requested node,
    /// then any node, with mirrored memory first when the system has some; alloc_try_nid retries from 0.
    /// </summary>
    private static ulong? ExpectedAllocation(Memblock mb, UnitModel model, MemblockRegion[] regions, Op op)
    {
        if (op.Size == 0)
            return null;
        ulong align = op.Align == 0 ? mb.Options.SmpCacheBytes : op.Align;
        int nid = op.Nid == mb.Options.MaxNumNodes ? -1 : op.Nid;
        bool exact = op.Kind == Kind.AllocRangeNid && op.Exact;

        ulong Attempt(ulong start)
        {
            var flagSets = mb.HasMirror ? new[] { MemblockFlags.Mirror, MemblockFlags.None } : new[] { MemblockFlags.None };
            foreach (var flags in flagSets)
            {
                ulong found = Fit(mb, model, regions, op.Size, align, start, op.End, nid, flags);
                if (found != 0)
                    return found;
                if (nid != -1 && !exact)
                {
                    found = Fit(mb, model, regions, op.Size, align, start, op.End, -1, flags);
                    if (found != 0)
                        return found;
                }
            }
            return 0;
        }

        ulong result = Attempt(op.Base);
        if (result == 0 && op.Kind == Kind.AllocTryNid && op.Base != 0)
            result = Attempt(0);
        return result;
    }

    private static ulong Fit(Memblock mb, UnitModel model, MemblockRegion[] regions, ulong size, ulong align, ulong start,
        ulong end, int nid, MemblockFlags flags)
    {
        if (end is 0 or 1)
            end = mb.CurrentLimit;
        start = Math.Max(start, mb.Options.PageSize);
        end = Math.Max(start, end);
        ulong step = Math.Max(align, UnitModel.Unit);
        // taken[u] = units below u that are not free memory, so a block's check is one subtraction.
        var taken = new int[UnitModel.Units + 1];
        for (int u = 0; u < UnitModel.Units; u++)
            taken[u + 1] = taken[u] + (model.Mem[u] && !model.Res[u] ? 0 : 1);
        bool IsFree(ulong a) => a + size <= UnitModel.Limit &&
            taken[(int)((a + size) / UnitModel.Unit)] == taken[(int)(a / UnitModel.Unit)];
        ulong best = 0;
        bool any = false;
        foreach (var r in regions)
        {
            if (r.Size == 0)
                continue;
            if (nid != -1 && r.Nid != nid)
                continue;
            if (mb.MovableNode && (r.Flags & MemblockFlags.Hotplug) != 0)
                continue;
            if ((flags & MemblockFlags.Mirror) != 0 && (r.Flags & MemblockFlags.Mirror) == 0)
                continue;
            if ((r.Flags & MemblockFlags.NoMap) != 0)
                continue;
            ulong lo = Math.Max(r.Base, start), hi = Math.Min(r.End, end);
            for (ulong a = RoundUp(lo, step); a + size <= hi; a += step)
            {
                if (!IsFree(a))
                    continue;
                if (!any || (mb.BottomUp ? a < best : a > best))
                    best = a;
                any = true;
                if (mb.BottomUp)
                    break;
            }
        }
        return best;
    }

    private static void AssertFullyMerged(MemblockType t)
    {
        var regions = t.Regions;
        for (int i = 0; i + 1 < regions.Length; i++)
        {
            var (a, b) = (regions[i], regions[i + 1]);
            Assert.False(a.End == b.Base && a.Nid == b.Nid && a.Flags == b.Flags,
                $"{t.Name}[{i}] and [{i + 1}] touch with equal node and flags but were not merged");
        }
    }

    private static void CheckInvariants(Memblock mb, UnitModel model, bool trimmed)
    {
        foreach (var t in new[] { mb.Memory, mb.Reserved })
        {
            Assert.InRange(t.Count, 1, t.Capacity);
            var regions = t.Regions;
            if (regions[0].Size == 0)
            {
                Assert.Equal(1, t.Count);
                Assert.Equal(0UL, regions[0].Base);
                Assert.Equal(MemblockFlags.None, regions[0].Flags);
            }
            else
            {
                foreach (var r in regions)
                {
                    if (r.Size == 0)
                        Assert.Fail($"{t.Name}: a region of size 0 in a non-empty table");
                    if (r.Base % UnitModel.Unit != 0 || r.Size % UnitModel.Unit != 0)
                        Assert.Fail($"{t.Name}: region 0x{r.Base:x}+0x{r.Size:x} is not on the model's 256-byte grid");
                }
            }
            for (int i = 0; i + 1 < regions.Length; i++)
                if (regions[i].End > regions[i + 1].Base)
                    Assert.Fail($"{t.Name}[{i}] and [{i + 1}] are unsorted or overlap");
            if (!trimmed || t == mb.Reserved)
            {
                ulong sum = 0;
                foreach (var r in regions)
                    sum += r.Size;
                Assert.True(sum == t.TotalSize, $"{t.Name}: total 0x{t.TotalSize:x} but the sizes add up to 0x{sum:x}");
            }
        }

        // Free ranges = memory minus reserved, filtered as the allocator filters, each with its memory's node; checked
        // for any node and for one node, plain, admitting NOMAP and asking for mirror.
        foreach (var (nid, flags) in FreeRangeQueries)
            CheckFreeRanges(mb, model, nid, flags);
    }

    private static readonly (int Nid, MemblockFlags Flags)[] FreeRangeQueries =
    [
        (-1, MemblockFlags.None), (1, MemblockFlags.None), (-1, MemblockFlags.NoMap), (0, MemblockFlags.Mirror),
    ];

    private static void CheckFreeRanges(Memblock mb, UnitModel model, int nid, MemblockFlags flags)
    {
        var forward = mb.FreeMemRanges(nid, flags).ToArray();
        var expectedFree = new bool[UnitModel.Units];
        for (int u = 0; u < UnitModel.Units; u++)
        {
            var f = model.MemFlags[u];
            expectedFree[u] = model.Mem[u] && !model.Res[u]
                && (nid == -1 || model.MemNid[u] == nid)
                && ((f & MemblockFlags.NoMap) == 0 || (flags & MemblockFlags.NoMap) != 0)
                && ((f & MemblockFlags.Mirror) != 0 || (flags & MemblockFlags.Mirror) == 0)
                && !(mb.MovableNode && (f & MemblockFlags.Hotplug) != 0);
        }
        var seen = new bool[UnitModel.Units];
        ulong previousEnd = 0;
        var reserved = mb.Reserved.Regions.ToArray();
        string query = $"free ranges (nid {nid}, {flags})";
        foreach (var range in forward)
        {
            if (range.Start == range.End)
            {
                // The kernel's walk yields an empty gap between two touching reserved regions (they differ in node or
                // flags, so they did not merge); that is the only place an empty range may come from.
                Assert.Contains(reserved, r => r.End == range.Start && r.Size != 0 && reserved.Any(n => n.Base == range.Start && n.Size != 0));
                continue;
            }
            Assert.True(range.Start >= previousEnd, $"{query} out of order or overlapping");
            previousEnd = range.End;
            var (from, to) = UnitModel.Span(range.Start, range.End - range.Start);
            for (int u = from; u < to; u++)
            {
                seen[u] = true;
                if (!expectedFree[u])
                    Assert.Fail($"{query} cover 0x{(ulong)u * UnitModel.Unit:x}, which the model says is not free for them");
                if (model.MemNid[u] != range.Nid)
                    Assert.Fail($"{query} at 0x{(ulong)u * UnitModel.Unit:x} say node {range.Nid}, the model {model.MemNid[u]}");
            }
        }
        for (int u = 0; u < UnitModel.Units; u++)
            if (expectedFree[u] && !seen[u])
                Assert.Fail($"0x{(ulong)u * UnitModel.Unit:x} is free in the model but in none of the {query}");

        Assert.Equal(forward.Reverse(), mb.FreeMemRangesReverse(nid, flags).ToArray());
    }
}
