using MemblockSharp.Text;

namespace MemblockSharp.Boot.Simulation;

// The 32-bit ARM flow (arch/arm, 6.1): lowmem bounds, arm_memblock_init, paging_init with a flat memmap, highmem.
internal sealed partial class BootFlow
{
    // VMALLOC_END − 240 MiB − VMALLOC_OFFSET: the lowest vmalloc address, which bounds lowmem.
    private const ulong ArmVmallocMin = 0xFF80_0000UL - (240UL << 20) - (8UL << 20);

    // page_ext_init_flatmem (6.12 with CONFIG_PAGE_IDLE_FLAG on 32-bit): one page_ext (an unsigned long of flags) per
    // spanned page of each node, plus a MAX_ORDER block when the node is not aligned to one.
    private void PageExtInitFlatmem(ZonePlan zones)
    {
        if (!_p.Rules.FlatmemPageExt)
            return;
        ulong total = 0;
        foreach (var (nid, (start, end)) in zones.NodeSpans)
        {
            ulong pages = end - start;
            if (pages == 0)
                continue;
            if (start % _p.MaxOrderPages != 0 || end % _p.MaxOrderPages != 0)
                pages += _p.MaxOrderPages;
            ulong size = pages * _p.Sizes.Pointer;
            AllocTryNid(CatMisc, size, Page, Phys32(0xFFFF_FFFF), 0, nid, "page_ext_init_flatmem");
            total += size;
        }
        Print($"allocated {total} bytes of page_ext");
    }

    // adjust_lowmem_bounds: lowmem ends where vmalloc space begins; memblock allocates below it (PMD-rounded).
    // Without NUMA all memory is node 0.
    private void AdjustLowmemBounds()
    {
        _nodes.Add(0);
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
        foreach (var line in MemblockText.Configuration(_mb, _p.Numa))
            Print(line);
    }

    // early_mem: the first mem= throws away every bank the DT described; each mem=SIZE[@START] then adds one bank,
    // at PHYS_OFFSET unless START is given.
    private void ArmEarlyMem()
    {
        if (_cmd.MemBanks.Count == 0)
            return;
        ulong start = _mb.StartOfDram();
        _mb.Remove(start, _mb.EndOfDram() - start, "early_mem");
        foreach (var (bankStart, size) in _cmd.MemBanks)
            ArmAddMemory(bankStart ?? _physOffset, size);
    }

    // arm_add_memory: start rounded up to a page (the size shrinks by as much), memory below PHYS_OFFSET ignored,
    // above 4 GiB only with LPAE (64-bit phys_addr_t), size rounded down to a page; an empty bank is dropped.
    private void ArmAddMemory(ulong start, ulong size)
    {
        ulong aligned = AlignUp(start, Page);
        size = aligned - start > size ? 0 : size - (aligned - start);
        if (!_p.Lpae)
        {
            if (aligned > uint.MaxValue)
            {
                Print($"Ignoring memory at 0x{start:x8} outside 32-bit physical address space");
                return;
            }
            if (aligned + size > uint.MaxValue)
            {
                Print($"Truncating memory at 0x{start:x8} to fit in 32-bit physical address space");
                size = uint.MaxValue - aligned;
            }
        }
        if (aligned < _physOffset)
        {
            if (aligned + size <= _physOffset)
            {
                Print($"Ignoring memory below PHYS_OFFSET: 0x{aligned:x8}-0x{aligned + size:x8}");
                return;
            }
            Print($"Ignoring memory below PHYS_OFFSET: 0x{aligned:x8}-0x{_physOffset:x8}");
            size -= _physOffset - aligned;
            aligned = _physOffset;
        }
        size = AlignDown(size, Page);
        if (size != 0)
            _mb.Add(aligned, size, "arm_add_memory");
    }

    // reserve_crashkernel (32-bit ARM, 6.1), after the CPUs are known: crashkernel=SIZE goes 128 MiB aligned at or
    // above 128 MiB and below the end of lowmem; crashkernel=SIZE@BASE must get exactly BASE (section aligned).
    // ",high" and ",low" forms are not for ARM: parse_crashkernel reads only the last plain crashkernel= and skips them.
    private void ArmReserveCrashkernel()
    {
        if (!_cmd.HasPlainCrashKernel)
            return;
        const ulong crashAlign = 128 * SZ_1M;
        ulong lowmemEnd = _lowmemLimit!.Value;
        ulong totalMem = (PfnDown(lowmemEnd) - Math.Min(PfnDown(lowmemEnd), PfnUp(_mb.StartOfDram()))) * Page;
        var (wanted, declined) = _cmd.CrashKernelSizeFor(totalMem);
        if (declined is not null)
            Print(declined);
        if (wanted is not { } size || size == 0)
            return;
        if (_rules.CrashKernel.RejectsSizeNotBelowRam && size >= totalMem)
            return;
        ulong got;
        if (_cmd.CrashKernelBase == 0)
        {
            got = _mb.PhysAllocRange(size, crashAlign, crashAlign, Math.Min(uint.MaxValue, lowmemEnd), "reserve_crashkernel");
            if (got == 0)
            {
                Print("crashkernel reservation failed - No suitable area found.");
                return;
            }
        }
        else
        {
            ulong sectionSize = _p.Lpae ? SZ_2M : SZ_1M;
            ulong @base = _cmd.CrashKernelBase;
            got = _mb.PhysAllocRange(size, sectionSize, @base, @base + size, "reserve_crashkernel");
            if (got == 0)
            {
                Print("crashkernel reservation failed - memory is in use.");
                return;
            }
        }
        _costs.Add(got, size, CatCrash);
        Print($"Reserving {size >> 20}MB of memory at {got >> 20}MB for crashkernel (System RAM: {totalMem >> 20}MB)");
    }

    // paging_init: CMA remap of lowmem, the vectors and kmap tables, the zero page; then bootmem_init.
    private void ArmPagingInit()
    {
        foreach (var (b, s, _) in _cmaAreas)
        {
            if (b >= _lowmemLimit)
                continue;
            ulong end = Math.Min(b + s, _lowmemLimit!.Value);
            Alloc(CatMisc, _p.Sizes.StaticVm, _p.Sizes.StaticVmAlign, "iotable_init");
            for (ulong c = AlignDown(b, SZ_2M); c < end; c += SZ_2M)
                Alloc(CatPageTables, Page, Page, "early_alloc");
        }
        Alloc(CatPageTables, 2 * Page, 2 * Page, "early_alloc");
        Alloc(CatPageTables, Page, Page, "early_alloc");
        Alloc(CatMisc, _p.Sizes.StaticVm, _p.Sizes.StaticVmAlign, "vm_reserve_area_early");
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
        CountHashPagesAfterFreeAreaInit(_zones);
    }
}
