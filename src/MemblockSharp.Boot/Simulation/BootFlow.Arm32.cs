using MemblockSharp.Text;

namespace MemblockSharp.Boot.Simulation;

// The 32-bit ARM flow (arch/arm, 6.1): lowmem bounds, arm_memblock_init, paging_init with a flat memmap, highmem.
internal sealed partial class BootFlow
{
    // VMALLOC_END − 240 MiB − VMALLOC_OFFSET: the lowest vmalloc address, which bounds lowmem.
    private const ulong ArmVmallocMin = 0xFF80_0000UL - (240UL << 20) - (8UL << 20);

    private BootResult RunArm()
    {
        SetupMachineFdt();
        _nodes.Add(0);
        ParseEarlyParams();
        AdjustLowmemBounds();
        ArmMemblockInit();
        ArmPagingInit();
        RequestStandardResources();
        UnflattenDeviceTree();
        SmpInitCpus();
        SetupCommandLine();
        SetupPerCpuAreas();
        PrintUnknownBootOptions();
        SetupLogBuf();
        VfsCachesInitEarly(_zones!);
        return HandOff(_zones!);
    }

    // adjust_lowmem_bounds: lowmem ends where vmalloc space begins; memblock allocates below it (PMD-rounded).
    private void AdjustLowmemBounds()
    {
        ulong vmallocLimit = Phys32(ArmVmallocMin);
        ulong lowmem = 0;
        foreach (var r in _mb.Memory.Regions)
        {
            if (r.Base >= vmallocLimit)
                continue;
            lowmem = Math.Max(lowmem, Math.Min(r.End, vmallocLimit));
        }
        _lowmemLimit = lowmem;
        _dmaLimit = lowmem;
        _mb.CurrentLimit = AlignDown(lowmem, SZ_2M);
    }

    private void ArmMemblockInit()
    {
        const string caller = "arm_memblock_init";
        var img = _p.Image;
        Reserve(CatKernel, Phys(img.SText), img.End - img.SText, caller);
        if (_initrdEnd > _initrdStart)
        {
            ulong start = AlignDown(_initrdStart, Page);
            ulong size = AlignUp(_initrdEnd - _initrdStart + (_initrdStart - start), Page);
            if (!_mb.IsRegionMemory(start, size) || _mb.IsRegionReserved(start, size))
            {
                Print($"INITRD: 0x{start:x8}+0x{size:x8} is not a memory region or overlaps in-use memory - disabling initrd");
                _initrdStart = _initrdEnd = 0;
            }
            else
            {
                Reserve(CatInitrd, start, size, "reserve_initrd_mem");
            }
        }
        if (img.SwapperPgDir != 0)
            Reserve(CatPageTables, Phys(img.SwapperPgDir), _p.Lpae ? 0x5000UL : 0x4000UL, caller);
        EarlyInitFdtScanReservedMem();
        _dma32Limit = _dmaLimit;
        DmaContiguousReserve();
        foreach (var line in MemblockText.Configuration(_mb))
            Print(line);
    }

    // paging_init: CMA remap of lowmem, the vectors and kmap tables, the zero page; then bootmem_init.
    private void ArmPagingInit()
    {
        foreach (var (b, s, _) in _cmaAreas)
        {
            if (b >= _lowmemLimit)
                continue;
            ulong end = Math.Min(b + s, _lowmemLimit!.Value);
            Alloc(CatMisc, 48, 8, "iotable_init");
            for (ulong c = AlignDown(b, SZ_2M); c < end; c += SZ_2M)
                Alloc(CatPageTables, Page, Page, "early_alloc");
        }
        Alloc(CatPageTables, 2 * Page, 2 * Page, "early_alloc");
        Alloc(CatPageTables, Page, Page, "early_alloc");
        Alloc(CatMisc, 48, 8, "vm_reserve_area_early");
        for (int i = 0; i < 3; i++)
            Alloc(CatPageTables, Page, Page, "early_alloc");

        _mb.AllowResize();
        _zones = BuildZones();
        // FLATMEM: one mem_map per node from a MAX_ORDER-aligned start to a MAX_ORDER-aligned end.
        foreach (var (nid, (start, end)) in _zones.NodeSpans)
        {
            ulong mapStart = AlignDown(start, _p.MaxOrderPages), mapEnd = AlignUp(end, _p.MaxOrderPages);
            ulong size = (mapEnd - mapStart) * _p.Sizes.Page;
            Got(_mb.AllocTryNidRaw(size, 64, 0, 0, nid, "memmap_alloc"), size, CatSparse, "memmap_alloc");
        }
        foreach (var z in _zones.Zones)
        {
            ulong spanned = z.End - z.Start;
            if (spanned == 0)
                continue;
            ulong blocks = (spanned + (z.Start & (_p.PageblockPages - 1)) + _p.PageblockPages - 1) >> _p.PageblockOrder;
            ulong bits = AlignUp(blocks * 4, 8 * _p.Sizes.Pointer);
            AllocTryNid(CatSparse, bits / 8, 64, 0, 0, z.Node, "setup_usemap");
        }
    }
}
