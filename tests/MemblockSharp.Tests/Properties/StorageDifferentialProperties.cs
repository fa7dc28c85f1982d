using CsCheck;

namespace MemblockSharp.Tests.Properties;

/// <summary>
/// The two region storages (<see cref="RegionStorage.Indexed"/> and the kernel-shaped <see cref="RegionStorage.Array"/>)
/// must be observably identical. Random sequences over the whole 64-bit address space (overflowing sizes, the top page,
/// odd alignments, wrapping trims and caps, resize on and off with tiny arrays) run on both side by side; after every
/// operation the return values, the complete tables and the answers to every query must agree.
/// </summary>
public class StorageDifferentialProperties
{
    public enum Kind
    {
        Add, AddNode, Reserve, AddToReserved, Remove, PhysFree, Free, MarkHotplug, ClearHotplug, MarkNoMap, ClearNoMap,
        MarkMirror, SetNode, Isolate, AllocRangeNid, AllocTryNid, AllocExactNidRaw, FindInRangeNode, Trim, Cap,
        MemLimitRemoveMap, EnforceMemoryLimit, SetLimit, ToggleBottomUp, ToggleMovableNode, AllowResize,

        // Linux 6.12 only.
        MarkNoInit, ReserveMem,
    }

    public sealed record Op(Kind Kind, ulong A, ulong B, int Nid, MemblockFlags Flags, ulong Align, bool Bit, ulong C)
    {
        public override string ToString() => $"{Kind}(0x{A:x}, 0x{B:x}, nid {Nid}, {Flags}, align 0x{Align:x}, {Bit}, 0x{C:x})";
    }

    private static readonly Gen<ulong> GenAddress = Gen.Frequency(
        (6, Gen.Int[0, 511].Select(p => (ulong)p * 0x1000)),
        (2, Gen.Int[0, 511].Select(p => (ulong)p * 0x1000 + 0x800)),
        (1, Gen.Int[1, 64].Select(p => ulong.MaxValue - (ulong)p * 0x1000 + 1)),
        (1, Gen.Int[0, 15].Select(p => 0xffff_ffff_ffff_f000 + (ulong)p * 0x100 + 1)),
        (1, Gen.ULong));

    private static readonly Gen<ulong> GenSize = Gen.Frequency(
        (6, Gen.Int[1, 64].Select(p => (ulong)p * 0x1000)),
        (2, Gen.Int[1, 0x3000].Select(b => (ulong)b)),
        (1, Gen.Const(0UL)),
        (1, Gen.OneOfConst(ulong.MaxValue, 1UL << 63, ulong.MaxValue - 0xfff)));

    private static readonly Gen<Kind> GenKind = Gen.FrequencyConst(
        (8, Kind.Add), (5, Kind.AddNode), (6, Kind.Reserve), (2, Kind.AddToReserved), (3, Kind.Remove), (3, Kind.PhysFree),
        (1, Kind.Free), (2, Kind.MarkHotplug), (1, Kind.ClearHotplug), (2, Kind.MarkNoMap), (1, Kind.ClearNoMap),
        (1, Kind.MarkMirror), (2, Kind.SetNode), (1, Kind.Isolate), (4, Kind.AllocRangeNid), (3, Kind.AllocTryNid),
        (1, Kind.AllocExactNidRaw), (2, Kind.FindInRangeNode), (1, Kind.Trim), (1, Kind.Cap), (1, Kind.MemLimitRemoveMap),
        (1, Kind.EnforceMemoryLimit), (1, Kind.SetLimit), (1, Kind.ToggleBottomUp), (1, Kind.ToggleMovableNode),
        (1, Kind.AllowResize));

    private static readonly Gen<Op> GenOp = Gen.Select(GenKind, GenAddress, GenSize, Gen.OneOfConst(0, 1, 2, 16, -1),
        Gen.OneOfConst(MemblockFlags.None, MemblockFlags.None, MemblockFlags.Hotplug, MemblockFlags.Mirror, MemblockFlags.NoMap,
            MemblockFlags.DriverManaged, MemblockFlags.Hotplug | MemblockFlags.Mirror),
        Gen.OneOfConst(0UL, 1UL, 0x40UL, 0x1000UL, 0x3000UL, 0x10_0000UL, 0x7UL), Gen.Bool, GenAddress,
        (k, a, b, n, f, al, bit, c) => new Op(k, a, b, n, f, al, bit, c));

