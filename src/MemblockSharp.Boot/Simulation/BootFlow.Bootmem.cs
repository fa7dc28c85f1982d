using System.Numerics;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Simulation;

internal sealed partial class BootFlow
{
    private readonly Dictionary<int, ulong> _nodeData = [];

    private void UnflattenDeviceTree()
    {
        if (_p.Rules.ReservedMemSecondPass)
            FdtScanReservedMemRegNodes();
        Alloc(CatUnflatten, UnflattenedTreeSize.Of(_tree, _p.Sizes), _p.Sizes.Pointer, "early_init_dt_alloc_memory_arch");
    }

    private void BootmemInit()
    {
        ArchNumaInit();
        HugetlbCmaReserve();
        SparseInit();
        ZoneLimits();
        _zones = BuildZones();
        CountHashPagesAfterFreeAreaInit(_zones);
        DmaContiguousReserve();
        ReserveCrashkernel();
        foreach (var line in MemblockText.Configuration(_mb, _p.Numa))
            Print(line);
    }

    // numa_init(of_numa_init), falling back to numa_init(dummy_numa_init); then NODE_DATA for every node with memory.
    private void ArchNumaInit()
    {
        if (!_p.Numa)
        {
            _mb.SetNode(0, ulong.MaxValue, _mb.Memory, 0);
            _nodes.Add(0);
            return;
        }
        ulong distanceSize = (ulong)(_p.MaxNumNodes * _p.MaxNumNodes);
        var banks = _options.Ram.Count > 0 ? [] : _scan.Banks;
        bool dtNuma = !_cmd.NumaOff && banks.Count > 0 && banks.All(b => b.NumaNodeId is not null);
        // 6.1 allocates the distance table up front; 6.12 only when a distance-map sets a distance.
        bool distanceTable = !_p.Rules.NumaDistanceOnlyFromFirmware || (dtNuma && _tree.Root.GetChild("distance-map") is not null);
        ulong distance = distanceTable ? Alloc(CatNuma, distanceSize, Page, "numa_init") : 0;
        if (_cmd.NumaOff)
            Print("NUMA: NUMA disabled"); // numa=off: straight to dummy_numa_init (one distance table in 6.1), every CPU on node 0
        if (dtNuma)
        {
            foreach (var bank in banks)
                _mb.SetNode(bank.RawBase, bank.RawSize, _mb.Memory, bank.NumaNodeId!.Value);
        }
        if (!dtNuma)
        {
            if (!_p.Rules.NumaDistanceOnlyFromFirmware && !_cmd.NumaOff)
            {
                Print("NUMA: No NUMA configuration found");
                PhysFree(distance, distanceSize, "numa_free_distance");
                Alloc(CatNuma, distanceSize, Page, "numa_init");
            }
            Print($"NUMA: Faking a node at [mem {Hex.Format16(_mb.StartOfDram())}-{Hex.Format16(_mb.EndOfDram() - 1)}]");
            _mb.SetNode(_mb.StartOfDram(), _mb.EndOfDram() - _mb.StartOfDram(), _mb.Memory, 0);
        }
        foreach (var r in _mb.Memory.Regions)
            _nodes.Add(r.Nid);
        foreach (int nid in _nodes)
        {
            ulong size = _p.Sizes.PgData;
            ulong pa = _mb.PhysAllocTryNid(size, 64, nid, "setup_node_data");
            Got(pa, size, CatNuma, "setup_node_data");
            _nodeData[nid] = pa;
            if (!_p.Rules.Prints612)
            {
                Print($"NUMA: NODE_DATA [mem 0x{pa:x8}-0x{pa + size - 1:x8}]");
                continue;
            }
            Print($"NODE_DATA({nid}) allocated [mem 0x{pa:x8}-0x{pa + size - 1:x8}]");
            int onNode = _mb.Memory.Regions.ToArray().FirstOrDefault(r => r.Base <= pa && pa < r.End).Nid;
            if (onNode != nid)
                Print($"    NODE_DATA({nid}) on node {onNode}");
        }
        // setup_node_to_cpumask_map: with CPUMASK_OFFSTACK a cpumask per possible node (the nodes seen so far).
        if (_p.CpumaskOffstack)
        {
            foreach (int _ in _nodes)
                Alloc(CatNuma, OffstackCpumaskBytes, 64, "alloc_bootmem_cpumask_var");
        }
    }

