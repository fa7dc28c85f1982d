using MemblockSharp.Text;
namespace MemblockSharp.Boot.Simulation;

internal sealed partial class BootFlow
{
    // arm64 takes one array for all memory regions; 32-bit ARM one resource per region.
    private void RequestStandardResources()
    {
        if (_arch.ResourcePerMemoryRegion)
        {
            for (int i = 0; i < _mb.Memory.Count; i++)
                Alloc(CatMisc, _p.Sizes.Resource, 64, "request_standard_resources");
            return;
        }
        Alloc(CatMisc, (ulong)_mb.Memory.Count * _p.Sizes.Resource, 64, "request_standard_resources");
    }

    // smp_init_cpus (arm64) / arm_dt_init_cpu_maps (arm): the possible CPUs are the DT's cpu nodes, at most
    // nr_cpu_ids: NR_CPUS, or less with nr_cpus=. Each side says so when it clips.
    private void SmpInitCpus()
    {
        var usable = _scan.Cpus.Where(c => c.Usable).Select(c => c.NumaNodeId).ToList();
        var cpus = usable.Count == 0 ? [null] : usable;
        int nrCpuIds = NrCpuIds;
        int found = Math.Min(cpus.Count, _p.NrCpus);
        if (found > nrCpuIds)
        {
            Print(_p.Arch == Profiles.KernelArch.Arm64
                ? $"Number of cores ({found}) exceeds configured maximum of {nrCpuIds} - clipping"
                : $"DT /cpu {nrCpuIds + 1} nodes greater than max cores {nrCpuIds}, capping them");
        }
        _cpus = Math.Min(found, nrCpuIds);
        _cpuNode = cpus.Take(_cpus).Select(n => n is { } id && _nodes.Contains(id) ? id : _nodes.Min).ToArray();
    }

    // setup_command_line: saved_command_line and static_command_line.
    private void SetupCommandLine()
    {
        ulong len = (ulong)System.Text.Encoding.UTF8.GetByteCount(_cmd.Text) + 1;
        Alloc(CatMisc, len, 64, "setup_command_line");
        Alloc(CatMisc, len, 64, "setup_command_line");
    }

    // setup_per_cpu_areas → pcpu_embed_first_chunk with page-sized atoms: one group per node.
    private void SetupPerCpuAreas()
    {
        ulong ptr = _p.Sizes.Pointer;
        ulong staticSize = _p.Image.PerCpuStaticSize, reserved = _p.Sizes.PercpuModuleReserve;
        ulong sizeSum = AlignUp(staticSize + reserved + _p.Sizes.PercpuDynamicReserve, Page);
        ulong unitSize = Math.Max(sizeSum, 32UL << 10);
        unitSize = AlignUp(unitSize, Page);
        ulong dynSize = unitSize - staticSize - reserved;
        var groups = _cpuNode.Select((node, cpu) => (node, cpu)).GroupBy(x => x.node).Select(g => g.Select(x => x.cpu).ToList()).ToList();
        ulong nrGroups = (ulong)groups.Count, nrCpus = (ulong)_cpus;

        ulong aiSize = AlignUp(6 * ptr + nrGroups * 3 * ptr, 4) + nrCpus * 4;
        ulong ai = Alloc(CatPercpu, AlignUp(aiSize, Page), Page, "pcpu_build_alloc_info");
        ulong areasSize = AlignUp(nrGroups * ptr, Page);
        ulong areas = Alloc(CatPercpu, areasSize, 64, "pcpu_embed_first_chunk");
        var units = new List<ulong>();
        var (floor, onCpuNode) = _arch.PercpuPlacement(_p, _physOffset, MaxDmaPhys);
        foreach (var g in groups)
        {
            ulong size = (ulong)g.Count * unitSize;
            int nid = onCpuNode ? _cpuNode[g[0]] : Memblock.NumaNoNode;
            ulong p = Got(_mb.AllocTryNid(size, Page, floor, 0, nid, "pcpu_fc_alloc"), size, CatPercpu, "pcpu_fc_alloc");
            for (int i = 0; i < g.Count; i++)
                units.Add(p + (ulong)i * unitSize);
        }
        foreach (ulong unit in units)
            PhysFree(unit + sizeSum, unitSize - sizeSum, "pcpu_embed_first_chunk");
        Print($"percpu: Embedded {unitSize / Page} pages/cpu s{staticSize} r{reserved} d{dynSize} u{unitSize}");

        // pcpu_setup_first_chunk
        Alloc(CatPercpu, nrGroups * ptr, 64, "pcpu_setup_first_chunk");
        Alloc(CatPercpu, nrGroups * ptr, 64, "pcpu_setup_first_chunk");
        Alloc(CatPercpu, nrCpus * 4, 64, "pcpu_setup_first_chunk");
        Alloc(CatPercpu, nrCpus * ptr, 64, "pcpu_setup_first_chunk");
        int slots = Math.Max(Fls(unitSize) - 5 + 2, 1) + 4;
        Alloc(CatPercpu, (ulong)slots * 2 * ptr, 64, "pcpu_setup_first_chunk");
        FirstChunk(staticSize, reserved);
        FirstChunk(staticSize + reserved, dynSize);
        PhysFree(ai, AlignUp(aiSize, Page), "pcpu_free_alloc_info");
        PhysFree(areas, areasSize, "pcpu_embed_first_chunk");
    }

