using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.DeviceTreeScan;

/// <summary>
/// What Linux 6.1's early device-tree scan reads from a blob, as plain data in the order the kernel acts on
/// it: memory banks (for <c>memblock_add</c>), static reservations (for <c>memblock_reserve</c> /
/// <c>memblock_mark_nomap</c>), dynamic reserved-memory requests (for <c>memblock_phys_alloc_range</c>), the
/// /chosen values, the CPUs, and the messages the kernel prints while scanning.
/// </summary>
/// <param name="Model">The root <c>model</c> (or first <c>compatible</c>) as the "Machine model:" line shows it; null when neither.</param>
/// <param name="RootAddressCells">dt_root_addr_cells (root #address-cells, default 1 in the early scan).</param>
/// <param name="RootSizeCells">dt_root_size_cells (root #size-cells, default 1).</param>
/// <param name="Banks">Every memory-node tuple in scan order, with what early_init_dt_add_memory_arch made of it.</param>
/// <param name="Reservations">Static reservations in call order: /memreserve/ entries, /reserved-memory reg entries, then elfcorehdr.</param>
/// <param name="ReservedMemoryTable">The kernel's reserved_mem[] table after its sort: the order fdt_init_reserved_mem visits entries.</param>
/// <param name="DynamicRequests">Dynamic /reserved-memory allocations in the order the kernel makes them.</param>
/// <param name="ReservedMemoryIgnored">True when /reserved-memory exists but the kernel ignores it (cells differ from the root, or no ranges).</param>
/// <param name="Chosen">The /chosen values.</param>
/// <param name="Cpus">The cpu nodes under /cpus.</param>
/// <param name="Diagnostics">The messages the kernel prints during these scans (warnings and errors), in order.</param>
public sealed record BootScanResult(
    string? Model,
    int RootAddressCells,
    int RootSizeCells,
    IReadOnlyList<MemoryBank> Banks,
    IReadOnlyList<StaticReservation> Reservations,
    IReadOnlyList<ReservedMemoryEntry> ReservedMemoryTable,
    IReadOnlyList<DynamicReservationRequest> DynamicRequests,
    bool ReservedMemoryIgnored,
    ChosenInfo Chosen,
    IReadOnlyList<CpuNode> Cpus,
    IReadOnlyList<ScanDiagnostic> Diagnostics)
{
    /// <summary>The tree has a <c>/reserved-memory</c> node (6.12 says so when it has none).</summary>
    public bool HasReservedMemoryNode { get; init; }

    /// <summary>The highest CPU address the tree's <c>dma-ranges</c> let every bus reach (arm64 derives ZONE_DMA from it).</summary>
    public DmaRangesLimit DmaRanges { get; init; } = DmaRangesLimit.None;

    /// <summary>The banks that reach memblock_add (not ignored), in order.</summary>
    public IEnumerable<MemoryBank> AddedBanks => Banks.Where(b => b.Added);

    /// <summary>True when some memory node gave a bank (early_init_dt_scan_memory's return value).</summary>
    public bool FoundMemory => Banks.Count > 0;

    /// <summary>
    /// True when /chosen carries the EFI stub's linux,uefi-* values: the kernel then removes all memory and
    /// adds the UEFI memory map instead (efi_init), so the DT banks are not what memblock ends up with.
    /// </summary>
    public bool IsUefiBoot => Chosen.Uefi is { MemoryMapStart: not null };

    /// <summary>The number of usable cpu nodes (status not "fail"), which sizes per-CPU data.</summary>
    public int CpuCount => Cpus.Count(c => c.Usable);

    /// <summary>early_init_fdt_scan_reserved_mem step by step: what the boot replays against memblock.</summary>
    internal IReadOnlyList<ReservedMemoryScanEvent> ReservedMemoryEvents { get; init; } = [];
}

/// <summary>One (base, size) tuple of a memory node.</summary>
/// <param name="NodePath">The memory node's path.</param>
/// <param name="EntryIndex">The tuple's index within the property.</param>
/// <param name="Property"><c>reg</c>, or <c>linux,usable-memory</c> when that property replaces it.</param>
/// <param name="RawBase">The base as written in the tree.</param>
/// <param name="RawSize">The size as written in the tree.</param>
/// <param name="Base">The base passed to memblock_add (page-aligned up, clipped to MIN/MAX_MEMBLOCK_ADDR).</param>
/// <param name="Size">The size passed to memblock_add (whole pages, clipped).</param>
/// <param name="Added">False when the kernel ignores the bank ("Ignoring memory block ...").</param>
/// <param name="Hotpluggable">The node has <c>hotpluggable</c>: the raw range is then marked MEMBLOCK_HOTPLUG.</param>
/// <param name="NumaNodeId">The node's <c>numa-node-id</c>, or null (NUMA_NO_NODE until NUMA init).</param>
public sealed record MemoryBank(
    string NodePath, int EntryIndex, string Property, ulong RawBase, ulong RawSize,
    ulong Base, ulong Size, bool Added, bool Hotpluggable, int? NumaNodeId);