    private int SectionShift => _p.SectionSizeBits;
    private ulong PagesPerSection => 1UL << (SectionShift - _p.PageShift);

    // sparse_init: section roots, root pages, per-node usemaps, memmap buffer and vmemmap page tables. Present
    // sections, roots and vmemmap tables are kept as index intervals and counted with arithmetic over them, so the
    // cost follows the number of memory regions, not the amount of RAM (the allocations themselves are the kernel's).
    private void SparseInit()
    {
        ulong sectionsPerRoot = Page / _p.MemSectionSize;
        ulong nrSections = 1UL << (_p.PhysAddrBits - SectionShift);
        ulong roots = (nrSections + sectionsPerRoot - 1) / sectionsPerRoot;
        // memblocks_present: the first present section allocates the root array, each new root a page (on the node
        // of the region whose sections reach it first).
        var sectionsByNode = new SortedDictionary<int, IndexIntervals>();
        var seenRoots = new IndexIntervals();
        bool rootsAllocated = false;
        foreach (var r in _mb.Memory.Regions.ToArray())
        {
            if (!PresentSections(r, out ulong first, out ulong last))
                continue;
            if (!rootsAllocated)
            {
                Alloc(CatSparse, roots * _p.Sizes.Pointer, 64, "sparse_init");
                rootsAllocated = true;
            }
            ulong newRoots = seenRoots.Add(first / sectionsPerRoot, last / sectionsPerRoot);
            AllocTryNidMany(CatSparse, newRoots, sectionsPerRoot * _p.MemSectionSize, 64, 0, r.Nid, raw: false, "sparse_index_alloc");
            if (!sectionsByNode.TryGetValue(r.Nid, out var set))
                sectionsByNode[r.Nid] = set = new IndexIntervals();
            set.Add(first, last);
        }
        ulong subsections = 1UL << (SectionShift - 21);
        ulong pageblockBits = (1UL << (SectionShift - _p.PageShift - _p.PageblockOrder)) * 4;
        ulong longBits = _p.Sizes.Pointer * 8;
        ulong usageSize = 2 * _p.Sizes.Pointer + (subsections + longBits - 1) / longBits * _p.Sizes.Pointer
                          + (pageblockBits + longBits - 1) / longBits * _p.Sizes.Pointer;
        ulong sectionMapSize = AlignUp(_p.Sizes.Page * PagesPerSection, 1UL << PteShift);
        ulong minAddr = MaxDmaPhys;
        var vmemmap = new VmemmapTables(new IndexIntervals(), new IndexIntervals(), new IndexIntervals());
        foreach (var (nid, sections) in sectionsByNode)
        {
            ulong count = sections.Count;
            ulong goal = _nodeData.TryGetValue(nid, out var nd) ? nd & ~((1UL << SectionShift) - 1) : 0;
            ulong limit = goal == 0 ? 0 : goal + (1UL << SectionShift);
            ulong usage = _mb.AllocTryNid(usageSize * count, 64, goal, limit, nid, "sparse_init_nid");
            if (usage == 0 && limit != 0)
                usage = _mb.AllocTryNid(usageSize * count, 64, goal, 0, nid, "sparse_init_nid");
            Got(usage, usageSize * count, CatSparse, "sparse_init_nid");
            ulong buf = _mb.AllocExactNidRaw(sectionMapSize * count, sectionMapSize, minAddr, 0, nid, "memmap_alloc");
            Got(buf, sectionMapSize * count, CatSparse, "memmap_alloc");
            // One page for every table the node's vmemmap is the first to touch.
            ulong tables = 0;
            foreach (var (first, last) in sections.Intervals)
                tables += NewVmemmapTables(vmemmap, first, last, sectionMapSize);
            AllocTryNidMany(CatSparse, tables, Page, Page, minAddr, nid, raw: true, "__earlyonly_bootmem_alloc");
            // Mapped page by page, the sections take only their own struct pages from the buffer: sparse_buffer_fini
            // gives the rest of it back.
            ulong used = count * AlignUp(_p.Sizes.Page * PagesPerSection, Page);
            if (VmemmapBasePages && used < sectionMapSize * count)
                PhysFree(buf + used, sectionMapSize * count - used, "memblock_free");
        }
    }

