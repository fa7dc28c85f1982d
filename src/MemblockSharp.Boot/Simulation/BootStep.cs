namespace MemblockSharp.Boot.Simulation;

/// <summary>
/// One step of the memory boot, named after the kernel function it models. An architecture lists the steps it takes
/// in its order (<see cref="Architectures.IBootArchitecture.Steps"/>); the hand-off to the buddy allocator follows
/// the last one.
/// </summary>
internal enum BootStep
{
    /// <summary><c>setup_machine_fdt</c>: memory banks from the DT (or UEFI), image, initrd and FDT placement.</summary>
    SetupMachineFdt,

    /// <summary><c>parse_early_param</c>: <c>mem=</c>, and <c>efi_init</c> when UEFI started the kernel.</summary>
    ParseEarlyParams,

    /// <summary>arm's <c>adjust_lowmem_bounds</c>: where lowmem ends.</summary>
    ArmAdjustLowmemBounds,

    /// <summary><c>arm64_memblock_init</c>: linear-map limits, initrd, image, DT reservations.</summary>
    Arm64MemblockInit,

    /// <summary><c>arm_memblock_init</c>: image, initrd, swapper page directory, DT reservations, CMA.</summary>
    ArmMemblockInit,

    /// <summary>arm64's <c>paging_init</c>: the linear map's page tables.</summary>
    Arm64PagingInit,

    /// <summary>arm's <c>paging_init</c>: early page tables, zones and the flat memmap.</summary>
    ArmPagingInit,

    /// <summary><c>unflatten_device_tree</c>.</summary>
    UnflattenDeviceTree,

    /// <summary>arm64's <c>bootmem_init</c>: NUMA, sparse memmap, zones, CMA, crash kernel.</summary>
    Arm64BootmemInit,

    /// <summary><c>request_standard_resources</c>.</summary>
    RequestStandardResources,

    /// <summary><c>smp_init_cpus</c>: the possible CPUs.</summary>
    SmpInitCpus,

    /// <summary>arm's <c>reserve_crashkernel</c> (after the CPUs are known).</summary>
    ArmReserveCrashkernel,

    /// <summary><c>setup_command_line</c>.</summary>
    SetupCommandLine,

    /// <summary><c>setup_per_cpu_areas</c>.</summary>
    SetupPerCpuAreas,

    /// <summary>
    /// <c>start_kernel</c>'s <c>Kernel command line:</c> line and <c>parse_args</c>: the <c>__setup</c> handlers, of which
    /// <c>hugepagesz=</c>/<c>hugepages=</c>/<c>default_hugepagesz=</c> take gigantic pages from memblock.
    /// </summary>
    ParseArgs,

    /// <summary><c>print_unknown_bootoptions</c>.</summary>
    PrintUnknownBootOptions,

    /// <summary><c>setup_log_buf</c>.</summary>
    SetupLogBuf,

    /// <summary><c>vfs_caches_init_early</c>: dentry and inode hashes.</summary>
    VfsCachesInitEarly,

    /// <summary>page_ext_init_flatmem: page_ext for every page of a FLATMEM kernel that needs it (6.12 on 32-bit ARM).</summary>
    PageExtInitFlatmem,

    /// <summary>arm64's <c>mem_init</c>: swiotlb.</summary>
    MemInit,
}