    /// <summary>
    /// The 6.12 mix: the same ops plus 6.12's own (NOINIT marks on reserved, reserve_mem=), with more isolations, which
    /// leave the unmerged neighbours that 6.12's ranged merge keeps and 6.1's whole-array merge removes.
    /// </summary>
    private static readonly Gen<Op> GenOp612 = Gen.Select(
        Gen.Frequency((10, GenKind), (1, Gen.Const(Kind.Isolate)), (1, Gen.Const(Kind.MarkNoInit)), (1, Gen.Const(Kind.ReserveMem))),
        GenAddress, GenSize, Gen.OneOfConst(0, 1, 2, 16, -1, 99),
        Gen.OneOfConst(MemblockFlags.None, MemblockFlags.None, MemblockFlags.Hotplug, MemblockFlags.Mirror, MemblockFlags.NoMap,
            MemblockFlags.DriverManaged, MemblockFlags.ReservedNoInit, MemblockFlags.Hotplug | MemblockFlags.Mirror),
        Gen.OneOfConst(0UL, 1UL, 0x40UL, 0x1000UL, 0x3000UL, 0x10_0000UL, 0x7UL), Gen.Bool, GenAddress,
        (k, a, b, n, f, al, bit, c) => new Op(k, a, b, n, f, al, bit, c));

    [Theory]
    [InlineData(4, "7NrX0qkzK1d2")]
    [InlineData(128, "2cXq9OY1mT0e")]
    public void RandomSequences_BothStorages_AgreeAfterEveryOp(int initialRegions, string seed)
    {
        GenOp.Array[1, 60].Array[160].Sample(batch =>
        {
            foreach (var ops in batch)
                Run(ops, initialRegions);
        }, seed: seed, iter: 1, threads: 1, print: b => $"{b.Length} sequences (the failing one is in the message)");
    }

    [Theory]
    [InlineData(4, "3kVp8QxL2m9A")]
    [InlineData(128, "9TfR1bNc4yZ2")]
    public void RandomSequences612_BothStorages_AgreeAfterEveryOp(int initialRegions, string seed)
    {
        GenOp612.Array[1, 60].Array[160].Sample(batch =>
        {
            foreach (var ops in batch)
                Run(ops, initialRegions, version: MemblockVersion.Linux6_12);
        }, seed: seed, iter: 1, threads: 1, print: b => $"{b.Length} sequences (the failing one is in the message)");
    }

    // Large tables: 150 to 400 regions in memory and in reserved (several chunks of the indexed store, several array
    // doublings) before the random operations start cutting and merging across chunk boundaries.
    [Fact]
    public void RandomSequencesOnLargeTables_BothStorages_AgreeAfterEveryOp()
    {
        Gen.Select(Gen.Int[150, 400], Gen.Int[0, int.MaxValue], GenOp.Array[1, 60]).Array[15].Sample(batch =>
        {
            foreach (var (regions, nodeBits, ops) in batch)
                Run(ops, 128, (regions, nodeBits));
        }, seed: "4ZwG1dPq0sX7", iter: 1, threads: 1, print: b => $"{b.Length} sequences (the failing one is in the message)");
    }

    [Fact]
    public void RandomSequencesOnLargeTables612_BothStorages_AgreeAfterEveryOp()
    {
        Gen.Select(Gen.Int[150, 400], Gen.Int[0, int.MaxValue], GenOp612.Array[1, 60]).Array[15].Sample(batch =>
        {
            foreach (var (regions, nodeBits, ops) in batch)
                Run(ops, 128, (regions, nodeBits), MemblockVersion.Linux6_12);
        }, seed: "6HsD2wKq8vB1", iter: 1, threads: 1, print: b => $"{b.Length} sequences (the failing one is in the message)");
    }

