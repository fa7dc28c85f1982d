using static MemblockSharp.Boot.DeviceTreeScan.KernelCells;
using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.DeviceTree;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Lint;

public static partial class DtbLinter
{
    private sealed partial class Context
    {
        private DeviceTreeNode? ReservedMemoryNode => Tree.FindNode("/reserved-memory");

        /// <summary>MB001, MB002: __reserved_mem_check_root.</summary>
        public void CheckReservedMemoryNode()
        {
            if (!Scan.ReservedMemoryIgnored || ReservedMemoryNode is not { } node)
                return;
            var ac = FirstCell(node.GetProperty("#address-cells"));
            var sc = FirstCell(node.GetProperty("#size-cells"));
            if (ac != (uint)Scan.RootAddressCells || sc != (uint)Scan.RootSizeCells)
            {
                Add(LintRules.ReservedMemoryCells, node.Path,
                    $"#address-cells = {Show(ac)}, #size-cells = {Show(sc)}, but the root has {Scan.RootAddressCells} and {Scan.RootSizeCells}: " +
                    $"the kernel ignores all {node.Children.Count} children");
            }
            if (!node.HasProperty("ranges"))
                Add(LintRules.ReservedMemoryRanges, node.Path, $"no 'ranges' property: the kernel ignores all {node.Children.Count} children");
        }

        /// <summary>MB008-MB011, MB014, MB015: each child the kernel reads.</summary>
        public void CheckChildren()
        {
            if (Scan.ReservedMemoryIgnored || ReservedMemoryNode is not { } node)
                return;
            var tuple = (Scan.RootAddressCells + Scan.RootSizeCells) * 4;
            foreach (var child in node.Children)
            {
                if (!child.IsAvailable)
                    continue;
                var noMap = child.HasProperty("no-map");
                var reusable = child.HasProperty("reusable");
                var dmaPool = child.IsCompatible("shared-dma-pool");
                var cmaDefault = child.HasProperty("linux,cma-default");
                if (noMap && reusable && !dmaPool)
                    Add(LintRules.NoMapReusable, child.Path, "has both no-map and reusable: the kernel removes it from the linear map, so it can never be reused");
                if (dmaPool && reusable && noMap)
                    Add(LintRules.CmaNoMap, child.Path, "shared-dma-pool with reusable and no-map: neither the CMA nor the DMA-pool setup accepts it, so the region is released and devices get no pool");
                if (dmaPool && cmaDefault && !reusable && !(ScanOptions.Arm32 && !noMap))
                    Add(LintRules.CmaNotReusable, child.Path, "linux,cma-default on a shared-dma-pool without reusable: it becomes a coherent DMA pool, not the default CMA area, and the kernel reserves a default CMA area elsewhere");
                if (ScanOptions.Arm32 && dmaPool && !reusable && !noMap)
                    Add(LintRules.DmaPoolNeedsNoMap, child.Path, "shared-dma-pool without reusable or no-map: 32-bit ARM refuses a mapped coherent pool" +
                        (cmaDefault ? " (linux,cma-default suggests reusable was meant)" : ""));

                if (child.GetProperty("reg") is { } reg && tuple > 0 && reg.Length % tuple == 0)
                {
                    var count = reg.Length / tuple;
                    if (count > 1)
                        Add(LintRules.MultipleReg, child.Path, $"reg has {count} entries: Linux reserves all of them, its table and pool use only the first, U-Boot reserves only the first");
                    for (var i = 0; i < count; i++)
                    {
                        var at = i * (Scan.RootAddressCells + Scan.RootSizeCells);
                        var size = ReadCells(reg.Value.Span, at + Scan.RootAddressCells, Scan.RootSizeCells);
                        if (size == 0)
                            Add(LintRules.ZeroSize, child.Path, $"reg entry {i} (base {Hex.Format(ReadCells(reg.Value.Span, at, Scan.RootAddressCells))}) has size 0: the kernel reports it failed and reserves nothing");
                    }
                }
                else if (child.GetProperty("reg") is null && child.GetProperty("size") is { } sizeProp
                         && sizeProp.Length == Scan.RootSizeCells * 4 && ReadCells(sizeProp.Value.Span, 0, Scan.RootSizeCells) == 0)
                {
                    Add(LintRules.ZeroSize, child.Path, "dynamic region with size 0: nothing is allocated and any pool setup fails");
                }
            }
        }

        /// <summary>MB012, MB016: the reserved_mem[] table after the kernel's sort.</summary>
        public void CheckTable()
        {
            var align = ScanOptions.CmaMinAlignment;
            foreach (var entry in Scan.ReservedMemoryTable.Where(e => e.Pool == ReservedMemoryPool.Cma))
            {
                if (!entry.IsDynamic)
                {
                    if (((entry.Base | entry.Size) & (align - 1)) != 0)
                        Add(LintRules.CmaAlignment, entry.NodePath,
                            $"CMA pool at {Hex.Format(entry.Base)}, size {Hex.Format(entry.Size)}: base and size must be multiples of {Size(align)} (CMA_MIN_ALIGNMENT_BYTES of {Options.Profile.Name})");
                }
                else if (Scan.DynamicRequests.FirstOrDefault(r => ReferenceEquals(r.Entry, entry)) is { } request && request.Size % align != 0)
                {
                    Add(LintRules.CmaAlignment, entry.NodePath,
                        $"dynamic CMA pool of size {Hex.Format(request.Size)}: the size must be a multiple of {Size(align)} (CMA_MIN_ALIGNMENT_BYTES of {Options.Profile.Name}; the base is aligned by the kernel)");
                }
            }
            var defaults = Scan.ReservedMemoryTable.Where(e => e.CmaDefault && e.Pool == ReservedMemoryPool.Cma).ToList();
            if (defaults.Count > 1)
            {
                var winner = defaults[^1];
                foreach (var loser in defaults.Take(defaults.Count - 1))
                    Add(LintRules.SeveralCmaDefaults, loser.NodePath,
                        $"{defaults.Count} regions have linux,cma-default; {winner.NodePath} comes last in the kernel's table order and becomes the default CMA area, this one does not");
            }
        }

        /// <summary>MB017, MB020: the scan's own complaints that no other rule covers.</summary>
        public void CheckScanMessages()
        {
            foreach (var d in Scan.Diagnostics)
            {
                var path = d.NodePath ?? "/";
                if (d.Message.Contains("not enough space for all defined regions", StringComparison.Ordinal))
                    Add(LintRules.TableFull, path,
                        $"more than {ScanOptions.MaxReservedRegions} /reserved-memory regions: this one gets no table entry" +
                        (Tree.FindNode(path)?.HasProperty("reg") == false ? " and is never allocated" : " (its memory is reserved, but no pool or driver can find it)"));
                else if (d.Message.Contains("invalid ", StringComparison.Ordinal))
                    Add(LintRules.MalformedProperty, path, "the kernel says: " + d.Message.Replace("\n", " ", StringComparison.Ordinal));
            }
        }

        private static string Show(uint? cell) => cell?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(absent)";
    }
}
