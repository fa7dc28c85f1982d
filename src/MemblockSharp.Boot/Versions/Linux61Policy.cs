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
    public ulong DefaultCrashKernelLowBytes(KernelProfile profile) => 128UL << 20;

    /// <inheritdoc />
    /// <remarks>include/linux/cma.h: <c>CMA_MIN_ALIGNMENT_PAGES</c> is <c>pageblock_nr_pages</c>.</remarks>
    public ulong CmaAlignment(KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.PageSize << profile.PageblockOrder;
    }

    public KernelRules Rules(KernelProfile profile) => KernelRules.None;

    /// <inheritdoc />
    public MemblockVersion MemblockCore => MemblockVersion.Linux6_1;

    /// <inheritdoc />
    public bool NumaInitSetsReservedNodes => false;

    /// <inheritdoc />
    public bool FreeAllSetsReservedNodes => false;
}
