using MemblockSharp.Boot.Buddy;

namespace MemblockSharp.Boot.Simulation;

/// <summary>The outcome of a simulated boot.</summary>
public sealed class BootResult
{
    /// <summary>The profile name.</summary>
    public required string Profile { get; init; }

    /// <summary>
    /// <c>sizeof(phys_addr_t)</c> of the profile's kernel (4 on 32-bit ARM without LPAE, else 8): the width in which
    /// it prints addresses with <c>%pa</c>, as in its debugfs memblock files.
    /// </summary>
    public int PhysAddrBytes { get; init; } = 8;

    /// <summary>The command line the kernel saw.</summary>
    public required string CommandLine { get; init; }

    /// <summary>The memory-related boot log, as the kernel prints it (no timestamps); with tracing, the memblock=debug lines in place.</summary>
    public required IReadOnlyList<string> Log { get; init; }

    /// <summary>Only the memblock=debug lines (empty unless tracing was asked for).</summary>
    public required IReadOnlyList<string> Trace { get; init; }

    /// <summary>The text after <c>Memory: </c>.</summary>
    public required string MemoryLine { get; init; }

    /// <summary><c>MemTotal</c> of <c>/proc/meminfo</c>, in kB.</summary>
    public required ulong MemTotalKb { get; init; }

    /// <summary>RAM the kernel knows of (<c>physpages</c>), in bytes.</summary>
    public required ulong RamBytes { get; init; }

    /// <summary><c>memblock.memory</c> at the hand-off to the buddy allocator.</summary>
    public required IReadOnlyList<MemblockRegion> Memory { get; init; }

    /// <summary><c>memblock.reserved</c> at the hand-off.</summary>
    public required IReadOnlyList<MemblockRegion> Reserved { get; init; }

    /// <summary><c>memblock.reserved</c> after boot (what debugfs shows: the initrd is gone, init sections stay).</summary>
    public required IReadOnlyList<MemblockRegion> ReservedAfterBoot { get; init; }

    /// <summary>The zones after boot.</summary>
    public required IReadOnlyList<BootZone> Zones { get; init; }

    /// <summary>The page allocator after boot (free lists, watermarks).</summary>
    public required BuddyAllocator Buddy { get; init; }

    /// <summary>Where <c>RAM − MemTotal</c> went, by category; the bytes add up to that difference.</summary>
    public required IReadOnlyList<BootCost> Costs { get; init; }

    /// <summary>What this boot does not model that may change its numbers (each with what it may change); empty when exact.</summary>
    public IReadOnlyList<BootWarning> Warnings { get; init; } = [];

    /// <summary>
    /// The boot's inputs and where each came from (RAM, kernel image, device tree blob, initrd, build facts); the assumed
    /// ones are what the boot took by default. Separate from <see cref="Warnings"/>: an assumption does not make a boot inexact.
    /// </summary>
    public IReadOnlyList<BootInput> Inputs { get; init; } = [];

    /// <summary>Whether every input of the boot is modelled, so the figures are the kernel's (no <see cref="Warnings"/>).</summary>
    public bool Exact => Warnings.Count == 0;
}
