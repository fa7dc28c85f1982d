namespace MemblockSharp.Boot.Buddy;

/// <summary>One free buddy block: <c>2^Order</c> pages from <c>Pfn</c>, on the free list of <c>Type</c>.</summary>
/// <param name="Pfn">First page frame number (aligned to <c>2^Order</c>).</param>
/// <param name="Order">Buddy order.</param>
/// <param name="Type">The free list it sits on.</param>
public readonly record struct FreeBlock(ulong Pfn, int Order, MigrateType Type)
{
    /// <summary>Number of pages in the block.</summary>
    public ulong Pages => 1UL << Order;
}
