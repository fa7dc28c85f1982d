namespace MemblockSharp.Boot.Profiles;

// Generated from tests/data/realboot-6.12/kernels/*/ (kernel-symbols.txt, config-memory.txt). Do not edit by hand.
internal static class BuiltInProfileData612
{
    internal const string Arm64V612SystemMap = """
        0000000002b40000 A _kernel_size_le_lo32
        ffff800080000000 T _text
        ffff800080010000 T _stext
        ffff800080f3f000 T __hyp_idmap_text_start
        ffff800080f60000 D __start_rodata
        ffff800080f60000 D _etext
        ffff8000817a56c0 R __start___ex_table
        ffff800081d00000 D __end_rodata
        ffff800081d0b000 T __idmap_text_start
        ffff800081d0b0f0 T primary_entry
        ffff800081d0ba58 T __idmap_text_end
        ffff800081d0c000 T idmap_pg_dir
        ffff800081d0d000 T tramp_pg_dir
        ffff800081d0e000 T reserved_pg_dir
        ffff800081d0f000 T swapper_pg_dir
        ffff800081d10000 T __init_begin
        ffff800081d10000 T __inittext_begin
        ffff800081d10000 T _sinittext
        ffff800081daf5e0 T __exittext_begin
        ffff800081daf5e0 T _einittext
        ffff800081db3df4 T __exittext_end
        ffff800081e10000 D __initdata_begin
        ffff800081e10000 D __inittext_end
        ffff800081f62000 D __per_cpu_load
        ffff800081f62000 D __per_cpu_start
        ffff800081f7ac58 D __per_cpu_end
        ffff800082680000 D __init_end
        ffff800082680000 D __initdata_end
        ffff800082680000 D _data
        ffff800082680000 D _sdata
        ffff800082a3a800 D __mmuoff_data_start
        ffff800082a3b008 D __mmuoff_data_end
        ffff800082a3b200 R _edata
        ffff800082a3c000 B __bss_start
        ffff800082b269d0 B __bss_stop
        ffff800082b27000 B init_pg_dir
        ffff800082b35000 B init_pg_end
        ffff800082b40000 B _end
        """;

