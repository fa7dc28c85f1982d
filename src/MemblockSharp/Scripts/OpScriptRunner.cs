namespace MemblockSharp.Scripts;

/// <summary>The final state and counters of one script run, with the bench checksum.</summary>
/// <param name="Memblock">The allocator after the last op.</param>
/// <param name="AllocSum">Σ of every alloc's return value, mod 2^64.</param>
/// <param name="FailedAllocs">How many allocs returned 0.</param>
/// <param name="FailedOthers">How many add/reserve/remove/free ops returned non-zero.</param>
public sealed record OpScriptResult(Memblock Memblock, ulong AllocSum, int FailedAllocs, int FailedOthers)
{
    /// <summary>Σ (base + size) over the memory regions, mod 2^64.</summary>
    public ulong MemorySum => RegionSum(Memblock.Memory);

    /// <summary>Σ (base + size) over the reserved regions, mod 2^64.</summary>
    public ulong ReservedSum => RegionSum(Memblock.Reserved);

    /// <summary>The bench checksum: <c>mem_sum + res_sum + 31 × alloc_sum</c>, mod 2^64.</summary>
    public ulong Checksum => unchecked(MemorySum + ReservedSum + 31 * AllocSum);

    private static ulong RegionSum(MemblockType type)
    {
        ulong sum = 0;
        foreach (var r in type.Regions)
            sum = unchecked(sum + r.Base + r.Size);
        return sum;
    }

    /// <summary>The result in the form the native baseline reports it, one fact per line.</summary>
    public IEnumerable<string> Summary()
    {
        var m = Memblock;
        yield return $"memory   cnt {m.Memory.Count} max {m.Memory.Capacity} total 0x{m.Memory.TotalSize:x} sum 0x{MemorySum:x}";
        yield return $"reserved cnt {m.Reserved.Count} max {m.Reserved.Capacity} total 0x{m.Reserved.TotalSize:x} sum 0x{ReservedSum:x}";
        yield return $"alloc sum 0x{AllocSum:x}";
        yield return $"failed allocs {FailedAllocs}";
        yield return $"failed add/reserve/remove/free {FailedOthers}";
        yield return $"checksum 0x{Checksum:x16}";
    }
}

/// <summary>Runs op scripts from the bench's fresh state: empty tables of 128, top-down, no limit, no resize, no mirror.</summary>
public static class OpScriptRunner
{
    /// <summary>The options of the native baseline build (NUMA, 16 nodes, 4 KiB pages, SMP_CACHE_BYTES 32).</summary>
    public static MemblockOptions BaselineOptions { get; } = new() { SmpCacheBytes = 32 };

    /// <summary>Runs every op of <paramref name="script"/> against a fresh memblock.</summary>
    /// <param name="script">The loaded script.</param>
    /// <param name="options">Build parameters; <see cref="BaselineOptions"/> when null.</param>
    /// <returns>The final state and counters.</returns>
    public static OpScriptResult Run(OpScript script, MemblockOptions? options = null)
    {
        var memblock = new Memblock(options ?? BaselineOptions);
        ulong allocSum = 0;
        int failedAllocs = 0, failedOthers = 0;
        foreach (ref readonly var op in script.OpSpan)
        {
            switch (op.Kind)
            {
                case OpKind.Resize:
                    memblock.SetResizeAllowed(op.A != 0);
                    break;
                case OpKind.BottomUp:
                    memblock.BottomUp = op.A != 0;
                    break;
                case OpKind.Limit:
                    memblock.CurrentLimit = op.A;
                    break;
                case OpKind.Add:
                    failedOthers += (op.HasNid ? memblock.AddNode(op.A, op.B, op.Nid, MemblockFlags.None) : memblock.Add(op.A, op.B)) != 0 ? 1 : 0;
                    break;
                case OpKind.Reserve:
                    failedOthers += memblock.Reserve(op.A, op.B) != 0 ? 1 : 0;
                    break;
                case OpKind.Remove:
                    failedOthers += memblock.Remove(op.A, op.B) != 0 ? 1 : 0;
                    break;
                case OpKind.Free:
                    failedOthers += memblock.PhysFree(op.A, op.B) != 0 ? 1 : 0;
                    break;
                case OpKind.Alloc:
                    ulong addr = memblock.AllocRangeNid(op.A, op.B, op.C, op.D, op.Nid, false);
                    allocSum = unchecked(allocSum + addr);
                    failedAllocs += addr == 0 ? 1 : 0;
                    break;
            }
        }
        return new OpScriptResult(memblock, allocSum, failedAllocs, failedOthers);
    }
}
