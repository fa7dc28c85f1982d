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
        new("mem", M, M, "limits the memory the kernel uses (arm64: memblock_mem_limit_remove_map; arm: replaces the banks)", ""),
        new("memblock", M, M, "memblock=debug prints every memblock call (nothing else changes)", ""),
        new("cma", M, M, "the size, base and limit of the default CMA area (replaces a device tree's linux,cma-default pool)", "CONFIG_DMA_CMA"),
        new("crashkernel", M, M, "reserves memory for a kdump kernel (SIZE, SIZE@BASE, ranges; arm64 also ,high and ,low: 6.1 adds no default low part and never falls back, 6.12 does both; arm takes the plain forms only)", "CONFIG_KEXEC_CORE / CONFIG_CRASH_DUMP (6.12: CONFIG_CRASH_RESERVE)"),
        new("log_buf_len", M, M, "the printk ring buffer: a larger one is allocated from memblock in setup_log_buf", "CONFIG_PRINTK"),
        new("swiotlb", N, N, "the size of the swiotlb bounce buffer (slabs) and whether it is set up (force, noforce)", "CONFIG_SWIOTLB"),
        new("vmalloc", X, M, "arm: the size of the vmalloc area (16 MiB up to 976 MiB with a 3G split, clamped with a message), and so where lowmem ends and highmem begins; arm64 has no such parameter", "CONFIG_HIGHMEM (arm)"),
        new("hugepagesz", M, M, "with hugepages=: a gigantic size (order >= MAX_ORDER; arm64 4K: 1G and 32M) takes its pages from memblock at boot; 6.1 counts them in the Memory: line's reserved figure, 6.12 not; MemTotal counts them either way (arm: 2M only, never gigantic)", "CONFIG_HUGETLB_PAGE"),
        new("hugepages", M, M, "huge pages allocated at boot: gigantic ones from memblock (N or NODE:N,...); the others from the buddy allocator after boot, which leaves MemTotal unchanged", "CONFIG_HUGETLB_PAGE"),
        new("default_hugepagesz", M, M, "the default huge page size, which a leading hugepages= then applies to (a gigantic one is allocated from memblock)", "CONFIG_HUGETLB_PAGE"),
        new("hugetlb_cma", M, X, "a CMA area per node (or NODE:SIZE each) for gigantic pages, reserved from memblock after NUMA init, in the cma-reserved figure; boot-time gigantic pages are then skipped (arm never calls hugetlb_cma_reserve)", "CONFIG_CMA, CONFIG_HUGETLB_PAGE (arm64)"),
        new("cma_pernuma", M, X, "6.1 with CONFIG_DMA_PERNUMA_CMA (Debian arm64): a CMA area of that size on every online node, in the cma-reserved figure; without the option (Debian's 6.12 and arm builds) the kernel does not know it and passes it to user space", "CONFIG_DMA_PERNUMA_CMA (6.12: CONFIG_DMA_NUMA_CMA, warned)"),
        new("kernelcore", N, N, "memory for ZONE_MOVABLE: moves pages between zones", ""),
        new("movablecore", N, N, "memory for ZONE_MOVABLE: moves pages between zones", ""),
        new("movable_node", N, X, "hotpluggable memory goes to ZONE_MOVABLE", "CONFIG_MEMORY_HOTPLUG"),
        new("nr_cpus", N, N, "the number of possible CPUs, and so the per-CPU areas", "CONFIG_SMP"),
        new("maxcpus", X, X, "CPUs brought up at boot (possible CPUs, and so the per-CPU areas, stay)", "CONFIG_SMP"),
        new("nosmp", N, N, "one possible CPU, and so the per-CPU areas", "CONFIG_SMP"),
        new("numa", N, X, "numa=off: one node instead of the device tree's", "CONFIG_NUMA (arm64)"),
        new("rodata", N, X, "rodata=off/on/full: whether the linear map is mapped by pages, and so the page tables", "CONFIG_RODATA_FULL_DEFAULT_ENABLED (arm64)"),
        new("kfence.sample_interval", N, N, "0 keeps KFENCE off; its pool is taken from memblock and changes the linear map", "CONFIG_KFENCE"),
        new("memtest", N, N, "tests free memory early and reserves the bad ranges it finds", "CONFIG_MEMTEST"),
        new("page_owner", N, N, "page_ext storage for every page", "CONFIG_PAGE_OWNER"),
        new("efi", N, N, "efi=debug prints the map; other values change which UEFI memory the kernel uses", "CONFIG_EFI"),
        new("initrd", N, N, "initrd=ADDR,SIZE: the initrd's place, reserved in memblock and freed after boot", "CONFIG_BLK_DEV_INITRD"),
        new("nokaslr", X, X, "no randomised placement (the simulation places the image where it is loaded)", "CONFIG_RANDOMIZE_BASE"),
        new("coherent_pool", N, N, "the atomic DMA pools' size", "CONFIG_DMA_DIRECT_REMAP"),
        new("dhash_entries", N, N, "the dentry hash table's size", ""),
        new("ihash_entries", N, N, "the inode hash table's size", ""),
        new("mhash_entries", N, N, "the mount hash table's size", ""),
        new("mphash_entries", N, N, "the mountpoint hash table's size", ""),
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
        ("initrd", _) when !value.Contains(',', StringComparison.Ordinal) => true, // a file for the EFI stub; only ADDR,SIZE places an initrd
        _ => false,
    };
}
