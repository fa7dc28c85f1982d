namespace MemblockSharp.Boot.DeviceTreeScan;

/// <summary>
/// The kernel build facts the early device-tree scan depends on. The defaults are Debian's Linux 6.1 arm64
/// kernel (4 KiB pages, 64-bit physical addresses, every memory address accepted at discovery).
/// </summary>
public sealed record BootScanOptions
{
    /// <summary>Debian 6.1 arm64 (4 KiB pages, MIN_MEMBLOCK_ADDR 0, MAX_MEMBLOCK_ADDR 2^64-1, 2 MiB CMA alignment).</summary>
    public static BootScanOptions Arm64 { get; } = new();

    /// <summary>
    /// Debian 6.1 armmp-lpae (32-bit ARM with LPAE: 64-bit phys_addr_t, 1 KiB command line). Memory below
    /// <paramref name="physOffset"/> (the kernel's PHYS_OFFSET, <c>__pa(PAGE_OFFSET)</c>) is dropped by the scan.
    /// </summary>
    /// <param name="physOffset">PHYS_OFFSET: where the kernel's linear map starts (0x40000000 on QEMU virt).</param>
    /// <returns>The options.</returns>
    public static BootScanOptions Arm32Lpae(ulong physOffset) => new()
    {
        MinMemblockAddress = physOffset,
        CommandLineSize = 1024,
        Arm32 = true,
    };

    /// <summary>PAGE_SIZE: banks are rounded to whole pages before memblock_add.</summary>
    public ulong PageSize { get; init; } = 4096;

    /// <summary>MIN_MEMBLOCK_ADDR: memory below it is dropped (arm64: 0; generic: <c>__pa(PAGE_OFFSET)</c>).</summary>
    public ulong MinMemblockAddress { get; init; }

    /// <summary>MAX_MEMBLOCK_ADDR: memory above it is dropped (arm64: 2^64-1; generic: the largest phys_addr_t).</summary>
    public ulong MaxMemblockAddress { get; init; } = ulong.MaxValue;

    /// <summary>CONFIG_PHYS_ADDR_T_64BIT; when false, banks ending above 4 GiB are truncated to 32 bits.</summary>
    public bool PhysAddr64Bit { get; init; } = true;

    /// <summary>COMMAND_LINE_SIZE: bootargs longer than this are cut (arm64 2048, arm 1024).</summary>
    public int CommandLineSize { get; init; } = 2048;

    /// <summary>
    /// CMA_MIN_ALIGNMENT_BYTES (PAGE_SIZE * pageblock_nr_pages): the least alignment of a reusable shared-dma-pool.
    /// 2 MiB for both Debian kernels (4 KiB pages, CONFIG_HUGETLB_PAGE=y, so pageblock_order is 9).
    /// </summary>
    public ulong CmaMinAlignment { get; init; } = 2UL << 20;

    /// <summary>SMP_CACHE_BYTES: the alignment a dynamic region gets when it asks for none (64 on arm and arm64).</summary>
    public ulong SmpCacheBytes { get; init; } = 64;

    /// <summary>MAX_RESERVED_REGIONS: the size of the kernel's reserved_mem table (64 in 6.1).</summary>
    public int MaxReservedRegions { get; init; } = 64;

    /// <summary>CONFIG_CMA (reusable shared-dma-pool regions become CMA areas).</summary>
    public bool Cma { get; init; } = true;

    /// <summary>CONFIG_CRASH_DUMP (linux,elfcorehdr is honoured).</summary>
    public bool CrashDump { get; init; } = true;

    /// <summary>CONFIG_BLK_DEV_INITRD (linux,initrd-start/end are honoured).</summary>
    public bool Initrd { get; init; } = true;

    /// <summary>True for 32-bit ARM, where a non-reusable shared-dma-pool needs no-map.</summary>
    public bool Arm32 { get; init; }
}
