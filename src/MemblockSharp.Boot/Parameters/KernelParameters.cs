using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Parameters;

/// <summary>
/// The catalogue of kernel parameters that touch the memory path of Linux on arm64 and 32-bit ARM, with what each
/// changes and whether the boot models it. docs/parameters.md is its long form; a test keeps the two in step.
/// </summary>
public static class KernelParameters
{
    private const ParameterStatus M = ParameterStatus.Modelled, N = ParameterStatus.NotModelled, X = ParameterStatus.NoMemoryEffect;

    /// <summary>Every parameter of the catalogue, by name.</summary>
    public static IReadOnlyList<KernelParameter> All { get; } =
    [
        // Modelled.
        new("mem", M, M, "limits the memory the kernel uses (arm64: memblock_mem_limit_remove_map; arm: replaces the banks)", ""),
        new("memblock", M, M, "memblock=debug prints every memblock call (nothing else changes)", ""),
        new("cma", M, M, "the size, base and limit of the default CMA area (replaces a device tree's linux,cma-default pool)", "CONFIG_DMA_CMA"),
        new("crashkernel", M, M, "reserves memory for a kdump kernel (SIZE, SIZE@BASE, ranges; arm64 also ,high and ,low: 6.1 adds no default low part and never falls back, 6.12 does both; arm takes the plain forms only)", "CONFIG_KEXEC_CORE / CONFIG_CRASH_DUMP (6.12: CONFIG_CRASH_RESERVE)"),
        new("log_buf_len", M, M, "the printk ring buffer: a larger one is allocated from memblock in setup_log_buf", "CONFIG_PRINTK"),

        // DMA: bounce buffers and CMA areas.
        new("swiotlb", M, N, "the size of the swiotlb bounce buffer (slabs, areas) and whether it is set up (force, noforce)", "CONFIG_SWIOTLB"),
        new("cma_pernuma", N, X, "a CMA area on every NUMA node", "CONFIG_DMA_PERNUMA_CMA"),
        new("numa_cma", N, X, "a CMA area of the given size on each named NUMA node (6.12)", "CONFIG_DMA_NUMA_CMA"),
        new("coherent_pool", X, X, "the atomic DMA pools' size: they are allocated from the buddy allocator in an initcall (dma_atomic_pool_init; arm: atomic_pool_init), after MemTotal is fixed", "CONFIG_DMA_COHERENT_POOL (arm64), arm's own"),

        // The lowmem line and the linear map.
        new("vmalloc", X, N, "the size of the vmalloc area, and so where lowmem ends and highmem begins", "CONFIG_HIGHMEM (arm)"),
        new("rodata", M, X, "rodata=off/on/full: whether the arm64 linear map is mapped by pages (rodata_full, or in 6.1 any crashkernel=) or by 2 MiB/1 GiB blocks, and so its page tables; 32-bit ARM only changes permissions", "CONFIG_RODATA_FULL_DEFAULT_ENABLED (arm64)"),
        new("debug_pagealloc", N, N, "debug_pagealloc=on maps the linear map by pages (arm64) and adds a page_ext user", "CONFIG_DEBUG_PAGEALLOC"),
        new("kfence.sample_interval", X, X, "CONFIG_KFENCE is not built in the 6.1 profiles, so nothing changes; a kernel that builds it (the 6.12 profiles, interval 0 by default) takes its pool from memblock when the interval is not 0: warned as not modelled", "CONFIG_KFENCE"),
        new("nokaslr", X, X, "no randomised placement: the simulation places the image where it is loaded and the linear map at its lowest offset (6.1 arm64 passes nokaslr to user space as unknown)", "CONFIG_RANDOMIZE_BASE"),
        new("kvm-arm.mode", N, X, "kvm-arm.mode=protected reserves the hypervisor's memory from memblock (kvm_hyp_reserve)", "CONFIG_KVM (arm64)"),

        // Huge pages.
        new("hugepagesz", M, M, "with hugepages=: a gigantic size (order >= MAX_ORDER; arm64 4K: 1G and 32M) takes its pages from memblock at boot; 6.1 counts them in the Memory: line's reserved figure, 6.12 not; MemTotal counts them either way (arm: 2M only, never gigantic)", "CONFIG_HUGETLB_PAGE"),
        new("hugepages", M, M, "huge pages allocated at boot: gigantic ones from memblock (N or NODE:N,...); the others from the buddy allocator after boot, which leaves MemTotal unchanged", "CONFIG_HUGETLB_PAGE"),
        new("default_hugepagesz", M, M, "the default huge page size, which a leading hugepages= then applies to (a gigantic one is allocated from memblock)", "CONFIG_HUGETLB_PAGE"),
        new("hugetlb_cma", M, X, "a CMA area per node (or NODE:SIZE each) for gigantic pages, reserved from memblock after NUMA init, in the cma-reserved figure; boot-time gigantic pages are then skipped (arm never calls hugetlb_cma_reserve)", "CONFIG_CMA, CONFIG_HUGETLB_PAGE (arm64)"),
        new("hugetlb_free_vmemmap", X, X, "frees the struct pages of boot huge pages; not built into these kernels (no HUGETLB_PAGE_OPTIMIZE_VMEMMAP)", "CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP"),
        new("transparent_hugepage", X, X, "the THP policy: decided after boot, no boot-time memory", "CONFIG_TRANSPARENT_HUGEPAGE"),

        // Zones and nodes.
        new("kernelcore", M, M, "kernelcore=SIZE|N%: the memory kept for the kernel, spread over the nodes; the rest of the highest populated zone becomes ZONE_MOVABLE (find_zone_movable_pfns_for_nodes): pages move between zones, MemTotal stays; kernelcore=mirror is not modelled (warned)", ""),
        new("movablecore", M, M, "movablecore=SIZE|N%: ZONE_MOVABLE's size (rounded up to MAX_ORDER_NR_PAGES), as kernelcore= of the rest", ""),
        new("movable_node", N, X, "hotpluggable memory goes to ZONE_MOVABLE", "CONFIG_MEMORY_HOTPLUG"),
        new("numa", M, X, "numa=off (arm64): dummy_numa_init, one node over all memory and every CPU on node 0, so one NODE_DATA, one per-CPU group and the dentry/inode hashes from memblock; 32-bit ARM has no NUMA: the kernel passes it to user space as unknown (6.12 numa=fake=N is not modelled: warned)", "CONFIG_NUMA (arm64); numa=fake: CONFIG_NUMA_EMU"),
        new("hashdist", N, X, "hashdist=0 allocates the dentry and inode hashes from memblock also with several nodes", "CONFIG_NUMA (arm64)"),

        // Possible CPUs: the per-CPU areas and the log buffer.
        new("nr_cpus", M, M, "lowers nr_cpu_ids, so the possible CPUs from the device tree are clipped (smp_init_cpus, arm_dt_init_cpu_maps): the per-CPU areas, the log buffer's per-CPU part, swiotlb's area count and offstack cpumasks follow", "CONFIG_SMP"),
        new("nosmp", X, X, "as maxcpus=0: no secondary CPU is brought up, but the possible CPUs (and so the per-CPU areas) stay", "CONFIG_SMP"),
        new("maxcpus", X, X, "only the CPUs brought up at boot (setup_max_cpus): possible CPUs, and so the per-CPU areas, stay; maxcpus=0 calls arch_disable_smp_support, empty on arm64 and arm", "CONFIG_SMP"),
        new("percpu_alloc", N, X, "percpu_alloc=page builds the first per-CPU chunk from pages instead of embedding it", "CONFIG_NEED_PER_CPU_PAGE_FIRST_CHUNK (arm64)"),

        // Early reservations and tests.
        new("memtest", X, X, "CONFIG_MEMTEST is not built in these profiles: the kernel passes memtest= to user space as unknown; a kernel that builds it tests free memory early (on a simulated machine nothing is bad): warned as not modelled", "CONFIG_MEMTEST"),
        new("reserve_mem", N, N, "reserve_mem=SIZE:ALIGN:NAME reserves memory from memblock by name (6.12)", ""),
        new("efi", M, M, "efi=debug prints the UEFI map; noruntime/runtime decide only whether runtime services are mapped later, from the buddy allocator; nosoftreserve on a UEFI boot makes specific-purpose memory usable (not modelled: warned); without UEFI nothing changes", "CONFIG_EFI"),
        new("acpi", N, X, "acpi=force/on boots from ACPI tables (memory from the UEFI map, not simulated); acpi=off on a DT boot changes nothing", "CONFIG_ACPI (arm64)"),
        new("initrd", N, N, "initrd=ADDR,SIZE: the initrd's place, reserved in memblock and freed after boot", "CONFIG_BLK_DEV_INITRD"),
        new("initrdmem", N, N, "initrdmem=ADDR,SIZE: the initrd's place, as initrd=ADDR,SIZE", "CONFIG_BLK_DEV_INITRD"),
        new("retain_initrd", N, N, "the initrd is not freed after boot, so MemTotal stays without it", "CONFIG_BLK_DEV_INITRD"),
        new("keepinitrd", N, N, "the initrd is not freed after boot, so MemTotal stays without it", "CONFIG_ARCH_HAS_KEEPINITRD"),

        // page_ext users and the stack depot.
        new("page_owner", X, X, "CONFIG_PAGE_OWNER is not built in these profiles: the kernel passes page_owner= to user space as unknown; a kernel that builds it sets up page_ext storage and the stack depot's hash table: warned as not modelled", "CONFIG_PAGE_OWNER"),
        new("page_table_check", N, X, "page_ext storage for every page", "CONFIG_PAGE_TABLE_CHECK"),
        new("debug_guardpage_minorder", N, N, "guard pages with debug_pagealloc: a page_ext user and pages kept out of the free lists", "CONFIG_DEBUG_PAGEALLOC"),
        new("early_page_ext", X, X, "page_ext set up before deferred struct page init (where it comes from, not how much memory)", "CONFIG_PAGE_EXTENSION"),

        // System hash tables.
        new("dhash_entries", M, M, "the dentry hash table's entries (alloc_large_system_hash from memblock; a power of two, at least 2, at most 1/16 of memory)", ""),
        new("ihash_entries", M, M, "the inode hash table's entries (alloc_large_system_hash from memblock; a power of two, at most 1/16 of memory)", ""),
        new("mhash_entries", X, X, "the mount hash table's size: allocated after boot from the buddy allocator, so MemTotal stays", ""),
        new("mphash_entries", X, X, "the mountpoint hash table's size: allocated after boot from the buddy allocator, so MemTotal stays", ""),
    ];

