namespace MemblockSharp.Boot.Profiles;

// Generated from tests/data/realboot/kernels/*/ (kernel-symbols.txt, config-memory.txt). Do not edit by hand.
internal static class BuiltInProfileData
{
    internal const string Arm64SystemMap = """
        0000000002010000 A _kernel_size_le_lo32
        ffff800008000000 T _text
        ffff800008010000 T _stext
        ffff800008ced000 T __hyp_idmap_text_start
        ffff800008cfd000 T __idmap_text_start
        ffff800008cfd930 T __idmap_text_end
        ffff800008d00000 D __start_rodata
        ffff800008d00000 D _etext
        ffff8000091ae200 R __start___ex_table
        ffff80000964d000 D __end_rodata
        ffff800009655000 T idmap_pg_dir
        ffff800009656000 T tramp_pg_dir
        ffff800009657000 T reserved_pg_dir
        ffff800009658000 T swapper_pg_dir
        ffff800009660000 T __init_begin
        ffff800009660000 T __inittext_begin
        ffff800009660000 T _sinittext
        ffff800009668d5c T primary_entry
        ffff8000096d5f98 T __exittext_begin
        ffff8000096d5f98 T _einittext
        ffff8000096d9218 T __exittext_end
        ffff800009740000 D __initdata_begin
        ffff800009740000 D __inittext_end
        ffff800009804000 D __per_cpu_load
        ffff800009804000 D __per_cpu_start
        ffff8000098194e8 D __per_cpu_end
        ffff800009cb0000 D __init_end
        ffff800009cb0000 D __initdata_end
        ffff800009cb0000 D _data
        ffff800009cb0000 D _sdata
        ffff800009f6d000 D __mmuoff_data_start
        ffff800009f6d808 D __mmuoff_data_end
        ffff800009f6da00 R _edata
        ffff800009f6e000 B __bss_start
        ffff80000a00add8 B __bss_stop
        ffff80000a00b000 B init_pg_dir
        ffff80000a010000 B _end
        ffff80000a010000 B init_pg_end
        """;