    internal const string Arm64V612Config = """
        CONFIG_THREAD_INFO_IN_TASK=y
        CONFIG_LOG_BUF_SHIFT=17
        CONFIG_LOG_CPU_MAX_BUF_SHIFT=12
        CONFIG_NUMA_BALANCING=y
        CONFIG_NUMA_BALANCING_DEFAULT_ENABLED=y
        CONFIG_MEMCG=y
        CONFIG_BLK_DEV_INITRD=y
        CONFIG_CRASH_RESERVE=y
        CONFIG_KEXEC_CORE=y
        CONFIG_KEXEC=y
        # CONFIG_KEXEC_FILE is not set
        CONFIG_CRASH_DUMP=y
        CONFIG_ARM64_CONT_PTE_SHIFT=4
        CONFIG_ARM64_CONT_PMD_SHIFT=4
        CONFIG_ARCH_MMAP_RND_BITS_MIN=18
        CONFIG_ARCH_MMAP_RND_BITS_MAX=33
        CONFIG_ARCH_MMAP_RND_COMPAT_BITS_MIN=11
        CONFIG_ARCH_MMAP_RND_COMPAT_BITS_MAX=16
        CONFIG_PGTABLE_LEVELS=5
        CONFIG_ARM64_4K_PAGES=y
        # CONFIG_ARM64_16K_PAGES is not set
        # CONFIG_ARM64_64K_PAGES is not set
        # CONFIG_ARM64_VA_BITS_39 is not set
        # CONFIG_ARM64_VA_BITS_48 is not set
        CONFIG_ARM64_VA_BITS_52=y
        CONFIG_ARM64_VA_BITS=52
        CONFIG_ARM64_PA_BITS_52=y
        CONFIG_ARM64_PA_BITS=52
        CONFIG_ARM64_LPA2=y
        # CONFIG_CPU_BIG_ENDIAN is not set
        CONFIG_NR_CPUS=512
        CONFIG_NUMA=y
        CONFIG_NODES_SHIFT=4
        CONFIG_ARCH_SPARSEMEM_ENABLE=y
        CONFIG_ARCH_FORCE_MAX_ORDER=10
        CONFIG_UNMAP_KERNEL_AT_EL0=y
        CONFIG_RODATA_FULL_DEFAULT_ENABLED=y
        # CONFIG_ARM64_SW_TTBR0_PAN is not set
        CONFIG_ARM64_MTE=y
        CONFIG_RANDOMIZE_BASE=y
        CONFIG_RANDOMIZE_MODULE_REGION_FULL=y
        CONFIG_EFI_STUB=y
        CONFIG_EFI=y
        CONFIG_ARCH_HAS_ACPI_TABLE_UPGRADE=y
        CONFIG_ACPI_NUMA=y
        CONFIG_HAVE_DMA_CONTIGUOUS=y
        CONFIG_ARCH_MMAP_RND_BITS=18
        CONFIG_ARCH_MMAP_RND_COMPAT_BITS=11
        CONFIG_VMAP_STACK=y
        CONFIG_EFI_PARTITION=y
        CONFIG_ZSWAP=y
        CONFIG_ZSMALLOC=y
        # CONFIG_ZSMALLOC_STAT is not set
        CONFIG_SLUB=y
        # CONFIG_SLUB_TINY is not set
        CONFIG_SLAB_MERGE_DEFAULT=y
        CONFIG_SLAB_FREELIST_RANDOM=y
        CONFIG_SLAB_FREELIST_HARDENED=y
        # CONFIG_SLUB_STATS is not set
        CONFIG_SLUB_CPU_PARTIAL=y
        # CONFIG_RANDOM_KMALLOC_CACHES is not set
        CONFIG_SHUFFLE_PAGE_ALLOCATOR=y
        CONFIG_SPARSEMEM=y
        CONFIG_SPARSEMEM_EXTREME=y
        CONFIG_SPARSEMEM_VMEMMAP_ENABLE=y
        CONFIG_SPARSEMEM_VMEMMAP=y
        CONFIG_ARCH_KEEP_MEMBLOCK=y
        CONFIG_NUMA_KEEP_MEMINFO=y
        CONFIG_MEMORY_HOTPLUG=y
        CONFIG_MEMORY_HOTREMOVE=y
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
        # CONFIG_CMA_DEBUGFS is not set
        # CONFIG_CMA_SYSFS is not set
        CONFIG_CMA_AREAS=20
        CONFIG_GENERIC_EARLY_IOREMAP=y
        CONFIG_DEFERRED_STRUCT_PAGE_INIT=y
        CONFIG_PAGE_IDLE_FLAG=y
        # CONFIG_IDLE_PAGE_TRACKING is not set
        CONFIG_ZONE_DMA=y
        CONFIG_ZONE_DMA32=y
        CONFIG_ZONE_DEVICE=y
        # CONFIG_PERCPU_STATS is not set
        CONFIG_NUMA_MEMBLKS=y
        CONFIG_EFI_ESRT=y
        CONFIG_EFI_VARS_PSTORE=m
        # CONFIG_EFI_VARS_PSTORE_DEFAULT_DISABLE is not set
        CONFIG_EFI_SOFT_RESERVE=y
        CONFIG_EFI_PARAMS_FROM_FDT=y
        CONFIG_EFI_RUNTIME_WRAPPERS=y
        CONFIG_EFI_GENERIC_STUB=y
        # CONFIG_EFI_ZBOOT is not set
        CONFIG_EFI_ARMSTUB_DTB_LOADER=y
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
        # CONFIG_MEM_ALLOC_PROFILING is not set
        # CONFIG_KASAN is not set
        CONFIG_KFENCE=y
        CONFIG_KFENCE_SAMPLE_INTERVAL=0
        CONFIG_KFENCE_NUM_OBJECTS=255
        # CONFIG_PERCPU_TEST is not set
        # CONFIG_MEMTEST is not set
        # CONFIG_MEMCG_KMEM does not appear in this config
        # CONFIG_ARM64_PA_BITS_48 does not appear in this config
        # CONFIG_ARM64_MODULE_PLTS does not appear in this config
        # CONFIG_SLAB does not appear in this config
        # CONFIG_HAVE_FAST_GUP does not appear in this config
        # CONFIG_MEMORY_HOTPLUG_DEFAULT_ONLINE does not appear in this config
        # CONFIG_SPLIT_PTLOCK_CPUS does not appear in this config
        # CONFIG_CMA_DEBUG does not appear in this config
        # CONFIG_EFI_GENERIC_STUB_INITRD_CMDLINE_LOADER does not appear in this config
        # CONFIG_DMA_PERNUMA_CMA does not appear in this config
        # CONFIG_HAVE_MEMBLOCK_PHYS_MAP does not appear in this config
        # CONFIG_HIGHMEM does not appear in this config
        # CONFIG_FORCE_MAX_ZONEORDER does not appear in this config
        # CONFIG_PAGE_BLOCK_ORDER does not appear in this config
        # CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP does not appear in this config
        # CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP_DEFAULT_ON does not appear in this config
        # CONFIG_ARCH_WANT_HUGETLB_PAGE_OPTIMIZE_VMEMMAP does not appear in this config
        """;

