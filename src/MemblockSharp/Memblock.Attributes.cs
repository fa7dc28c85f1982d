namespace MemblockSharp;

// Flags and node ids on memory regions: isolate the range, change the attribute on the regions inside, merge.
public sealed partial class Memblock
{
    /// <summary>Marks memory in <c>[base, base + size)</c> hot-pluggable (<c>memblock_mark_hotplug</c>).</summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <returns>0, or <see cref="ENOMEM"/>.</returns>
    public int MarkHotplug(ulong @base, ulong size) => SetOrClearFlag(@base, size, true, MemblockFlags.Hotplug);

    /// <summary>Clears the hot-pluggable flag in <c>[base, base + size)</c> (<c>memblock_clear_hotplug</c>).</summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <returns>0, or <see cref="ENOMEM"/>.</returns>
    public int ClearHotplug(ulong @base, ulong size) => SetOrClearFlag(@base, size, false, MemblockFlags.Hotplug);

    /// <summary>
    /// Marks memory in <c>[base, base + size)</c> mirrored (<c>memblock_mark_mirror</c>). Does nothing and returns 0 when
    /// <see cref="MirroredKernelcore"/> is off; otherwise sets <see cref="HasMirror"/> for good, even if no memory is hit.
    /// </summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes.</param>
    /// <returns>0, or <see cref="ENOMEM"/>.</returns>
    public int MarkMirror(ulong @base, ulong size)
    {
        if (!MirroredKernelcore)
            return 0;
        HasMirror = true;
        return SetOrClearFlag(@base, size, true, MemblockFlags.Mirror);
    }

    /// <summary>Marks memory in <c>[base, base + size)</c> as not to be mapped (<c>memblock_mark_nomap</c>).</summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <returns>0, or <see cref="ENOMEM"/>.</returns>
    public int MarkNoMap(ulong @base, ulong size) => SetOrClearFlag(@base, size, true, MemblockFlags.NoMap);

    /// <summary>Clears the no-map flag in <c>[base, base + size)</c> (<c>memblock_clear_nomap</c>).</summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <returns>0, or <see cref="ENOMEM"/>.</returns>
    public int ClearNoMap(ulong @base, ulong size) => SetOrClearFlag(@base, size, false, MemblockFlags.NoMap);

    /// <summary>Marks memory in <c>[base, base + size)</c> driver-managed; a knob for tests (<c>MEMBLOCK_DRIVER_MANAGED</c> via add).</summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <returns>0, or <see cref="ENOMEM"/>.</returns>
    public int MarkDriverManaged(ulong @base, ulong size) => SetOrClearFlag(@base, size, true, MemblockFlags.DriverManaged);

    /// <summary>
    /// Sets the node of every region of <paramref name="type"/> inside <c>[base, base + size)</c>, splitting at the ends
    /// and merging afterwards (<c>memblock_set_node</c>).
    /// </summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <param name="type">The table (<see cref="Memory"/> or <see cref="Reserved"/>).</param>
    /// <param name="nid">The new node id.</param>
    /// <returns>0, or <see cref="ENOMEM"/>; always 0, changing nothing, when <see cref="MemblockOptions.Numa"/> is off.</returns>
    public int SetNode(ulong @base, ulong size, MemblockType type, int nid)
    {
        type = OwnTable(type);
        if (!Options.Numa)
            return 0; // a kernel without NUMA compiles this call away

        int ret = IsolateRange(type, @base, size, out int start, out int end);
        if (ret != 0)
            return ret;
        for (int i = start; i < end; i++)
        {
            type.Set(i, type[i] with { Nid = type.NodeOf(nid) });
        }
        MergeTouched(type, start, end);
        return 0;
    }

    /// <summary>
    /// Marks the reserved regions in <c>[base, base + size)</c> as having struct pages that are not initialised
    /// (<c>memblock_reserved_mark_noinit</c>, Linux 6.12): splits them at the ends, sets
    /// <see cref="MemblockFlags.ReservedNoInit"/> and merges around them. Parts of the range that are not reserved stay so.
    /// </summary>
    /// <param name="base">Physical base address.</param>
    /// <param name="size">Size in bytes; 0 is a successful no-op.</param>
    /// <returns>0, or <see cref="ENOMEM"/>.</returns>
    /// <exception cref="NotSupportedException">The instance follows Linux 6.1, which has no such function.</exception>
    /// <exception cref="MemblockPanicException">The reserved array must grow and resizing is not allowed.</exception>
    public int ReservedMarkNoInit(ulong @base, ulong size)
    {
        Rules.RequireNewApi("memblock_reserved_mark_noinit");
        return SetOrClearFlag(Reserved, @base, size, true, MemblockFlags.ReservedNoInit);
    }

    private int SetOrClearFlag(ulong @base, ulong size, bool set, MemblockFlags flag) => SetOrClearFlag(Memory, @base, size, set, flag);

    /// <summary>The one set-or-clear helper behind every mark and clear (<c>memblock_setclr_flag</c>).</summary>
    private int SetOrClearFlag(MemblockType type, ulong @base, ulong size, bool set, MemblockFlags flag)
    {
        int ret = IsolateRange(type, @base, size, out int start, out int end);
        if (ret != 0)
            return ret;
        for (int i = start; i < end; i++)
        {
            var region = type[i];
            type.Set(i, region with { Flags = set ? region.Flags | flag : region.Flags & ~flag });
        }
        MergeTouched(type, start, end);
        return 0;
    }
}
