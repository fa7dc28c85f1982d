namespace MemblockSharp.Boot.Replay;

/// <summary>What the replay may use besides the log.</summary>
public sealed class ReplayOptions
{
    /// <summary>The facts of the DTB the kernel booted with (<c>--dtb</c>), or null.</summary>
    public DtbFacts? Dtb { get; init; }

    /// <summary>The kernel's page size (4096 for the recorded kernels).</summary>
    public ulong PageSize { get; init; } = 4096;

    /// <summary>
    /// The release (6.1 or 6.12) to replay as, or null to take it from the log (<see cref="LogKernelVersion.Of"/>: the
    /// banner, else the lines only 6.12 prints).
    /// </summary>
    public Profiles.KernelVersion? KernelVersion { get; init; }

    /// <summary>The most reconcile-and-rerun rounds against the log's dumps.</summary>
    public int MaxRounds { get; init; } = 12;
}