    internal const string Arm64V612K16SystemMap = """
        0000000002bf0000 A _kernel_size_le_lo32
        ffffc00080000000 T _text
        ffffc00080010000 T _stext
        ffffc00080f3c000 T __hyp_idmap_text_start
        ffffc00080f60000 D __start_rodata
        ffffc00080f60000 D _etext
        ffffc000817bf608 R __start___ex_table
        ffffc00081d1c000 D __end_rodata
        ffffc00081d2d000 T __idmap_text_start
        ffffc00081d2d0f0 T primary_entry
        ffffc00081d2d9d8 T __idmap_text_end
        ffffc00081d30000 T idmap_pg_dir
        ffffc00081d34000 T tramp_pg_dir
        ffffc00081d38000 T reserved_pg_dir
        ffffc00081d3c000 T swapper_pg_dir
        ffffc00081d40000 T __init_begin
        ffffc00081d40000 T __inittext_begin
        ffffc00081d40000 T _sinittext
        ffffc00081dde3b0 T __exittext_begin
        ffffc00081dde3b0 T _einittext
        ffffc00081de2b74 T __exittext_end
        ffffc00081e40000 D __initdata_begin
        ffffc00081e40000 D __inittext_end
        ffffc00081fc4000 D __per_cpu_load
        ffffc00081fc4000 D __per_cpu_start
        ffffc00081ff4d18 D __per_cpu_end
        ffffc00082700000 D __init_end
        ffffc00082700000 D __initdata_end
        ffffc00082700000 D _data
        ffffc00082700000 D _sdata
        ffffc00082ac0800 D __mmuoff_data_start
        ffffc00082ac1008 D __mmuoff_data_end
        ffffc00082ac1200 R _edata
        ffffc00082ac4000 B __bss_start
        ffffc00082bc79d0 B __bss_stop
        ffffc00082bc8000 B init_pg_dir
        ffffc00082be8000 B init_pg_end
        ffffc00082bf0000 B _end
        """;

