using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Versions;

/// <summary>The rules of Linux 6.12 (checked against the recorded Debian 6.12 boots).</summary>
internal sealed class Linux612Policy : IKernelVersionPolicy
{
    /// <summary>The one instance.</summary>
    public static Linux612Policy Instance { get; } = new();

    private Linux612Policy()
    {
    }

    /// <inheritdoc />
    public KernelVersion Version => KernelVersion.Linux6_12;

    /// <inheritdoc />
    /// <remarks>Since 6.4 the config value is the highest order (<c>MAX_PAGE_ORDER</c>, default 10), so there is one order more.</remarks>
    public int BuddyOrderCount(int? configuredOrder) => (configuredOrder ?? 10) + 1;

    /// <inheritdoc />
    public CrashKernelRules CrashKernel => CrashKernelRules.Linux612;

    /// <inheritdoc />
    /// <remarks>include/linux/cma.h (6.12): one pageblock.</remarks>
    public ulong CmaAlignment(KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.PageSize << profile.PageblockOrder;
    }

    /// <inheritdoc />
    public KernelRules Rules(KernelProfile profile) => KernelRules.Linux612(profile);

    /// <inheritdoc />
    /// <remarks>arch/arm64/mm/init.c (6.12): <c>zone_dma_limit = min(dt limit, ACPI limit)</c>, capped at <c>U32_MAX</c> when RAM
    /// starts below it, then <c>max_zone_phys(limit) = min(limit, end of RAM - 1) + 1</c>.</remarks>
    public ulong Arm64DmaZoneEnd(ulong dtMaxCpuAddress, ulong startOfDram, ulong endOfDram)
    {
        ulong limit = dtMaxCpuAddress;
        if (startOfDram < uint.MaxValue)
            limit = Math.Min(limit, uint.MaxValue);
        return Math.Min(limit, endOfDram - 1) + 1;
    }

    /// <inheritdoc />
    /// <remarks>6.12's <c>max_zone_phys(DMA_BIT_MASK(32))</c> no longer widens the mask for RAM above 4 GiB.</remarks>
    public ulong Arm64Dma32ZoneEnd(ulong startOfDram, ulong endOfDram) => Math.Min(uint.MaxValue, endOfDram - 1) + 1;

    /// <inheritdoc />
    public MemblockVersion MemblockCore => MemblockVersion.Linux6_12;
}
