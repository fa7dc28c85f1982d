using MemblockSharp.Text;

namespace MemblockSharp;

// The public add / remove / reserve / free entry points: one-liners over the table primitives.
public sealed partial class Memblock
{
    /// <summary>Adds RAM <c>[base, base + size)</c> with no node and no flags (<c>memblock_add</c>).</summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>0, or <see cref="ENOMEM"/> when the memory table is full and cannot grow.</returns>
    public int Add(ulong @base, ulong size, string? caller = null)
    {
        TraceRange("memblock_add", @base, size, caller);
        return AddRange(Memory, @base, size, NoNode, MemblockFlags.None);
    }

    /// <summary>Adds RAM <c>[base, base + size)</c> on node <paramref name="nid"/> with <paramref name="flags"/> (<c>memblock_add_node</c>).</summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <param name="nid">The NUMA node of the new memory.</param>
    /// <param name="flags">The attributes of the new memory.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>0, or <see cref="ENOMEM"/> when the memory table is full and cannot grow.</returns>
    public int AddNode(ulong @base, ulong size, int nid, MemblockFlags flags, string? caller = null)
    {
        if (Trace is not null)
            EmitTrace($"memblock_add_node: [{Pa(@base)}-{Pa(@base + size - 1)}] nid={nid} flags={(uint)flags:x} {caller ?? "?"}");
        return AddRange(Memory, @base, size, nid, flags);
    }

    /// <summary>Removes <c>[base, base + size)</c> from the RAM table (<c>memblock_remove</c>).</summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>0, or <see cref="ENOMEM"/> when splitting needs room the table cannot get.</returns>
    public int Remove(ulong @base, ulong size, string? caller = null)
    {
        TraceRange("memblock_remove", @base, size, caller);
        return RemoveRange(Memory, @base, size);
    }

    /// <summary>Marks <c>[base, base + size)</c> as taken (<c>memblock_reserve</c>), with no node and no flags.</summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>0, or <see cref="ENOMEM"/> when the reserved table is full and cannot grow.</returns>
    public int Reserve(ulong @base, ulong size, string? caller = null)
    {
        TraceRange("memblock_reserve", @base, size, caller);
        return AddRange(Reserved, @base, size, NoNode, MemblockFlags.None);
    }

    /// <summary>Returns <c>[base, base + size)</c> to the free pool by removing it from the reserved table (<c>memblock_phys_free</c>).</summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>0, or <see cref="ENOMEM"/> when splitting needs room the table cannot get.</returns>
    public int PhysFree(ulong @base, ulong size, string? caller = null)
    {
        TraceRange("memblock_phys_free", @base, size, caller);
        return RemoveRange(Reserved, @base, size);
    }

    /// <summary>
    /// Frees a block given by its (identity-mapped) pointer (<c>memblock_free(void *, size)</c>): a null pointer (0) does
    /// nothing, anything else is <see cref="PhysFree"/>.
    /// </summary>
    /// <param name="ptr">The block's address; 0 for a null pointer.</param>
    /// <param name="size">Size in bytes.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    public void Free(ulong ptr, ulong size, string? caller = null)
    {
        if (ptr != 0)
            PhysFree(ptr, size, caller);
    }

    /// <summary>Adds <c>[base, base + size)</c> to the physical-memory table (<c>memblock_physmem_add</c>).</summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>0, or <see cref="ENOMEM"/> when the table is full and cannot grow.</returns>
    public int PhysMemAdd(ulong @base, ulong size, string? caller = null)
    {
        TraceRange("memblock_physmem_add", @base, size, caller);
        return AddRange(PhysMem, @base, size, NoNode, MemblockFlags.None);
    }

    /// <summary>
    /// Adds a range to any table with an explicit node and flags: the internal insert routine (<c>memblock_add_range</c>),
    /// exposed so that reserved regions can carry a node or flags, as some kernels and tests need.
    /// </summary>
    /// <param name="type">The table to add to (one of this instance's).</param>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <param name="nid">The node of the new pieces.</param>
    /// <param name="flags">The flags of the new pieces.</param>
    /// <returns>0, or <see cref="ENOMEM"/>.</returns>
    public int AddToTable(MemblockType type, ulong @base, ulong size, int nid, MemblockFlags flags) =>
        AddRange(OwnTable(type), @base, size, nid, flags);

    /// <summary>Removes a range from any table: the internal remove routine (<c>memblock_remove_range</c>).</summary>
    /// <param name="type">The table to remove from (one of this instance's).</param>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <returns>0, or <see cref="ENOMEM"/>.</returns>
    public int RemoveFromTable(MemblockType type, ulong @base, ulong size) => RemoveRange(OwnTable(type), @base, size);

    /// <summary>
    /// Splits the regions of a table at both ends of a range without merging: the internal split routine
    /// (<c>memblock_isolate_range</c>).
    /// </summary>
    /// <param name="type">The table (one of this instance's).</param>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes.</param>
    /// <param name="startRegion">The index of the first region inside the range.</param>
    /// <param name="endRegion">One past the index of the last region inside the range (0 when none).</param>
    /// <returns>0, or <see cref="ENOMEM"/>.</returns>
    public int Isolate(MemblockType type, ulong @base, ulong size, out int startRegion, out int endRegion) =>
        IsolateRange(OwnTable(type), @base, size, out startRegion, out endRegion);

    /// <summary>
    /// Doubles a table's array now: the internal routine (<c>memblock_double_array</c>), called directly.
    /// </summary>
    /// <param name="type">The table (one of this instance's).</param>
    /// <param name="newAreaStart">The start of the range about to be inserted, kept clear for the reserved table.</param>
    /// <param name="newAreaSize">The size of that range.</param>
    /// <returns>0, or -1 when resizing is not allowed or there is no room.</returns>
    public int DoubleArrayNow(MemblockType type, ulong newAreaStart, ulong newAreaSize) =>
        DoubleArray(OwnTable(type), newAreaStart, newAreaSize);

    private MemblockType OwnTable(MemblockType type) =>
        ReferenceEquals(type, Memory) || ReferenceEquals(type, Reserved) || ReferenceEquals(type, PhysMem)
            ? type
            : throw new ArgumentException("The table does not belong to this memblock instance.", nameof(type));
}
