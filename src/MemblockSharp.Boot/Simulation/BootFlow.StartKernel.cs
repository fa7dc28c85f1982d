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

    // smp_init_cpus: the possible CPUs are the DT's cpu nodes, at most NR_CPUS.
    private void SmpInitCpus()
    {
        var usable = _scan.Cpus.Where(c => c.Usable).Select(c => c.NumaNodeId).ToList();
        var cpus = usable.Count == 0 ? [null] : usable;
        _cpus = Math.Min(cpus.Count, _p.NrCpus);
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
        var known = _p.Rules.ExtraKnownParameters;
        // cma_pernuma= is an early parameter only where the build has a per-node CMA option.
        bool pernumaKnown = _p.DmaPernumaCma || _p.DmaNumaCma;
        var unknownTokens = _cmd.Unknown.ToHashSet(StringComparer.Ordinal);
        var unknown = _cmd.Parameters
            .Where(u => unknownTokens.Contains(u) || (!pernumaKnown && u.Split('=')[0] == "cma_pernuma"))
            .Where(u => !known.Contains(u.Split('=')[0])).ToList();
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
        LargeSystemHash("Dentry cache", zones, 13);
        LargeSystemHash("Inode-cache", zones, 14);
    }

    private void LargeSystemHash(string name, ZonePlan zones, int scale)
    {
        ulong bucket = _p.Sizes.Pointer;
        ulong entries = AlignUp(zones.KernelPages, SZ_1M / Page);
        entries = scale > _p.PageShift ? entries >> (scale - _p.PageShift) : entries << (_p.PageShift - scale);
        if (entries * bucket < Page)
            entries = Page / bucket;
        entries = RoundUpPow2(entries);
        ulong max = Math.Min(zones.AllPages * Page / 16 / bucket, 0x8000_0000UL);
        if (entries > max)
            entries = max;
        int log2 = Fls(entries) - 1;
        ulong size = bucket << log2;
        Alloc(CatHash, size, 64, "alloc_large_system_hash");
        int order = Math.Max(0, Fls((size - 1) / Page));
        Print($"{name} hash table entries: {1UL << log2} (order: {order}, {size} bytes, linear)");
    }

    // mem_init → swiotlb_init when RAM reaches past the DMA limit; on arm64 6.12 also otherwise, with a buffer of
    // 1/1024 of memory for kmalloc bouncing (swiotlb_adjust_size).
    private void MemInit()
    {
        const int ioTlbShift = 11;
        const ulong ioTlbSegSize = 128;
        if (!_p.Swiotlb)
            return;
        ulong nslabs = _p.SwiotlbBytes >> ioTlbShift;
        if (PfnDown(_mb.EndOfDram()) <= PfnDown(_dmaLimit))
        {
            if (!_p.Rules.SwiotlbAlwaysOn)
                return;
            ulong size = Math.Min(_p.SwiotlbBytes, (_mb.Memory.TotalSize + 1023) / 1024);
            size = AlignUp(size, 1UL << ioTlbShift);
            nslabs = AlignUp(size >> ioTlbShift, ioTlbSegSize);
            Print($"software IO TLB: SWIOTLB bounce buffer size adjusted to {size >> 20}MB");
        }
        ulong nareas = RoundUpPow2((ulong)_cpus);
        Print($"software IO TLB: area num {nareas}.");
        // round_up_default_nslabs: at least a segment per area, and a power of two.
        if (nslabs < ioTlbSegSize * nareas || (nslabs & (nslabs - 1)) != 0)
        {
            nslabs = RoundUpPow2(Math.Max(nslabs, ioTlbSegSize * nareas));
            Print($"software IO TLB: SWIOTLB bounce buffer size roundup to {(nslabs << ioTlbShift) >> 20}MB");
        }
        ulong bytes = AlignUp(nslabs << ioTlbShift, Page);
        // memblock_alloc_low: below ARCH_LOW_ADDRESS_LIMIT, which arm64 defines as arm64_dma_phys_limit − 1.
        ulong lowLimit = _p.Arch == Profiles.KernelArch.Arm64 ? _dmaLimit - 1 : 0xFFFF_FFFFUL;
        ulong tlb = Got(_mb.AllocTryNid(bytes, Page, 0, lowLimit, Memblock.NumaNoNode, "swiotlb_init_remap"), bytes, CatSwiotlb, "swiotlb_init_remap");
        Alloc(CatSwiotlb, AlignUp(nslabs * _p.Sizes.SwiotlbSlot, Page), Page, "swiotlb_init_remap");
        Alloc(CatSwiotlb, nareas * _p.Sizes.SwiotlbArea, 64, "swiotlb_init_remap");
        Print($"software IO TLB: mapped [mem {Hex.Format16(tlb)}-{Hex.Format16(tlb + bytes)}] ({bytes >> 20}MB)");
    }
}
