using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Simulation;

internal sealed partial class BootFlow
{
    private const string CatKernel = "kernel image", CatInitrd = "initrd", CatFdt = "device tree blob",
        CatDtReserved = "DT reserved memory (/memreserve/, /reserved-memory)", CatPageTables = "page tables",
        CatUnflatten = "unflattened device tree", CatNuma = "NUMA node data and distances", CatSparse = "sparse memmap and section tables",
        CatCma = "CMA", CatCrash = "crash kernel", CatPercpu = "per-CPU areas", CatLogBuf = "log buffer",
        CatHash = "dentry/inode hash tables", CatSwiotlb = "swiotlb", CatMisc = "command line and resources",
        CatFirmware = "UEFI runtime, tables and memory map";

    // setup_machine_fdt: memory banks (early_init_dt_add_memory_arch) and the blob itself; memblock=debug is not
    // parsed yet, so the kernel prints none of this.
    private void SetupMachineFdt()
    {
        if (_options.Trace)
            StartTracing();
        WarnForKaslrSeed();
        if (_options.Ram.Count > 0)
        {
            foreach (var (b, s) in _options.Ram)
                AddMemoryArch(b, s);
        }
        else
        {
            if (!_scan.FoundMemory && _efi is null)
                throw new BootInputException(NoMemoryInTreeMessage()) { InDeviceTree = true };
            // early_init_dt_scan_memory: each bank the scan kept, then MEMBLOCK_HOTPLUG over the bank as written.
            foreach (var bank in _scan.Banks)
            {
                if (bank.Added)
                    AddMemoryArch(bank.Base, bank.Size);
                if (bank.Hotpluggable)
                    _mb.MarkHotplug(bank.RawBase, bank.RawSize);
            }
        }
        CheckForUsableMemRange();
        bool noMemory = _mb.Memory.Count == 0 || _mb.Memory[0].Size == 0;
        if (noMemory && _efi is null)
            throw new BootInputException("no usable memory: every memory bank is smaller than a page or beyond the physical address range");

        ulong ramBase = noMemory ? 0 : _mb.StartOfDram();
        _physOffset = _arch.PhysOffset(ramBase);
        PlaceBootImages(ramBase, noMemory ? 0 : _mb.EndOfDram() - ramBase);
        if (_efi is not null)
            PlaceFromEfiLog();
        else
            CheckBootImages();
        RecordPlacements();
        Reserve(CatFdt, _dtbPhys, _tree.Header.TotalSize, "fixmap_remap_fdt");
        if (_arch.MachineModelLine(_scan.Model) is { } model)
            Print(model);
        WarnOnCpuArchitecture();
    }

    // A kernel of one architecture on cores of the other: the boot's figures are those of a kernel that could not run
    // there as built (32-bit-only cores), or of a 32-bit kernel on a tree written for 64-bit cores.
    private void WarnOnCpuArchitecture()
    {
        if (CpuArchitecture.Of(_scan.Cpus) is not { } cpus || cpus.Arch == _p.Arch)
            return;
        if (cpus.Arch == Profiles.KernelArch.Arm)
            Warn("device tree CPUs", $"the cores ({cpus.Evidence}) are 32-bit, an arm64 kernel cannot run on them: use a 32-bit ARM profile (debian-6.1-armmp-lpae, debian-6.12-armmp-lpae)");
        else
            Warn("device tree CPUs", $"the cores ({cpus.Evidence}) are 64-bit (ARMv8-A) and the profile {_p.Name} is a 32-bit ARM kernel: the tree may be written for arm64 kernels");
    }

    // Why the tree gives no memory: no memory node at all, or only placeholders of size 0 that a boot loader (U-Boot)
    // fills in at boot.
    private string NoMemoryInTreeMessage()
    {
        var placeholders = _tree.Root.Children
            .Where(n => n.GetProperty("device_type")?.StringEquals("memory") == true && n.IsAvailable)
            .Select(n => n.Path).ToList();
        return placeholders.Count == 0
            ? "the device tree has no /memory node with a reg (the boot loader fills it in): give the RAM with --ram BASE:SIZE"
            : $"the device tree's memory ({string.Join(", ", placeholders)}) has a reg of size 0, a placeholder the boot loader fills in: give the RAM with --ram BASE:SIZE";
    }

