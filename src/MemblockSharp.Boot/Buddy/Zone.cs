namespace MemblockSharp.Boot.Buddy;

/// <summary>
/// One zone of one node: its span, present and managed page counts, CMA pageblocks, watermarks and free memory.
/// Free memory is kept as runs of pfns, split into the merge classes the kernel keeps apart (CMA pageblocks and the
/// rest); the buddy free lists are derived from the runs: since buddies always merge when both halves are free, the
/// free lists of a zone are exactly the greedy decomposition of each free run into aligned blocks of at most order
/// <c>MAX_ORDER − 1</c>. Nothing here is per page, so cost does not grow with the amount of RAM.
/// </summary>
public sealed partial class Zone
{
    private readonly PfnRangeSet _free = new();
    private readonly PfnRangeSet _freeCma = new();
    private readonly PfnRangeSet _cmaBlocks = new();

    /// <summary>Creates an empty zone.</summary>
    /// <param name="node">The node id.</param>
    /// <param name="type">The zone type.</param>
    /// <param name="startPfn">First pfn of the span.</param>
    /// <param name="spannedPages">Pages spanned (holes included).</param>
    /// <param name="presentPages">Pages of memory inside the span.</param>
    /// <param name="maxOrder"><c>MAX_ORDER</c>: orders 0 … maxOrder − 1.</param>
    /// <param name="pageblockOrder"><c>pageblock_order</c>.</param>
    public Zone(int node, ZoneType type, ulong startPfn, ulong spannedPages, ulong presentPages, int maxOrder, int pageblockOrder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOrder, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageblockOrder, 62);
        Node = node;
        Type = type;
        StartPfn = startPfn;
        SpannedPages = spannedPages;
        PresentPages = presentPages;
        MaxOrder = maxOrder;
        PageblockOrder = pageblockOrder;
    }

    /// <summary>The node id.</summary>
    public int Node { get; }

    /// <summary>The zone type.</summary>
    public ZoneType Type { get; }

    /// <summary>The kernel's name (<c>DMA</c>, <c>Normal</c>, …).</summary>
    public string Name => Type.KernelName();

    /// <summary><c>zone_start_pfn</c>.</summary>
    public ulong StartPfn { get; }

    /// <summary>One past the last spanned pfn.</summary>
    public ulong EndPfn => StartPfn + SpannedPages;

    /// <summary><c>spanned_pages</c>.</summary>
    public ulong SpannedPages { get; }

    /// <summary><c>present_pages</c>.</summary>
    public ulong PresentPages { get; }

    /// <summary><c>managed_pages</c>: pages given to the buddy allocator so far (freed pages, CMA, released init memory).</summary>
    public ulong ManagedPages { get; private set; }

    /// <summary><c>cma_pages</c>: pages of CMA areas in this zone.</summary>
    public ulong CmaPages => _cmaBlocks.Count;

    /// <summary><c>MAX_ORDER</c>.</summary>
    public int MaxOrder { get; }

    /// <summary><c>pageblock_order</c>.</summary>
    public int PageblockOrder { get; }

    /// <summary>Whether the zone has present pages (<c>populated_zone</c>).</summary>
    public bool IsPopulated => PresentPages > 0;

    /// <summary>The zone's watermarks (all 0 until <see cref="BuddyAllocator.SetupWatermarks"/>).</summary>
    public Watermarks Watermarks { get; internal set; }

    /// <summary><c>lowmem_reserve[]</c>, one entry per zone type of the node (the <c>protection:</c> line).</summary>
    public IReadOnlyList<ulong> LowmemReserve { get; internal set; } = [];

    /// <summary>Number of free pages (<c>NR_FREE_PAGES</c>).</summary>
    public ulong FreePages => _free.Count + _freeCma.Count;

    /// <summary>Number of free pages in CMA pageblocks (<c>NR_FREE_CMA_PAGES</c>).</summary>
    public ulong FreeCmaPages => _freeCma.Count;

    /// <summary>Whether a pfn lies in the zone's span.</summary>
    /// <param name="pfn">The pfn.</param>
    /// <returns>True when inside <c>[StartPfn, EndPfn)</c>.</returns>
    public bool Spans(ulong pfn) => pfn >= StartPfn && pfn < EndPfn;

    /// <summary>
    /// Hands <c>[startPfn, endPfn)</c> to the allocator as at boot (<c>__free_pages_core</c>): the pages become free
    /// and are counted as managed. The kernel frees the range in max-order chunks; the merged result is the same.
    /// </summary>
    /// <param name="startPfn">First pfn.</param>
    /// <param name="endPfn">One past the last pfn.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the zone.</exception>
    /// <exception cref="InvalidOperationException">Some page of the range is already free.</exception>
    public void FreeBootRange(ulong startPfn, ulong endPfn)
    {
        if (startPfn >= endPfn)
            return;
        InsertFree(startPfn, endPfn);
        ManagedPages += endPfn - startPfn;
    }

    /// <summary>
    /// Declares <c>[startPfn, endPfn)</c> a CMA area and releases it to the allocator as MIGRATE_CMA pageblocks
    /// (<c>init_cma_reserved_pageblock</c>): the pages become free and managed.
    /// </summary>
    /// <param name="startPfn">First pfn (pageblock aligned).</param>
    /// <param name="endPfn">One past the last pfn (pageblock aligned).</param>
    /// <exception cref="ArgumentException">The range is not pageblock aligned.</exception>
    public void ActivateCma(ulong startPfn, ulong endPfn)
    {
        ulong mask = (1UL << PageblockOrder) - 1;
        if ((startPfn & mask) != 0 || (endPfn & mask) != 0)
            throw new ArgumentException($"CMA range [{startPfn:x}, {endPfn:x}) is not pageblock aligned");
        _cmaBlocks.Add(startPfn, endPfn);
        FreeBootRange(startPfn, endPfn);
    }

    /// <summary>Adds pages to the managed count without freeing them (<c>adjust_managed_page_count</c>).</summary>
    /// <param name="pages">Pages to add (or remove, if negative).</param>
    public void AdjustManaged(long pages) => ManagedPages = (ulong)((long)ManagedPages + pages);

    private void InsertFree(ulong startPfn, ulong endPfn)
    {
        if (startPfn < StartPfn || endPfn > EndPfn)
            throw new ArgumentOutOfRangeException(nameof(startPfn), $"pfns [{startPfn:x}, {endPfn:x}) leave zone {Name} [{StartPfn:x}, {EndPfn:x})");
        if (_free.Overlaps(startPfn, endPfn) || _freeCma.Overlaps(startPfn, endPfn))
            throw new InvalidOperationException($"pfns [{startPfn:x}, {endPfn:x}) are already (partly) free in zone {Name}");
        ulong cursor = startPfn;
        foreach (var (s, e) in _cmaBlocks.Clip(startPfn, endPfn))
        {
            _free.Add(cursor, s);
            _freeCma.Add(s, e);
            cursor = e;
        }
        _free.Add(cursor, endPfn);
    }
}