    internal const string Arm64Config = """
        CONFIG_THREAD_INFO_IN_TASK=y
        CONFIG_LOG_BUF_SHIFT=17
        CONFIG_LOG_CPU_MAX_BUF_SHIFT=12
        CONFIG_NUMA_BALANCING=y
        CONFIG_NUMA_BALANCING_DEFAULT_ENABLED=y
        CONFIG_MEMCG=y
        CONFIG_MEMCG_KMEM=y
        CONFIG_BLK_DEV_INITRD=y
        CONFIG_ARM64_CONT_PTE_SHIFT=4
        CONFIG_ARM64_CONT_PMD_SHIFT=4
        CONFIG_ARCH_MMAP_RND_BITS_MIN=18
        CONFIG_ARCH_MMAP_RND_BITS_MAX=33
        CONFIG_ARCH_MMAP_RND_COMPAT_BITS_MIN=11
        CONFIG_ARCH_MMAP_RND_COMPAT_BITS_MAX=16
        CONFIG_PGTABLE_LEVELS=4
        CONFIG_ARM64_4K_PAGES=y
        # CONFIG_ARM64_16K_PAGES is not set
        # CONFIG_ARM64_64K_PAGES is not set
        # CONFIG_ARM64_VA_BITS_39 is not set
        CONFIG_ARM64_VA_BITS_48=y
        CONFIG_ARM64_VA_BITS=48
        CONFIG_ARM64_PA_BITS_48=y
        CONFIG_ARM64_PA_BITS=48
        # CONFIG_CPU_BIG_ENDIAN is not set
        CONFIG_NR_CPUS=256
        CONFIG_NUMA=y
        CONFIG_NODES_SHIFT=4
        CONFIG_ARCH_SPARSEMEM_ENABLE=y
        CONFIG_KEXEC=y
        # CONFIG_KEXEC_FILE is not set
        CONFIG_CRASH_DUMP=y
        CONFIG_ARCH_FORCE_MAX_ORDER=11
        CONFIG_UNMAP_KERNEL_AT_EL0=y
        CONFIG_RODATA_FULL_DEFAULT_ENABLED=y
        # CONFIG_ARM64_SW_TTBR0_PAN is not set
        CONFIG_ARM64_MTE=y
        CONFIG_ARM64_MODULE_PLTS=y
        CONFIG_RANDOMIZE_BASE=y
        CONFIG_RANDOMIZE_MODULE_REGION_FULL=y
        CONFIG_EFI_STUB=y
        CONFIG_EFI=y
        CONFIG_ARCH_HAS_ACPI_TABLE_UPGRADE=y
        CONFIG_ACPI_NUMA=y
        CONFIG_KEXEC_CORE=y
        CONFIG_HAVE_DMA_CONTIGUOUS=y
        CONFIG_ARCH_MMAP_RND_BITS=18
        CONFIG_ARCH_MMAP_RND_COMPAT_BITS=11
        CONFIG_VMAP_STACK=y
        CONFIG_EFI_PARTITION=y
        CONFIG_ZSMALLOC=m
        # CONFIG_ZSMALLOC_STAT is not set
        # CONFIG_SLAB is not set
        CONFIG_SLUB=y
        CONFIG_SLAB_MERGE_DEFAULT=y
        CONFIG_SLAB_FREELIST_RANDOM=y
        CONFIG_SLAB_FREELIST_HARDENED=y
        # CONFIG_SLUB_STATS is not set
        CONFIG_SLUB_CPU_PARTIAL=y
        CONFIG_SHUFFLE_PAGE_ALLOCATOR=y
        CONFIG_SPARSEMEM=y
        CONFIG_SPARSEMEM_EXTREME=y
        CONFIG_SPARSEMEM_VMEMMAP_ENABLE=y
        CONFIG_SPARSEMEM_VMEMMAP=y
        CONFIG_HAVE_FAST_GUP=y
        CONFIG_ARCH_KEEP_MEMBLOCK=y
        CONFIG_NUMA_KEEP_MEMINFO=y
        CONFIG_MEMORY_HOTPLUG=y
        # CONFIG_MEMORY_HOTPLUG_DEFAULT_ONLINE is not set
        CONFIG_MEMORY_HOTREMOVE=y
        CONFIG_SPLIT_PTLOCK_CPUS=4
        CONFIG_MEMORY_BALLOON=y
        CONFIG_COMPACTION=y
        CONFIG_PAGE_REPORTING=y
        CONFIG_CONTIG_ALLOC=y
        CONFIG_PHYS_ADDR_T_64BIT=y
        CONFIG_TRANSPARENT_HUGEPAGE=y
        CONFIG_TRANSPARENT_HUGEPAGE_ALWAYS=y
        # CONFIG_TRANSPARENT_HUGEPAGE_MADVISE is not set
        CONFIG_NEED_PER_CPU_EMBED_FIRST_CHUNK=y
        CONFIG_NEED_PER_CPU_PAGE_FIRST_CHUNK=y
        CONFIG_HAVE_SETUP_PER_CPU_AREA=y
        CONFIG_CMA=y
        # CONFIG_CMA_DEBUG is not set
        # CONFIG_CMA_DEBUGFS is not set
        # CONFIG_CMA_SYSFS is not set
        CONFIG_CMA_AREAS=19
        CONFIG_GENERIC_EARLY_IOREMAP=y
        CONFIG_DEFERRED_STRUCT_PAGE_INIT=y
        CONFIG_ZONE_DMA=y
        CONFIG_ZONE_DMA32=y
        # CONFIG_ZONE_DEVICE is not set
        # CONFIG_PERCPU_STATS is not set
        CONFIG_EFI_ESRT=y
        CONFIG_EFI_VARS_PSTORE=m
        # CONFIG_EFI_VARS_PSTORE_DEFAULT_DISABLE is not set
        CONFIG_EFI_SOFT_RESERVE=y
        CONFIG_EFI_PARAMS_FROM_FDT=y
        CONFIG_EFI_RUNTIME_WRAPPERS=y
        CONFIG_EFI_GENERIC_STUB=y
        # CONFIG_EFI_ZBOOT is not set
        CONFIG_EFI_ARMSTUB_DTB_LOADER=y
        CONFIG_EFI_GENERIC_STUB_INITRD_CMDLINE_LOADER=y
        CONFIG_EFI_BOOTLOADER_CONTROL=m
        CONFIG_EFI_CAPSULE_LOADER=m
        # CONFIG_EFI_TEST is not set
        # CONFIG_EFI_DISABLE_PCI_DMA is not set
        CONFIG_EFI_EARLYCON=y
        CONFIG_EFI_CUSTOM_SSDT_OVERLAYS=y
        # CONFIG_EFI_DISABLE_RUNTIME is not set
        # CONFIG_EFI_COCO_SECRET is not set
        CONFIG_OF_RESERVED_MEM=y
        CONFIG_SWIOTLB_XEN=y
        CONFIG_ARCH_HAS_RESET_CONTROLLER=y
        CONFIG_HUGETLBFS=y
        CONFIG_HUGETLB_PAGE=y
        CONFIG_EFIVAR_FS=m
        CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y
        # CONFIG_INIT_ON_FREE_DEFAULT_ON is not set
        CONFIG_SWIOTLB=y
        # CONFIG_DMA_RESTRICTED_POOL is not set
        CONFIG_DMA_COHERENT_POOL=y
        CONFIG_DMA_DIRECT_REMAP=y
        CONFIG_DMA_CMA=y
        CONFIG_DMA_PERNUMA_CMA=y
        CONFIG_CMA_SIZE_MBYTES=64
        CONFIG_CMA_SIZE_SEL_MBYTES=y
        # CONFIG_CMA_SIZE_SEL_PERCENTAGE is not set
        # CONFIG_CMA_SIZE_SEL_MIN is not set
        # CONFIG_CMA_SIZE_SEL_MAX is not set
        CONFIG_CMA_ALIGNMENT=8
        CONFIG_ARCH_HAS_UACCESS_FLUSHCACHE=y
        # CONFIG_KCSAN is not set
        CONFIG_PAGE_EXTENSION=y
        # CONFIG_DEBUG_PAGEALLOC is not set
        CONFIG_SLUB_DEBUG=y
        # CONFIG_SLUB_DEBUG_ON is not set
        # CONFIG_PAGE_OWNER is not set
        # CONFIG_PAGE_TABLE_CHECK is not set
        CONFIG_PAGE_POISONING=y
        # CONFIG_DEBUG_VM is not set
        # CONFIG_DEBUG_VM_PGTABLE is not set
        # CONFIG_KASAN is not set
        # CONFIG_KFENCE is not set
        # CONFIG_PERCPU_TEST is not set
        # CONFIG_MEMTEST is not set
        # CONFIG_HAVE_MEMBLOCK_PHYS_MAP does not appear in this config
        # CONFIG_HIGHMEM does not appear in this config
        # CONFIG_FORCE_MAX_ZONEORDER does not appear in this config
        """;

