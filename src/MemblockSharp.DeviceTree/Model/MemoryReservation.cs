namespace MemblockSharp.DeviceTree;

/// <summary>One entry of the memory-reservation map (a <c>/memreserve/</c> line in DTS).</summary>
/// <param name="Address">The physical start address.</param>
/// <param name="Size">The size in bytes (never 0: a zero size ends the map).</param>
public readonly record struct MemoryReservation(ulong Address, ulong Size);
