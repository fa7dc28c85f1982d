namespace MemblockSharp.Boot.Profiles;

/// <summary>
/// What the boot simulation needs to know about one kernel build: page size and buddy orders, zone rules, address
/// limits, the image layout from <c>System.map</c>, the configuration defaults that decide early reservations (CMA,
/// log buffer, CPUs, NUMA, deferred struct-page init, swiotlb) and the sizes of the kernel's own early allocations.
/// Build one with <see cref="KernelProfileParser"/> or take a built-in one from <see cref="BuiltInProfiles"/>.
/// </summary>
public sealed record KernelProfile
{
    /// <summary>A short name (<c>debian-6.1-arm64</c>, or the file name of a user's System.map).</summary>
    public required string Name { get; init; }

    /// <summary>The architecture; selects the boot flow.</summary>
    public required KernelArch Arch { get; init; }

    /// <summary>The kernel release the profile models; it selects the version's rules (<see cref="Rules"/>).</summary>
    public KernelVersion Version { get; init; } = KernelVersion.Linux6_1;

    /// <summary>The behaviour that differs between kernel releases, as the boot stages consult it.</summary>
    public KernelRules Rules => Versions.KernelVersionPolicies.For(Version).Rules(this);

    /// <summary><c>PAGE_SIZE</c> in bytes.</summary>
    public ulong PageSize { get; init; } = 4096;

    /// <summary>
    /// The number of buddy orders: the allocator has orders 0 … MaxOrder − 1. This is <c>MAX_ORDER</c> of Linux 6.1 and
    /// <c>NR_PAGE_ORDERS</c> (<c>MAX_PAGE_ORDER + 1</c>) of 6.12, which redefined <c>CONFIG_ARCH_FORCE_MAX_ORDER</c> as
    /// the highest order.
    /// </summary>
    public int MaxOrder { get; init; } = 11;

    /// <summary><c>pageblock_order</c> (9 = 2 MiB with 4 KiB pages and huge pages).</summary>
    public int PageblockOrder { get; init; } = 9;

    /// <summary>
    /// Physical address bits in effect (<c>PHYS_MASK_SHIFT</c>: <c>CONFIG_ARM64_PA_BITS</c>, but 48 for a 52-bit LPA2
    /// kernel on a CPU without LPA2, as every modelled CPU is; 40 with LPAE).
    /// </summary>
    public int PhysAddrBits { get; init; } = 48;

    /// <summary>
    /// <c>sizeof(phys_addr_t)</c>: 8 on arm64 and with <c>CONFIG_PHYS_ADDR_T_64BIT</c> (32-bit ARM with LPAE), 4 on a
    /// classic 32-bit ARM kernel, whose <c>%pa</c> prints then have 8 hex digits instead of 16.
    /// </summary>
    public int PhysAddrBytes { get; init; } = 8;

    /// <summary>
    /// Virtual address bits in effect (<c>vabits_actual</c>): <c>CONFIG_ARM64_VA_BITS</c>, but 48 for a 52-bit kernel on
    /// a CPU without 52-bit VA support. The linear map covers 2^(VaBits − 1) bytes.
    /// </summary>
    public int VaBits { get; init; } = 48;

    /// <summary>
    /// <c>CONFIG_ARM64_VA_BITS</c> as built. When larger than <see cref="VaBits"/>, the compile-time <c>PAGE_OFFSET</c>
    /// lies below the real linear map, and <c>__pa(MAX_DMA_ADDRESS)</c> (a lower bound some early allocations pass)
    /// wraps to a value above all memory.
    /// </summary>
    public int VaBitsConfig { get; init; } = 48;

    /// <summary>Page-table levels (<c>CONFIG_PGTABLE_LEVELS</c>).</summary>
    public int PageTableLevels { get; init; } = 4;

    /// <summary>Where the image's sections lie.</summary>
    public required KernelImageLayout Image { get; init; }

    /// <summary>Sizes of the kernel's early allocations.</summary>
    public required KernelStructSizes Sizes { get; init; }

    /// <summary><c>CONFIG_NR_CPUS</c>: the most CPUs the kernel will bring up.</summary>
    public int NrCpus { get; init; } = 256;

    /// <summary><c>CONFIG_NUMA</c>.</summary>
    public bool Numa { get; init; } = true;

    /// <summary><c>CONFIG_NODES_SHIFT</c> (<c>MAX_NUMNODES = 1 &lt;&lt; NodesShift</c>).</summary>
    public int NodesShift { get; init; } = 4;

    /// <summary><c>CONFIG_LOG_BUF_SHIFT</c>: the static log buffer is 2^LogBufShift bytes.</summary>
    public int LogBufShift { get; init; } = 17;

    /// <summary><c>CONFIG_LOG_CPU_MAX_BUF_SHIFT</c>: extra log buffer per possible CPU beyond the first.</summary>
    public int LogCpuMaxBufShift { get; init; } = 12;

    /// <summary><c>CONFIG_CMA</c> and <c>CONFIG_DMA_CMA</c>: a default contiguous area is reserved.</summary>
    public bool DmaCma { get; init; } = true;

    /// <summary><c>CONFIG_CMA_SIZE_MBYTES</c> in bytes: the default CMA size without <c>cma=</c>.</summary>
    public ulong CmaDefaultBytes { get; init; } = 64UL << 20;

    /// <summary><c>CONFIG_DEFERRED_STRUCT_PAGE_INIT</c>.</summary>
    public bool DeferredStructPageInit { get; init; } = true;

    /// <summary><c>CONFIG_SWIOTLB</c>: a bounce buffer is set up when RAM lies beyond the DMA limit.</summary>
    public bool Swiotlb { get; init; } = true;