    internal const string CloudArm64SystemMap = """
        0000000001ab0000 A _kernel_size_le_lo32
        ffff800008000000 T _text
        ffff800008010000 T _stext
        ffff800008be0000 D __start_rodata
        ffff800008be0000 D _etext
        ffff800009384000 D __end_rodata
        ffff80000938c000 T idmap_pg_dir
        ffff80000938d000 T tramp_pg_dir
        ffff80000938e000 T reserved_pg_dir
        ffff80000938f000 T swapper_pg_dir
        ffff800009390000 T __init_begin
        ffff800009390000 T __inittext_begin
        ffff800009390000 T _sinittext
        ffff8000093f4c0c T _einittext
        ffff800009450000 D __initdata_begin
        ffff800009450000 D __inittext_end
        ffff8000094c9000 D __per_cpu_load
        ffff8000094c9000 D __per_cpu_start
        ffff8000094ddf68 D __per_cpu_end
        ffff800009810000 D __init_end
        ffff800009810000 D __initdata_end
        ffff800009810000 D _data
        ffff800009810000 D _sdata
        ffff800009a09a00 R _edata
        ffff800009a0a000 B __bss_start
        ffff800009a9d018 B __bss_stop
        ffff800009a9e000 B init_pg_dir
        ffff800009aa3000 B init_pg_end
        ffff800009ab0000 B _end
        """;

