namespace MemblockSharp.Boot.Simulation;

/// <summary>Where part of the RAM that is not in MemTotal went.</summary>
/// <param name="Category">What took it (kernel image, page tables, log buffer, …).</param>
/// <param name="Bytes">How much, in bytes.</param>
public readonly record struct BootCost(string Category, long Bytes);