    /// <summary>The default swiotlb size (<c>IO_TLB_DEFAULT_SIZE</c>, 64 MiB).</summary>
    public ulong SwiotlbBytes { get; init; } = 64UL << 20;

    /// <summary><c>CONFIG_ZONE_DMA</c>.</summary>
    public bool ZoneDma { get; init; } = true;

    /// <summary><c>CONFIG_ZONE_DMA32</c>.</summary>
    public bool ZoneDma32 { get; init; } = true;

    /// <summary><c>CONFIG_HIGHMEM</c> (32-bit ARM).</summary>
    public bool Highmem { get; init; }

    /// <summary><c>CONFIG_PAGE_EXTENSION</c>: doubles <c>struct mem_section</c> on SPARSEMEM.</summary>
    public bool PageExtension { get; init; }

    /// <summary><c>CONFIG_PAGE_IDLE_FLAG</c>: on 32-bit kernels the idle flag lives in <c>page_ext</c>, so page_ext is set up.</summary>
    public bool PageIdleFlag { get; init; }

    /// <summary><c>CONFIG_ZONE_DEVICE</c>: an (empty) <c>Device</c> zone after <c>Movable</c>.</summary>
    public bool ZoneDevice { get; init; }

    /// <summary><c>CONFIG_CPUMASK_OFFSTACK</c>: cpumasks are allocated (arm64 selects it when <c>NR_CPUS</c> &gt; 256).</summary>
    public bool CpumaskOffstack { get; init; }

    /// <summary><c>CONFIG_SPARSEMEM</c> (else FLATMEM).</summary>
    public bool Sparsemem { get; init; } = true;

    /// <summary><c>CONFIG_TRANSPARENT_HUGEPAGE</c>: khugepaged raises <c>min_free_kbytes</c>.</summary>
    public bool TransparentHugepage { get; init; } = true;

    /// <summary><c>CONFIG_HUGETLB_PAGE</c>: hugetlbfs page sizes exist, and gigantic ones are taken from memblock at boot.</summary>
    public bool HugetlbPage { get; init; } = true;

    /// <summary><c>CONFIG_RODATA_FULL_DEFAULT_ENABLED</c>: the linear map is built from pages only.</summary>
    public bool RodataFull { get; init; } = true;

    /// <summary><c>CONFIG_KFENCE</c>: a KFENCE pool is taken from memblock when the sample interval is not 0.</summary>
    public bool Kfence { get; init; }

    /// <summary><c>CONFIG_KFENCE_SAMPLE_INTERVAL</c>: the interval without <c>kfence.sample_interval=</c> (0 keeps KFENCE off).</summary>
    public int KfenceSampleInterval { get; init; }

    /// <summary><c>CONFIG_MEMTEST</c>: <c>memtest=</c> is a parameter of this kernel (else it is unknown, passed to user space).</summary>
    public bool Memtest { get; init; }

    /// <summary><c>CONFIG_PAGE_OWNER</c>: <c>page_owner=</c> is a parameter of this kernel (else it is unknown).</summary>
    public bool PageOwner { get; init; }

    /// <summary><c>CONFIG_MEMORY_HOTPLUG</c>: <c>movable_node</c> is a parameter of this kernel (else it is unknown).</summary>
    public bool MemoryHotplug { get; init; }

    /// <summary><c>CONFIG_PAGE_OFFSET</c> (32-bit ARM: the virtual base of lowmem).</summary>
    public ulong PageOffset { get; init; } = 0xC000_0000;

    /// <summary><c>CONFIG_ARM_LPAE</c>.</summary>
    public bool Lpae { get; init; }

    /// <summary>Section size bits of SPARSEMEM (27 = 128 MiB on arm64 with 4 or 16 KiB pages, 29 with 64 KiB).</summary>
    public int SectionSizeBits { get; init; } = 27;

    /// <summary>log2 of <see cref="PageSize"/>.</summary>
    public int PageShift => System.Numerics.BitOperations.TrailingZeroCount(PageSize);

    /// <summary>Pages per pageblock.</summary>
    public ulong PageblockPages => 1UL << PageblockOrder;

    /// <summary><c>PMD_SHIFT</c>: the size one PMD entry maps (2 MiB with 4 KiB pages, 32 MiB with 16 KiB on arm64).</summary>
    public int PmdShift => Arch == KernelArch.Arm64 ? 2 * PageShift - 3 : 21;

    /// <summary><c>sizeof(cpumask_t)</c>: <c>NR_CPUS</c> bits rounded up to longs.</summary>
    public ulong CpumaskBytes => ((ulong)NrCpus + 8 * Sizes.Pointer - 1) / (8 * Sizes.Pointer) * Sizes.Pointer;

    /// <summary>Pages in one block of the highest buddy order (<c>MAX_ORDER_NR_PAGES</c>).</summary>
    public ulong MaxOrderPages => 1UL << (MaxOrder - 1);

    /// <summary><c>MAX_NUMNODES</c>.</summary>
    public int MaxNumNodes => Numa ? 1 << NodesShift : 1;

    /// <summary>The alignment and granule of CMA areas (<c>CMA_MIN_ALIGNMENT_BYTES</c>), as this release's rules give it.</summary>
    public ulong CmaAlignment => Versions.KernelVersionPolicies.For(Version).CmaAlignment(this);

    /// <summary><c>sizeof(struct mem_section)</c>: 16, or 32 with page extensions.</summary>
    public ulong MemSectionSize => PageExtension ? 32UL : 16UL;
}
