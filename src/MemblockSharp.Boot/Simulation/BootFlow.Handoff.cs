using MemblockSharp.Boot.Buddy;

namespace MemblockSharp.Boot.Simulation;

internal sealed partial class BootFlow
{
    // memblock_free_all, the Memory: line, then what raises totalram later: CMA activation, the initrd, init memory.
    private BootResult HandOff(ZonePlan plan)
    {
        // A reservation outside memblock.memory (a /reserved-memory node or the DTB past a mem= limit) holds no RAM:
        // only what lies in memory can be a cost of MemTotal.
        _costs.ClipTo([.. _mb.Memory.Regions.ToArray().Select(r => (r.Base, r.End))]);
        // 6.12's memmap_init_reserved_pages: every memory region's node onto the reserved regions inside it.
        if (_p.Rules.FreeAllSetsReservedNodes)
        {
            foreach (var m in _mb.Memory.Regions.ToArray())
                _mb.SetNode(m.Base, m.Size, _mb.Reserved, m.Nid);
        }
        var memory = _mb.Memory.Regions.ToArray();
        var reserved = _mb.Reserved.Regions.ToArray();
        LedgerAtHandOff = [.. _costs.Items];
        var buddy = new BuddyAllocator(_p.MaxOrder, _p.PageblockOrder);
        foreach (var z in plan.Zones)
            buddy.AddZone(z.Node, z.Type, z.Start, z.End - z.Start, z.Present);

        var firstDeferred = FirstDeferredPfns(plan);
        ulong total = 0, available = 0;
        foreach (var r in _mb.FreeMemRanges(Memblock.NumaNoNode, MemblockFlags.None).ToList())
        {
            ulong s = PfnUp(r.Start), e = PfnDown(r.End);
            if (e <= s)
                continue;
            buddy.FreeBootRange(r.Nid, s, e);
            total += e - s;
            ulong limit = firstDeferred.TryGetValue(r.Nid, out var fd) ? fd : ulong.MaxValue;
            if (s < limit)
                available += Math.Min(e, limit) - s;
        }
        ulong physPages = (ulong)plan.Zones.Sum(z => (decimal)z.Present);
        ulong highPages = (ulong)buddy.Zones.Where(z => z.Type == ZoneType.HighMem).Sum(z => (decimal)z.FreePages);
        ulong K(ulong pages) => pages * Page / 1024;
        var img = _p.Image;
        // 6.12 prints the line after deferred init with nr_free_pages(): every page memblock_free_all freed, less what the
        // slab and other allocators took until then (not modelled: the figure is an upper bound).
        if (_p.Rules.LateMemoryLine)
            available = total;
        // 6.12 hands the gigantic boot pages to hugetlb before the line (they leave its reserved figure); 6.1 after it.
        ulong giganticPages = _p.Rules.HugetlbBootmemGatheredEarly ? GatherBootmemPrealloc(buddy) : 0;
        string memoryLine = $"{K(available)}K/{K(physPages)}K available ({img.CodeSize / 1024}K kernel code, " +
                            $"{img.DataSize / 1024}K rwdata, {img.RodataSize / 1024}K rodata, {img.InitSize / 1024}K init, " +
                            $"{img.BssSize / 1024}K bss, {K(physPages - total - giganticPages - _totalCmaPages)}K reserved, " +
                            $"{K(_totalCmaPages)}K cma-reserved" + (_p.Highmem ? $", {K(highPages)}K highmem)" : ")");
        Print("Memory: " + memoryLine);

        foreach (var (b, s, _) in _cmaAreas)
            buddy.ActivateCma(PfnDown(b), PfnDown(b + s));
        if (!_p.Rules.HugetlbBootmemGatheredEarly)
            GatherBootmemPrealloc(buddy);
        buddy.SetupWatermarks(Page, _p.TransparentHugepage);
        ReportHugepages(buddy);

        ulong initrdPages = 0;
        if (_initrdEnd > _initrdStart && !_arch.InitrdFreedFromMemblock)
        {
            // arch/arm frees the initrd's whole pages and leaves memblock.reserved as it is.
            initrdPages = buddy.ReleaseReserved(PfnDown(_initrdStart), PfnUp(_initrdEnd));
            Print($"Freeing initrd memory: {K(initrdPages)}K");
        }
        else if (_initrdEnd > _initrdStart)
        {
            ulong alignedStart = AlignDown(_initrdStart, Page), alignedEnd = AlignUp(_initrdEnd, Page);
            PhysFree(alignedStart, alignedEnd - alignedStart, "free_initrd_mem");
            initrdPages = buddy.ReleaseReserved(PfnUp(_initrdStart), PfnDown(_initrdEnd));
            Print($"Freeing initrd memory: {K(initrdPages)}K");
        }
        if (_p.Rules.InitFreedFromMemblock)
            _mb.PhysFree(Phys(img.InitBegin), img.InitEnd - img.InitBegin, "free_initmem"); // the cost stays the image's
        ulong initPages = buddy.ReleaseReserved(PfnUp(Phys(img.InitBegin)), PfnDown(Phys(img.InitEnd)));
        Print(_arch.FreeInitMemLine(K(initPages)));
        ulong memTotalKb = K(buddy.TotalRamPages);

        return new BootResult
        {
            Profile = _p.Name,
            PhysAddrBytes = _p.PhysAddrBytes,
            CommandLine = _cmd.Text,
            Log = _log,
            Trace = _trace,
            MemoryLine = memoryLine,
            MemTotalKb = memTotalKb,
            RamBytes = physPages * Page,
            Memory = memory,
            Reserved = reserved,
            ReservedAfterBoot = _mb.Reserved.Regions.ToArray(),
            Zones = buddy.Zones.Select(z => new BootZone(z.Node, z.Name, z.StartPfn, z.SpannedPages, z.PresentPages, z.ManagedPages, z.CmaPages)).ToList(),
            Buddy = buddy,
            Costs = Costs(physPages * Page - memTotalKb * 1024, initrdPages * Page, initPages * Page),
            Warnings = _warnings.ToArray(),
            Inputs = _inputs.ToArray(),
        };
    }