    // The sections memblocks_present marks for a region: from the section of its first whole page up to the section
    // of its last whole page, as its loop from the section-aligned start pfn steps below the end pfn.
    private bool PresentSections(MemblockRegion r, out ulong first, out ulong last)
    {
        ulong startPfn = PfnUp(r.Base), endPfn = PfnDown(r.End);
        first = startPfn / PagesPerSection;
        last = endPfn == 0 ? 0 : (endPfn - 1) / PagesPerSection;
        return first * PagesPerSection < endPfn;
    }

    private sealed record VmemmapTables(IndexIntervals Pud, IndexIntervals Pmd, IndexIntervals Pte);

    // vmemmap_populate over sections [first, last]: the struct pages of section s start at
    // va(s) = (s × PAGES_PER_SECTION − memstart_pfn) × sizeof(struct page) (wrapping as unsigned arithmetic does)
    // and each section touches va(s) + k × 2 MiB for every 2 MiB of its section map. Consecutive touched addresses are
    // at most 2 MiB apart, so the PUD and PMD indices touched form one interval per shift (two if the addresses wrap
    // past 2^64). Returns how many of those tables no earlier section touched.
    private ulong NewVmemmapTables(VmemmapTables seen, ulong first, ulong last, ulong sectionMapSize)
    {
        if (sectionMapSize == 0)
            return 0;
        ulong stride = PagesPerSection * _p.Sizes.Page;
        ulong va = (first * PagesPerSection - _memstart / Page) * _p.Sizes.Page;
        if (VmemmapBasePages)
        {
            // Every page of the struct pages is mapped by a PTE: PTE tables too, and only the pages really used.
            UInt128 last4k = va + (UInt128)(last - first + 1) * stride - 1;
            ulong pud = AddTouched(seen.Pud, va, last4k, PudShift);
            return (_p.PageTableLevels >= 4 ? pud : 0) + AddTouched(seen.Pmd, va, last4k, PmdShift) + AddTouched(seen.Pte, va, last4k, PteShift);
        }
        ulong chunk = 1UL << PteShift;
        UInt128 end = va + (UInt128)(last - first) * stride + (sectionMapSize - chunk);
        return AddTouched(seen.Pud, va, end, PudShift) + AddTouched(seen.Pmd, va, end, PmdShift);
    }

    // arm64 maps the vmemmap with PMD blocks only with 4 KiB pages (vmemmap_populate); 16 and 64 KiB page kernels map
    // it page by page.
    private bool VmemmapBasePages => _p.PageSize != 4096;

    // Adds the indices (address >> shift) of the addresses va … end (inclusive, modulo 2^64) to the set.
    private static ulong AddTouched(IndexIntervals set, ulong va, UInt128 end, int shift)
    {
        UInt128 wrap = (UInt128)1 << 64;
        ulong top = ulong.MaxValue >> shift;
        if (end < wrap)
            return set.Add(va >> shift, (ulong)end >> shift);
        if (end - wrap >= va)
            return set.Add(0, top); // the addresses go all the way round
        return set.Add(va >> shift, top) + set.Add(0, (ulong)(end - wrap) >> shift);
    }

    // count identical memblock_alloc_try_nid(_raw) calls (no upper limit). Without a trace, top-down and without
    // mirrored memory, the calls after one that took the top of a free range land right below it, one after the other,
    // until that range runs out: those are reserved in one go, so the cost follows the free ranges used, not count.
    private void AllocTryNidMany(string category, ulong count, ulong size, ulong align, ulong min, int nid, bool raw, string caller)
    {
        while (count > 0)
        {
            ulong addr = raw ? _mb.AllocTryNidRaw(size, align, min, 0, nid, caller) : _mb.AllocTryNid(size, align, min, 0, nid, caller);
            Got(addr, size, category, caller);
            count--;
            if (count == 0 || _mb.Trace is not null || _mb.BottomUp || _mb.HasMirror || size % align != 0
                || (align & (align - 1)) != 0 || _mb.Reserved.Count + 1 > _mb.Reserved.Capacity
                || !InOrder(_mb.Memory) || !InOrder(_mb.Reserved))
                continue;
            ulong more = Math.Min(count, (addr - FreeFloorBelow(addr, min, nid)) / size);
            if (more == 0)
                continue;
            ulong low = addr - more * size;
            _mb.Reserve(low, more * size, caller);
            _costs.Add(low, more * size, category, caller);
            count -= more;
        }
    }

    // Whether a table is sorted and disjoint (it is, unless a region ending near 2^64 was trimmed past the top).
    private static bool InOrder(MemblockType table)
    {
        var regions = table.Regions;
        for (int i = 1; i < regions.Length; i++)
        {
            if (regions[i].Base < regions[i - 1].End)
                return false;
        }
        return true;
    }

