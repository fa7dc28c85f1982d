namespace MemblockSharp.Boot.Explain;

/// <summary>What the explanation may use besides the log.</summary>
public sealed class ExplainOptions
{
    /// <summary>The DTB the kernel booted with (<c>--dtb</c>, or <c>/sys/firmware/fdt</c> live); with it the boot is simulated.</summary>
    public byte[]? Dtb { get; init; }

    /// <summary>A built-in profile name (<c>--kernel</c>) that overrides the one chosen from the banner.</summary>
    public string? Profile { get; init; }

    /// <summary>The text of <c>/proc/meminfo</c> of the same boot (live mode), or null.</summary>
    public string? Meminfo { get; init; }

    /// <summary>The text of <c>/sys/kernel/debug/memblock/memory</c> of the same boot (live mode), or null.</summary>
    public string? DebugfsMemory { get; init; }

    /// <summary>The text of <c>/sys/kernel/debug/memblock/reserved</c> of the same boot (live mode), or null.</summary>
    public string? DebugfsReserved { get; init; }

    /// <summary>The command line of the running kernel (<c>/proc/cmdline</c>), used when the log lost its own.</summary>
    public string? CommandLine { get; init; }
}