    // pcpu_alloc_first_chunk: the chunk, its allocation and boundary bitmaps and block metadata.
    private void FirstChunk(ulong offset, ulong mapSize)
    {
        ulong ptr = _p.Sizes.Pointer, longBits = ptr * 8;
        ulong startOffset = offset & (Page - 1);
        ulong regionSize = AlignUp(startOffset + mapSize, Page);
        ulong pages = regionSize / Page;
        ulong bits = regionSize / 4;
        Alloc(CatPercpu, _p.Sizes.PcpuChunk + (pages + longBits - 1) / longBits * ptr, 64, "pcpu_alloc_first_chunk");
        Alloc(CatPercpu, (bits + longBits - 1) / longBits * ptr, 64, "pcpu_alloc_first_chunk");
        Alloc(CatPercpu, (bits + 1 + longBits - 1) / longBits * ptr, 64, "pcpu_alloc_first_chunk");
        Alloc(CatPercpu, pages * _p.Sizes.PcpuBlockMd, 64, "pcpu_alloc_first_chunk");
    }

    // print_unknown_bootoptions: a buffer for the message, freed right after.
    private void PrintUnknownBootOptions()
    {
        var unknown = UnknownBootOptions();
        if (unknown.Count == 0)
            return;
        ulong len = (ulong)unknown.Sum(u => 1 + System.Text.Encoding.UTF8.GetByteCount(u)) + 1;
        ulong buf = Alloc(CatMisc, len, 64, "print_unknown_bootoptions");
        Print($"Unknown kernel command line parameters \"{string.Join(' ', unknown)}\", will be passed to user space.");
        PhysFree(buf, len, "print_unknown_bootoptions");
    }

    // setup_log_buf: only when log_buf_len= (or many CPUs) asks for more than the static buffer.
    private void SetupLogBuf()
    {
        ulong staticLen = 1UL << _p.LogBufShift;
        ulong newLen = 0;
        if (_cmd.LogBufLen is { } requested && requested > 0)
        {
            ulong size = RoundUpPow2(requested);
            if (size > staticLen)
                newLen = size;
        }
        else if (_cpus > 1)
        {
            ulong extra = (ulong)(_cpus - 1) << _p.LogCpuMaxBufShift;
            if (extra > staticLen / 2)
                newLen = RoundUpPow2(extra + staticLen);
        }
        if (newLen == 0)
            return;
        ulong align = _p.Sizes.Pointer;
        ulong descs = newLen >> 5;
        Alloc(CatLogBuf, newLen, align, "setup_log_buf");
        Alloc(CatLogBuf, descs * _p.Sizes.PrbDesc, align, "setup_log_buf");
        Alloc(CatLogBuf, descs * _p.Sizes.PrintkInfo, align, "setup_log_buf");
        Print($"printk: log_buf_len: {newLen} bytes");
    }

    private static ulong RoundUpPow2(ulong v) => v <= 1 ? 1 : 1UL << Fls(v - 1);

    // vfs_caches_init_early: dentry and inode hashes from memblock, unless hashes are spread over several nodes.
    private void VfsCachesInitEarly(ZonePlan zones)
    {
        if (_nodes.Count > 1)
            return;
        LargeSystemHash("Dentry cache", zones, 13, _cmd.DhashEntries ?? 0, lowLimit: 2);
        LargeSystemHash("Inode-cache", zones, 14, _cmd.IhashEntries ?? 0, lowLimit: 0);
    }