    internal const string CloudArm64Config = """
        CONFIG_LOG_BUF_SHIFT=17
        CONFIG_LOG_CPU_MAX_BUF_SHIFT=12
        CONFIG_NUMA_BALANCING=y
        CONFIG_NUMA_BALANCING_DEFAULT_ENABLED=y
        CONFIG_MEMCG=y
        CONFIG_MEMCG_KMEM=y
        CONFIG_BLK_DEV_INITRD=y
        CONFIG_ARM64_CONT_PTE_SHIFT=4
        CONFIG_ARM64_CONT_PMD_SHIFT=4
        CONFIG_PGTABLE_LEVELS=4
        CONFIG_ARM64_4K_PAGES=y
        # CONFIG_ARM64_16K_PAGES is not set
        # CONFIG_ARM64_64K_PAGES is not set
        # CONFIG_ARM64_VA_BITS_39 is not set
        CONFIG_ARM64_VA_BITS_48=y
        CONFIG_ARM64_VA_BITS=48
        CONFIG_ARM64_PA_BITS_48=y
        CONFIG_ARM64_PA_BITS=48
        # CONFIG_CPU_BIG_ENDIAN is not set
        CONFIG_NR_CPUS=256
        CONFIG_NUMA=y
        CONFIG_NODES_SHIFT=4
        CONFIG_KEXEC=y
        # CONFIG_KEXEC_FILE is not set
        CONFIG_CRASH_DUMP=y
        CONFIG_ARCH_FORCE_MAX_ORDER=11
        CONFIG_UNMAP_KERNEL_AT_EL0=y
        CONFIG_RODATA_FULL_DEFAULT_ENABLED=y
        CONFIG_ARM64_MTE=y
        CONFIG_RANDOMIZE_BASE=y
        CONFIG_EFI_STUB=y
        CONFIG_EFI=y
        CONFIG_ACPI_NUMA=y
        CONFIG_KEXEC_CORE=y
        CONFIG_HAVE_DMA_CONTIGUOUS=y
        CONFIG_VMAP_STACK=y
        CONFIG_EFI_PARTITION=y
        # CONFIG_SLAB is not set
        CONFIG_SLUB=y
        CONFIG_SLAB_MERGE_DEFAULT=y
        CONFIG_SLAB_FREELIST_RANDOM=y
        CONFIG_SLAB_FREELIST_HARDENED=y
        # CONFIG_SLUB_STATS is not set
        CONFIG_SLUB_CPU_PARTIAL=y
        CONFIG_SHUFFLE_PAGE_ALLOCATOR=y
        CONFIG_SPARSEMEM=y
        CONFIG_SPARSEMEM_EXTREME=y
        CONFIG_SPARSEMEM_VMEMMAP_ENABLE=y
        CONFIG_SPARSEMEM_VMEMMAP=y
        CONFIG_ARCH_KEEP_MEMBLOCK=y
        CONFIG_NUMA_KEEP_MEMINFO=y
        CONFIG_MEMORY_HOTPLUG=y
        # CONFIG_MEMORY_HOTPLUG_DEFAULT_ONLINE is not set
        CONFIG_MEMORY_BALLOON=y
        CONFIG_COMPACTION=y
        CONFIG_PAGE_REPORTING=y
        CONFIG_CONTIG_ALLOC=y
        CONFIG_PHYS_ADDR_T_64BIT=y
        CONFIG_TRANSPARENT_HUGEPAGE=y
        CONFIG_TRANSPARENT_HUGEPAGE_ALWAYS=y
        # CONFIG_TRANSPARENT_HUGEPAGE_MADVISE is not set
        CONFIG_NEED_PER_CPU_EMBED_FIRST_CHUNK=y
        CONFIG_NEED_PER_CPU_PAGE_FIRST_CHUNK=y
        CONFIG_HAVE_SETUP_PER_CPU_AREA=y
        CONFIG_CMA=y
        # CONFIG_CMA_DEBUG is not set
        # CONFIG_CMA_DEBUGFS is not set
        # CONFIG_CMA_SYSFS is not set
        CONFIG_CMA_AREAS=19
        CONFIG_DEFERRED_STRUCT_PAGE_INIT=y
        CONFIG_ZONE_DMA=y
        CONFIG_ZONE_DMA32=y
        # CONFIG_ZONE_DEVICE is not set
        CONFIG_EFI_ESRT=y
        # CONFIG_EFI_VARS_PSTORE_DEFAULT_DISABLE is not set
        CONFIG_EFI_SOFT_RESERVE=y
        CONFIG_EFI_PARAMS_FROM_FDT=y
        CONFIG_EFI_RUNTIME_WRAPPERS=y
        CONFIG_EFI_GENERIC_STUB=y
        # CONFIG_EFI_ZBOOT is not set
        CONFIG_EFI_ARMSTUB_DTB_LOADER=y
        CONFIG_EFI_GENERIC_STUB_INITRD_CMDLINE_LOADER=y
        # CONFIG_EFI_TEST is not set
        # CONFIG_EFI_DISABLE_PCI_DMA is not set
        CONFIG_EFI_EARLYCON=y
        CONFIG_EFI_CUSTOM_SSDT_OVERLAYS=y
        # CONFIG_EFI_DISABLE_RUNTIME is not set
        # CONFIG_EFI_COCO_SECRET is not set
        CONFIG_OF_RESERVED_MEM=y
        CONFIG_SWIOTLB_XEN=y
        CONFIG_HUGETLBFS=y
        CONFIG_HUGETLB_PAGE=y
        CONFIG_EFIVAR_FS=m
        CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y
        # CONFIG_INIT_ON_FREE_DEFAULT_ON is not set
        CONFIG_SWIOTLB=y
        # CONFIG_DMA_RESTRICTED_POOL is not set
        CONFIG_DMA_COHERENT_POOL=y
        CONFIG_DMA_DIRECT_REMAP=y
        CONFIG_DMA_CMA=y
        CONFIG_DMA_PERNUMA_CMA=y
        CONFIG_CMA_SIZE_MBYTES=64
        CONFIG_CMA_SIZE_SEL_MBYTES=y
        # CONFIG_CMA_SIZE_SEL_PERCENTAGE is not set
        # CONFIG_CMA_SIZE_SEL_MIN is not set
        # CONFIG_CMA_SIZE_SEL_MAX is not set
        CONFIG_CMA_ALIGNMENT=8
        # CONFIG_PAGE_EXTENSION is not set
        # CONFIG_DEBUG_PAGEALLOC is not set
        CONFIG_SLUB_DEBUG=y
        # CONFIG_SLUB_DEBUG_ON is not set
        # CONFIG_PAGE_OWNER is not set
        # CONFIG_PAGE_POISONING is not set
        # CONFIG_KASAN is not set
        # CONFIG_KFENCE is not set
        # CONFIG_MEMTEST is not set
        # CONFIG_HAVE_MEMBLOCK_PHYS_MAP does not appear in this config
        # CONFIG_HIGHMEM does not appear in this config
        # CONFIG_FORCE_MAX_ZONEORDER does not appear in this config
        """;

