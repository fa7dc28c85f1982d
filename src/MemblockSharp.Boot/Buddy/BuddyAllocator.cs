namespace MemblockSharp.Boot.Buddy;

/// <summary>
/// The page allocator the boot ends with: the zones of every node, the hand-off of free memory, CMA activation,
/// late releases (initrd, init sections), watermarks, and the kernel's <c>/proc/buddyinfo</c> and
/// <c>/proc/zoneinfo</c> text. Zones are kept in node order, then zone order.
/// </summary>
public sealed partial class BuddyAllocator
{
    private readonly List<Zone> _zones = [];

    /// <summary>Creates an allocator without zones.</summary>
    /// <param name="maxOrder"><c>MAX_ORDER</c> (orders 0 … maxOrder − 1).</param>
    /// <param name="pageblockOrder"><c>pageblock_order</c>.</param>
    public BuddyAllocator(int maxOrder, int pageblockOrder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOrder, 1);
        MaxOrder = maxOrder;
        PageblockOrder = pageblockOrder;
    }

    /// <summary><c>MAX_ORDER</c>.</summary>
    public int MaxOrder { get; }

    /// <summary><c>pageblock_order</c>.</summary>
    public int PageblockOrder { get; }

    /// <summary>All zones, populated or not, by node then zone type.</summary>
    public IReadOnlyList<Zone> Zones => _zones;

    /// <summary><c>totalram_pages</c>: the sum of managed pages.</summary>
    public ulong TotalRamPages => (ulong)_zones.Sum(z => (decimal)z.ManagedPages);

    /// <summary><c>totalcma_pages</c>… as activated: the sum of CMA pages of all zones.</summary>
    public ulong CmaPages => (ulong)_zones.Sum(z => (decimal)z.CmaPages);

    /// <summary><c>nr_free_pages()</c>.</summary>
    public ulong FreePages => (ulong)_zones.Sum(z => (decimal)z.FreePages);

    /// <summary>Adds a zone (call in node order, then zone order).</summary>
    /// <param name="node">Node id.</param>
    /// <param name="type">Zone type.</param>
    /// <param name="startPfn">First spanned pfn.</param>
    /// <param name="spannedPages">Spanned pages.</param>
    /// <param name="presentPages">Present pages.</param>
    /// <returns>The new zone.</returns>
    public Zone AddZone(int node, ZoneType type, ulong startPfn, ulong spannedPages, ulong presentPages)
    {
        var zone = new Zone(node, type, startPfn, spannedPages, presentPages, MaxOrder, PageblockOrder);
        _zones.Add(zone);
        return zone;
    }

    /// <summary>The populated zone of a node that spans a pfn, if any.</summary>
    /// <param name="node">Node id, or -1 for any node.</param>
    /// <param name="pfn">The pfn.</param>
    /// <returns>The zone or null.</returns>
    public Zone? ZoneOf(int node, ulong pfn) =>
        _zones.FirstOrDefault(z => (node < 0 || z.Node == node) && z.SpannedPages > 0 && z.Spans(pfn));

    /// <summary>Hands a free pfn range to the zones it crosses (<c>memblock_free_all</c> / deferred init).</summary>
    /// <param name="node">Node id, or -1 for any node.</param>
    /// <param name="startPfn">First pfn.</param>
    /// <param name="endPfn">One past the last pfn.</param>
    /// <returns>The number of pages freed.</returns>
    public ulong FreeBootRange(int node, ulong startPfn, ulong endPfn) =>
        ForEachZonePart(node, startPfn, endPfn, (z, s, e) => z.FreeBootRange(s, e));

    /// <summary>Releases a CMA area into its zones as MIGRATE_CMA pageblocks (<c>cma_init_reserved_areas</c>).</summary>
    /// <param name="startPfn">First pfn.</param>
    /// <param name="endPfn">One past the last pfn.</param>
    /// <returns>The number of pages released.</returns>
    public ulong ActivateCma(ulong startPfn, ulong endPfn) =>
        ForEachZonePart(-1, startPfn, endPfn, (z, s, e) => z.ActivateCma(s, e));

    /// <summary>Releases reserved pages (<c>free_reserved_area</c>: initrd, init sections); they become free and managed.</summary>
    /// <param name="startPfn">First pfn.</param>
    /// <param name="endPfn">One past the last pfn.</param>
    /// <returns>The number of pages released.</returns>
    public ulong ReleaseReserved(ulong startPfn, ulong endPfn) => FreeBootRange(-1, startPfn, endPfn);

    /// <summary>
    /// Counts reserved pages as managed without freeing them (<c>adjust_managed_page_count</c>: gigantic huge pages
    /// taken from memblock at boot join <c>totalram_pages</c> when hugetlb takes them over).
    /// </summary>
    /// <param name="startPfn">First pfn.</param>
    /// <param name="endPfn">One past the last pfn.</param>
    /// <returns>The number of pages counted.</returns>
    public ulong AdjustManagedPageCount(ulong startPfn, ulong endPfn) =>
        ForEachZonePart(-1, startPfn, endPfn, (z, s, e) => z.AdjustManaged((long)(e - s)));

    private ulong ForEachZonePart(int node, ulong startPfn, ulong endPfn, Action<Zone, ulong, ulong> action)
    {
        ulong done = 0;
        foreach (var z in _zones)
        {
            if ((node >= 0 && z.Node != node) || z.SpannedPages == 0)
                continue;
            ulong s = Math.Max(startPfn, z.StartPfn), e = Math.Min(endPfn, z.EndPfn);
            if (s >= e)
                continue;
            action(z, s, e);
            done += e - s;
        }
        return done;
    }
}
