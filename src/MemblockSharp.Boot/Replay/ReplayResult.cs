namespace MemblockSharp.Boot.Replay;

/// <summary>The outcome of checking one logged allocation against our finder.</summary>
/// <param name="LineNumber">The line of the allocation request.</param>
/// <param name="Function">The memblock allocator named in the log.</param>
/// <param name="Caller">The logged caller function.</param>
/// <param name="Size">The requested size.</param>
/// <param name="Align">The requested alignment.</param>
/// <param name="Nid">The requested node.</param>
/// <param name="MinAddr">The requested lower bound.</param>
/// <param name="MaxAddr">The requested upper bound (0/1 = the current limit).</param>
/// <param name="KernelAddress">The address the kernel reserved next (0 when the kernel's allocation failed).</param>
/// <param name="OurAddress">The address our finder picked on the state at that moment (0 when it found nothing).</param>
public sealed record AllocationCheck(int LineNumber, string Function, string Caller, ulong Size, ulong Align, int Nid,
    ulong MinAddr, ulong MaxAddr, ulong KernelAddress, ulong OurAddress)
{
    /// <summary>True when our finder picked the kernel's address.</summary>
    public bool Agrees => KernelAddress == OurAddress;
}

/// <summary>What kind of call the replay inferred.</summary>
public enum InferredKind
{
    /// <summary>A memory bank added before <c>memblock=debug</c> took effect (from the DTB or the log's memory lines).</summary>
    AddMemory,
    /// <summary>Memory removed without a log line (e.g. <c>mem=</c> through <c>memblock_mem_limit_remove_map</c>).</summary>
    RemoveMemory,
    /// <summary><c>memblock_mark_nomap</c> (reserved-memory <c>no-map</c>, EFI runtime regions).</summary>
    MarkNoMap,
    /// <summary><c>memblock_clear_nomap</c>.</summary>
    ClearNoMap,
    /// <summary>Another flag set or cleared (hotplug, mirror).</summary>
    SetFlags,
    /// <summary><c>memblock_set_node</c> on memory (NUMA set-up).</summary>
    SetNode,
    /// <summary>A reservation without a log line (the FDT's own reservation by <c>setup_machine_fdt</c>, ...).</summary>
    Reserve,
    /// <summary>A release of reserved memory without a log line.</summary>
    Free,
    /// <summary><c>memblock_set_current_limit</c> (32-bit ARM's lowmem limit).</summary>
    SetCurrentLimit,
    /// <summary>The state taken whole from a <c>MEMBLOCK configuration</c> dump (a log that lost its head).</summary>
    StateFromDump,
    /// <summary>
    /// <c>memblock_set_node</c> on reserved (6.12: the NUMA set-up's <c>numa_clear_kernel_node_hotplug</c>, and
    /// <c>memblock_free_all</c>'s <c>memmap_init_reserved_pages</c>); the value is the node, -1 for <c>NUMA_NO_NODE</c>.
    /// </summary>
    SetReservedNode,
    /// <summary>
    /// 6.12's <c>memblock_free_all</c> (<c>memmap_init_reserved_pages</c>): <c>memblock_set_node</c> on reserved over each
    /// memory region, with that region's node (base and size 0: the ranges are the memory regions at that moment).
    /// </summary>
    ReservedNodesFromMemory,
}

/// <summary>A call the log does not show but the replay made, and why.</summary>
/// <param name="Kind">What was done.</param>
/// <param name="Base">The range's base (or the limit for <see cref="InferredKind.SetCurrentLimit"/>).</param>
/// <param name="Size">The range's size.</param>
/// <param name="Value">The node, flags or 0, per <see cref="Kind"/>.</param>
/// <param name="BeforeLine">The log line it was placed before (0 = before everything).</param>
/// <param name="Reason">Where the evidence came from.</param>
public sealed record InferredCall(InferredKind Kind, ulong Base, ulong Size, long Value, int BeforeLine, string Reason);

/// <summary>How the replayed state compared with a <c>MEMBLOCK configuration</c> dump in the log.</summary>
/// <param name="LineNumber">The dump's line.</param>
/// <param name="MemoryMatches">True when the memory regions (range, flags, and node where printed) are identical.</param>
/// <param name="ReservedMatches">True when the reserved regions are identical.</param>
/// <param name="Detail">What differs, when something does.</param>
public sealed record DumpCheck(int LineNumber, bool MemoryMatches, bool ReservedMatches, string? Detail);

/// <summary>Reserved bytes attributed to one caller or category.</summary>
/// <param name="Name">The caller function or category.</param>
/// <param name="Bytes">The reserved bytes in the final table attributed to it.</param>
/// <param name="Regions">The number of separate pieces.</param>
public sealed record AccountEntry(string Name, ulong Bytes, int Regions);