    // With deferred struct-page init, the zone that ends a node is initialised (and freed at once) only up to the
    // first section boundary after PAGES_PER_SECTION of its pages.
    private Dictionary<int, ulong> FirstDeferredPfns(ZonePlan plan)
    {
        var result = new Dictionary<int, ulong>();
        if (!_p.DeferredStructPageInit)
            return result;
        var ranges = MemPfnRanges();
        ulong section = PagesPerSection;
        foreach (var (nid, (_, nodeEnd)) in plan.NodeSpans)
        {
            foreach (var z in plan.Zones.Where(z => z.Node == nid && z.End == nodeEnd && z.End > z.Start))
            {
                ulong counted = 0;
                foreach (var r in ranges.Where(r => r.Nid == nid))
                {
                    ulong s = Math.Max(r.Start, z.Start), e = Math.Min(r.End, z.End);
                    if (e <= s)
                        continue;
                    // pfn p is the (counted + p - s + 1)-th page; defer at the first aligned p past one section.
                    ulong need = counted + (e - s) > section ? s + (section > counted ? section - counted : 0) : e;
                    ulong candidate = AlignUp(need, section);
                    if (need < e && candidate < e)
                    {
                        result[nid] = candidate;
                        break;
                    }
                    counted += e - s;
                }
            }
        }
        return result;
    }

    private List<BootCost> Costs(ulong lost, ulong initrdFreed, ulong initFreed)
    {
        var list = new List<BootCost>();
        foreach (var (category, bytes) in _costs.Totals())
        {
            if (category is CatCma or CatGigantic)
                continue;
            long b = (long)bytes;
            if (category == CatInitrd)
                b -= (long)initrdFreed;
            if (category == CatKernel)
                b -= (long)initFreed;
            if (b != 0)
                list.Add(new BootCost(category, b));
        }
        long rest = (long)lost - list.Sum(c => c.Bytes);
        if (rest != 0)
            list.Add(new BootCost("partial pages and rounding", rest));
        return list;
    }
}