    internal const string ArmmpLpaeSystemMap = """
        c0203000 A swapper_pg_dir
        c0208000 T _text
        c0208000 T stext
        c0400000 T __idmap_text_start
        c0400000 T _stext
        c04000ac T __idmap_text_end
        c1000000 D __start_rodata
        c1000000 D _etext
        c13aa000 R __end_rodata
        c1400000 T __init_begin
        c1400000 A __vectors_start
        c1400060 A __stubs_start
        c14003c0 T _sinittext
        c148db38 T _einittext
        c152e000 D __per_cpu_load
        c152e000 D __per_cpu_start
        c1539094 D __per_cpu_end
        c1600000 D __init_end
        c1600000 D _sdata
        c17ad0c8 B __bss_start
        c17ad0c8 D _edata
        c180d288 B __bss_stop
        c180d288 B _end
        """;

    internal const string ArmmpLpaeConfig = """
        CONFIG_THREAD_INFO_IN_TASK=y
        CONFIG_LOG_BUF_SHIFT=17
        CONFIG_LOG_CPU_MAX_BUF_SHIFT=12
        CONFIG_MEMCG=y
        CONFIG_BLK_DEV_INITRD=y
        CONFIG_ARM_DMA_USE_IOMMU=y
        CONFIG_ARM_PATCH_PHYS_VIRT=y
        CONFIG_PGTABLE_LEVELS=3
        CONFIG_MMU=y
        CONFIG_ARCH_MULTIPLATFORM=y
        CONFIG_ARM_LPAE=y
        CONFIG_ARM_VIRT_EXT=y
        # CONFIG_CPU_BIG_ENDIAN is not set
        CONFIG_SMP=y
        CONFIG_VMSPLIT_3G=y
        # CONFIG_VMSPLIT_2G is not set
        # CONFIG_VMSPLIT_1G is not set
        CONFIG_PAGE_OFFSET=0xC0000000
        CONFIG_NR_CPUS=8
        CONFIG_ARCH_SPARSEMEM_ENABLE=y
        CONFIG_HIGHMEM=y
        CONFIG_HIGHPTE=y
        CONFIG_ARM_MODULE_PLTS=y
        CONFIG_ARCH_FORCE_MAX_ORDER=12
        CONFIG_ZBOOT_ROM_TEXT=0x0
        CONFIG_ZBOOT_ROM_BSS=0x0
        CONFIG_ARM_APPENDED_DTB=y
        CONFIG_ARM_ATAG_DTB_COMPAT=y
        CONFIG_ARM_ATAG_DTB_COMPAT_CMDLINE_FROM_BOOTLOADER=y
        # CONFIG_ARM_ATAG_DTB_COMPAT_CMDLINE_EXTEND is not set
        CONFIG_KEXEC=y
        CONFIG_CRASH_DUMP=y
        CONFIG_AUTO_ZRELADDR=y
        CONFIG_EFI=y
        CONFIG_KEXEC_CORE=y
        CONFIG_MMU_GATHER_TABLE_FREE=y
        CONFIG_MMU_GATHER_RCU_TABLE_FREE=y
        CONFIG_VMAP_STACK=y
        CONFIG_HAVE_ARCH_PFN_VALID=y
        CONFIG_SLUB=y
        # CONFIG_SLUB_STATS is not set
        CONFIG_SLUB_CPU_PARTIAL=y
        # CONFIG_SHUFFLE_PAGE_ALLOCATOR is not set
        CONFIG_FLATMEM_MANUAL=y
        # CONFIG_SPARSEMEM_MANUAL is not set
        CONFIG_FLATMEM=y
        CONFIG_ARCH_KEEP_MEMBLOCK=y
        CONFIG_COMPACTION=y
        CONFIG_CONTIG_ALLOC=y
        CONFIG_PHYS_ADDR_T_64BIT=y
        CONFIG_TRANSPARENT_HUGEPAGE=y
        CONFIG_TRANSPARENT_HUGEPAGE_ALWAYS=y
        # CONFIG_TRANSPARENT_HUGEPAGE_MADVISE is not set
        CONFIG_CMA=y
        # CONFIG_CMA_DEBUG is not set
        # CONFIG_CMA_DEBUGFS is not set
        # CONFIG_CMA_SYSFS is not set
        CONFIG_CMA_AREAS=7
        CONFIG_ZONE_DMA=y
        # CONFIG_EFI_GENERIC_STUB_INITRD_CMDLINE_LOADER is not set
        # CONFIG_EFI_TEST is not set
        # CONFIG_EFI_DISABLE_PCI_DMA is not set
        # CONFIG_EFI_DISABLE_RUNTIME is not set
        # CONFIG_EFI_COCO_SECRET is not set
        CONFIG_OF_RESERVED_MEM=y
        CONFIG_SWIOTLB_XEN=y
        CONFIG_HUGETLB_PAGE=y
        CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y
        CONFIG_ARCH_DMA_ADDR_T_64BIT=y
        CONFIG_SWIOTLB=y
        # CONFIG_DMA_RESTRICTED_POOL is not set
        CONFIG_DMA_CMA=y
        CONFIG_CMA_SIZE_MBYTES=16
        CONFIG_CMA_SIZE_SEL_MBYTES=y
        # CONFIG_CMA_SIZE_SEL_PERCENTAGE is not set
        # CONFIG_CMA_SIZE_SEL_MIN is not set
        # CONFIG_CMA_SIZE_SEL_MAX is not set
        CONFIG_CMA_ALIGNMENT=8
        CONFIG_PAGE_EXTENSION=y
        CONFIG_SLUB_DEBUG=y
        # CONFIG_SLUB_DEBUG_ON is not set
        CONFIG_PAGE_POISONING=y
        # CONFIG_KFENCE is not set
        # CONFIG_DEBUG_LL is not set
        CONFIG_DEBUG_LL_INCLUDE="mach/debug-macro.S"
        # CONFIG_MEMTEST is not set
        # CONFIG_HAVE_MEMBLOCK_PHYS_MAP does not appear in this config
        # CONFIG_NUMA does not appear in this config
        # CONFIG_DEFERRED_STRUCT_PAGE_INIT does not appear in this config
        # CONFIG_FORCE_MAX_ZONEORDER does not appear in this config
        # CONFIG_RANDOMIZE_BASE does not appear in this config
        # CONFIG_MEMORY_HOTPLUG does not appear in this config
        # CONFIG_ZONE_DMA32 does not appear in this config
        # CONFIG_SPARSEMEM does not appear in this config
        """;

