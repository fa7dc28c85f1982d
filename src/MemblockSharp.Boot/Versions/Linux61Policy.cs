using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Versions;

/// <summary>The rules of Linux 6.1 (checked against the recorded Debian 6.1 boots).</summary>
internal sealed class Linux61Policy : IKernelVersionPolicy
{
    /// <summary>The one instance.</summary>
    public static Linux61Policy Instance { get; } = new();

    private Linux61Policy()
    {
    }

    /// <inheritdoc />
    public KernelVersion Version => KernelVersion.Linux6_1;

    /// <inheritdoc />
    /// <remarks>include/linux/mmzone.h (6.1): <c>MAX_ORDER</c> is the config value or 11, and orders run below it.</remarks>
    public int BuddyOrderCount(int? configuredOrder) => configuredOrder ?? 11;

    /// <inheritdoc />
    public CrashKernelRules CrashKernel => CrashKernelRules.Linux61;

    /// <inheritdoc />
    /// <remarks>include/linux/cma.h: <c>CMA_MIN_ALIGNMENT_PAGES</c> is <c>pageblock_nr_pages</c>.</remarks>
    public ulong CmaAlignment(KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.PageSize << profile.PageblockOrder;
    }

    public KernelRules Rules(KernelProfile profile) => KernelRules.None;

    /// <inheritdoc />
    /// <remarks>arch/arm64/mm/init.c (6.1): <c>zone_dma_bits = min3(32, fls64(dt limit), fls64(ACPI limit))</c>, then <c>max_zone_phys(zone_dma_bits)</c>.</remarks>
    public ulong Arm64DmaZoneEnd(ulong dtMaxCpuAddress, ulong startOfDram, ulong endOfDram) =>
        MaxZonePhys(Math.Min(32, Fls64(dtMaxCpuAddress)), startOfDram, endOfDram);

    /// <inheritdoc />
    public ulong Arm64Dma32ZoneEnd(ulong startOfDram, ulong endOfDram) => MaxZonePhys(32, startOfDram, endOfDram);

    // max_zone_phys (6.1): the zone's bit mask, widened to 4 GiB when RAM starts above the mask and to everything when
    // RAM starts above 4 GiB; then no further than the end of RAM.
    private static ulong MaxZonePhys(int bits, ulong startOfDram, ulong endOfDram)
    {
        ulong mask = bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;
        if (startOfDram > uint.MaxValue)
            mask = ulong.MaxValue;
        else if (startOfDram > mask)
            mask = uint.MaxValue;
        return Math.Min(mask, endOfDram - 1) + 1;
    }

    private static int Fls64(ulong x) => x == 0 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount(x);

    /// <inheritdoc />
    public MemblockVersion MemblockCore => MemblockVersion.Linux6_1;
}