    private static readonly Dictionary<string, KernelParameter> ByName = All.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The catalogue entry for <paramref name="name"/>, or null when the parameter does not touch memory.</summary>
    /// <param name="name">The parameter name, before any <c>=</c>.</param>
    /// <returns>The entry, or null.</returns>
    public static KernelParameter? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// The parameters of <paramref name="tokens"/> that change memory on <paramref name="arch"/> and that the boot does
    /// not model, each with the token as written; <c>memblock=debug</c>-like values that change nothing are left out.
    /// </summary>
    /// <param name="tokens">The command line's parameters (<c>name</c> or <c>name=value</c>).</param>
    /// <param name="arch">The kernel's architecture.</param>
    /// <returns>The token and its catalogue entry, in command-line order.</returns>
    public static IEnumerable<(string Token, KernelParameter Parameter)> NotModelled(IEnumerable<string> tokens, KernelArch arch)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (var token in tokens)
        {
            int eq = token.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? token : token[..eq];
            string value = eq < 0 ? "" : token[(eq + 1)..];
            if (Find(name) is { } parameter && parameter.StatusOn(arch) == ParameterStatus.NotModelled && !ChangesNothing(name, value))
                yield return (token, parameter);
        }
    }

    // Values that are real but change nothing the boot reports.
    private static bool ChangesNothing(string name, string value) => (name, value) switch
    {
        ("efi", "debug") => true,
        ("acpi", "off") => true, // a device-tree boot already ignores ACPI
        ("kvm-arm.mode", _) when value != "protected" => true, // only protected mode reserves hypervisor memory
        ("hashdist", "1") => true, // the default with several nodes; one node turns it off anyway
        ("percpu_alloc", "embed") => true, // the default first chunk
        ("initrd", _) when !value.Contains(',', StringComparison.Ordinal) => true, // a file for the EFI stub; only ADDR,SIZE places an initrd
        _ => false,
    };
}