/// <summary>Where a static reservation comes from.</summary>
public enum ReservationSource
{
    /// <summary>An entry of the blob's memory-reservation map (<c>/memreserve/</c>).</summary>
    MemReserve,

    /// <summary>A <c>reg</c> entry of a /reserved-memory child.</summary>
    ReservedMemoryReg,

    /// <summary>/chosen <c>linux,elfcorehdr</c> (reserved by fdt_reserve_elfcorehdr unless already reserved).</summary>
    ElfCoreHeader,
}

/// <summary>A fixed-address reservation.</summary>
/// <param name="Source">Where it comes from.</param>
/// <param name="NodePath">The node path ("/memreserve/" for map entries).</param>
/// <param name="Name">The /reserved-memory child's name (with unit address), or null.</param>
/// <param name="EntryIndex">The index of the map entry or reg tuple.</param>
/// <param name="Base">The start address.</param>
/// <param name="Size">The size.</param>
/// <param name="NoMap">True for <c>no-map</c>: the kernel calls memblock_mark_nomap instead of memblock_reserve
/// (and refuses with -EBUSY when the range is memory that is already reserved).</param>
public sealed record StaticReservation(ReservationSource Source, string NodePath, string? Name, int EntryIndex, ulong Base, ulong Size, bool NoMap);

/// <summary>Which reserved-memory init function the kernel would run for a region, judged from its properties.</summary>
public enum ReservedMemoryPool
{
    /// <summary>No compatible the kernel initialises (the region is only reserved).</summary>
    None,

    /// <summary><c>shared-dma-pool</c> + <c>reusable</c> without <c>no-map</c>: a CMA area (rmem_cma_setup).</summary>
    Cma,

    /// <summary><c>shared-dma-pool</c> without <c>reusable</c>: a coherent DMA pool (rmem_dma_setup).</summary>
    DmaCoherent,

    /// <summary><c>restricted-dma-pool</c>: a restricted swiotlb pool.</summary>
    RestrictedDma,

    /// <summary><c>shared-dma-pool</c> that both pool kinds refuse (e.g. reusable with no-map): "compatible matching fail", the region is released.</summary>
    Refused,
}

/// <summary>One entry of the kernel's reserved_mem[] table.</summary>
/// <param name="NodePath">The /reserved-memory child.</param>
/// <param name="Name">Its name as the kernel prints it (with unit address).</param>
/// <param name="SaveIndex">The order in which the scan saved it.</param>
/// <param name="IsDynamic">True when it has no reg and gets its address from a dynamic allocation.</param>
/// <param name="Base">The first reg tuple's base (0 for dynamic entries).</param>
/// <param name="Size">The first reg tuple's size (0 for dynamic entries).</param>
/// <param name="Phandle">The node's phandle, or null.</param>
/// <param name="Compatible">The compatible strings.</param>
/// <param name="NoMap">The node has <c>no-map</c>.</param>
/// <param name="Reusable">The node has <c>reusable</c>.</param>
/// <param name="CmaDefault">The node has <c>linux,cma-default</c>.</param>
/// <param name="Pool">The init function that would claim it.</param>
public sealed record ReservedMemoryEntry(
    string NodePath, string Name, int SaveIndex, bool IsDynamic, ulong Base, ulong Size, uint? Phandle,
    IReadOnlyList<string> Compatible, bool NoMap, bool Reusable, bool CmaDefault, ReservedMemoryPool Pool);

/// <summary>A [start, end) window of <c>alloc-ranges</c>; end 0 stands for "anywhere" (MEMBLOCK_ALLOC_ANYWHERE).</summary>
/// <param name="Start">The lowest address.</param>
/// <param name="End">The exclusive upper bound passed to the allocator.</param>
public readonly record struct AllocRange(ulong Start, ulong End);

