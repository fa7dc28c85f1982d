namespace MemblockSharp;

/// <summary>
/// The build parameters of a kernel that change memblock's observable behaviour. Real kernels differ in these,
/// so they are settings of an instance rather than constants. The defaults are those of an arm64 Linux 6.1
/// kernel with 4 KiB pages and <c>CONFIG_NODES_SHIFT=4</c>.
/// </summary>
public sealed record MemblockOptions
{
    /// <summary>
    /// The kernel release whose memblock rules the instance follows (<see cref="MemblockRules"/>). Default
    /// <see cref="MemblockVersion.Linux6_1"/>.
    /// </summary>
    public MemblockVersion KernelVersion { get; init; } = MemblockVersion.Linux6_1;

    /// <summary><c>MAX_NUMNODES</c>: the node id given to regions added without a node. Default 16.</summary>
    public int MaxNumNodes { get; init; } = 16;

    /// <summary>
    /// <c>CONFIG_NUMA</c>: when false, regions carry no node and every node reads as 0, as in a kernel built without NUMA.
    /// Default true.
    /// </summary>
    public bool Numa { get; init; } = true;

    /// <summary><c>SMP_CACHE_BYTES</c>: the alignment used when an allocation asks for alignment 0. Default 64 (arm64).</summary>
    public ulong SmpCacheBytes { get; init; } = 64;

    /// <summary><c>PAGE_SIZE</c> in bytes; must be a power of two. Default 4096.</summary>
    public ulong PageSize { get; init; } = 4096;

    /// <summary><c>INIT_MEMBLOCK_REGIONS</c>: the capacity of both static region arrays at boot. Default 128.</summary>
    public int InitialRegions { get; init; } = 128;

    /// <summary>
    /// The size in bytes of one region entry in the kernel's array (<c>sizeof(struct memblock_region)</c>), which
    /// decides how large a doubled array is. Default 24 (64-bit base and size, 32-bit flags and nid).
    /// </summary>
    public ulong RegionEntrySize { get; init; } = 24;

    /// <summary>
    /// <c>sizeof(phys_addr_t)</c>: 8 (the default; arm64 and 32-bit ARM with LPAE) or 4 (32-bit ARM without LPAE). It
    /// decides how wide the kernel prints addresses with <c>%pa</c> (16 or 8 hex digits) in the <c>memblock=debug</c>
    /// lines, the configuration dump and the debugfs files, and where such a printed sum wraps.
    /// </summary>
    public int PhysAddrBytes { get; init; } = 8;

    /// <summary><c>ARCH_LOW_ADDRESS_LIMIT</c>: the ceiling used by <see cref="Memblock.AllocLow"/>. Default 0xffffffff.</summary>
    public ulong LowAddressLimit { get; init; } = 0xffff_ffffUL;

    /// <summary>
    /// How the region tables are stored: <see cref="RegionStorage.Indexed"/> (the default) finds and changes regions in
    /// logarithmic time; <see cref="RegionStorage.Array"/> is the kernel's plain array, kept as the reference. Both give
    /// identical results.
    /// </summary>
    public RegionStorage Storage { get; init; } = RegionStorage.Indexed;

    /// <summary>
    /// The number of regions one chunk of the <see cref="RegionStorage.Indexed"/> store holds before it splits (2 to
    /// 65536). It changes only the cost: the default suits tables from a handful to millions of regions, and tests use
    /// tiny chunks so that every operation crosses chunk boundaries. Default <see cref="DefaultIndexedChunkCapacity"/>.
    /// </summary>
    public int IndexedChunkCapacity { get; init; } = DefaultIndexedChunkCapacity;

    /// <summary>The default <see cref="IndexedChunkCapacity"/>: 64 regions.</summary>
    public const int DefaultIndexedChunkCapacity = 64;

    /// <summary>The default options (arm64 Linux 6.1).</summary>
    public static MemblockOptions Default { get; } = new();

    /// <summary>The log2 of <see cref="PageSize"/> (<c>PAGE_SHIFT</c>).</summary>
    public int PageShift => System.Numerics.BitOperations.TrailingZeroCount(PageSize);

    /// <summary>Checks the options and throws <see cref="ArgumentException"/> when one is out of range.</summary>
    public void Validate()
    {
        if (MaxNumNodes < 1 || MaxNumNodes > 1 << 16)
            throw new ArgumentException($"MaxNumNodes must be in 1..65536, not {MaxNumNodes}.");
        if (PageSize == 0 || (PageSize & (PageSize - 1)) != 0)
            throw new ArgumentException($"PageSize must be a power of two, not {PageSize}.");
        if (InitialRegions < 2)
            throw new ArgumentException($"InitialRegions must be at least 2, not {InitialRegions}.");
        if (IndexedChunkCapacity < 2 || IndexedChunkCapacity > 1 << 16)
            throw new ArgumentException($"IndexedChunkCapacity must be in 2..65536, not {IndexedChunkCapacity}.");
        if (PhysAddrBytes is not (4 or 8))
            throw new ArgumentException($"PhysAddrBytes must be 4 or 8, not {PhysAddrBytes}.");
        if (RegionEntrySize == 0)
            throw new ArgumentException("RegionEntrySize must not be 0.");
        if (!Enum.IsDefined(KernelVersion))
            throw new ArgumentException($"KernelVersion {(int)KernelVersion} is not a modelled kernel release.");
    }
}

/// <summary>The ways a <see cref="MemblockType"/> can keep its regions; observably identical, different in cost.</summary>
public enum RegionStorage
{
    /// <summary>An ordered list of small chunks with targeted merging: logarithmic lookups, cheap inserts.</summary>
    Indexed,

    /// <summary>One flat array, shifted and scanned exactly as the kernel does: the reference implementation.</summary>
    Array,
}