    internal const string Arm64V612K16Config = """
        CONFIG_THREAD_INFO_IN_TASK=y
        CONFIG_LOG_BUF_SHIFT=17
        CONFIG_LOG_CPU_MAX_BUF_SHIFT=12
        CONFIG_NUMA_BALANCING=y
        CONFIG_NUMA_BALANCING_DEFAULT_ENABLED=y
        CONFIG_MEMCG=y
        CONFIG_BLK_DEV_INITRD=y
        CONFIG_CRASH_RESERVE=y
        CONFIG_KEXEC_CORE=y
        CONFIG_KEXEC=y
        # CONFIG_KEXEC_FILE is not set
        CONFIG_CRASH_DUMP=y
        CONFIG_ARM64_CONT_PTE_SHIFT=7
        CONFIG_ARM64_CONT_PMD_SHIFT=5
        CONFIG_ARCH_MMAP_RND_BITS_MIN=16
        CONFIG_ARCH_MMAP_RND_BITS_MAX=31
        CONFIG_ARCH_MMAP_RND_COMPAT_BITS_MIN=9
        CONFIG_ARCH_MMAP_RND_COMPAT_BITS_MAX=16
        CONFIG_PGTABLE_LEVELS=4
        # CONFIG_ARM64_4K_PAGES is not set
        CONFIG_ARM64_16K_PAGES=y
        # CONFIG_ARM64_64K_PAGES is not set
        # CONFIG_ARM64_VA_BITS_48 is not set
        CONFIG_ARM64_VA_BITS_52=y
        CONFIG_ARM64_VA_BITS=52
        CONFIG_ARM64_PA_BITS_52=y
        CONFIG_ARM64_PA_BITS=52
        CONFIG_ARM64_LPA2=y
        # CONFIG_CPU_BIG_ENDIAN is not set
        CONFIG_NR_CPUS=512
        CONFIG_NUMA=y
        CONFIG_NODES_SHIFT=4
        CONFIG_ARCH_SPARSEMEM_ENABLE=y
        CONFIG_ARCH_FORCE_MAX_ORDER=11
        CONFIG_UNMAP_KERNEL_AT_EL0=y
        CONFIG_RODATA_FULL_DEFAULT_ENABLED=y
        # CONFIG_ARM64_SW_TTBR0_PAN is not set
        CONFIG_ARM64_MTE=y
        CONFIG_RANDOMIZE_BASE=y
        CONFIG_RANDOMIZE_MODULE_REGION_FULL=y
        CONFIG_EFI_STUB=y
        CONFIG_EFI=y
        CONFIG_ARCH_HAS_ACPI_TABLE_UPGRADE=y
        CONFIG_ACPI_NUMA=y
        CONFIG_HAVE_DMA_CONTIGUOUS=y
        CONFIG_ARCH_MMAP_RND_BITS=16
        CONFIG_ARCH_MMAP_RND_COMPAT_BITS=9
        CONFIG_VMAP_STACK=y
        CONFIG_EFI_PARTITION=y
        CONFIG_ZSWAP=y
        CONFIG_ZSMALLOC=y
        # CONFIG_ZSMALLOC_STAT is not set
        CONFIG_SLUB=y
        # CONFIG_SLUB_TINY is not set
        CONFIG_SLAB_MERGE_DEFAULT=y
        CONFIG_SLAB_FREELIST_RANDOM=y
        CONFIG_SLAB_FREELIST_HARDENED=y
        # CONFIG_SLUB_STATS is not set
        CONFIG_SLUB_CPU_PARTIAL=y
        # CONFIG_RANDOM_KMALLOC_CACHES is not set
        CONFIG_SHUFFLE_PAGE_ALLOCATOR=y
        CONFIG_SPARSEMEM=y
        CONFIG_SPARSEMEM_EXTREME=y
        CONFIG_SPARSEMEM_VMEMMAP_ENABLE=y
        CONFIG_SPARSEMEM_VMEMMAP=y
        CONFIG_ARCH_KEEP_MEMBLOCK=y
        CONFIG_NUMA_KEEP_MEMINFO=y
        CONFIG_MEMORY_HOTPLUG=y
        CONFIG_MEMORY_HOTREMOVE=y
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
        # CONFIG_CMA_DEBUGFS is not set
        # CONFIG_CMA_SYSFS is not set
        CONFIG_CMA_AREAS=20
        CONFIG_GENERIC_EARLY_IOREMAP=y
        CONFIG_DEFERRED_STRUCT_PAGE_INIT=y
        CONFIG_PAGE_IDLE_FLAG=y
        # CONFIG_IDLE_PAGE_TRACKING is not set
        CONFIG_ZONE_DMA=y
        CONFIG_ZONE_DMA32=y
        CONFIG_ZONE_DEVICE=y
        # CONFIG_PERCPU_STATS is not set
        CONFIG_NUMA_MEMBLKS=y
        CONFIG_EFI_ESRT=y
        CONFIG_EFI_VARS_PSTORE=m
        # CONFIG_EFI_VARS_PSTORE_DEFAULT_DISABLE is not set
        CONFIG_EFI_SOFT_RESERVE=y
        CONFIG_EFI_PARAMS_FROM_FDT=y
        CONFIG_EFI_RUNTIME_WRAPPERS=y
        CONFIG_EFI_GENERIC_STUB=y
        # CONFIG_EFI_ZBOOT is not set
        CONFIG_EFI_ARMSTUB_DTB_LOADER=y
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
        # CONFIG_MEM_ALLOC_PROFILING is not set
        # CONFIG_KASAN is not set
        CONFIG_KFENCE=y
        CONFIG_KFENCE_SAMPLE_INTERVAL=0
        CONFIG_KFENCE_NUM_OBJECTS=255
        # CONFIG_PERCPU_TEST is not set
        # CONFIG_MEMTEST is not set
        # CONFIG_MEMCG_KMEM does not appear in this config
        # CONFIG_ARM64_VA_BITS_39 does not appear in this config
        # CONFIG_ARM64_PA_BITS_48 does not appear in this config
        # CONFIG_ARM64_MODULE_PLTS does not appear in this config
        # CONFIG_SLAB does not appear in this config
        # CONFIG_HAVE_FAST_GUP does not appear in this config
        # CONFIG_MEMORY_HOTPLUG_DEFAULT_ONLINE does not appear in this config
        # CONFIG_SPLIT_PTLOCK_CPUS does not appear in this config
        # CONFIG_CMA_DEBUG does not appear in this config
        # CONFIG_EFI_GENERIC_STUB_INITRD_CMDLINE_LOADER does not appear in this config
        # CONFIG_DMA_PERNUMA_CMA does not appear in this config
        # CONFIG_HAVE_MEMBLOCK_PHYS_MAP does not appear in this config
        # CONFIG_HIGHMEM does not appear in this config
        # CONFIG_FORCE_MAX_ZONEORDER does not appear in this config
        # CONFIG_PAGE_BLOCK_ORDER does not appear in this config
        # CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP does not appear in this config
        # CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP_DEFAULT_ON does not appear in this config
        # CONFIG_ARCH_WANT_HUGETLB_PAGE_OPTIMIZE_VMEMMAP does not appear in this config
        """;