/// <summary>The final reserved memory, every byte attributed; each list sums exactly to <see cref="TotalBytes"/>.</summary>
/// <param name="TotalBytes">The final <c>memblock.reserved</c> total.</param>
/// <param name="ByCaller">Bytes by the kernel function that reserved them (largest first).</param>
/// <param name="ByCategory">Bytes by category (kernel image, FDT, initrd, page tables, memmap, per-CPU, CMA, ...; largest first).</param>
public sealed record ReservedAccount(ulong TotalBytes, IReadOnlyList<AccountEntry> ByCaller, IReadOnlyList<AccountEntry> ByCategory);

/// <summary>One step of the path from physical RAM to MemTotal.</summary>
/// <param name="Label">What the step is.</param>
/// <param name="KiB">The amount in KiB (negative for a subtraction).</param>
/// <param name="Source">Where the number comes from (the log line, or "replay").</param>
public sealed record PathStep(string Label, long KiB, string Source);

/// <summary>The path from physical RAM to MemTotal, from the log's <c>Memory:</c> and <c>Freeing ...</c> lines and the replay.</summary>
/// <param name="Steps">The steps, in order; the last is the resulting MemTotal.</param>
/// <param name="MemTotalKiB">The MemTotal the steps arrive at.</param>
/// <param name="LoggedReservedKiB">The "reserved" figure of the <c>Memory:</c> line.</param>
/// <param name="ReplayReservedKiB">The same figure computed from the replayed tables at that line (physical pages minus free pages minus CMA), when available.</param>
public sealed record MemTotalPath(IReadOnlyList<PathStep> Steps, long MemTotalKiB, long LoggedReservedKiB, long? ReplayReservedKiB);

/// <summary>Everything a replay produced.</summary>
public sealed class ReplayResult
{
    internal ReplayResult(Memblock memblock, IReadOnlyList<AllocationCheck> allocations, IReadOnlyList<AllocationCheck> silentChecks, int silentAllocations,
        IReadOnlyList<InferredCall> inferred, IReadOnlyList<DumpCheck> dumps, IReadOnlyList<string> unseen,
        ReservedAccount account, MemTotalPath? path, int callsReplayed, int callsNotReplayable, LogKernelVersion kernel)
    {
        Kernel = kernel;
        Memblock = memblock;
        Allocations = allocations;
        SilentAllocationChecks = silentChecks;
        SilentAllocations = silentAllocations;
        Inferred = inferred;
        Dumps = dumps;
        Unseen = unseen;
        Account = account;
        Path = path;
        CallsReplayed = callsReplayed;
        CallsNotReplayable = callsNotReplayable;
    }

    /// <summary>
    /// The kernel release the log was replayed as: its memblock rules ran the calls, and the final tables print in its
    /// debugfs format (<see cref="MemblockSharp.Text.MemblockText.Debugfs(MemblockType)"/>).
    /// </summary>
    public LogKernelVersion Kernel { get; }

    /// <summary>The final memblock state.</summary>
    public Memblock Memblock { get; }

    /// <summary>Every logged allocation request with our finder's answer.</summary>
    public IReadOnlyList<AllocationCheck> Allocations { get; }

    /// <summary>The number of allocations checked.</summary>
    public int AllocationsChecked => Allocations.Count;

    /// <summary>The number where our finder picked the kernel's address.</summary>
    public int AllocationsAgreed => Allocations.Count(a => a.Agrees);

    /// <summary>The first disagreements (up to 20).</summary>
    public IEnumerable<AllocationCheck> FirstDisagreements => Allocations.Where(a => !a.Agrees).Take(20);

    /// <summary>Reservations made by <c>memblock_alloc_range_nid</c> without a preceding request line (allocators that do not print, such as CMA's and NODE_DATA's); replayed, not checked.</summary>
    public int SilentAllocations { get; }

    /// <summary>
    /// The silent allocations whose request the kernel's code fixes (<c>NODE_DATA</c>), checked like the logged ones;
    /// kept apart from <see cref="Allocations"/> because the request is inferred, not logged.
    /// </summary>
    public IReadOnlyList<AllocationCheck> SilentAllocationChecks { get; }

    /// <summary>The calls the replay made that the log does not show, with the evidence.</summary>
    public IReadOnlyList<InferredCall> Inferred { get; }

    /// <summary>How the state compared with each <c>MEMBLOCK configuration</c> dump.</summary>
    public IReadOnlyList<DumpCheck> Dumps { get; }

    /// <summary>What the replay could not see (a lost head, no memblock=debug, ...); empty when the log was complete.</summary>
    public IReadOnlyList<string> Unseen { get; }

    /// <summary>The final reserved memory by caller and by category.</summary>
    public ReservedAccount Account { get; }

    /// <summary>The path from physical RAM to MemTotal, when the log has the <c>Memory:</c> line.</summary>
    public MemTotalPath? Path { get; }

    /// <summary>The number of logged memblock calls replayed.</summary>
    public int CallsReplayed { get; }

    /// <summary>The number of logged calls seen but not replayable (before the state could be known).</summary>
    public int CallsNotReplayable { get; }
}
