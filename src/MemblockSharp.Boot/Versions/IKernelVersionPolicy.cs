using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Versions;

/// <summary>
/// The rules of one Linux release, in the places where releases differ. The boot and the profile parser ask these
/// instead of comparing versions, so a new release is a new implementation (and its profiles), not new branches in
/// the stages. Each member names the kernel behaviour it stands for.
/// </summary>
internal interface IKernelVersionPolicy
{
    /// <summary>The release these rules describe.</summary>
    KernelVersion Version { get; }

    /// <summary>
    /// How many buddy orders a build has, from its configured order (<c>CONFIG_ARCH_FORCE_MAX_ORDER</c>, or null when
    /// the config does not set it). 6.1: the value is <c>MAX_ORDER</c>, the count (default 11); 6.12 makes it
    /// <c>MAX_PAGE_ORDER</c>, the highest order.
    /// </summary>
    /// <param name="configuredOrder">The config value, or null.</param>
    /// <returns>The number of orders (0 … count − 1).</returns>
    int BuddyOrderCount(int? configuredOrder);

    /// <summary>How this release's arm64 <c>reserve_crashkernel</c> reads and places <c>crashkernel=</c>.</summary>
    CrashKernelRules CrashKernel { get; }

    /// <summary>The alignment and granule of CMA areas (<c>CMA_MIN_ALIGNMENT_BYTES</c>).</summary>
    /// <param name="profile">The kernel build.</param>
    /// <returns>Bytes.</returns>
    ulong CmaAlignment(KernelProfile profile);

    /// <summary>The boot rules of this release for <paramref name="profile"/> (what the stages consult).</summary>
    /// <param name="profile">The profile.</param>
    /// <returns>The rules.</returns>
    KernelRules Rules(KernelProfile profile);

    /// <summary>
    /// arm64 <c>zone_sizes_init</c>: where ZONE_DMA ends (<c>arm64_dma_phys_limit</c>, exclusive), from the highest CPU
    /// address the device tree's <c>dma-ranges</c> reach (<c>of_dma_get_max_cpu_address</c>; no ACPI IORT is modelled).
    /// 6.1 rounds it to a bit count (<c>zone_dma_bits</c>, at most 32); 6.12 keeps the address, capped at 4 GiB when RAM
    /// starts below it.
    /// </summary>
    /// <param name="dtMaxCpuAddress">The last byte DMA reaches (PHYS_ADDR_MAX when no bus limits it).</param>
    /// <param name="startOfDram">memblock_start_of_DRAM.</param>
    /// <param name="endOfDram">memblock_end_of_DRAM (exclusive).</param>
    /// <returns>The exclusive end of ZONE_DMA.</returns>
    ulong Arm64DmaZoneEnd(ulong dtMaxCpuAddress, ulong startOfDram, ulong endOfDram);

    /// <summary>arm64 <c>zone_sizes_init</c>: where ZONE_DMA32 ends (exclusive), <c>max_zone_phys</c> of the 32-bit mask.</summary>
    /// <param name="startOfDram">memblock_start_of_DRAM.</param>
    /// <param name="endOfDram">memblock_end_of_DRAM (exclusive).</param>
    /// <returns>The exclusive end of ZONE_DMA32.</returns>
    ulong Arm64Dma32ZoneEnd(ulong startOfDram, ulong endOfDram);

    /// <summary>The memblock core's rules of this release (the core itself differs between releases too).</summary>
    MemblockVersion MemblockCore { get; }
}
