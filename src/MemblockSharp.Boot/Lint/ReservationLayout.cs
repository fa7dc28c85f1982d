using MemblockSharp.Boot.DeviceTreeScan;

namespace MemblockSharp.Boot.Lint;

/// <summary>A no-map region the kernel refuses because memory under it is already reserved (-EBUSY).</summary>
/// <param name="Region">The refused region.</param>
/// <param name="Blockers">The earlier reservations it overlaps.</param>
public sealed record RefusedNoMap(LayoutRegion Region, IReadOnlyList<LayoutRegion> Blockers);

/// <summary>A dynamic region the allocator could not place.</summary>
/// <param name="Request">The request, as the scan made it.</param>
/// <param name="LargestFree">The largest free block inside its alloc-ranges when it was tried (0 when none).</param>
public sealed record UnplacedRequest(DynamicReservationRequest Request, ulong LargestFree);

/// <summary>
/// The early reserved map of one boot, up to the end of <c>fdt_init_reserved_mem</c>: the memory banks, the kernel
/// image, initrd and FDT, every /memreserve/ and /reserved-memory region and where each dynamic region lands, made by
/// driving the memblock core in the kernel's order (docs/boot-flow-arm64.md). Nothing later in the boot allocates
/// before these, so the placement of dynamic regions is the kernel's.
/// </summary>
public sealed partial class ReservationLayout
{
    private ReservationLayout(IReadOnlyList<(ulong Base, ulong Size)> memory, IReadOnlyList<LayoutRegion> regions,
        IReadOnlyList<RefusedNoMap> refused, IReadOnlyList<UnplacedRequest> unplaced, LayoutRegion? droppedInitrd)
    {
        Memory = memory;
        Regions = regions;
        Refused = refused;
        Unplaced = unplaced;
        DroppedInitrd = droppedInitrd;
    }

    /// <summary>The memory banks as memblock_add received them (page-rounded and clipped), merged; empty when the tree has none.</summary>
    public IReadOnlyList<(ulong Base, ulong Size)> Memory { get; }

    /// <summary>Every region in the order the kernel reserves it (refused no-map regions and dropped initrds included, flagged by the lists below).</summary>
    public IReadOnlyList<LayoutRegion> Regions { get; }

    /// <summary>No-map regions the kernel refuses.</summary>
    public IReadOnlyList<RefusedNoMap> Refused { get; }

    /// <summary>Dynamic regions that cannot be placed.</summary>
    public IReadOnlyList<UnplacedRequest> Unplaced { get; }

    /// <summary>The initrd when the kernel drops it (not in usable memory), else null.</summary>
    public LayoutRegion? DroppedInitrd { get; }

    /// <summary>True when there was memory to place anything in.</summary>
    public bool HasMemory => Memory.Count > 0;

    /// <summary>The bytes of [<paramref name="start"/>, <paramref name="end"/>) that no memory bank covers, as ranges.</summary>
    /// <param name="start">The first address.</param>
    /// <param name="end">One past the last address.</param>
    /// <returns>The uncovered ranges in address order.</returns>
    public IReadOnlyList<(ulong Start, ulong End)> Uncovered(ulong start, ulong end)
    {
        var gaps = new List<(ulong, ulong)>();
        var at = start;
        foreach (var (b, s) in Memory)
        {
            var e = b + s;
            if (e <= at)
                continue;
            if (b >= end)
                break;
            if (b > at)
                gaps.Add((at, b));
            at = Math.Max(at, e);
            if (at >= end)
                break;
        }
        if (at < end)
            gaps.Add((at, end));
        return gaps;
    }
}