    private void ParseEarlyParams()
    {
        StartTracing();
        foreach (var (token, parameter) in Parameters.KernelParameters.NotModelled(_cmd.Parameters, _p.Arch))
            Warn(token, $"not modelled: {parameter.Changes}");
        if (_arch.HasVmallocParameter)
            ArmEarlyVmalloc();
        ParseRodata();
        SwiotlbEarlyParams();
        CheckBuildDependentParams();
        if (_arch.MemParamReplacesBanks)
            ArmEarlyMem();
        else if (_cmd.MemLimit is { } limit)
            Print($"Memory limited to {limit >> 20}MB");
        if (_cmd.LogBufLen > LogBufLenMax)
            Print("printk: log_buf over 2G is not supported.");
        WarnForXen();
        WarnForUefiWithoutLog();
        if (_efi is null)
            Print("efi: UEFI not found.");
        else
            EfiInit(_efi);
        PrintMisplacedKernel();
    }

    // early_init_dt_add_memory_arch: page-align the bank, clip it to the physical address range, add it.
    private void AddMemoryArch(ulong @base, ulong size)
    {
        ulong maxAddr = _p.PhysAddrBits >= 64 ? ulong.MaxValue : (1UL << _p.PhysAddrBits) - 1;
        ulong offset = @base & (Page - 1);
        if (size < Page - offset)
            return;
        if (offset != 0)
        {
            size -= Page - offset;
            @base = AlignUp(@base, Page);
        }
        size &= ~(Page - 1);
        if (size == 0 || @base > maxAddr)
            return;
        if (@base + size - 1 > maxAddr)
            size = maxAddr - @base + 1;
        _mb.Add(@base, size, "early_init_dt_add_memory_arch");
    }

    // Where the firmware and the EFI stub put the image, the initrd and the FDT copy (read from the log).
    private void PlaceFromEfiLog()
    {
        var efi = _efi!;
        var img = _p.Image;
        ulong imageStart = _p.Rules.ImageReservedFromText ? img.Text : img.SText;
        ulong reservedImage = img.End - imageStart;
        if (_options.KernelAddress is null)
        {
            var k = efi.KernelInitCalls.FirstOrDefault(c => c.Function == "memblock_reserve" && c.Size == reservedImage);
            if (k.Size != 0)
                _kernelPhys = k.Base - (imageStart - img.Text);
            else if (efi.MemoryMap.FirstOrDefault(d => d.Type == "Loader Code" && d.Size >= img.End - img.Text) is { Size: > 0 } code)
                _kernelPhys = code.Base;
        }
        var add = efi.KernelInitCalls.FirstOrDefault(c => c.Function == "memblock_add");
        if (_initrdEnd == 0 && add.Size != 0)
        {
            _initrdStart = add.Base;
            bool partialLastPage = efi.InitrdFreedKb is { } freed && freed * 1024 < add.Size;
            _initrdEnd = add.Base + add.Size - (partialLastPage ? 1UL : 0UL);
        }
        if (_options.DtbAddress is null)
        {
            var fdt = efi.FirstDumpReserved.FirstOrDefault(r => r.Size == _tree.Header.TotalSize);
            if (fdt.Size == 0)
                throw new BootInputException("EFI log: cannot tell where the FDT was placed (no reservation of its size in the first MEMBLOCK configuration dump); give --dtb-addr (BootOptions.DtbAddress)");
            _dtbPhys = fdt.Base;
        }
    }

