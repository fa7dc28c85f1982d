using static MemblockSharp.Boot.DeviceTreeScan.KernelCells;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.DeviceTreeScan;

public static partial class BootScanner
{
    /// <summary>
    /// early_init_dt_add_memory_arch (the generic one arm and arm64 use): drops a bank smaller than what remains
    /// of its first page, rounds the base up and the size down to whole pages, truncates to 32 bits without
    /// 64-bit physical addresses, and clips to [MIN_MEMBLOCK_ADDR, MAX_MEMBLOCK_ADDR].
    /// </summary>
    /// <param name="rawBase">The base from the tree.</param>
    /// <param name="rawSize">The size from the tree (non-zero).</param>
    /// <param name="options">The kernel facts.</param>
    /// <param name="messages">Receives the kernel's messages (level, text).</param>
    /// <returns>The range memblock_add receives, or null when the bank is ignored.</returns>
    public static (ulong Base, ulong Size)? AddMemoryArch(ulong rawBase, ulong rawSize, BootScanOptions options,
        ICollection<(DiagnosticLevel Level, string Text)>? messages = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        unchecked
        {
            var page = options.PageSize;
            var pageMask = ~(page - 1);
            ulong b = rawBase, s = rawSize;
            var offsetInPage = b & (page - 1);
            if (s < page - offsetInPage)
            {
                messages?.Add((DiagnosticLevel.Warning, $"{FdtPrefix}Ignoring memory block 0x{b:x} - 0x{b + s:x}"));
                return null;
            }
            if (offsetInPage != 0)
            {
                s -= page - offsetInPage;
                b = (b + page - 1) & pageMask;
            }
            if (!options.PhysAddr64Bit && b + s > uint.MaxValue)
            {
                messages?.Add((DiagnosticLevel.Error, $"{FdtPrefix}Truncating memory at 0x{b:x8} to fit in 32-bit physical address space"));
                s = uint.MaxValue - b;
            }
            s &= pageMask;
            var max = options.MaxMemblockAddress;
            if (b > max)
            {
                messages?.Add((DiagnosticLevel.Warning, $"{FdtPrefix}Ignoring memory block 0x{b:x} - 0x{b + s:x}"));
                return null;
            }
            if (b + s - 1 > max)
            {
                messages?.Add((DiagnosticLevel.Warning, $"{FdtPrefix}Ignoring memory range 0x{max + 1:x} - 0x{b + s:x}"));
                s = max - b + 1;
            }
            var min = options.MinMemblockAddress;
            if (b + s < min)
            {
                messages?.Add((DiagnosticLevel.Warning, $"{FdtPrefix}Ignoring memory block 0x{b:x} - 0x{b + s:x}"));
                return null;
            }
            if (b < min)
            {
                messages?.Add((DiagnosticLevel.Warning, $"{FdtPrefix}Ignoring memory range 0x{b:x} - 0x{min:x}"));
                s -= min - b;
                b = min;
            }
            return (b, s);
        }
    }

    private sealed partial class Context
    {
        /// <summary>early_init_dt_scan_memory: the root's direct children with device_type "memory".</summary>
        public List<MemoryBank> ScanMemory()
        {
            var banks = new List<MemoryBank>();
            if (!CellsUsable)
                return banks;
            var tuple = AddressCells + SizeCells;
            foreach (var node in Tree.Root.Children)
            {
                if (node.GetProperty("device_type")?.StringEquals("memory") != true || !node.IsAvailable)
                    continue;
                var property = node.GetProperty("linux,usable-memory") ?? node.GetProperty("reg");
                if (property is null)
                    continue;
                var hotplug = node.HasProperty("hotpluggable");
                int? nid = FirstCell(node.GetProperty("numa-node-id")) is { } n ? (int)n : null;
                var cells = property.Length / 4;
                var span = property.Value.Span;
                var index = 0;
                for (var at = 0; tuple > 0 && cells - at >= tuple; at += tuple, index++)
                {
                    var rawBase = ReadCells(span, at, AddressCells);
                    var rawSize = ReadCells(span, at + AddressCells, SizeCells);
                    if (rawSize == 0)
                        continue;
                    var messages = new List<(DiagnosticLevel, string)>();
                    var added = AddMemoryArch(rawBase, rawSize, Options, messages);
                    foreach (var (level, text) in messages)
                        Report(level, text, node.Path);
                    banks.Add(new MemoryBank(node.Path, index, property.Name, rawBase, rawSize,
                        added?.Base ?? 0, added?.Size ?? 0, added is not null, hotplug, nid));
                }
            }
            return banks;
        }

        /// <summary>The cpu nodes under /cpus (device_type "cpu"); status "fail..." makes one unusable.</summary>
        public List<CpuNode> ScanCpus()
        {
            var list = new List<CpuNode>();
            var cpus = Tree.FindNode("/cpus");
            if (cpus is null)
                return list;
            var cells = FirstCell(cpus.GetProperty("#address-cells")) is { } c and <= MaxRootCells ? (int)c : RootCellsDefault;
            foreach (var node in cpus.Children)
            {
                if (node.GetProperty("device_type")?.StringEquals("cpu") != true)
                    continue;
                var reg = node.GetProperty("reg");
                ulong? regValue = reg is not null && reg.Length >= cells * 4 ? ReadCells(reg.Value.Span, 0, cells) : null;
                var status = node.Status;
                int? nid = FirstCell(node.GetProperty("numa-node-id")) is { } n ? (int)n : null;
                var method = node.GetProperty("enable-method") is { } m && m.Value.Span.IndexOf((byte)0) >= 0 ? m.AsString() : null;
                var compatible = node.GetProperty("compatible") is { Length: > 0 } cp && cp.Value.Span[^1] == 0 ? cp.AsStringList() : [];
                list.Add(new CpuNode(node.Path, regValue, status, status is null || !status.StartsWith("fail", StringComparison.Ordinal), nid, method)
                {
                    Compatible = compatible,
                });
            }
            return list;
        }
    }
}
