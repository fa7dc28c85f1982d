using MemblockSharp.Text;

namespace MemblockSharp;

// Finding free space and allocating it.
public sealed partial class Memblock
{
    /// <summary>
    /// Finds a free block of <paramref name="size"/> bytes aligned to <paramref name="align"/> inside
    /// <c>[start, end]</c> on node <paramref name="nid"/> without reserving it (<c>memblock_find_in_range_node</c>).
    /// </summary>
    /// <remarks>
    /// The first page is never handed out (<c>start</c> is raised to the page size); an <paramref name="end"/> of 0 or 1
    /// means <see cref="CurrentLimit"/>. Top-down (the default) takes the highest fitting block, bottom-up the lowest.
    /// Memory on another node, hot-pluggable memory while <see cref="MovableNode"/> is on (unless
    /// <paramref name="flags"/> asks for it), non-mirrored memory when <paramref name="flags"/> asks for mirror, and
    /// no-map or driver-managed memory (unless asked for) are skipped. Rounding uses the kernel's mask formulas as written.
    /// </remarks>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment (applied with mask arithmetic, as the kernel does).</param>
    /// <param name="start">The lowest acceptable address.</param>
    /// <param name="end">The highest acceptable end address, or 0/1 for the current limit.</param>
    /// <param name="nid">The node, or <see cref="NumaNoNode"/>.</param>
    /// <param name="flags">The flags the memory must (mirror) or may (others) have.</param>
    /// <returns>The block's base address, or 0 when none fits.</returns>
    public ulong FindInRangeNode(ulong size, ulong align, ulong start, ulong end, int nid, MemblockFlags flags)
    {
        if (end == AllocAccessible || end == AllocNoLeakTrace)
            end = CurrentLimit;
        start = Math.Max(start, Options.PageSize);
        end = Math.Max(start, end);
        return BottomUp
            ? FindBottomUp(start, end, size, align, nid, flags)
            : FindTopDown(start, end, size, align, nid, flags);
    }

    /// <summary>
    /// Finds a free block on any node, asking for mirrored memory first when the system has some and falling back to
    /// any memory (<c>memblock_find_in_range</c>). This is the finder array doubling uses.
    /// </summary>
    /// <param name="start">The lowest acceptable address.</param>
    /// <param name="end">The highest acceptable end address, or 0/1 for the current limit.</param>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment.</param>
    /// <returns>The block's base address, or 0 when none fits.</returns>
    public ulong FindInRange(ulong start, ulong end, ulong size, ulong align)
    {
        var flags = DefaultAllocationFlags;
        ulong found = FindInRangeNode(size, align, start, end, NumaNoNode, flags);
        if (found == 0 && (flags & MemblockFlags.Mirror) != 0)
            found = FindInRangeNode(size, align, start, end, NumaNoNode, flags & ~MemblockFlags.Mirror);
        return found;
    }

    /// <summary>
    /// Allocates and reserves a block (<c>memblock_alloc_range_nid</c>): tries node <paramref name="nid"/>, then (unless
    /// <paramref name="exactNid"/>) any node, and when mirrored memory was preferred and nothing fitted, all of that again
    /// without the mirror preference. Alignment 0 means <see cref="MemblockOptions.SmpCacheBytes"/>; a node of
    /// <c>MAX_NUMNODES</c> (6.1), or any id that is not a valid node (6.12), means any node. A size of 0 "succeeds" with an
    /// address and reserves nothing.
    /// </summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="start">The lowest acceptable address.</param>
    /// <param name="end">The highest acceptable end address, or 0/1 for the current limit.</param>
    /// <param name="nid">The preferred node, or <see cref="NumaNoNode"/>.</param>
    /// <param name="exactNid">When true, never fall back to another node.</param>
    /// <returns>The block's physical address, or 0 on failure.</returns>
    public ulong AllocRangeNid(ulong size, ulong align, ulong start, ulong end, int nid, bool exactNid)
    {
        var flags = DefaultAllocationFlags;
        nid = Rules.NodeFilter(nid, Options.MaxNumNodes);
        if (align == 0)
            align = Options.SmpCacheBytes;

        while (true)
        {
            ulong found = FindInRangeNode(size, align, start, end, nid, flags);
            if (found != 0 && Reserve(found, size, "memblock_alloc_range_nid") == 0)
                return found;

            if (nid != NumaNoNode && !exactNid)
            {
                found = FindInRangeNode(size, align, start, end, NumaNoNode, flags);
                if (found != 0 && Reserve(found, size, "memblock_alloc_range_nid") == 0)
                    return found;
            }

            if ((flags & MemblockFlags.Mirror) == 0)
                return 0;
            flags &= ~MemblockFlags.Mirror;
        }
    }