    // Where the next identical allocation's free range below addr begins: the calls search top-down on the node of
    // the first pass that found addr (the requested node, else any node) from max(min, PAGE_SIZE), or from
    // PAGE_SIZE when addr lies below min (the retry without min). Nothing above addr fits any more (the first call
    // took the highest fit), so they fill the free range that ends at addr downwards. Returns addr when there is none.
    private ulong FreeFloorBelow(ulong addr, ulong min, int nid)
    {
        int regionNid = Memblock.NumaNoNode;
        foreach (var r in _mb.Memory.Regions)
        {
            if (r.Base <= addr && addr - r.Base < r.Size)
                regionNid = r.Nid;
        }
        int passNid = nid != Memblock.NumaNoNode && nid != _p.MaxNumNodes && regionNid == nid ? nid : Memblock.NumaNoNode;
        ulong start = addr >= Math.Max(min, Page) ? Math.Max(min, Page) : Page;
        foreach (var range in _mb.FreeMemRangesReverse(passNid, MemblockFlags.None))
        {
            if (range.Start >= addr)
                continue;
            return range.End == addr ? Math.Min(addr, Math.Max(range.Start, start)) : addr;
        }
        return addr;
    }

    // zone_sizes_init limits: ZONE_DMA from the device tree's dma-ranges (the release's rule), ZONE_DMA32 at 4 GiB (or the
    // end of RAM); without ZONE_DMA, arm64_dma_phys_limit is the DMA32 limit.
    private void ZoneLimits()
    {
        ulong start = _mb.StartOfDram(), end = _mb.EndOfDram();
        _dma32Limit = _rules.Arm64Dma32ZoneEnd(start, end);
        _dmaLimit = _p.ZoneDma ? _rules.Arm64DmaZoneEnd(_scan.DmaRanges.MaxCpuAddress, start, end) : _dma32Limit;
    }

    // dma_contiguous_reserve(arm64_dma_phys_limit) → cma_declare_contiguous_nid.
    private void DmaContiguousReserve()
    {
        if (!_p.DmaCma || _cmaDefaultFromDt)
            return;
        ulong size = _cmd.CmaSize ?? _p.CmaDefaultBytes;
        ulong @base = _cmd.CmaSize is null ? 0 : _cmd.CmaBase;
        ulong dmaLimit = _arch.CmaDmaLimit(_dmaLimit);
        ulong limit = _cmd.CmaSize is { } && _cmd.CmaLimit != 0 ? Math.Min(_cmd.CmaLimit, dmaLimit) : dmaLimit;
        bool fixedBase = _cmd.CmaSize is { } && _cmd.CmaBase != 0 && _cmd.CmaBase + size == _cmd.CmaLimit;
        if (size == 0)
            return;
        CmaDeclareContiguousNid(@base, size, limit, 0, fixedBase, "reserved", Memblock.NumaNoNode);
    }

    // cma_declare_contiguous_nid: align to the CMA granule (or more), then a fixed region is reserved as it is; any
    // other is allocated from the top, above the lowmem limit first, then bottom-up from 4 GiB, then anywhere in range.
    // Returns the area's base, or 0 when it failed (the kernel's lines printed).
    private ulong CmaDeclareContiguousNid(ulong @base, ulong size, ulong limit, ulong alignment, bool fixedBase, string name, int nid)
    {
        string onNode = _p.Rules.Prints612 ? $" on node {nid}" : "";
        if (!_p.Numa)
            nid = Memblock.NumaNoNode;
        alignment = Math.Max(alignment, _rules.CmaAlignment(_p));
        @base = AlignUp(@base, alignment);
        size = AlignUp(size, alignment);
        limit &= ~(alignment - 1);
        if (@base == 0)
            fixedBase = false;
        ulong memblockEnd = _mb.EndOfDram();
        if (limit == 0 || limit > memblockEnd)
            limit = memblockEnd;
        if (@base + size > limit)
        {
            Print($"cma: Size ({Pa(size)}) of region at {Pa(@base)} exceeds limit ({Pa(limit)})");
            Print($"cma: Failed to reserve {size >> 20} MiB{onNode}");
            return 0;
        }
        ulong addr = 0;
        if (fixedBase)
        {
            if (!_mb.IsRegionReserved(@base, size) && _mb.Reserve(@base, size, "cma_declare_contiguous_nid") == 0)
                addr = @base;
        }
        else
        {
            ulong highmemStart = _lowmemLimit ?? memblockEnd;
            if (@base < highmemStart && limit > highmemStart)
            {
                addr = _mb.AllocRangeNid(size, alignment, highmemStart, limit, nid, true);
                limit = highmemStart;
            }
            if (addr == 0 && !_mb.BottomUp && memblockEnd >= SZ_4G + size)
            {
                _mb.BottomUp = true;
                addr = _mb.AllocRangeNid(size, alignment, SZ_4G, limit, nid, true);
                _mb.BottomUp = false;
            }
            if (addr == 0)
                addr = _mb.AllocRangeNid(size, alignment, @base, limit, nid, true);
        }
        if (addr == 0)
        {
            Print($"cma: Failed to reserve {size >> 20} MiB{onNode}");
            return 0;
        }
        _costs.Add(addr, size, CatCma);
        _cmaAreas.Add((addr, size, name));
        _totalCmaPages += size / Page;
        Print($"cma: Reserved {size >> 20} MiB at {Pa(addr)}{onNode}");
        return addr;
    }

