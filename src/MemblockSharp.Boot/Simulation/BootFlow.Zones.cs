using MemblockSharp.Boot.Buddy;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Simulation;

/// <summary>The zone layout computed by <c>free_area_init</c>.</summary>
internal sealed class ZonePlan
{
    public List<(int Node, ZoneType Type, ulong Start, ulong End, ulong Present)> Zones { get; } = [];
    public Dictionary<int, (ulong Start, ulong End)> NodeSpans { get; } = [];
    public ulong KernelPages { get; set; }
    public ulong AllPages { get; set; }
    /// <summary>The lowest page frame the highmem zone may start at (<c>arch_zone_lowest_possible_pfn[ZONE_HIGHMEM]</c>), or null without highmem.</summary>
    public ulong? HighmemStartPfn { get; set; }
}

internal sealed partial class BootFlow
{
    private ZonePlan? _zones;

    private List<ZoneType> ZoneTypes()
    {
        var types = new List<ZoneType>();
        if (_p.ZoneDma) types.Add(ZoneType.Dma);
        if (_p.ZoneDma32) types.Add(ZoneType.Dma32);
        types.Add(ZoneType.Normal);
        if (_p.Highmem) types.Add(ZoneType.HighMem);
        types.Add(ZoneType.Movable);
        if (_p.ZoneDevice) types.Add(ZoneType.Device);
        return types;
    }

    private List<(ulong Start, ulong End, int Nid)> MemPfnRanges() =>
        _mb.Memory.Regions.ToArray()
            .Select(r => (Start: PfnUp(r.Base), End: PfnDown(r.End), r.Nid))
            .Where(r => r.End > r.Start).ToList();

    // free_area_init: zone limits, per-node spans, present pages and the kernel/all page counts used for hashes.
    private ZonePlan BuildZones()
    {
        var plan = new ZonePlan();
        var types = ZoneTypes();
        var maxPfn = new Dictionary<ZoneType, ulong>
        {
            [ZoneType.Dma] = PfnDown(_dmaLimit),
            [ZoneType.Dma32] = PfnDown(_dma32Limit),
            [ZoneType.Normal] = PfnDown(_lowmemLimit ?? _mb.EndOfDram()),
            [ZoneType.HighMem] = PfnDown(_mb.EndOfDram()),
            [ZoneType.Movable] = 0,
            [ZoneType.Device] = 0,
        };
        var ranges = MemPfnRanges();
        ulong lowest = PfnDown(_mb.StartOfDram());
        var limits = new Dictionary<ZoneType, (ulong Low, ulong High)>();
        foreach (var t in types)
        {
            if (t is ZoneType.Movable or ZoneType.Device)
            {
                limits[t] = (0, 0);
                continue;
            }
            ulong high = Math.Max(maxPfn[t], lowest);
            limits[t] = (lowest, high);
            lowest = high;
        }
        if (limits.TryGetValue(ZoneType.HighMem, out var highmem))
            plan.HighmemStartPfn = highmem.Low;
        Print("Zone ranges:");
        foreach (var t in types.Where(t => t != ZoneType.Movable))
        {
            if (t == ZoneType.Device)
            {
                Print($"  {t.KernelName(),-8} empty");
                continue;
            }
            var (lo, hi) = limits[t];
            Print($"  {t.KernelName(),-8} " + (lo == hi ? "empty" : $"[mem {Hex.Format16(lo * Page)}-{Hex.Format16(hi * Page - 1)}]"));
        }
        var movableStart = FindZoneMovablePfns(types, limits, ranges, out ZoneType movableZone);
        Print("Movable zone start for each node");
        foreach (var (nid, pfn) in movableStart)
            Print($"  Node {nid}: 0x{pfn * Page:x16}");
        Print("Early memory node ranges");
        foreach (var (s, e, nid) in ranges)
            Print($"  node {nid,3}: [mem {Hex.Format16(s * Page)}-{Hex.Format16(e * Page - 1)}]");
        foreach (int nid in _nodes)
        {
            var mine = ranges.Where(r => r.Nid == nid).ToList();
            if (mine.Count == 0)
                continue;
            ulong ns = mine.Min(r => r.Start), ne = mine.Max(r => r.End);
            plan.NodeSpans[nid] = (ns, ne);
            Print($"Initmem setup node {nid} [mem {Hex.Format16(ns * Page)}-{Hex.Format16(ne * Page - 1)}]");
            foreach (var t in types)
            {
                var (lo, hi) = limits[t];
                ulong zs = Math.Clamp(lo, ns, ne), ze = Math.Clamp(hi, ns, ne);
                // adjust_zone_range_for_zone_movable
                if (movableStart.TryGetValue(nid, out ulong m))
                {
                    if (t == ZoneType.Movable)
                        (zs, ze) = (m, Math.Min(ne, limits[movableZone].High));
                    else if (zs < m && ze > m)
                        ze = m;
                    else if (zs >= m)
                        zs = ze;
                }
                if (ze < zs)
                    ze = zs;
                ulong present = 0;
                foreach (var r in mine)
                {
                    ulong s = Math.Max(r.Start, zs), e = Math.Min(r.End, ze);
                    if (e > s)
                        present += e - s;
                }
                plan.Zones.Add((nid, t, ze > zs ? zs : 0, ze > zs ? ze : 0, present));
                ulong spanned = ze - zs;
                ulong pages = spanned > present + (present >> 4) && _p.Sparsemem ? present : spanned;
                ulong memmap = AlignUp(pages * _p.Sizes.Page, Page) / Page;
                if (_p.Rules.HashPagesFromFreeMemblock)
                    continue;
                ulong free = present;
                if (t != ZoneType.HighMem && free >= memmap)
                    free -= memmap;
                if (t != ZoneType.HighMem)
                    plan.KernelPages += free;
                else if (plan.KernelPages > memmap * 2)
                    plan.KernelPages -= memmap;
                plan.AllPages += free;
            }
        }
        return plan;
    }

