using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Simulation;

// The /reserved-memory flow of Linux 6.12 (KernelRules.ReservedMemSecondPass): static regions are reserved early and
// saved when the tree is unflattened; dynamic regions are allocated and saved at once. Both read the one early scan.
internal sealed partial class BootFlow
{
    private const string OfReservedMem = "OF: reserved mem: ";
    private const string OfFdt = "OF: fdt: ";

    // The regions saved so far (reserved_mem[]), in the order they were saved.
    private readonly List<(ReservedMemoryEntry Entry, ulong Base, ulong Size)> _savedRmem = [];
    private int _totalRmem = 64; // MAX_RESERVED_REGIONS until the early scan has counted the regions

    // 6.12 prints the scan's messages from of_reserved_mem.c, under its own prefix.
    private static string As612(string message) =>
        message.StartsWith(OfFdt, StringComparison.Ordinal) ? OfReservedMem + message[OfFdt.Length..] : message;

    // fdt_scan_reserved_mem: reserve every available node's reg, then allocate the dynamic ones in tree order.
    private void FdtScanReservedMem()
    {
        const string caller = "fdt_scan_reserved_mem";
        if (!_scan.HasReservedMemoryNode)
            return;
        int count = 0;
        foreach (var step in _scan.ReservedMemoryEvents)
        {
            if (step.Diagnostic is { } message)
            {
                // The overlap check runs later in 6.12 (fdt_scan_reserved_mem_reg_nodes), with inclusive ends.
                if (!message.Message.Contains("OVERLAP DETECTED", StringComparison.Ordinal))
                    Print(As612(message.Message));
                if (_scan.ReservedMemoryIgnored)
                    return;
            }
            else if (step.Reservation is { Source: ReservationSource.ReservedMemoryReg } r)
            {
                if (r.Size == 0 || !EarlyInitDtReserveMemory(r.Base, r.Size, r.NoMap, caller))
                    Print($"{OfReservedMem}Reserved memory: failed to reserve memory for node '{r.Name}': base {Pa(r.Base)}, size {r.Size >> 20} MiB");
            }
            else if (step.Entry is { } entry)
            {
                if (!entry.IsDynamic)
                    count++;
            }
        }
        // Dynamic nodes in tree order, after every static one.
        foreach (var request in _scan.DynamicRequests.OrderBy(r => r.Entry.SaveIndex))
        {
            if (AllocReservedSize612(request, out ulong @base, out ulong size))
            {
                SaveReservedNode(request.Entry, @base, size);
                count++;
            }
        }
        _totalRmem = count;
    }

    // __reserved_mem_alloc_size with __reserved_mem_alloc_in_range: an alloc-range that starts at the end of a saved
    // region is searched bottom-up, one that ends at the start of one top-down.
    private bool AllocReservedSize612(DynamicReservationRequest request, out ulong @base, out ulong size)
    {
        const string caller = "fdt_scan_reserved_mem";
        var entry = request.Entry;
        size = request.Size;
        @base = 0;
        string category = IsSharedDmaPool(entry) && entry.Reusable ? CatCma : CatDtReserved;
        bool ranged = !(request.Ranges.Count == 1 && request.Ranges[0].Start == 0 && request.Ranges[0].End == ulong.MaxValue);
        foreach (var window in request.Ranges)
        {
            bool bottomUp = false, topDown = false;
            if (ranged)
            {
                foreach (var (_, b, s) in _savedRmem)
                {
                    if (s == 0)
                        continue;
                    bottomUp |= window.Start >= b && window.Start <= b + s;
                    topDown |= window.End >= b && window.End <= b + s;
                }
            }
            bool previous = _mb.BottomUp;
            if (bottomUp != topDown)
                _mb.BottomUp = bottomUp;
            ulong got = _mb.PhysAllocRange(size, request.Alignment, window.Start, window.End, caller);
            _mb.BottomUp = previous;
            if (got == 0)
                continue;
            _costs.Add(got, size, category);
            if (entry.NoMap && _mb.MarkNoMap(got, size) != 0)
            {
                PhysFree(got, size, caller);
                continue;
            }
            @base = got;
            break;
        }
        if (@base == 0)
        {
            Print($"{OfReservedMem}failed to allocate memory for node '{entry.Name}': size {size >> 20} MiB");
            return false;
        }
        return true;
    }

    // fdt_reserved_mem_save_node + fdt_init_reserved_mem_node: run the region's handler, then print the region.
    private void SaveReservedNode(ReservedMemoryEntry entry, ulong @base, ulong size)
    {
        if (_savedRmem.Count >= _totalRmem)
        {
            Print(OfReservedMem + "not enough space for all defined regions.");
            return;
        }
        _savedRmem.Add((entry, @base, size));
        if (!InitReservedNode(entry, @base, size))
            return;
        Print($"{OfReservedMem}{Pa(@base)}..{Pa(@base + size - 1)} ({size / 1024} KiB) {(entry.NoMap ? "nomap" : "map")} " +
              $"{(entry.Reusable ? "reusable" : "non-reusable")} {entry.Name}");
    }

    // fdt_scan_reserved_mem_reg_nodes (from unflatten_device_tree): the reserved_mem array, then the static regions in
    // tree order (the first reg tuple of each node).
    private void FdtScanReservedMemRegNodes()
    {
        if (!_scan.HasReservedMemoryNode)
        {
            Print(OfReservedMem + "Reserved memory: No reserved-memory node in the DT");
            return;
        }
        if (_totalRmem > 0)
            Alloc(CatDtReserved, (ulong)_totalRmem * ReservedMemSize, 64, "alloc_reserved_mem_array");
        foreach (var d in _scan.ReservedMemoryEvents)
        {
            if (d.Diagnostic is { } message && (_scan.ReservedMemoryIgnored || message.Message.Contains("invalid reg", StringComparison.Ordinal)))
                Print(As612(message.Message));
        }
        if (_scan.ReservedMemoryIgnored)
            return;
        var entries = _scan.ReservedMemoryTable.Where(e => !e.IsDynamic).ToDictionary(e => e.NodePath, StringComparer.Ordinal);
        foreach (var node in _scan.Reservations.Where(r => r.Source == ReservationSource.ReservedMemoryReg).GroupBy(r => r.NodePath))
        {
            var first = node.First();
            int regs = node.Count();
            if (regs > 1)
                Print($"{OfReservedMem}fdt_scan_reserved_mem_reg_nodes() ignores {regs - 1} regions in node '{first.Name}'");
            if (first.Size != 0 && entries.TryGetValue(node.Key, out var entry))
                SaveReservedNode(entry, first.Base, first.Size);
        }
        // __rmem_check_for_overlap: sorted by base, then size.
        var table = _savedRmem.OrderBy(t => t.Base).ThenBy(t => t.Size).ToList();
        for (int i = 0; i + 1 < table.Count; i++)
        {
            var (a, b) = (table[i], table[i + 1]);
            if (a.Base + a.Size > b.Base)
                Print($"{OfReservedMem}OVERLAP DETECTED!\n{a.Entry.Name} ({Pa(a.Base)}--{Pa(a.Base + a.Size - 1)}) overlaps with {b.Entry.Name} ({Pa(b.Base)}--{Pa(b.Base + b.Size - 1)})");
        }
    }

    // sizeof(struct reserved_mem): name, fdt_node, ops, base, size, priv.
    private ulong ReservedMemSize => _p.Sizes.Pointer == 8 ? 48UL : 40UL;
}