    // efi_init: configuration tables, then reserve_regions (the UEFI map replaces the DT memory), then the map itself.
    private void EfiInit(EfiBootLog efi)
    {
        Print("efi: Getting UEFI parameters from /chosen in DT:");
        if (efi.TableReservations.Count > 0)
        {
            foreach (var (b, s, caller) in efi.TableReservations)
                Reserve(CatFirmware, b, s, caller);
        }
        else if (efi.MemReserveTable is { } table)
        {
            Reserve(CatFirmware, table, 16, "efi_config_parse_tables");
        }
        Print("efi: Processing EFI memory map:");
        foreach (var line in MemblockText.Configuration(_mb, _p.Numa))
            Print(line);
        _mb.Remove(0, Memblock.PhysAddrMax, "reserve_regions");
        foreach (var md in efi.MemoryMap)
        {
            Print($"efi:   0x{md.Base:x12}-0x{md.Base + md.Size - 1:x12} [{md.Type}]");
            if (!md.IsMemory)
                continue;
            AddMemoryArch(md.Base, md.Size);
            if (!md.IsUsable)
            {
                _mb.MarkNoMap(md.Base, md.Size);
                _costs.Add(md.Base, md.Size, CatFirmware);
            }
            if (md.Type == "ACPI Reclaim")
                Reserve(CatFirmware, md.Base, md.Size, "reserve_regions");
        }
        CheckForUsableMemRange();
        if (_scan.Chosen.Uefi is { MemoryMapStart: { } mapStart, MemoryMapSize: { } mapSize })
        {
            ulong start = AlignDown(mapStart, Page);
            Reserve(CatFirmware, start, AlignUp(mapStart + mapSize, Page) - start, "efi_init");
        }
    }

    private void Arm64MemblockInit()
    {
        const string caller = "arm64_memblock_init";
        ulong linearRegionSize = 1UL << (_p.VaBits - 1);
        _mb.Remove(1UL << _p.PhysAddrBits, ulong.MaxValue, caller);
        _memstart = AlignDown(_mb.StartOfDram(), SZ_1G);
        if (_mb.EndOfDram() - _memstart > linearRegionSize)
            Print("Memory doesn't fit in the linear mapping, VA_BITS too small");
        _mb.Remove(Math.Max(_memstart + linearRegionSize, Phys(_p.Image.End)), ulong.MaxValue, caller);
        if (_memstart + linearRegionSize < _mb.EndOfDram())
        {
            _memstart = AlignUp(_mb.EndOfDram() - linearRegionSize, SZ_1G);
            _mb.Remove(0, _memstart, caller);
        }
        if (_cmd.MemLimit is { } limit)
        {
            _mb.MemLimitRemoveMap(limit);
            KeepCostsWhereMemblockHoldsThem();
            _mb.Add(Phys(_p.Image.Text), _p.Image.End - _p.Image.Text, caller);
        }
        if (_initrdEnd > _initrdStart)
        {
            ulong @base = AlignDown(_initrdStart, Page);
            ulong size = AlignUp(_initrdEnd, Page) - @base;
            if (@base < _mb.StartOfDram() || @base + size > _mb.StartOfDram() + linearRegionSize)
            {
                Print("initrd not fully accessible via the linear mapping -- please check your bootloader ...");
                _initrdStart = _initrdEnd = 0;
            }
            else
            {
                _mb.Add(@base, size, caller);
                _mb.ClearNoMap(@base, size);
                Reserve(CatInitrd, @base, size, caller);
            }
        }
        ulong imageStart = _p.Rules.ImageReservedFromText ? _p.Image.Text : _p.Image.SText;
        Reserve(CatKernel, Phys(imageStart), _p.Image.End - imageStart, caller);
        EarlyInitFdtScanReservedMem();
    }