    internal const string CloudArm64V612SystemMap = """
        0000000002240000 A _kernel_size_le_lo32
        ffff800080000000 T _text
        ffff800080010000 T _stext
        ffff800080dd0000 T __hyp_idmap_text_start
        ffff800080df0000 D __start_rodata
        ffff800080df0000 D _etext
        ffff8000813c2b48 R __start___ex_table
        ffff80008186c000 D __end_rodata
        ffff800081877000 T __idmap_text_start
        ffff8000818770f0 T primary_entry
        ffff800081877a58 T __idmap_text_end
        ffff800081878000 T idmap_pg_dir
        ffff800081879000 T tramp_pg_dir
        ffff80008187a000 T reserved_pg_dir
        ffff80008187b000 T swapper_pg_dir
        ffff800081880000 T __init_begin
        ffff800081880000 T __inittext_begin
        ffff800081880000 T _sinittext
        ffff800081904950 T __exittext_begin
        ffff800081904950 T _einittext
        ffff800081906fd4 T __exittext_end
        ffff800081960000 D __initdata_begin
        ffff800081960000 D __inittext_end
        ffff8000819fd000 D __per_cpu_load
        ffff8000819fd000 D __per_cpu_start
        ffff800081a15558 D __per_cpu_end
        ffff800081e90000 D __init_end
        ffff800081e90000 D __initdata_end
        ffff800081e90000 D _data
        ffff800081e90000 D _sdata
        ffff800082145800 D __mmuoff_data_start
        ffff800082146008 D __mmuoff_data_end
        ffff800082146200 R _edata
        ffff800082147000 B __bss_start
        ffff800082229910 B __bss_stop
        ffff80008222a000 B init_pg_dir
        ffff800082238000 B init_pg_end
        ffff800082240000 B _end
        """;

