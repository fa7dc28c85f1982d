namespace MemblockSharp.Boot.Simulation;

// The /reserved-memory flow of Linux 6.12 (KernelRules.ReservedMemSecondPass): static regions are reserved early and
// saved when the tree is unflattened; dynamic regions are allocated and saved at once.
internal sealed partial class BootFlow
{
    private const string OfReservedMem = "OF: reserved mem: ";

    // The regions saved so far (reserved_mem[]), in the order they were saved.
    private readonly List<(ReservedMemoryNode Node, ulong Base, ulong Size)> _savedRmem = [];
    private int _totalRmem = 64; // MAX_RESERVED_REGIONS until the early scan has counted the regions

    // fdt_scan_reserved_mem: reserve every available node's reg, then allocate the dynamic ones in tree order.
    private void FdtScanReservedMem()
    {
        const string caller = "fdt_scan_reserved_mem";
        if (!_dt.HasReservedMemoryNode)
            return;
        if (_dt.ReservedMemoryUnsupported)
        {
            Print(OfReservedMem + "Reserved memory: unsupported node format, ignoring");
            return;
        }
        int count = 0;
        var dynamic = new List<ReservedMemoryNode>();
        foreach (var node in _dt.ReservedMemory)
        {
            if (node.Reg.Count == 0 && node.Error is not null && node.Error.Contains("invalid reg", StringComparison.Ordinal))
            {
                Print(node.Error);
                continue;
            }
            if (node.Reg.Count > 0)
            {
                foreach (var reg in node.Reg)
                {
                    if (reg.Size == 0 || !EarlyInitDtReserveMemory(reg.Address, reg.Size, node.NoMap, caller))
                        Print($"{OfReservedMem}Reserved memory: failed to reserve memory for node '{node.Name}': base {Hex(reg.Address)}, size {reg.Size >> 20} MiB");
                }
                count++;
                continue;
            }
            if (node.Size is not null || (node.Error is not null && !node.Error.Contains("invalid reg", StringComparison.Ordinal)))
                dynamic.Add(node);
        }
        foreach (var node in dynamic)
        {
            if (AllocReservedSize612(node, out ulong @base, out ulong size))
            {
                SaveReservedNode(node, @base, size);
                count++;
            }
        }
        _totalRmem = count;
    }

    // __reserved_mem_alloc_size with __reserved_mem_alloc_in_range: an alloc-range that starts at the end of a saved
    // region is searched bottom-up, one that ends at the start of one top-down.
    private bool AllocReservedSize612(ReservedMemoryNode node, out ulong @base, out ulong size)
    {
        const string caller = "fdt_scan_reserved_mem";
        size = node.Size ?? 0;
        @base = 0;
        if (node.Error is not null)
        {
            Print(node.Error);
            return false;
        }
        ulong align = node.Alignment;
        if (_p.DmaCma && node.SharedDmaPool && node.Reusable && !node.NoMap)
            align = Math.Max(align, _p.CmaAlignment);
        align = align == 0 ? 64 : align;
        string category = node.SharedDmaPool && node.Reusable ? CatCma : CatDtReserved;
        var tries = node.AllocRanges.Count > 0
            ? node.AllocRanges.Select(r => (r.Address, r.Address + r.Size, true)).ToList()
            : [(0UL, 0UL, false)];
        foreach (var (start, end, ranged) in tries)
        {
            bool bottomUp = false, topDown = false;
            if (ranged)
            {
                foreach (var (_, b, s) in _savedRmem)
                {
                    if (s == 0)
                        continue;
                    bottomUp |= start >= b && start <= b + s;
                    topDown |= end >= b && end <= b + s;
                }
            }
            bool previous = _mb.BottomUp;
            if (bottomUp != topDown)
                _mb.BottomUp = bottomUp;
            ulong got = _mb.PhysAllocRange(size, align, start, end == 0 ? Memblock.PhysAddrMax : end, caller);
            _mb.BottomUp = previous;
            if (got == 0)
                continue;
            _costs.Add(got, size, category);
            if (node.NoMap && _mb.MarkNoMap(got, size) != 0)
            {
                PhysFree(got, size, caller);
                continue;
            }
            @base = got;
            break;
        }
        if (@base == 0)
        {
            Print($"{OfReservedMem}failed to allocate memory for node '{node.Name}': size {size >> 20} MiB");
            return false;
        }
        return true;
    }

    // fdt_reserved_mem_save_node + fdt_init_reserved_mem_node: run the region's handler, then print the region.
    private void SaveReservedNode(ReservedMemoryNode node, ulong @base, ulong size)
    {
        if (_savedRmem.Count >= _totalRmem)
        {
            Print(OfReservedMem + "not enough space for all defined regions.");
            return;
        }
        _savedRmem.Add((node, @base, size));
        InitReservedNode(node, @base, size);
        Print($"{OfReservedMem}{Hex(@base)}..{Hex(@base + size - 1)} ({size / 1024} KiB) {(node.NoMap ? "nomap" : "map")} " +
              $"{(node.Reusable ? "reusable" : "non-reusable")} {node.Name}");
    }

    // fdt_scan_reserved_mem_reg_nodes (from unflatten_device_tree): the reserved_mem array, then the static regions.
    private void FdtScanReservedMemRegNodes()
    {
        if (!_dt.HasReservedMemoryNode)
        {
            Print(OfReservedMem + "Reserved memory: No reserved-memory node in the DT");
            return;
        }
        if (_totalRmem > 0)
            Alloc(CatDtReserved, (ulong)_totalRmem * ReservedMemSize, 64, "alloc_reserved_mem_array");
        if (_dt.ReservedMemoryUnsupported)
        {
            Print(OfReservedMem + "Reserved memory: unsupported node format, ignoring");
            return;
        }
        foreach (var node in _dt.ReservedMemory)
        {
            if (node.Reg.Count == 0)
            {
                if (node.Error is not null && node.Error.Contains("invalid reg", StringComparison.Ordinal))
                    Print(node.Error);
                continue;
            }
            if (node.Reg.Count > 1)
                Print($"{OfReservedMem}fdt_scan_reserved_mem_reg_nodes() ignores {node.Reg.Count - 1} regions in node '{node.Name}'");
            var reg = node.Reg[0];
            if (reg.Size != 0)
                SaveReservedNode(node, reg.Address, reg.Size);
        }
        // __rmem_check_for_overlap: sorted by base, then size.
        var table = _savedRmem.ToList();
        KernelSort.HeapSort(table, (a, b) => a.Base != b.Base ? a.Base.CompareTo(b.Base) : a.Size.CompareTo(b.Size));
        for (int i = 0; i + 1 < table.Count; i++)
        {
            var (a, b) = (table[i], table[i + 1]);
            if (a.Base + a.Size > b.Base)
                Print($"{OfReservedMem}OVERLAP DETECTED!\n{a.Node.Name} ({Hex(a.Base)}--{Hex(a.Base + a.Size - 1)}) overlaps with {b.Node.Name} ({Hex(b.Base)}--{Hex(b.Base + b.Size - 1)})");
        }
    }

    // sizeof(struct reserved_mem): name, fdt_node, ops, base, size, priv.
    private ulong ReservedMemSize => _p.Sizes.Pointer == 8 ? 48UL : 40UL;
}