    // early_init_fdt_scan_reserved_mem, replayed from the early scan: /memreserve/, the static /reserved-memory
    // regions, elfcorehdr, then each reserved_mem[] entry in sorted order (dynamic ones allocated first).
    private void EarlyInitFdtScanReservedMem()
    {
        const string caller = "early_init_fdt_scan_reserved_mem";
        if (_p.Rules.ReservedMemSecondPass)
        {
            foreach (var r in _scan.Reservations)
                if (r.Source == ReservationSource.MemReserve)
                    Reserve(CatDtReserved, r.Base, r.Size, caller);
            FdtScanReservedMem();
            return;
        }
        foreach (var step in _scan.ReservedMemoryEvents)
        {
            if (step.Diagnostic is { } message)
                Print(message.Message);
            else if (step.Reservation is { } r)
                ReserveStatic(r, caller);
            else if (step.Entry is { } entry)
                VisitReservedMemoryEntry(entry, step.Request);
        }
    }

    private void ReserveStatic(StaticReservation r, string caller)
    {
        switch (r.Source)
        {
            case ReservationSource.MemReserve:
                Reserve(CatDtReserved, r.Base, r.Size, caller);
                break;
            case ReservationSource.ReservedMemoryReg:
                if (!EarlyInitDtReserveMemory(r.Base, r.Size, r.NoMap, caller))
                    Print($"OF: fdt: Reserved memory: failed to reserve memory for node '{r.Name}': base {Pa(r.Base)}, size {r.Size >> 20} MiB");
                break;
            case ReservationSource.ElfCoreHeader:
                // fdt_reserve_elfcorehdr
                if (_mb.IsRegionReserved(r.Base, r.Size))
                {
                    Print("OF: fdt: elfcorehdr is overlapped");
                    break;
                }
                Reserve(CatCrash, r.Base, r.Size, "fdt_reserve_elfcorehdr");
                Print($"OF: fdt: Reserving {r.Size >> 10} KiB of memory at 0x{r.Base:x} for elfcorehdr");
                break;
        }
    }

    // fdt_init_reserved_mem for one entry: allocate a dynamic one, then run the init function.
    private void VisitReservedMemoryEntry(ReservedMemoryEntry entry, DynamicReservationRequest? request)
    {
        ulong @base = entry.Base, size = entry.Size;
        if (size == 0)
        {
            if (request is null || !AllocReservedSize(request, out @base, out size))
                return;
        }
        InitReservedNode(entry, @base, size);
    }

    // memblock_cap_memory_range (a mem= limit, a kdump kernel's usable range) drops memory, except no-map regions, and
    // truncates memblock.reserved: a cost stays only where memblock still holds the bytes back.
    private void KeepCostsWhereMemblockHoldsThem()
    {
        var held = _mb.Reserved.Regions.ToArray().Select(r => (r.Base, r.End))
            .Concat(_mb.Memory.Regions.ToArray().Where(r => (r.Flags & MemblockFlags.NoMap) != 0).Select(r => (r.Base, r.End)))
            .OrderBy(r => r.Base);
        var merged = new List<(ulong Base, ulong End)>();
        foreach (var (b, e) in held)
        {
            if (merged.Count > 0 && b <= merged[^1].End)
                merged[^1] = (merged[^1].Base, Math.Max(merged[^1].End, e));
            else
                merged.Add((b, e));
        }
        _costs.ClipTo(merged);
    }

    // A no-map range owns only the memory it covers: marking the flag where there is no memory (a region beyond mem=,
    // say) does nothing.
    private void AddCostOverMemory(ulong @base, ulong size, string category)
    {
        ulong end = @base + Math.Min(size, ulong.MaxValue - @base);
        foreach (var r in _mb.Memory.Regions.ToArray())
        {
            ulong s = Math.Max(r.Base, @base), e = Math.Min(r.End, end);
            if (e > s)
                _costs.Add(s, e - s, category);
        }
    }

    private bool EarlyInitDtReserveMemory(ulong @base, ulong size, bool nomap, string caller)
    {
        if (nomap)
        {
            if (_mb.OverlapsRegion(_mb.Memory, @base, size) && _mb.IsRegionReserved(@base, size))
                return false;
            _mb.MarkNoMap(@base, size);
            AddCostOverMemory(@base, size, CatDtReserved);
            return true;
        }
        Reserve(CatDtReserved, @base, size, caller);
        return true;
    }