    internal const string CloudArm64V612Config = """
        CONFIG_THREAD_INFO_IN_TASK=y
        CONFIG_LOG_BUF_SHIFT=17
        CONFIG_LOG_CPU_MAX_BUF_SHIFT=12
        CONFIG_NUMA_BALANCING=y
        CONFIG_NUMA_BALANCING_DEFAULT_ENABLED=y
        CONFIG_MEMCG=y
        CONFIG_BLK_DEV_INITRD=y
        CONFIG_CRASH_RESERVE=y
        CONFIG_KEXEC_CORE=y
        CONFIG_KEXEC=y
        # CONFIG_KEXEC_FILE is not set
        CONFIG_CRASH_DUMP=y
        CONFIG_ARM64_CONT_PTE_SHIFT=4
        CONFIG_ARM64_CONT_PMD_SHIFT=4
        CONFIG_ARCH_MMAP_RND_BITS_MIN=18
        CONFIG_ARCH_MMAP_RND_BITS_MAX=33
        CONFIG_ARCH_MMAP_RND_COMPAT_BITS_MIN=11
        CONFIG_ARCH_MMAP_RND_COMPAT_BITS_MAX=16
        CONFIG_PGTABLE_LEVELS=5
        CONFIG_ARM64_4K_PAGES=y
        # CONFIG_ARM64_16K_PAGES is not set
        # CONFIG_ARM64_64K_PAGES is not set
        # CONFIG_ARM64_VA_BITS_39 is not set
        # CONFIG_ARM64_VA_BITS_48 is not set
        CONFIG_ARM64_VA_BITS_52=y
        CONFIG_ARM64_VA_BITS=52
        CONFIG_ARM64_PA_BITS_52=y
        CONFIG_ARM64_PA_BITS=52
        CONFIG_ARM64_LPA2=y
        # CONFIG_CPU_BIG_ENDIAN is not set
        CONFIG_NR_CPUS=512
        CONFIG_NUMA=y
        CONFIG_NODES_SHIFT=4
        CONFIG_ARCH_SPARSEMEM_ENABLE=y
        CONFIG_ARCH_FORCE_MAX_ORDER=10
        CONFIG_UNMAP_KERNEL_AT_EL0=y
        CONFIG_RODATA_FULL_DEFAULT_ENABLED=y
        # CONFIG_ARM64_SW_TTBR0_PAN is not set
        CONFIG_ARM64_MTE=y
        CONFIG_RANDOMIZE_BASE=y
        CONFIG_RANDOMIZE_MODULE_REGION_FULL=y
        CONFIG_EFI_STUB=y
        CONFIG_EFI=y
        CONFIG_ARCH_HAS_ACPI_TABLE_UPGRADE=y
        CONFIG_ACPI_NUMA=y
        CONFIG_HAVE_DMA_CONTIGUOUS=y
        CONFIG_ARCH_MMAP_RND_BITS=18
        CONFIG_ARCH_MMAP_RND_COMPAT_BITS=11
        CONFIG_VMAP_STACK=y
        CONFIG_EFI_PARTITION=y
        # CONFIG_ZSWAP is not set
        CONFIG_ZSMALLOC=m
        # CONFIG_ZSMALLOC_STAT is not set
        CONFIG_SLUB=y
        # CONFIG_SLUB_TINY is not set
        CONFIG_SLAB_MERGE_DEFAULT=y
        CONFIG_SLAB_FREELIST_RANDOM=y
        CONFIG_SLAB_FREELIST_HARDENED=y
        # CONFIG_SLUB_STATS is not set
        CONFIG_SLUB_CPU_PARTIAL=y
        # CONFIG_RANDOM_KMALLOC_CACHES is not set
        CONFIG_SHUFFLE_PAGE_ALLOCATOR=y
        CONFIG_SPARSEMEM=y
        CONFIG_SPARSEMEM_EXTREME=y
        CONFIG_SPARSEMEM_VMEMMAP_ENABLE=y
        CONFIG_SPARSEMEM_VMEMMAP=y
        CONFIG_ARCH_KEEP_MEMBLOCK=y
        CONFIG_NUMA_KEEP_MEMINFO=y
        CONFIG_MEMORY_HOTPLUG=y
        CONFIG_MEMORY_HOTREMOVE=y
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
        # CONFIG_CMA_DEBUGFS is not set
        # CONFIG_CMA_SYSFS is not set
        CONFIG_CMA_AREAS=20
        CONFIG_GENERIC_EARLY_IOREMAP=y
        CONFIG_DEFERRED_STRUCT_PAGE_INIT=y
        CONFIG_PAGE_IDLE_FLAG=y
        # CONFIG_IDLE_PAGE_TRACKING is not set
        CONFIG_ZONE_DMA=y
        CONFIG_ZONE_DMA32=y
        CONFIG_ZONE_DEVICE=y
        # CONFIG_PERCPU_STATS is not set
        CONFIG_NUMA_MEMBLKS=y
        CONFIG_EFI_ESRT=y
        CONFIG_EFI_VARS_PSTORE=m
        # CONFIG_EFI_VARS_PSTORE_DEFAULT_DISABLE is not set
        CONFIG_EFI_SOFT_RESERVE=y
        CONFIG_EFI_PARAMS_FROM_FDT=y
        CONFIG_EFI_RUNTIME_WRAPPERS=y
        CONFIG_EFI_GENERIC_STUB=y
        # CONFIG_EFI_ZBOOT is not set
        CONFIG_EFI_ARMSTUB_DTB_LOADER=y
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
        CONFIG_CMA_SIZE_MBYTES=64
        CONFIG_CMA_SIZE_SEL_MBYTES=y
        # CONFIG_CMA_SIZE_SEL_PERCENTAGE is not set
        # CONFIG_CMA_SIZE_SEL_MIN is not set
        # CONFIG_CMA_SIZE_SEL_MAX is not set
        CONFIG_CMA_ALIGNMENT=8
        CONFIG_ARCH_HAS_UACCESS_FLUSHCACHE=y
        # CONFIG_KCSAN is not set
        # CONFIG_PAGE_EXTENSION is not set
        # CONFIG_DEBUG_PAGEALLOC is not set
        CONFIG_SLUB_DEBUG=y
        # CONFIG_SLUB_DEBUG_ON is not set
        # CONFIG_PAGE_OWNER is not set
        # CONFIG_PAGE_TABLE_CHECK is not set
        # CONFIG_PAGE_POISONING is not set
        # CONFIG_DEBUG_VM is not set
        # CONFIG_DEBUG_VM_PGTABLE is not set
        # CONFIG_MEM_ALLOC_PROFILING is not set
        # CONFIG_KASAN is not set
        CONFIG_KFENCE=y
        CONFIG_KFENCE_SAMPLE_INTERVAL=0
        CONFIG_KFENCE_NUM_OBJECTS=255
        # CONFIG_PERCPU_TEST is not set
        # CONFIG_MEMTEST is not set
        # CONFIG_MEMCG_KMEM does not appear in this config
        # CONFIG_ARM64_PA_BITS_48 does not appear in this config
        # CONFIG_ARM64_MODULE_PLTS does not appear in this config
        # CONFIG_SLAB does not appear in this config
        # CONFIG_HAVE_FAST_GUP does not appear in this config
        # CONFIG_MEMORY_HOTPLUG_DEFAULT_ONLINE does not appear in this config
        # CONFIG_SPLIT_PTLOCK_CPUS does not appear in this config
        # CONFIG_CMA_DEBUG does not appear in this config
        # CONFIG_EFI_GENERIC_STUB_INITRD_CMDLINE_LOADER does not appear in this config
        # CONFIG_ARCH_HAS_RESET_CONTROLLER does not appear in this config
        # CONFIG_DMA_PERNUMA_CMA does not appear in this config
        # CONFIG_HAVE_MEMBLOCK_PHYS_MAP does not appear in this config
        # CONFIG_HIGHMEM does not appear in this config
        # CONFIG_FORCE_MAX_ZONEORDER does not appear in this config
        # CONFIG_PAGE_BLOCK_ORDER does not appear in this config
        # CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP does not appear in this config
        # CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP_DEFAULT_ON does not appear in this config
        # CONFIG_ARCH_WANT_HUGETLB_PAGE_OPTIMIZE_VMEMMAP does not appear in this config
        """;