    /// <summary>Allocates a block in <c>[start, end]</c> on any node (<c>memblock_phys_alloc_range</c>); traced.</summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="start">The lowest acceptable address.</param>
    /// <param name="end">The highest acceptable end address, or 0/1 for the current limit.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>The block's physical address, or 0 on failure.</returns>
    public ulong PhysAllocRange(ulong size, ulong align, ulong start, ulong end, string? caller = null)
    {
        if (Trace is not null)
            EmitTrace($"memblock_phys_alloc_range: {size} bytes align=0x{align:x} from={Pa(start)} max_addr={Pa(end)} {caller ?? "?"}");
        return AllocRangeNid(size, align, start, end, NumaNoNode, false);
    }

    /// <summary>Allocates a block anywhere below the current limit (<c>memblock_phys_alloc</c>); traced.</summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>The block's physical address, or 0 on failure.</returns>
    public ulong PhysAlloc(ulong size, ulong align, string? caller = null) =>
        PhysAllocRange(size, align, 0, AllocAccessible, caller);

    /// <summary>Allocates a block preferring node <paramref name="nid"/> (<c>memblock_phys_alloc_try_nid</c>).</summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="nid">The preferred node.</param>
    /// <param name="caller">Unused by the kernel's trace (this call prints nothing); kept for symmetry.</param>
    /// <returns>The block's physical address, or 0 on failure.</returns>
    public ulong PhysAllocTryNid(ulong size, ulong align, int nid, string? caller = null) =>
        AllocRangeNid(size, align, 0, AllocAccessible, nid, false);

    /// <summary>
    /// Allocates zeroed memory (<c>memblock_alloc_try_nid</c>): <paramref name="maxAddr"/> is cut to the current limit, and
    /// a failure with a non-zero <paramref name="minAddr"/> is retried once from 0. Traced.
    /// </summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="minAddr">The preferred lowest address.</param>
    /// <param name="maxAddr">The highest end address, or 0 for the current limit.</param>
    /// <param name="nid">The preferred node, or <see cref="NumaNoNode"/>.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>The block's physical address, or 0 (NULL) on failure.</returns>
    public ulong AllocTryNid(ulong size, ulong align, ulong minAddr, ulong maxAddr, int nid, string? caller = null) =>
        AllocTraced("memblock_alloc_try_nid", size, align, minAddr, maxAddr, nid, false, caller);

    /// <summary>As <see cref="AllocTryNid"/> without zeroing (<c>memblock_alloc_try_nid_raw</c>). Traced.</summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="minAddr">The preferred lowest address.</param>
    /// <param name="maxAddr">The highest end address, or 0 for the current limit.</param>
    /// <param name="nid">The preferred node, or <see cref="NumaNoNode"/>.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>The block's physical address, or 0 on failure.</returns>
    public ulong AllocTryNidRaw(ulong size, ulong align, ulong minAddr, ulong maxAddr, int nid, string? caller = null) =>
        AllocTraced("memblock_alloc_try_nid_raw", size, align, minAddr, maxAddr, nid, false, caller);

    /// <summary>As <see cref="AllocTryNidRaw"/> but never on another node (<c>memblock_alloc_exact_nid_raw</c>). Traced.</summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="minAddr">The preferred lowest address.</param>
    /// <param name="maxAddr">The highest end address, or 0 for the current limit.</param>
    /// <param name="nid">The node.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>The block's physical address, or 0 on failure.</returns>
    public ulong AllocExactNidRaw(ulong size, ulong align, ulong minAddr, ulong maxAddr, int nid, string? caller = null) =>
        AllocTraced("memblock_alloc_exact_nid_raw", size, align, minAddr, maxAddr, nid, true, caller);

