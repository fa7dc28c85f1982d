namespace MemblockSharp.Boot.Profiles;

/// <summary>
/// The boot rules that changed between the modelled kernel releases, decided once from a profile's version and
/// configuration. The boot flow asks these instead of comparing versions itself, so a release is one place.
/// </summary>
public sealed record KernelRules
{
    /// <summary>
    /// arm64 reserves the image from <c>_text</c> (6.12) instead of <c>_stext</c> (6.1), so the 64 KiB head before
    /// <c>_stext</c> stays reserved.
    /// </summary>
    public bool ImageReservedFromText { get; init; }

    /// <summary>
    /// arm64 6.12 builds the kernel mapping and the idmap before <c>paging_init</c> (in the early C code): paging_init
    /// only maps the linear region and neither frees <c>init_pg_dir</c> nor allocates idmap tables.
    /// </summary>
    public bool EarlyKernelMapping { get; init; }

    /// <summary>
    /// arm64 6.12 sets up a small swiotlb even when all RAM is DMA-able (bounce buffers for kmalloc DMA), sized by
    /// <c>swiotlb_adjust_size</c> from the amount of RAM.
    /// </summary>
    public bool SwiotlbAlwaysOn { get; init; }

    /// <summary>
    /// 6.12's <c>swiotlb_init_remap</c> sizes the area array by the area count limited to what the slabs hold
    /// (<c>limit_nareas</c>); 6.1 by the configured count.
    /// </summary>
    public bool SwiotlbAreasLimitedToSlabs { get; init; }

    /// <summary>The generic NUMA code of 6.12 allocates the distance table only when a NUMA description provides one.</summary>
    public bool NumaDistanceOnlyFromFirmware { get; init; }

    /// <summary>
    /// 6.12's reserved-memory flow: static regions are saved (and printed, <c>OF: reserved mem: BASE..END …</c>) when the
    /// tree is unflattened, into an array allocated from memblock; dynamic regions as soon as they are allocated.
    /// </summary>
    public bool ReservedMemSecondPass { get; init; }

    /// <summary>arm64 6.12 reserves the crash kernel through the generic <c>reserve_crashkernel_generic</c>.</summary>
    public bool GenericCrashkernel { get; init; }

    /// <summary>arm64 6.12 frees the init sections from <c>memblock.reserved</c> as well when it frees them to the buddy allocator.</summary>
    public bool InitFreedFromMemblock { get; init; }

    /// <summary>
    /// 32-bit FLATMEM 6.12 with <c>CONFIG_PAGE_IDLE_FLAG</c>: <c>page_ext_init_flatmem</c> allocates page_ext for every
    /// node from memblock.
    /// </summary>
    public bool FlatmemPageExt { get; init; }

    /// <summary>
    /// 6.12 sizes the large system hashes (dentry, inode, …) from the pages memblock still has free when
    /// <c>free_area_init</c> ends (<c>calc_nr_kernel_pages</c>); 6.1 took each zone's present pages minus its memmap.
    /// The two differ where much memory is reserved or no-map early, as on a UEFI boot.
    /// </summary>
    public bool HashPagesFromFreeMemblock { get; init; }

    /// <summary>The 6.12 print forms: <c>NODE_DATA(N) allocated</c>, <c>cma: … on node -1</c>, <c>printk: legacy console</c>.</summary>
    public bool Prints612 { get; init; }

    /// <summary>
    /// 6.12 prints the <c>Memory:</c> line late (<c>page_alloc_init_late</c>) with <c>nr_free_pages()</c> as the first
    /// figure; the slab and other allocations made until then are not modelled, so that figure is an estimate.
    /// </summary>
    public bool LateMemoryLine { get; init; }

    /// <summary>
    /// 6.12's gigantic boot pages: <c>__alloc_bootmem_huge_page</c> marks all but the head page
    /// <c>MEMBLOCK_RSRV_NOINIT</c>, and <c>hugetlb_bootmem_struct_page_init</c> (in <c>page_alloc_init_late</c>) gives them
    /// back to <c>totalram_pages</c> before the <c>Memory:</c> line, which so leaves them out of its reserved figure (6.1
    /// does it in <c>hugetlb_init</c>, after the line).
    /// </summary>
    public bool HugetlbBootmemGatheredEarly { get; init; }

    /// <summary>6.12's <c>hugetlb_cma_reserve</c> aligns each area to the gigantic page (6.1: to <c>HPAGE_SIZE</c>).</summary>
    public bool HugetlbCmaAlignedToGiganticPage { get; init; }

    /// <summary>
    /// Parameters this release handles that the common list does not know: arm64 6.12 registers <c>nokaslr</c> as an
    /// early parameter (6.1 passed it on to user space as unknown).
    /// </summary>
    public IReadOnlyList<string> ExtraKnownParameters { get; init; } = [];

    /// <summary>
    /// arm64 6.12 dropped <c>crash_mem_map</c>: in 6.1 any <c>crashkernel=</c> on the command line, with ZONE_DMA or
    /// ZONE_DMA32 built (the reservation is deferred), maps the whole linear map with pages, as <c>rodata=full</c> does.
    /// </summary>
    public bool LinearMapIgnoresCrashkernel { get; init; }

    /// <summary>The rules of a release without any of the changes above (Linux 6.1).</summary>
    public static KernelRules None { get; } = new();

    /// <summary>The rules of Linux 6.12 for a profile (some depend on its architecture and configuration).</summary>
    /// <param name="profile">The profile.</param>
    /// <returns>Its rules.</returns>
    internal static KernelRules Linux612(KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        bool arm64 = profile.Arch == KernelArch.Arm64;
        return new KernelRules
        {
            ImageReservedFromText = arm64,
            EarlyKernelMapping = arm64,
            SwiotlbAlwaysOn = arm64 && profile.Swiotlb,
            SwiotlbAreasLimitedToSlabs = true,
            NumaDistanceOnlyFromFirmware = true,
            ReservedMemSecondPass = true,
            GenericCrashkernel = arm64,
            LinearMapIgnoresCrashkernel = arm64,
            InitFreedFromMemblock = arm64,
            FlatmemPageExt = !profile.Sparsemem && profile.PageExtension && profile.PageIdleFlag && profile.Sizes.Pointer == 4,
            HashPagesFromFreeMemblock = true,
            Prints612 = true,
            LateMemoryLine = true,
            HugetlbBootmemGatheredEarly = true,
            HugetlbCmaAlignedToGiganticPage = true,
            ExtraKnownParameters = arm64 ? ["nokaslr"] : [],
        };
    }
}