    internal const string ArmmpLpaeV612SystemMap = """
        c0203000 A swapper_pg_dir
        c0208000 T _text
        c0208000 T stext
        c0400000 T __idmap_text_start
        c0400000 T _stext
        c04000ac T __idmap_text_end
        c1200000 D __start_rodata
        c1200000 D _etext
        c1621000 R __end_rodata
        c1800000 T __init_begin
        c1800000 A __vectors_start
        c1800060 A __stubs_start
        c18003c0 T _sinittext
        c1895034 T _einittext
        c1946000 D __per_cpu_load
        c1946000 D __per_cpu_start
        c195278c D __per_cpu_end
        c1a00000 D __init_end
        c1a00000 D _sdata
        c1bc6fb4 B __bss_start
        c1bc6fb4 D _edata
        c1c321d0 B __bss_stop
        c1c321d0 B _end
        """;

    internal const string ArmmpLpaeV612Config = """
        CONFIG_THREAD_INFO_IN_TASK=y
        CONFIG_LOG_BUF_SHIFT=17
        CONFIG_LOG_CPU_MAX_BUF_SHIFT=12
        CONFIG_MEMCG=y
        CONFIG_BLK_DEV_INITRD=y
        CONFIG_CRASH_RESERVE=y
        CONFIG_KEXEC_CORE=y
        CONFIG_KEXEC=y
        CONFIG_CRASH_DUMP=y
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
        CONFIG_ARCH_FORCE_MAX_ORDER=11
        CONFIG_ZBOOT_ROM_TEXT=0x0
        CONFIG_ZBOOT_ROM_BSS=0x0
        CONFIG_ARM_APPENDED_DTB=y
        CONFIG_ARM_ATAG_DTB_COMPAT=y
        CONFIG_ARM_ATAG_DTB_COMPAT_CMDLINE_FROM_BOOTLOADER=y
        # CONFIG_ARM_ATAG_DTB_COMPAT_CMDLINE_EXTEND is not set
        CONFIG_AUTO_ZRELADDR=y
        CONFIG_EFI=y
        CONFIG_MMU_GATHER_TABLE_FREE=y
        CONFIG_MMU_GATHER_RCU_TABLE_FREE=y
        CONFIG_VMAP_STACK=y
        CONFIG_HAVE_ARCH_PFN_VALID=y
        CONFIG_ZSWAP=y
        CONFIG_SLUB=y
        # CONFIG_SLUB_TINY is not set
        # CONFIG_SLUB_STATS is not set
        CONFIG_SLUB_CPU_PARTIAL=y
        # CONFIG_RANDOM_KMALLOC_CACHES is not set
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
        # CONFIG_CMA_DEBUGFS is not set
        # CONFIG_CMA_SYSFS is not set
        CONFIG_CMA_AREAS=8
        CONFIG_PAGE_IDLE_FLAG=y
        # CONFIG_IDLE_PAGE_TRACKING is not set
        CONFIG_ZONE_DMA=y
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
        # CONFIG_MEM_ALLOC_PROFILING is not set
        CONFIG_KFENCE=y
        CONFIG_KFENCE_SAMPLE_INTERVAL=0
        CONFIG_KFENCE_NUM_OBJECTS=255
        # CONFIG_DEBUG_LL is not set
        CONFIG_DEBUG_LL_INCLUDE="mach/debug-macro.S"
        # CONFIG_MEMTEST is not set
        # CONFIG_CMA_DEBUG does not appear in this config
        # CONFIG_EFI_GENERIC_STUB_INITRD_CMDLINE_LOADER does not appear in this config
        # CONFIG_HAVE_MEMBLOCK_PHYS_MAP does not appear in this config
        # CONFIG_NUMA does not appear in this config
        # CONFIG_DEFERRED_STRUCT_PAGE_INIT does not appear in this config
        # CONFIG_FORCE_MAX_ZONEORDER does not appear in this config
        # CONFIG_RANDOMIZE_BASE does not appear in this config
        # CONFIG_MEMORY_HOTPLUG does not appear in this config
        # CONFIG_ZONE_DMA32 does not appear in this config
        # CONFIG_SPARSEMEM does not appear in this config
        # CONFIG_NUMA_MEMBLKS does not appear in this config
        # CONFIG_ARM64_VA_BITS_52 does not appear in this config
        # CONFIG_ARM64_PA_BITS_52 does not appear in this config
        # CONFIG_ARM64_16K_PAGES does not appear in this config
        # CONFIG_ARM64_4K_PAGES does not appear in this config
        # CONFIG_PAGE_BLOCK_ORDER does not appear in this config
        # CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP does not appear in this config
        # CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP_DEFAULT_ON does not appear in this config
        # CONFIG_ARCH_WANT_HUGETLB_PAGE_OPTIMIZE_VMEMMAP does not appear in this config
        # CONFIG_EFI_ZBOOT does not appear in this config
        # CONFIG_ARM64_LPA2 does not appear in this config
        """;
}
