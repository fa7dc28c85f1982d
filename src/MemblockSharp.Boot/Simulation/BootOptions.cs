using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Simulation;

/// <summary>Inputs of one simulated boot.</summary>
public sealed record BootOptions
{
    /// <summary>The kernel build.</summary>
    public required KernelProfile Profile { get; init; }

    /// <summary>The flattened device tree the kernel is given.</summary>
    public required ReadOnlyMemory<byte> Dtb { get; init; }

    /// <summary>Replaces <c>/chosen/bootargs</c> when set.</summary>
    public string? CommandLine { get; init; }

    /// <summary>Memory banks that replace the DT's <c>/memory</c> nodes (what a bootloader fills in); empty = use the DT.</summary>
    public IReadOnlyList<(ulong Base, ulong Size)> Ram { get; init; } = [];

    /// <summary>
    /// A boot log printed with <c>efi=debug</c>: the kernel was started by UEFI and its memory comes from the UEFI
    /// memory map in the <c>efi:</c> lines (the DTB then carries no <c>/memory</c>). Null for a direct boot.
    /// </summary>
    public string? EfiLog { get; init; }

    /// <summary>Physical load address of the kernel image (<c>_text</c>); default: lowest RAM + 2 MiB (QEMU, U-Boot booti).</summary>
    public ulong? KernelAddress { get; init; }

    /// <summary>Physical address of the DTB; default: as QEMU places it (after the initrd, 2 MiB aligned).</summary>
    public ulong? DtbAddress { get; init; }

    /// <summary>
    /// The initrd a boot loader loaded, as <c>(start, size)</c> in bytes: what it writes to /chosen
    /// <c>linux,initrd-start</c>/<c>-end</c> (replaces those when set; null = the tree's, else no initrd).
    /// </summary>
    public (ulong Start, ulong Size)? Initrd { get; init; }

    /// <summary>
    /// Where the profile's image section sizes came from, for the summary (e.g. <c>--memory-line</c> when
    /// <see cref="Profiles.KernelBuildFacts.WithMemoryLine"/> made the profile); null = the profile's own.
    /// </summary>
    public string? ImageSectionsSource { get; init; }

    /// <summary>Where the profile's default CMA size came from (e.g. <c>--cma-default</c>); null = the profile's own.</summary>
    public string? CmaDefaultSource { get; init; }

    /// <summary>Record every memblock call in the <c>memblock=debug</c> format (also without <c>memblock=debug</c>).</summary>
    public bool Trace { get; init; }

    /// <summary>
    /// With <see cref="Trace"/>: the most trace lines recorded (default 1,000,000, about 1 TiB of RAM's worth); at the
    /// cap one line says the trace was cut and the boot goes on untraced, with the same results.
    /// </summary>
    public int MaxTraceLines { get; init; } = 1_000_000;
}