    // __reserved_mem_alloc_size: each window of the request in turn; a no-map region must also leave the map.
    private bool AllocReservedSize(DynamicReservationRequest request, out ulong @base, out ulong size)
    {
        const string caller = "early_init_dt_alloc_reserved_memory_arch";
        var entry = request.Entry;
        size = request.Size;
        @base = 0;
        string category = IsSharedDmaPool(entry) && entry.Reusable ? CatCma : CatDtReserved;
        foreach (var window in request.Ranges)
        {
            ulong got = _mb.PhysAllocRange(size, request.Alignment, window.Start, window.End, caller);
            if (got == 0)
                continue;
            _costs.Add(got, size, category);
            if (entry.NoMap)
            {
                if (_mb.MarkNoMap(got, size) != 0)
                {
                    PhysFree(got, size, caller);
                    continue;
                }
            }
            @base = got;
            break;
        }
        if (@base == 0)
        {
            Print($"OF: reserved mem: failed to allocate memory for node '{entry.Name}'");
            return false;
        }
        return true;
    }

    private static bool IsSharedDmaPool(ReservedMemoryEntry entry) => entry.Compatible.Contains("shared-dma-pool");

    // __reserved_mem_init_node, then fdt_init_reserved_mem's clean-up: the shared-dma-pool handlers in link order
    // (rmem_cma_setup, then rmem_dma_setup) until one accepts the region. When every matching handler refuses it, the
    // kernel says so and gives the region back (no-map cleared, or freed from memblock.reserved): a linux,cma-default
    // pool bypassed for cma= on the command line leaves nothing behind. Returns whether the region stays.
    private bool InitReservedNode(ReservedMemoryEntry node, ulong @base, ulong size)
    {
        if (!IsSharedDmaPool(node))
            return true; // -ENOENT: no handler, the region stays as reserved
        if (RmemCmaSetup(node, @base, size) || RmemDmaSetup(node, @base, size))
        {
            Print($"OF: reserved mem: initialized node {node.Name}, compatible id shared-dma-pool");
            return true;
        }
        Print($"OF: reserved mem: node {node.Name} compatible matching fail");
        if (node.NoMap)
        {
            _mb.ClearNoMap(@base, size);
            _costs.Remove(@base, size);
        }
        else
        {
            PhysFree(@base, size, "fdt_init_reserved_mem");
        }
        return false;
    }

    // rmem_cma_setup: a reusable, mapped region becomes a CMA area, unless it is the default pool and cma= was given.
    private bool RmemCmaSetup(ReservedMemoryEntry node, ulong @base, ulong size)
    {
        if (_cmd.CmaSize is not null && node.CmaDefault)
        {
            Print($"Reserved memory: bypass {node.Name} node, using cmdline CMA params instead");
            return false;
        }
        if (!node.Reusable || node.NoMap)
            return false;
        ulong cmaMin = _rules.CmaAlignment(_p);
        if (((@base | size) & (cmaMin - 1)) != 0)
        {
            Print("Reserved memory: incorrect alignment of CMA region");
            return false;
        }
        _cmaAreas.Add((@base, size, node.Name));
        _totalCmaPages += size / Page;
        if (node.CmaDefault)
            _cmaDefaultFromDt = true;
        Print($"Reserved memory: created CMA memory pool at {Pa(@base)}, size {size >> 20} MiB");
        return true;
    }

    // rmem_dma_setup: a region that is not reusable becomes a coherent DMA pool.
    private bool RmemDmaSetup(ReservedMemoryEntry node, ulong @base, ulong size)
    {
        if (node.Reusable)
            return false;
        Print($"Reserved memory: created DMA memory pool at {Pa(@base)}, size {size >> 20} MiB");
        return true;
    }
}
