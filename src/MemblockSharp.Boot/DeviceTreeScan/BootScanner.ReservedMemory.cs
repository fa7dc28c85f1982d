using static MemblockSharp.Boot.DeviceTreeScan.KernelCells;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.DeviceTreeScan;

public static partial class BootScanner
{
    private sealed partial class Context
    {
        /// <summary>
        /// early_init_fdt_scan_reserved_mem: the /memreserve/ entries, the /reserved-memory children, elfcorehdr,
        /// then the sorted reserved_mem[] table with its overlap check and the dynamic requests in visiting order.
        /// </summary>
        public void ScanReservedMemory(ChosenInfo chosen)
        {
            InReservedMemoryScan = true;
            var index = 0;
            foreach (var r in Tree.MemoryReservations)
                Reserve(new StaticReservation(ReservationSource.MemReserve, "/memreserve/", null, index++, r.Address, r.Size, false));

            var saved = new List<(DeviceTreeNode Node, ulong Base, ulong Size)>();
            var node = Tree.FindNode("/reserved-memory");
            if (node is not null)
            {
                if (!RootMatches(node))
                {
                    ReservedMemoryIgnored = true;
                    Report(DiagnosticLevel.Error, $"{FdtPrefix}Reserved memory: unsupported node format, ignoring", node.Path);
                }
                else
                {
                    foreach (var child in node.Children)
                    {
                        if (child.IsAvailable)
                            ScanChild(child, saved);
                    }
                }
            }

            if (chosen.ElfCoreHeader is { Size: > 0 } elf)
                Reserve(new StaticReservation(ReservationSource.ElfCoreHeader, chosen.NodePath!, "elfcorehdr", 0, elf.Address, elf.Size, false));

            BuildTable(saved);
            InReservedMemoryScan = false;
        }

        /// <summary>__reserved_mem_check_root: #size-cells and #address-cells equal to the root's, and a ranges property.</summary>
        private bool RootMatches(DeviceTreeNode node) =>
            CellsUsable
            && FirstCell(node.GetProperty("#size-cells")) == (uint)SizeCells
            && FirstCell(node.GetProperty("#address-cells")) == (uint)AddressCells
            && node.HasProperty("ranges");

        /// <summary>__reserved_mem_reserve_reg, or a dynamic entry when there is no reg but a size.</summary>
        private void ScanChild(DeviceTreeNode child, List<(DeviceTreeNode, ulong, ulong)> saved)
        {
            var reg = child.GetProperty("reg");
            if (reg is null)
            {
                if (child.HasProperty("size"))
                    Save(child, 0, 0, saved);
                return;
            }
            var tuple = (AddressCells + SizeCells) * 4;
            var len = reg.Length;
            if (len != 0 && len % tuple != 0)
            {
                Report(DiagnosticLevel.Error, $"{FdtPrefix}Reserved memory: invalid reg property in '{child.Name}', skipping node.", child.Path);
                return;
            }
            var noMap = child.HasProperty("no-map");
            var span = reg.Value.Span;
            for (int at = 0, i = 0; len >= tuple; at += AddressCells + SizeCells, i++, len -= tuple)
            {
                var b = ReadCells(span, at, AddressCells);
                var s = ReadCells(span, at + AddressCells, SizeCells);
                if (s != 0)
                    Reserve(new StaticReservation(ReservationSource.ReservedMemoryReg, child.Path, child.Name, i, b, s, noMap));
                else
                    Report(DiagnosticLevel.Error,
                        $"{FdtPrefix}Reserved memory: failed to reserve memory for node '{child.Name}': base {Pa(b)}, size {s >> 20} MiB", child.Path);
                if (i == 0)
                    Save(child, b, s, saved);
            }
        }

        /// <summary>fdt_reserved_mem_save_node: append to the fixed-size table, or complain when it is full.</summary>
        private void Save(DeviceTreeNode child, ulong b, ulong s, List<(DeviceTreeNode, ulong, ulong)> saved)
        {
            if (saved.Count == Options.MaxReservedRegions)
            {
                Report(DiagnosticLevel.Error, $"{ReservedMemPrefix}not enough space for all defined regions.", child.Path);
                return;
            }
            saved.Add((child, b, s));
        }

