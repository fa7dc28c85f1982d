namespace MemblockSharp.Boot.Sweep;

/// <summary>What every boot of a sweep shares: the device tree, its name and the command line.</summary>
public sealed record SweepInput
{
    /// <summary>The flattened device tree.</summary>
    public required ReadOnlyMemory<byte> Dtb { get; init; }

    /// <summary>What is booted (the DTB's file name, or the bundled board's name).</summary>
    public required string Title { get; init; }

    /// <summary>Replaces <c>/chosen/bootargs</c> when set; the parameter sets apply on top of it.</summary>
    public string? CommandLine { get; init; }

    /// <summary>The initrd every boot is given (<see cref="Simulation.BootOptions.Initrd"/>), or null for the tree's.</summary>
    public (ulong Start, ulong Size)? Initrd { get; init; }
}