/// <summary>A dynamic /reserved-memory region: what early_init_dt_alloc_reserved_memory_arch will ask memblock for.</summary>
/// <param name="Entry">The reserved_mem[] entry it fills.</param>
/// <param name="Size">The <c>size</c> property.</param>
/// <param name="RequestedAlignment">The <c>alignment</c> property (0 when absent).</param>
/// <param name="Alignment">The alignment passed to memblock_phys_alloc_range (raised to the CMA minimum for reusable
/// shared-dma-pools, SMP_CACHE_BYTES when 0).</param>
/// <param name="Ranges">The windows tried in order: each <c>alloc-ranges</c> tuple, or one [0, ANYWHERE) window.
/// The End of each is what memblock_phys_alloc_range receives as <c>end</c> (ulong.MaxValue for anywhere).</param>
public sealed record DynamicReservationRequest(ReservedMemoryEntry Entry, ulong Size, ulong RequestedAlignment, ulong Alignment, IReadOnlyList<AllocRange> Ranges)
{
    /// <summary>The node path.</summary>
    public string NodePath => Entry.NodePath;

    /// <summary>The node name as the kernel prints it.</summary>
    public string Name => Entry.Name;
}

/// <summary>The /chosen values the early scan reads.</summary>
/// <param name="NodePath">"/chosen" or "/chosen@0", or null when there is none.</param>
/// <param name="Bootargs">The command line (cut to COMMAND_LINE_SIZE - 1 characters), or null.</param>
/// <param name="InitrdStart">linux,initrd-start, when both ends are present and start &lt;= end.</param>
/// <param name="InitrdEnd">linux,initrd-end, likewise.</param>
/// <param name="UsableMemoryRanges">linux,usable-memory-range (at most 2): the first caps memory, the second is added.</param>
/// <param name="ElfCoreHeader">linux,elfcorehdr (base, size), or null.</param>
/// <param name="HasRngSeed">rng-seed is present (the kernel consumes it and turns it into NOPs).</param>
/// <param name="HasKaslrSeed">kaslr-seed is present.</param>
/// <param name="StdoutPath">stdout-path (or linux,stdout-path), or null.</param>
/// <param name="Uefi">The linux,uefi-* properties the EFI stub adds, or null when none.</param>
public sealed record ChosenInfo(
    string? NodePath, string? Bootargs, ulong? InitrdStart, ulong? InitrdEnd, IReadOnlyList<RegEntry> UsableMemoryRanges,
    RegEntry? ElfCoreHeader, bool HasRngSeed, bool HasKaslrSeed, string? StdoutPath, UefiParameters? Uefi);

/// <summary>The UEFI hand-over values in /chosen (arm64 EFI stub).</summary>
/// <param name="SystemTable">linux,uefi-system-table.</param>
/// <param name="MemoryMapStart">linux,uefi-mmap-start.</param>
/// <param name="MemoryMapSize">linux,uefi-mmap-size.</param>
/// <param name="DescriptorSize">linux,uefi-mmap-desc-size.</param>
/// <param name="DescriptorVersion">linux,uefi-mmap-desc-ver.</param>
/// <param name="SecureBoot">linux,uefi-secure-boot.</param>
public sealed record UefiParameters(ulong? SystemTable, ulong? MemoryMapStart, ulong? MemoryMapSize, ulong? DescriptorSize, ulong? DescriptorVersion, ulong? SecureBoot);

/// <summary>A cpu node under /cpus.</summary>
/// <param name="Path">The node path.</param>
/// <param name="Reg">The first reg value (MPIDR on arm64), or null.</param>
/// <param name="Status">The status string, or null.</param>
/// <param name="Usable">False when status says "fail..." (the kernel skips such CPUs).</param>
/// <param name="NumaNodeId">numa-node-id, or null.</param>
/// <param name="EnableMethod">enable-method, or null.</param>
public sealed record CpuNode(string Path, ulong? Reg, string? Status, bool Usable, int? NumaNodeId, string? EnableMethod)
{
    /// <summary>The node's <c>compatible</c> strings (the core, e.g. <c>arm,cortex-a72</c>), empty when it has none.</summary>
    public IReadOnlyList<string> Compatible { get; init; } = [];
}

/// <summary>How serious a scan message is (the kernel's log level).</summary>
public enum DiagnosticLevel
{
    /// <summary>pr_info.</summary>
    Info,

    /// <summary>pr_warn.</summary>
    Warning,

    /// <summary>pr_err / pr_crit.</summary>
    Error,
}

/// <summary>A message the kernel prints while scanning, in its own words.</summary>
/// <param name="Level">The log level.</param>
/// <param name="Message">The text with the kernel's prefix (e.g. "OF: fdt: Ignoring memory block 0x0 - 0x800").</param>
/// <param name="NodePath">The node concerned, or null.</param>
public sealed record ScanDiagnostic(DiagnosticLevel Level, string Message, string? NodePath);
