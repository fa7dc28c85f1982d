using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Sweep;

/// <summary>
/// The outcome of one boot of a sweep: its inputs and, when it booted, RAM, MemTotal and where the difference went
/// (the figures of <c>memblock boot</c> for the same inputs); when it did not, why.
/// </summary>
public sealed record SweepRow
{
    /// <summary>The point's place in the grid's order.</summary>
    public required int Index { get; init; }

    /// <summary>The index of its (kernel, parameter set) panel.</summary>
    public required int Panel { get; init; }

    /// <summary>The kernel profile's name.</summary>
    public required string Kernel { get; init; }

    /// <summary>The parameter set (<see cref="SweepParameters.Text"/>).</summary>
    public required string Parameters { get; init; }

    /// <summary>The RAM bank's base.</summary>
    public required ulong RamBase { get; init; }

    /// <summary>The RAM bank's size as asked for (the sum of the device tree's banks when it was not given).</summary>
    public required ulong RamSize { get; init; }

    /// <summary>Whether the bank replaced the device tree's memory (false: the device tree's own <c>/memory</c> was used).</summary>
    public required bool RamGiven { get; init; }

    /// <summary>The command line the kernel got.</summary>
    public required string CommandLine { get; init; }

    /// <summary>Why the boot failed (the message <c>memblock boot</c> prints), or null when it booted.</summary>
    public string? Error { get; init; }

    /// <summary>RAM the kernel knows of (present pages), in bytes; 0 when the boot failed.</summary>
    public ulong RamBytes { get; init; }

    /// <summary><c>MemTotal</c> in kB; 0 when the boot failed.</summary>
    public ulong MemTotalKb { get; init; }

    /// <summary>The text after <c>Memory: </c>; empty when the boot failed.</summary>
    public string MemoryLine { get; init; } = "";

    /// <summary>Where RAM − MemTotal went, by category (<see cref="BootResult.Costs"/>); empty when the boot failed.</summary>
    public IReadOnlyList<BootCost> Costs { get; init; } = [];

    /// <summary>What this boot does not model (<see cref="BootResult.Warnings"/>); empty when it is exact or failed.</summary>
    public IReadOnlyList<BootWarning> Warnings { get; init; } = [];

    /// <summary>True when the boot ran to the hand-off.</summary>
    public bool Booted => Error is null;

    /// <summary>RAM − MemTotal in kB (0 when the boot failed).</summary>
    public long NotInMemTotalKb => Booted ? (long)(RamBytes / 1024) - (long)MemTotalKb : 0;

    /// <summary>The bytes of one category (0 when the category took nothing in this boot).</summary>
    /// <param name="category">The category's name.</param>
    /// <returns>The bytes.</returns>
    public long CostOf(string category)
    {
        long sum = 0;
        foreach (var c in Costs)
        {
            if (c.Category == category)
                sum += c.Bytes;
        }
        return sum;
    }
}