    /// <summary>Exploration with fresh random seeds; set MEMBLOCK_EXPLORE=N to run N more sequences per array size.</summary>
    [Fact]
    public void RandomSequences_Explore_WhenAsked()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("MEMBLOCK_EXPLORE"), out int n) || n <= 0)
            return;
        GenOp.Array[1, 60].Sample(ops => Run(ops, 4), iter: n, threads: 1);
        GenOp.Array[1, 60].Sample(ops => Run(ops, 128), iter: n, threads: 1);
        GenOp612.Array[1, 60].Sample(ops => Run(ops, 4, version: MemblockVersion.Linux6_12), iter: n, threads: 1);
        GenOp612.Array[1, 60].Sample(ops => Run(ops, 128, version: MemblockVersion.Linux6_12), iter: n, threads: 1);
        Gen.Select(Gen.Int[150, 400], Gen.Int[0, int.MaxValue], GenOp.Array[1, 60])
            .Sample(t => Run(t.Item3, 128, (t.Item1, t.Item2)), iter: Math.Max(1, n / 20), threads: 1);
    }

    /// <summary>
    /// Runs <paramref name="ops"/> on the array core and on two indexed cores, one with the default chunks and one with
    /// chunks of 3 regions (so that nearly every operation works across chunk boundaries), and compares after every op.
    /// </summary>
    private static void Run(Op[] ops, int initialRegions, (int Regions, int NodeBits)? setup = null,
        MemblockVersion version = MemblockVersion.Linux6_1)
    {
        var options = new MemblockOptions { InitialRegions = initialRegions, KernelVersion = version };
        var indexed = new Memblock(options with { Storage = RegionStorage.Indexed });
        var tinyChunks = new Memblock(options with { Storage = RegionStorage.Indexed, IndexedChunkCapacity = 3 });
        var array = new Memblock(options with { Storage = RegionStorage.Array });
        if (setup is var (count, nodeBits))
        {
            foreach (var mb in new[] { indexed, tinyChunks, array })
            {
                // 16 KiB of memory every 24 KiB (node from the bits, so some neighbours merge and some do not), its
                // first 4 KiB reserved: every table passes 128 entries, and 12 KiB stays free for each doubled array.
                mb.AllowResize();
                for (int i = 0; i < count; i++)
                {
                    ulong b = (ulong)i * 0x6000;
                    Assert.Equal(0, mb.AddNode(b, 0x4000, (nodeBits >> (i % 31)) & 1, MemblockFlags.None));
                    Assert.Equal(0, mb.Reserve(b, 0x1000));
                }
                Assert.True(mb.Memory.Count == count && mb.Memory.Capacity > 128 && mb.Reserved.Capacity > 128,
                    "the setup must take both tables past their first array");
            }
        }
        for (int i = 0; i < ops.Length; i++)
        {
            string a = Outcome(indexed, ops[i]), t = Outcome(tinyChunks, ops[i]), b = Outcome(array, ops[i]);
            string sa = a + "\n" + State(indexed), st = t + "\n" + State(tinyChunks), sb = b + "\n" + State(array);
            if (sa != sb || st != sb)
                Assert.Fail($"step {i}: {ops[i]}\n  indexed: {sa}\n  indexed, chunks of 3: {st}\n  array:   {sb}\nsequence: {string.Join("; ", ops.Take(i + 1))}");
        }
    }

    /// <summary>Performs the op and describes its result (a return value or the exception a kernel BUG becomes).</summary>
    private static string Outcome(Memblock mb, Op op)
    {
        try
        {
            return op.Kind switch
            {
                Kind.Add => mb.Add(op.A, op.B).ToString(),
                Kind.AddNode => mb.AddNode(op.A, op.B, op.Nid, op.Flags).ToString(),
                Kind.Reserve => mb.Reserve(op.A, op.B).ToString(),
                Kind.AddToReserved => mb.AddToTable(mb.Reserved, op.A, op.B, op.Nid, op.Flags).ToString(),
                Kind.Remove => mb.Remove(op.A, op.B).ToString(),
                Kind.PhysFree => mb.PhysFree(op.A, op.B).ToString(),
                Kind.Free => Void(() => mb.Free(op.Bit ? 0 : op.A, op.B)),
                Kind.MarkHotplug => mb.MarkHotplug(op.A, op.B).ToString(),
                Kind.ClearHotplug => mb.ClearHotplug(op.A, op.B).ToString(),
                Kind.MarkNoMap => mb.MarkNoMap(op.A, op.B).ToString(),
                Kind.ClearNoMap => mb.ClearNoMap(op.A, op.B).ToString(),
                Kind.MarkMirror => mb.MarkMirror(op.A, op.B).ToString(),
                Kind.SetNode => mb.SetNode(op.A, op.B, op.Bit ? mb.Reserved : mb.Memory, op.Nid).ToString(),
                Kind.Isolate => $"{mb.Isolate(op.Bit ? mb.Reserved : mb.Memory, op.A, op.B, out int s, out int e)} [{s},{e})",
                Kind.AllocRangeNid => mb.AllocRangeNid(op.B, op.Align, op.A, op.C, op.Nid, op.Bit).ToString("x"),
                Kind.AllocTryNid => mb.AllocTryNid(op.B, op.Align, op.A, op.C, op.Nid).ToString("x"),
                Kind.AllocExactNidRaw => mb.AllocExactNidRaw(op.B, op.Align, op.A, op.C, op.Nid).ToString("x"),
                Kind.FindInRangeNode => mb.FindInRangeNode(op.B, op.Align == 0 ? 1 : op.Align, op.A, op.C, op.Nid, op.Flags).ToString("x"),
                Kind.Trim => Void(() => mb.TrimMemory(op.Align)),
                Kind.Cap => Void(() => mb.CapMemoryRange(op.A, op.B)),
                Kind.MemLimitRemoveMap => Void(() => mb.MemLimitRemoveMap(op.B)),
                Kind.EnforceMemoryLimit => Void(() => mb.EnforceMemoryLimit(op.B)),
                Kind.SetLimit => Void(() => mb.CurrentLimit = op.Bit ? Memblock.PhysAddrMax : op.C),
                Kind.ToggleBottomUp => Void(() => mb.BottomUp = !mb.BottomUp),
                Kind.ToggleMovableNode => Void(() => mb.MovableNode = !mb.MovableNode),
                Kind.MarkNoInit => mb.ReservedMarkNoInit(op.A, op.B).ToString(),
                Kind.ReserveMem => mb.ReserveMem($"0x{op.B & 0xf_ffff:x}:0x{op.Align:x}:n{op.C % 10}").ToString(),
                _ => Void(mb.AllowResize),
            };
        }
        catch (InvalidOperationException ex)
        {
            return "threw: " + ex.Message;
        }
    }

    private static string Void(Action action)
    {
        action();
        return "-";
    }

    /// <summary>Both tables in full plus every query's answer at a few probe points.</summary>
    private static string State(Memblock mb)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var t in new[] { mb.Memory, mb.Reserved })
        {
            sb.Append(t.Name).Append(' ').Append(t.Count).Append('/').Append(t.Capacity).Append(" 0x").Append(t.TotalSize.ToString("x"))
              .Append(" @0x").Append(t.ArrayAddress.ToString("x")).Append(t.IsStaticArray ? "s" : "d").Append(':');
            foreach (var r in t.Regions)
                sb.Append($" [{r.Base:x}+{r.Size:x} {(uint)r.Flags:x} {r.Nid}]");
            sb.Append('\n');
        }
        sb.Append("free:");
        foreach (var r in mb.FreeMemRanges(-1, MemblockFlags.None))
            sb.Append($" {r.Start:x}-{r.End:x}/{r.Nid}");
        sb.Append("\nrev:");
        foreach (var r in mb.FreeMemRangesReverse(-1, MemblockFlags.None))
            sb.Append($" {r.Start:x}-{r.End:x}/{r.Nid}");
        sb.Append("\nnode1:");
        foreach (var r in mb.FreeMemRanges(1, MemblockFlags.NoMap))
            sb.Append($" {r.Start:x}-{r.End:x}");
        sb.Append("\nmem:");
        foreach (var r in mb.MemRanges())
            sb.Append($" {r.Start:x}-{r.End:x}");
        sb.Append("\npfn:");
        foreach (var r in mb.MemPfnRanges(16))
            sb.Append($" {r.Start:x}-{r.End:x}/{r.Nid}");
        sb.Append("\nprobes:");
        foreach (var p in new ulong[] { 0, 0x1000, 0x1800, 0x4_0000, 0x10_0000, 0x1ff_f000, ulong.MaxValue - 0xfff, ulong.MaxValue })
        {
            int nid = mb.SearchPfnNid(p >> 12, out ulong s, out ulong e);
            sb.Append($" {(mb.IsMemory(p) ? 'M' : '-')}{(mb.IsReserved(p) ? 'R' : '-')}{(mb.IsMapMemory(p) ? 'P' : '-')}")
              .Append($"{(mb.IsRegionMemory(p, 0x2000) ? 'G' : '-')}{(mb.IsRegionReserved(p, 0x2000) ? 'O' : '-')}{nid}:{s:x}-{e:x}");
        }
        sb.Append($"\ndram {mb.StartOfDram():x}-{mb.EndOfDram():x} mirror {mb.HasMirror}");
        if (mb.Rules.HasNewApi)
        {
            sb.Append($"\nfree pages {mb.EstimatedNrFreePages():x} numa ok {mb.ValidateNumaCoverage(0x10000)}");
            foreach (var e in mb.ReserveMemTable)
                sb.Append($" {e.Name}@{e.Start:x}+{e.Size:x}");
        }
        return sb.ToString();
    }
}
