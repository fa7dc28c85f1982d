using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Replay;

namespace MemblockSharp.Boot.Maps;

/// <summary>
/// Who owns each reserved byte, from a <c>memblock=debug</c> log: every logged reservation classified the way the
/// replay's account classifies it (an allocation's reservation belongs to the allocator's caller), frees released.
/// </summary>
internal static class ReservationAttribution
{
    /// <summary>
    /// The owners of the reserved bytes from a boot's own record (<see cref="Simulation.BootSimulator.RunRecorded"/>):
    /// each range belongs to the kernel function that reserved it (the category's name when the step did not say).
    /// </summary>
    /// <param name="ledger">The boot's owned ranges.</param>
    public static Ownership FromLedger(IReadOnlyList<(ulong Base, ulong End, string Category, string? Caller)> ledger)
    {
        var ownership = new Ownership();
        foreach (var (start, end, category, caller) in ledger)
            ownership.Assign(start, end, new Owner(caller ?? category, category));
        return ownership;
    }

    /// <summary>The owners of the reserved bytes after the log's calls.</summary>
    /// <param name="log">The log.</param>
    /// <param name="dtb">The DTB's facts, or null.</param>
    /// <param name="untilMemoryInfo">Stop at the <c>Memory:</c> line (the hand-off to the buddy allocator).</param>
    public static Ownership FromLog(KernelLogDocument log, DtbFacts? dtb, bool untilMemoryInfo = false)
    {
        var context = new ReplayContext(log, dtb);
        var ownership = new Ownership();
        var entries = log.Entries;
        for (int i = 0; i < entries.Count; i++)
        {
            if (untilMemoryInfo && entries[i] is ContextLine { Kind: ContextKind.MemoryInfo })
                break;
            if (entries[i] is not MemblockRangeCall r || r.Size == 0)
                continue;
            ulong end = r.Size > ulong.MaxValue - r.Base ? ulong.MaxValue : r.Base + r.Size;
            switch (r.Kind)
            {
                case MemblockCallKind.Reserve:
                    int alloc = context.AllocForReserve[i];
                    Owner owner = alloc >= 0 ? context.Classify(((MemblockAllocCall)entries[alloc]).Caller.Function, r.Base, r.Size)
                        : ReplayContext.IsAllocatorInternal(r.Caller.Function) ? context.ClassifySilentAllocation(r.Base, r.Size)
                        : context.Classify(r.Caller.Function, r.Base, r.Size);
                    ownership.Assign(r.Base, end, owner);
                    break;
                case MemblockCallKind.PhysFree or MemblockCallKind.Free:
                    ownership.Release(r.Base, end);
                    break;
            }
        }
        return ownership;
    }
}
