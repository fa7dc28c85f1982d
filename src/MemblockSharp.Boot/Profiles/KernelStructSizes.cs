namespace MemblockSharp.Boot.Profiles;

/// <summary>
/// Sizes of the kernel structures whose early allocations show in <c>memblock.reserved</c>. They follow from the
/// architecture's ABI and the configuration; the defaults of <see cref="ForArm64"/> and <see cref="ForArm32"/> were
/// measured on the recorded Debian 6.1 boots (see docs/boot-flow-arm64.md).
/// </summary>
public sealed record KernelStructSizes
{
    /// <summary><c>sizeof(void *)</c>: 8 on arm64, 4 on 32-bit ARM.</summary>
    public required ulong Pointer { get; init; }

    /// <summary><c>sizeof(struct page)</c>.</summary>
    public required ulong Page { get; init; }

    /// <summary><c>sizeof(pg_data_t)</c> (the per-node <c>NODE_DATA</c> allocation).</summary>
    public required ulong PgData { get; init; }

    /// <summary><c>sizeof(struct device_node)</c> as used by the unflattening dry run.</summary>
    public required ulong DeviceNode { get; init; }

    /// <summary><c>sizeof(struct property)</c>.</summary>
    public required ulong Property { get; init; }

    /// <summary><c>sizeof(struct prb_desc)</c> (printk ring descriptors).</summary>
    public required ulong PrbDesc { get; init; }

    /// <summary><c>sizeof(struct printk_info)</c>.</summary>
    public required ulong PrintkInfo { get; init; }

    /// <summary><c>sizeof(struct resource)</c> (<c>request_standard_resources</c>).</summary>
    public required ulong Resource { get; init; }

    /// <summary><c>sizeof(struct pcpu_chunk)</c> without its trailing bitmap.</summary>
    public required ulong PcpuChunk { get; init; }

    /// <summary><c>sizeof(struct pcpu_block_md)</c>.</summary>
    public required ulong PcpuBlockMd { get; init; }

    /// <summary><c>sizeof(struct io_tlb_slot)</c>.</summary>
    public required ulong SwiotlbSlot { get; init; }

    /// <summary><c>sizeof(struct io_tlb_area)</c>.</summary>
    public required ulong SwiotlbArea { get; init; }

    /// <summary><c>PERCPU_DYNAMIC_RESERVE</c>: the minimum dynamic per-CPU area (28 KiB on 64-bit, 20 KiB on 32-bit).</summary>
    public required ulong PercpuDynamicReserve { get; init; }

    /// <summary><c>PERCPU_MODULE_RESERVE</c> (8 KiB).</summary>
    public ulong PercpuModuleReserve { get; init; } = 8192;

    /// <summary>
    /// <c>sizeof(struct static_vm)</c> (32-bit ARM: the <c>vm_struct</c> plus list head that <c>iotable_init</c> and
    /// <c>vm_reserve_area_early</c> allocate); its <c>phys_addr_t</c> field makes it 48 bytes with LPAE, 40 without.
    /// </summary>
    public ulong StaticVm { get; init; } = 48;

    /// <summary><c>__alignof__(struct static_vm)</c>: 8 with a 64-bit <c>phys_addr_t</c>, 4 with a 32-bit one.</summary>
    public ulong StaticVmAlign { get; init; } = 8;

    /// <summary>Page-table pages of the identity map built by <c>create_idmap</c> (arm64; 0 elsewhere).</summary>
    public ulong IdmapTables { get; init; }

    /// <summary>The arm64 sizes measured on Debian's 6.1 kernels.</summary>
    public static KernelStructSizes ForArm64 { get; } = new()
    {
        Pointer = 8, Page = 64, PgData = 0x2c80, DeviceNode = 208, Property = 96, PrbDesc = 24, PrintkInfo = 88,
        Resource = 64, PcpuChunk = 136, PcpuBlockMd = 32, SwiotlbSlot = 24, SwiotlbArea = 16,
        PercpuDynamicReserve = 28 << 10, IdmapTables = 4,
    };

    /// <summary>
    /// The arm64 sizes of Debian's 6.12 kernels: <c>struct property</c> grew by 8 bytes, <c>struct pcpu_chunk</c> to
    /// 192 bytes, <c>pg_data_t</c> to 0x3740 bytes with 4 KiB pages (its per-order free lists make it 0x3880 with
    /// 16 KiB pages and 12 orders).
    /// </summary>
    /// <param name="pageSize">The profile's page size.</param>
    /// <returns>The sizes.</returns>
    public static KernelStructSizes ForArm64V612(ulong pageSize) => ForArm64 with
    {
        Property = 104, PcpuChunk = 192, PgData = pageSize == 4096 ? 0x3740UL : 0x3880UL,
    };

    /// <summary>The 32-bit ARM (LPAE) sizes of Debian's 6.12 armmp-lpae kernel.</summary>
    public static KernelStructSizes ForArm32V612 => ForArm32 with { Property = 56, PcpuChunk = 128 };

    /// <summary>
    /// The sizes of Debian's 6.1 classic (non-LPAE) armmp kernel: a 32-bit <c>phys_addr_t</c> and
    /// <c>resource_size_t</c> shrink <c>struct resource</c> to 32 bytes and <c>struct static_vm</c> to 40 (align 4);
    /// measured on the recorded virt-armhf-armmp boots.
    /// </summary>
    public static KernelStructSizes ForArm32Classic => ForArm32 with { Resource = 32, StaticVm = 40, StaticVmAlign = 4 };

    /// <summary>The 32-bit ARM (LPAE) sizes measured on Debian's 6.1 armmp-lpae kernel.</summary>
    public static KernelStructSizes ForArm32 { get; } = new()
    {
        Pointer = 4, Page = 36, PgData = 0x1dc0, DeviceNode = 108, Property = 48, PrbDesc = 12, PrintkInfo = 88,
        Resource = 40, PcpuChunk = 92, PcpuBlockMd = 32, SwiotlbSlot = 16, SwiotlbArea = 12,
        PercpuDynamicReserve = 20 << 10,
    };
}