    // hugetlb_cma_reserve (arm64_hugetlb_cma_reserve, after NUMA is known): hugetlb_cma=SIZE spread over the online
    // nodes, or NODE:SIZE[,NODE:SIZE] per node; each area at least one largest gigantic page and a multiple of it.
    private void HugetlbCmaReserve()
    {
        if (_arch.HugetlbCmaOrder(_p) is not { } order || !_p.DmaCma)
            return;
        var (total, perNode) = (_cmd.HugetlbCmaSize, new SortedDictionary<int, ulong>(_cmd.HugetlbCmaPerNode.ToDictionary(kv => kv.Key, kv => kv.Value)));
        if (total == 0)
            return;
        ulong gigantic = Page << order;
        bool nodeSpecific = false;
        foreach (var (nid, size) in perNode.ToList())
        {
            if (size == 0)
                continue;
            if (!_nodes.Contains(nid))
            {
                Print($"hugetlb_cma: invalid node {nid} specified");
                total -= size;
                perNode[nid] = 0;
            }
            else if (size < gigantic)
            {
                Print($"hugetlb_cma: cma area of node {nid} should be at least {gigantic >> 20} MiB");
                total -= size;
                perNode[nid] = 0;
            }
            else
            {
                nodeSpecific = true;
            }
        }
        if (total == 0)
            return;
        if (total < gigantic)
        {
            Print($"hugetlb_cma: cma area should be at least {gigantic >> 20} MiB");
            return;
        }
        ulong perNodeSize = 0;
        if (!nodeSpecific)
        {
            perNodeSize = AlignUp((total + (ulong)_nodes.Count - 1) / (ulong)_nodes.Count, gigantic);
            Print($"hugetlb_cma: reserve {total >> 20} MiB, up to {perNodeSize >> 20} MiB per node");
        }
        ulong alignment = _p.Rules.HugetlbCmaAlignedToGiganticPage ? gigantic : Page << _p.PageblockOrder;
        ulong reserved = 0;
        foreach (int nid in _nodes)
        {
            ulong size;
            if (nodeSpecific)
            {
                if (perNode.GetValueOrDefault(nid) == 0)
                    continue;
                size = perNode[nid];
            }
            else
            {
                size = Math.Min(perNodeSize, total - reserved);
            }
            size = AlignUp(size, gigantic);
            if (CmaDeclareContiguousNid(0, size, 0, alignment, false, $"hugetlb{nid}", nid) == 0)
            {
                Print($"hugetlb_cma: reservation failed: err -12, node {nid}");
                continue;
            }
            reserved += size;
            Print($"hugetlb_cma: reserved {size >> 20} MiB on node {nid}");
            if (reserved >= total)
                break;
        }
        _hugetlbCmaSize = total;
    }