    // alloc_large_system_hash with HASH_EARLY: a size from memory unless the command line gave the entries
    // (dhash_entries=, ihash_entries=), a power of two within [lowLimit, 1/16 of memory]; when memblock cannot
    // give that much, half as much, down to a page.
    private void LargeSystemHash(string name, ZonePlan zones, int scale, ulong numEntries, ulong lowLimit)
    {
        ulong bucket = _p.Sizes.Pointer;
        ulong entries = numEntries;
        if (entries == 0)
        {
            entries = AlignUp(zones.KernelPages, SZ_1M / Page);
            // 64-bit: from 64 GiB on, one more step of scale for every fourfold of memory (ADAPT_SCALE_*).
            if (_p.Sizes.Pointer == 8)
            {
                ulong adaptNPages = (64UL << 30) / Page;
                for (ulong adapt = adaptNPages; adapt < entries; adapt <<= 2)
                    scale++;
            }
            entries = scale > _p.PageShift ? entries >> (scale - _p.PageShift) : entries << (_p.PageShift - scale);
            if (entries * bucket < Page)
                entries = Page / bucket;
        }
        entries = entries > 1UL << 62 ? 1UL << 63 : RoundUpPow2(entries);
        ulong max = Math.Min(zones.AllPages * Page / 16 / bucket, 0x8000_0000UL);
        if (entries < lowLimit)
            entries = lowLimit;
        if (entries > max)
            entries = max;
        int log2 = Fls(entries) - 1;
        ulong size = bucket << log2;
        ulong table;
        while ((table = _mb.Alloc(size, 64, "alloc_large_system_hash")) == 0 && size > Page && --log2 > 0)
            size = bucket << log2;
        Got(table, size, CatHash, "alloc_large_system_hash");
        int order = Math.Max(0, Fls((size - 1) / Page));
        Print($"{name} hash table entries: {1UL << log2} (order: {order}, {size} bytes, linear)");
    }

    // mem_init → swiotlb_init when RAM reaches past the DMA limit (or swiotlb=force); on arm64 6.12 also otherwise, with a
    // buffer of 1/1024 of memory for kmalloc bouncing (swiotlb_adjust_size, unless swiotlb= set the size). swiotlb=noforce
    // sets up none.
    private void MemInit()
    {
        if (!_p.Swiotlb)
            return;
        bool addressingLimit = PfnDown(_mb.EndOfDram()) > PfnDown(_dmaLimit);
        if (!addressingLimit && _p.Rules.SwiotlbAlwaysOn)
        {
            SwiotlbAdjustSize(Math.Min(_swiotlbSlabs << IoTlbShift, (_mb.Memory.TotalSize + 1023) / 1024));
            addressingLimit = true;
        }
        if ((!addressingLimit && !_swiotlbForce) || _swiotlbNoForce)
            return;
        if (_swiotlbAreas == 0)
            SwiotlbAdjustAreas((ulong)_cpus);
        ulong nslabs = _swiotlbSlabs;
        ulong nareas = SwiotlbLimitAreas(_swiotlbAreas, nslabs);
        // memblock_alloc_low: below ARCH_LOW_ADDRESS_LIMIT, which arm64 defines as arm64_dma_phys_limit − 1; halved on failure.
        ulong lowLimit = _p.Arch == Profiles.KernelArch.Arm64 ? _dmaLimit - 1 : 0xFFFF_FFFFUL;
        ulong tlb;
        while ((tlb = _mb.AllocTryNid(SwiotlbBytes(nslabs), Page, 0, lowLimit, Memblock.NumaNoNode, "swiotlb_init_remap")) == 0)
        {
            Print($"software IO TLB: swiotlb_memblock_alloc: Failed to allocate {SwiotlbBytes(nslabs)} bytes tlb structure");
            if (nslabs <= IoTlbMinSlabs)
                return;
            nslabs = AlignUp(nslabs >> 1, SwiotlbParameter.SegmentSlabs);
            nareas = SwiotlbLimitAreas(nareas, nslabs);
        }
        Got(tlb, SwiotlbBytes(nslabs), CatSwiotlb, "swiotlb_init_remap");
        if (_swiotlbSlabs != nslabs)
        {
            Print($"software IO TLB: SWIOTLB bounce buffer size adjusted {_swiotlbSlabs} -> {nslabs} slabs");
            _swiotlbSlabs = nslabs;
        }
        Alloc(CatSwiotlb, AlignUp(nslabs * _p.Sizes.SwiotlbSlot, Page), Page, "swiotlb_init_remap");
        ulong areas = _p.Rules.SwiotlbAreasLimitedToSlabs ? nareas : _swiotlbAreas;
        Alloc(CatSwiotlb, areas * _p.Sizes.SwiotlbArea, 64, "swiotlb_init_remap");
        ulong bytes = nslabs << IoTlbShift;
        Print($"software IO TLB: mapped [mem {Pa(tlb)}-{Pa(tlb + bytes)}] ({bytes >> 20}MB)");
    }
}