    /// <summary>Allocates zeroed memory anywhere (<c>memblock_alloc</c>).</summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>The block's physical address, or 0 on failure.</returns>
    public ulong Alloc(ulong size, ulong align, string? caller = null) => AllocTryNid(size, align, 0, AllocAccessible, NumaNoNode, caller);

    /// <summary>Allocates memory anywhere without zeroing (<c>memblock_alloc_raw</c>).</summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>The block's physical address, or 0 on failure.</returns>
    public ulong AllocRaw(ulong size, ulong align, string? caller = null) => AllocTryNidRaw(size, align, 0, AllocAccessible, NumaNoNode, caller);

    /// <summary>Allocates zeroed memory below <see cref="MemblockOptions.LowAddressLimit"/> (<c>memblock_alloc_low</c>).</summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>The block's physical address, or 0 on failure.</returns>
    public ulong AllocLow(ulong size, ulong align, string? caller = null) =>
        AllocTryNid(size, align, 0, Options.LowAddressLimit, NumaNoNode, caller);

    /// <summary>Allocates zeroed memory at or above <paramref name="minAddr"/>, else anywhere (<c>memblock_alloc_from</c>).</summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="minAddr">The preferred lowest address.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>The block's physical address, or 0 on failure.</returns>
    public ulong AllocFrom(ulong size, ulong align, ulong minAddr, string? caller = null) =>
        AllocTryNid(size, align, minAddr, AllocAccessible, NumaNoNode, caller);

    /// <summary>Allocates zeroed memory preferring node <paramref name="nid"/> (<c>memblock_alloc_node</c>).</summary>
    /// <param name="size">The block size in bytes.</param>
    /// <param name="align">The alignment, or 0 for the cache-line size.</param>
    /// <param name="nid">The preferred node.</param>
    /// <param name="caller">The calling kernel function, shown in the trace.</param>
    /// <returns>The block's physical address, or 0 on failure.</returns>
    public ulong AllocNode(ulong size, ulong align, int nid, string? caller = null) =>
        AllocTryNid(size, align, 0, AllocAccessible, nid, caller);

    /// <summary>The flags every allocation starts with: mirror when the system has some (<c>choose_memblock_flags</c>).</summary>
    private MemblockFlags DefaultAllocationFlags => HasMirror ? MemblockFlags.Mirror : MemblockFlags.None;

    /// <summary>The common body of the virtual-address allocators (<c>memblock_alloc_internal</c>) with their trace line.</summary>
    private ulong AllocTraced(string function, ulong size, ulong align, ulong minAddr, ulong maxAddr, int nid, bool exactNid, string? caller)
    {
        if (Trace is not null)
            EmitTrace($"{function}: {size} bytes align=0x{align:x} nid={nid} from={Pa(minAddr)} max_addr={Pa(maxAddr)} {caller ?? "?"}");
        if (maxAddr > CurrentLimit)
            maxAddr = CurrentLimit;
        ulong found = AllocRangeNid(size, align, minAddr, maxAddr, nid, exactNid);
        if (found == 0 && minAddr != 0)
            found = AllocRangeNid(size, align, 0, maxAddr, nid, exactNid);
        return found;
    }

    private ulong FindTopDown(ulong start, ulong end, ulong size, ulong align, int nid, MemblockFlags flags)
    {
        var walk = new RangeWalk(this, Memory, Reserved, nid, flags, reverse: true);
        while (walk.MoveNext())
        {
            var range = walk.Current;
            ulong thisStart = Math.Min(Math.Max(range.Start, start), end);
            ulong thisEnd = Math.Min(Math.Max(range.End, start), end);
            if (thisEnd < size)
                continue;
            ulong candidate = RoundDown(thisEnd - size, align);
            if (candidate >= thisStart)
                return candidate;
        }
        return 0;
    }

    private ulong FindBottomUp(ulong start, ulong end, ulong size, ulong align, int nid, MemblockFlags flags)
    {
        var walk = new RangeWalk(this, Memory, Reserved, nid, flags, reverse: false);
        while (walk.MoveNext())
        {
            var range = walk.Current;
            ulong thisStart = Math.Min(Math.Max(range.Start, start), end);
            ulong thisEnd = Math.Min(Math.Max(range.End, start), end);
            ulong candidate = RoundUp(thisStart, align);
            if (candidate < thisEnd && thisEnd - candidate >= size)
                return candidate;
        }
        return 0;
    }
}