    // reserve_crashkernel (arm64): a plain crashkernel= wins over ",high" (whose ",low" is read only with it); the
    // region is 2 MiB aligned, below the DMA limit for the plain forms; a region above the DMA limit takes a low part
    // too when one is asked for (or, on 6.12, defaulted), and is given up when the low part cannot be had.
    private void ReserveCrashkernel()
    {
        var rules = _rules.CrashKernel;
        ulong systemRam = _mb.Memory.TotalSize;
        ulong size, @base = 0, lowSize = 0;
        bool high = false;
        if (_cmd.HasPlainCrashKernel)
        {
            var (wanted, declined) = _cmd.CrashKernelSizeFor(systemRam);
            if (declined is not null)
                Print(declined);
            if (wanted is not { } plain || plain == 0)
                return;
            size = plain;
            @base = _cmd.CrashKernelBase;
        }
        else if (_cmd.CrashKernelHighSize is { } highSize && highSize != 0)
        {
            size = highSize;
            lowSize = _cmd.CrashKernelLow ?? rules.DefaultLowBytes;
            high = true;
        }
        else
        {
            return;
        }
        if (rules.RejectsSizeNotBelowRam && size >= systemRam)
            return;
        if (rules.PageAlignsSize)
            size = AlignUp(size, Page);
        ulong lowMax = _dmaLimit, highMax = 1UL << _p.PhysAddrBits;
        ulong got = AllocCrashkernel(rules, size, @base, high, lowMax, highMax, ref lowSize);
        if (got == 0)
            return;
        _costs.Add(got, size, CatCrash);
        if (got >= lowMax && lowSize != 0 && !ReserveCrashkernelLow(lowSize, lowMax))
        {
            PhysFree(got, size, "reserve_crashkernel");
            return;
        }
        Print($"crashkernel reserved: {Hex.Format16(got)} - {Hex.Format16(got + size)} ({size >> 20} MB)");
    }

    // The search windows of each release, in order; prints the failure line when none has room.
    private ulong AllocCrashkernel(Versions.CrashKernelRules rules, ulong size, ulong @base, bool high, ulong lowMax, ulong highMax, ref ulong lowSize)
    {
        const string caller = "reserve_crashkernel";
        if (@base != 0)
        {
            ulong fixedGot = _mb.PhysAllocRange(size, SZ_2M, @base, @base + size, caller);
            if (fixedGot == 0)
                Print(rules.FixedBaseFailure ?? $"cannot allocate crashkernel (size:0x{size:x})");
            return fixedGot;
        }
        ulong got;
        if (!rules.FallsBack)
        {
            got = _mb.PhysAllocRange(size, SZ_2M, 0, high ? highMax : lowMax, caller);
        }
        else if (!high)
        {
            got = _mb.PhysAllocRange(size, SZ_2M, 0, lowMax, caller);
            if (got == 0)
            {
                lowSize = rules.DefaultLowBytes;
                got = _mb.PhysAllocRange(size, SZ_2M, lowMax, highMax, caller);
            }
        }
        else
        {
            got = _mb.PhysAllocRange(size, SZ_2M, lowMax, highMax, caller);
            if (got == 0 && lowMax != highMax)
                got = _mb.PhysAllocRange(size, SZ_2M, 0, lowMax, caller);
        }
        if (got == 0)
            Print($"cannot allocate crashkernel (size:0x{size:x})");
        return got;
    }

    // reserve_crashkernel_low: below the DMA limit, 2 MiB aligned.
    private bool ReserveCrashkernelLow(ulong lowSize, ulong lowMax)
    {
        ulong lowGot = _mb.PhysAllocRange(lowSize, SZ_2M, 0, lowMax, "reserve_crashkernel_low");
        if (lowGot == 0)
        {
            Print($"cannot allocate crashkernel low memory (size:0x{lowSize:x}).");
            return false;
        }
        _costs.Add(lowGot, lowSize, CatCrash);
        Print($"crashkernel low memory reserved: 0x{lowGot:x8} - 0x{lowGot + lowSize:x8} ({lowSize >> 20} MB)");
        return true;
    }

    // __pa(MAX_DMA_ADDRESS) on arm64, the lower bound of the memmap, vmemmap-table and per-CPU allocations: memstart_addr,
    // which a kernel built for more VA bits than the CPU has moves down by the difference of the two PAGE_OFFSETs
    // (wrapping: the bound then lies above all memory and the allocations retry from 0).
    private ulong MaxDmaPhys
    {
        get
        {
            if (_p.VaBitsConfig <= _p.VaBits || _p.VaBitsConfig >= 64)
                return _memstart;
            ulong shift = (1UL << _p.VaBitsConfig) - (1UL << _p.VaBits);
            return unchecked(_memstart - shift);
        }
    }

    private static int Fls(ulong x) => x == 0 ? 0 : 64 - BitOperations.LeadingZeroCount(x);
}