    // The end of free_area_init in 6.12 (calc_nr_kernel_pages): the hash-table page counts are the whole pages memblock
    // has free now (no-map memory excluded), all of them and those below highmem. 6.1 counted them per zone in BuildZones.
    private void CountHashPagesAfterFreeAreaInit(ZonePlan plan)
    {
        if (!_p.Rules.HashPagesFromFreeMemblock)
            return;
        foreach (var r in _mb.FreeMemRanges(Memblock.NumaNoNode, MemblockFlags.None))
        {
            ulong start = PfnUp(r.Start), end = PfnDown(r.End);
            if (start >= end)
                continue;
            plan.AllPages += end - start;
            if (plan.HighmemStartPfn is ulong high)
            {
                start = Math.Min(start, high);
                end = Math.Min(end, high);
            }
            plan.KernelPages += end - start;
        }
    }

    // find_zone_movable_pfns_for_nodes for kernelcore=SIZE|N% and movablecore=SIZE|N%: the kernel's share is spread
    // over the nodes, the rest of the highest populated zone's memory becomes ZONE_MOVABLE, its start rounded up to
    // MAX_ORDER_NR_PAGES. Returns the start pfn per node that has one (none without those parameters).
    private SortedDictionary<int, ulong> FindZoneMovablePfns(List<ZoneType> types, Dictionary<ZoneType, (ulong Low, ulong High)> limits,
        List<(ulong Start, ulong End, int Nid)> ranges, out ZoneType movableZone)
    {
        var result = new SortedDictionary<int, ulong>();
        // find_usable_zone_for_movable: the highest zone with any span (the lowest one when none has).
        movableZone = types.Where(t => t is not (ZoneType.Movable or ZoneType.Device)).LastOrDefault(t => limits[t].High > limits[t].Low, types[0]);
        if (_cmd.KernelCore is null && _cmd.MovableCore is null)
            return result;
        ulong totalPages = 0;
        foreach (var r in ranges)
            totalPages += r.End - r.Start;
        var nodes = ranges.Select(r => r.Nid).Distinct().OrderBy(n => n).ToList();
        ulong requiredKernel = PagesOf(_cmd.KernelCore, totalPages), requiredMovable = PagesOf(_cmd.MovableCore, totalPages);
        if (requiredMovable != 0)
        {
            requiredMovable = Math.Min(totalPages, AlignUp(requiredMovable, _p.MaxOrderPages));
            requiredKernel = Math.Max(requiredKernel, totalPages - requiredMovable);
        }
        if (requiredKernel == 0 || requiredKernel >= totalPages)
            return result;
        ulong usableStart = limits[movableZone].Low;
        var movable = nodes.ToDictionary(n => n, _ => 0UL);
        int usableNodes = nodes.Count;
        do
        {
            ulong perNode = requiredKernel / (ulong)usableNodes;
            foreach (int nid in nodes)
            {
                if (requiredKernel < perNode)
                    perNode = requiredKernel / (ulong)usableNodes;
                ulong remaining = perNode;
                foreach (var (rs, re, _) in ranges.Where(r => r.Nid == nid))
                {
                    ulong start = Math.Max(rs, movable[nid]);
                    if (start >= re)
                        continue;
                    if (start < usableStart)
                    {
                        ulong kernelPages = Math.Min(re, usableStart) - start;
                        remaining -= Math.Min(kernelPages, remaining);
                        requiredKernel -= Math.Min(kernelPages, requiredKernel);
                        if (re <= usableStart)
                        {
                            movable[nid] = re;
                            continue;
                        }
                        start = usableStart;
                    }
                    ulong size = Math.Min(re - start, remaining);
                    movable[nid] = start + size;
                    requiredKernel -= Math.Min(requiredKernel, size);
                    remaining -= size;
                    if (remaining == 0)
                        break;
                }
            }
            usableNodes--;
        }
        while (usableNodes > 0 && requiredKernel > (ulong)usableNodes);
        foreach (int nid in nodes)
        {
            ulong pfn = AlignUp(movable[nid], _p.MaxOrderPages);
            ulong nodeEnd = ranges.Where(r => r.Nid == nid).Max(r => r.End);
            if (pfn < nodeEnd && pfn != 0)
                result[nid] = pfn;
        }
        return result;
    }

    // cmdline_parse_core: bytes to pages, or a percentage of all memory pages.
    private ulong PagesOf((ulong Value, bool Percent)? core, ulong totalPages) => core switch
    {
        null => 0,
        { Percent: true } c => totalPages * 100 * c.Value / 10000,
        { } c => c.Value / Page,
    };
}