        /// <summary>fdt_init_reserved_mem: sort (the kernel's heapsort), report overlaps, then visit each entry.</summary>
        private void BuildTable(List<(DeviceTreeNode Node, ulong Base, ulong Size)> saved)
        {
            // Each entry travels with its node: names (and even paths) need not be unique.
            var entries = new (ReservedMemoryEntry Entry, DeviceTreeNode Node)[saved.Count];
            for (var i = 0; i < saved.Count; i++)
                entries[i] = (Entry(saved[i].Node, i, saved[i].Base, saved[i].Size), saved[i].Node);
            if (entries.Length >= 2)
            {
                KernelSort.Sort(entries.AsSpan(), static (x, y) =>
                    x.Entry.Base != y.Entry.Base ? (x.Entry.Base < y.Entry.Base ? -1 : 1)
                    : x.Entry.Size != y.Entry.Size ? (x.Entry.Size < y.Entry.Size ? -1 : 1) : 0);
                for (var i = 0; i + 1 < entries.Length; i++)
                {
                    var (a, b) = (entries[i].Entry, entries[i + 1].Entry);
                    if (unchecked(a.Base + a.Size) > b.Base)
                        Report(DiagnosticLevel.Error,
                            $"{ReservedMemPrefix}OVERLAP DETECTED!\n{a.Name} ({Pa(a.Base)}--{Pa(unchecked(a.Base + a.Size))}) overlaps with " +
                            $"{b.Name} ({Pa(b.Base)}--{Pa(unchecked(b.Base + b.Size))})", a.NodePath);
                }
            }
            foreach (var (entry, node) in entries)
            {
                Table.Add(entry);
                var visit = Events.Count;
                Events.Add(new ReservedMemoryScanEvent(null, null, entry, null));
                if (entry.Size == 0 && Request(entry, node) is { } request)
                {
                    Requests.Add(request);
                    Events[visit] = Events[visit] with { Request = request };
                }
            }
        }

        private ReservedMemoryEntry Entry(DeviceTreeNode node, int saveIndex, ulong b, ulong s)
        {
            var compatible = node.GetProperty("compatible") is { } c && c.Length > 0 && c.Value.Span[^1] == 0 ? c.AsStringList() : [];
            var noMap = node.HasProperty("no-map");
            var reusable = node.HasProperty("reusable");
            uint? phandle = (node.GetProperty("phandle") ?? node.GetProperty("linux,phandle")) is { } p ? (uint)ReadNumber(p) : null;
            return new ReservedMemoryEntry(node.Path, node.Name, saveIndex, !node.HasProperty("reg"), b, s, phandle, compatible,
                noMap, reusable, node.HasProperty("linux,cma-default"), PoolOf(node, noMap, reusable));
        }

        /// <summary>Which entry of the kernel's reserved-memory init table would accept the node.</summary>
        private ReservedMemoryPool PoolOf(DeviceTreeNode node, bool noMap, bool reusable)
        {
            if (node.IsCompatible("shared-dma-pool"))
            {
                if (Options.Cma && reusable && !noMap)
                    return ReservedMemoryPool.Cma;
                if (!reusable && (!Options.Arm32 || noMap))
                    return ReservedMemoryPool.DmaCoherent;
                return ReservedMemoryPool.Refused;
            }
            if (node.IsCompatible("restricted-dma-pool"))
            {
                return reusable || noMap || node.HasProperty("linux,cma-default") || node.HasProperty("linux,dma-default")
                    ? ReservedMemoryPool.Refused
                    : ReservedMemoryPool.RestrictedDma;
            }
            return ReservedMemoryPool.None;
        }

        /// <summary>__reserved_mem_alloc_size: validate size, alignment and alloc-ranges; null when the kernel gives up.</summary>
        private DynamicReservationRequest? Request(ReservedMemoryEntry entry, DeviceTreeNode node)
        {
            var sizeProp = node.GetProperty("size");
            if (sizeProp is null)
                return null;
            if (sizeProp.Length != SizeCells * 4)
            {
                Report(DiagnosticLevel.Error, $"{ReservedMemPrefix}invalid size property in '{entry.Name}' node.", entry.NodePath);
                return null;
            }
            var size = ReadCells(sizeProp.Value.Span, 0, SizeCells);
            ulong requested = 0;
            if (node.GetProperty("alignment") is { } alignProp)
            {
                if (alignProp.Length != AddressCells * 4)
                {
                    Report(DiagnosticLevel.Error, $"{ReservedMemPrefix}invalid alignment property in '{entry.Name}' node.", entry.NodePath);
                    return null;
                }
                requested = ReadCells(alignProp.Value.Span, 0, AddressCells);
            }
            var align = requested;
            if (Options.Cma && node.IsCompatible("shared-dma-pool") && entry.Reusable && !entry.NoMap)
                align = Math.Max(align, Options.CmaMinAlignment);
            if (align == 0)
                align = Options.SmpCacheBytes;

            var ranges = new List<AllocRange>();
            if (node.GetProperty("alloc-ranges") is { } rangesProp)
            {
                var tuple = (AddressCells + SizeCells) * 4;
                if (rangesProp.Length % tuple != 0)
                {
                    Report(DiagnosticLevel.Error, $"{ReservedMemPrefix}invalid alloc-ranges property in '{entry.Name}', skipping node.", entry.NodePath);
                    return null;
                }
                var span = rangesProp.Value.Span;
                for (var at = 0; at * 4 < rangesProp.Length; at += AddressCells + SizeCells)
                {
                    var start = ReadCells(span, at, AddressCells);
                    var end = unchecked(start + ReadCells(span, at + AddressCells, SizeCells));
                    ranges.Add(new AllocRange(start, end == 0 ? ulong.MaxValue : end));
                }
            }
            else
            {
                ranges.Add(new AllocRange(0, ulong.MaxValue));
            }
            return new DynamicReservationRequest(entry, size, requested, align, ranges);
        }
    }
}