    internal const string ArmmpSystemMap = """
        c0204000 A swapper_pg_dir
        c0208000 T _text
        c0208000 T stext
        c0300000 T __idmap_text_start
        c0300000 T _stext
        c03000ac T __idmap_text_end
        c0e00000 D __start_rodata
        c0e00000 D _etext
        c11a5000 R __end_rodata
        c1200000 T __init_begin
        c1200000 A __vectors_start
        c1200060 A __stubs_start
        c12003c0 T _sinittext
        c128aae8 T _einittext
        c132a000 D __per_cpu_load
        c132a000 D __per_cpu_start
        c1334fd4 D __per_cpu_end
        c1400000 D __init_end
        c1400000 D _sdata
        c15a90b4 B __bss_start
        c15a90b4 D _edata
        c1607588 B __bss_stop
        c1607588 B _end
        """;

    internal const string ArmmpConfig = """
        CONFIG_THREAD_INFO_IN_TASK=y
        CONFIG_LOG_BUF_SHIFT=17
        CONFIG_LOG_CPU_MAX_BUF_SHIFT=12
        CONFIG_MEMCG=y
        CONFIG_BLK_DEV_INITRD=y
        CONFIG_ARM_DMA_USE_IOMMU=y
        CONFIG_ARM_PATCH_PHYS_VIRT=y
        CONFIG_PGTABLE_LEVELS=2
        CONFIG_MMU=y
        CONFIG_ARCH_MULTIPLATFORM=y
        # CONFIG_ARM_LPAE is not set
        CONFIG_ARM_VIRT_EXT=y
        # CONFIG_CPU_BIG_ENDIAN is not set
        CONFIG_SMP=y
        CONFIG_VMSPLIT_3G=y
        # CONFIG_VMSPLIT_2G is not set
        # CONFIG_VMSPLIT_1G is not set
        CONFIG_PAGE_OFFSET=0xC0000000
        CONFIG_NR_CPUS=8
        CONFIG_ARCH_SPARSEMEM_ENABLE=y
        CONFIG_HIGHMEM=y
        CONFIG_HIGHPTE=y
        CONFIG_ARM_MODULE_PLTS=y
        CONFIG_ARCH_FORCE_MAX_ORDER=12
        CONFIG_ZBOOT_ROM_TEXT=0x0
        CONFIG_ZBOOT_ROM_BSS=0x0
        CONFIG_ARM_APPENDED_DTB=y
        CONFIG_ARM_ATAG_DTB_COMPAT=y
        CONFIG_ARM_ATAG_DTB_COMPAT_CMDLINE_FROM_BOOTLOADER=y
        # CONFIG_ARM_ATAG_DTB_COMPAT_CMDLINE_EXTEND is not set
        CONFIG_KEXEC=y
        CONFIG_CRASH_DUMP=y
        CONFIG_AUTO_ZRELADDR=y
        CONFIG_EFI=y
        CONFIG_KEXEC_CORE=y
        # CONFIG_MMU_GATHER_TABLE_FREE does not appear in this config
        # CONFIG_MMU_GATHER_RCU_TABLE_FREE does not appear in this config
        CONFIG_VMAP_STACK=y
        CONFIG_HAVE_ARCH_PFN_VALID=y
        CONFIG_SLUB=y
        # CONFIG_SLUB_STATS is not set
        CONFIG_SLUB_CPU_PARTIAL=y
        # CONFIG_SHUFFLE_PAGE_ALLOCATOR is not set
        CONFIG_FLATMEM_MANUAL=y
        # CONFIG_SPARSEMEM_MANUAL is not set
        CONFIG_FLATMEM=y
        CONFIG_ARCH_KEEP_MEMBLOCK=y
        CONFIG_COMPACTION=y
        CONFIG_CONTIG_ALLOC=y
        # CONFIG_PHYS_ADDR_T_64BIT does not appear in this config
        # CONFIG_TRANSPARENT_HUGEPAGE does not appear in this config
        # CONFIG_TRANSPARENT_HUGEPAGE_ALWAYS does not appear in this config
        # CONFIG_TRANSPARENT_HUGEPAGE_MADVISE does not appear in this config
        CONFIG_CMA=y
        # CONFIG_CMA_DEBUG is not set
        # CONFIG_CMA_DEBUGFS is not set
        # CONFIG_CMA_SYSFS is not set
        CONFIG_CMA_AREAS=7
        CONFIG_ZONE_DMA=y
        # CONFIG_EFI_GENERIC_STUB_INITRD_CMDLINE_LOADER is not set
        # CONFIG_EFI_TEST is not set
        # CONFIG_EFI_DISABLE_PCI_DMA is not set
        # CONFIG_EFI_DISABLE_RUNTIME is not set
        # CONFIG_EFI_COCO_SECRET is not set
        CONFIG_OF_RESERVED_MEM=y
        CONFIG_SWIOTLB_XEN=y
        # CONFIG_HUGETLB_PAGE does not appear in this config
        CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y
        CONFIG_ARCH_DMA_ADDR_T_64BIT=y
        CONFIG_SWIOTLB=y
        # CONFIG_DMA_RESTRICTED_POOL is not set
        CONFIG_DMA_CMA=y
        CONFIG_CMA_SIZE_MBYTES=16
        CONFIG_CMA_SIZE_SEL_MBYTES=y
        # CONFIG_CMA_SIZE_SEL_PERCENTAGE is not set
        # CONFIG_CMA_SIZE_SEL_MIN is not set
        # CONFIG_CMA_SIZE_SEL_MAX is not set
        CONFIG_CMA_ALIGNMENT=8
        CONFIG_PAGE_EXTENSION=y
        CONFIG_SLUB_DEBUG=y
        # CONFIG_SLUB_DEBUG_ON is not set
        CONFIG_PAGE_POISONING=y
        # CONFIG_KFENCE is not set
        # CONFIG_DEBUG_LL is not set
        CONFIG_DEBUG_LL_INCLUDE="mach/debug-macro.S"
        # CONFIG_MEMTEST is not set
        # CONFIG_HAVE_MEMBLOCK_PHYS_MAP does not appear in this config
        # CONFIG_NUMA does not appear in this config
        # CONFIG_DEFERRED_STRUCT_PAGE_INIT does not appear in this config
        # CONFIG_FORCE_MAX_ZONEORDER does not appear in this config
        # CONFIG_RANDOMIZE_BASE does not appear in this config
        # CONFIG_MEMORY_HOTPLUG does not appear in this config
        # CONFIG_ZONE_DMA32 does not appear in this config
        # CONFIG_SPARSEMEM does not appear in this config
        """;
}
