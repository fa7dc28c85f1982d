using System.Globalization;
using System.Text.RegularExpressions;

namespace MemblockSharp.Boot.KernelLog;

public static partial class KernelLogReader
{
    private sealed partial class Parser
    {
        /// <summary>Handles the headers of the indented blocks and the lines inside them.</summary>
        private bool TryParseBlockLine(string text, int number, double? ts)
        {
            switch (text)
            {
                case "Zone ranges:":
                    _block = BlockKind.Zones;
                    return true;
                case "Movable zone start for each node":
                    _block = BlockKind.Movable;
                    return true;
                case "Early memory node ranges":
                    _block = BlockKind.NodeRanges;
                    return true;
            }
            if (_block == BlockKind.None || text.Length == 0 || text[0] != ' ')
            {
                _block = BlockKind.None;
                return false;
            }
            Match m;
            switch (_block)
            {
                case BlockKind.Zones:
                    m = ZoneLine().Match(text);
                    if (!m.Success)
                        break;
                    _entries.Add(new ContextLine(number, ts, ContextKind.ZoneRange, text.Trim(), Name: m.Groups[1].Value,
                        Start: m.Groups[2].Success ? Hex(m.Groups[2].Value) : null, End: m.Groups[3].Success ? Hex(m.Groups[3].Value) : null));
                    return true;
                case BlockKind.Movable:
                    m = MovableLine().Match(text);
                    if (!m.Success)
                        break;
                    _entries.Add(new ContextLine(number, ts, ContextKind.MovableZoneStart, text.Trim(),
                        Node: int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture), Start: Hex(m.Groups[2].Value)));
                    return true;
                case BlockKind.NodeRanges:
                    m = NodeRangeLine().Match(text);
                    if (!m.Success)
                        break;
                    _entries.Add(new ContextLine(number, ts, ContextKind.NodeRange, text.Trim(),
                        Node: int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture), Start: Hex(m.Groups[2].Value), End: Hex(m.Groups[3].Value)));
                    return true;
            }
            _block = BlockKind.None;
            return false;
        }

        /// <summary>Recognises a context line, or returns null for any other kernel line.</summary>
        private ContextLine? ParseContext(string text, int number, double? ts)
        {
            Match m;
            if (text.StartsWith("Booting Linux", StringComparison.Ordinal))
                return new ContextLine(number, ts, ContextKind.Booting, text);
            if ((m = VersionLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.KernelVersion, text, Name: m.Groups[1].Value);
            if ((m = ModelLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.MachineModel, text, Name: m.Groups[1].Value);
            if (text.StartsWith("Kernel command line: ", StringComparison.Ordinal))
                return new ContextLine(number, ts, ContextKind.CommandLine, text, Name: text["Kernel command line: ".Length..]);
            if ((m = InitmemLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.InitmemSetup, text, Node: int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
                    Start: Hex(m.Groups[2].Value), End: Hex(m.Groups[3].Value));
            if (text.StartsWith("efi:", StringComparison.Ordinal))
                return ParseEfi(text, number, ts);
            if ((m = CmaLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.CmaReserved, text, Start: Hex(m.Groups[2].Value), Value: Dec(m.Groups[1].Value) << 20);
            if ((m = CmaFailedLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.CmaFailed, text, Value: Dec(m.Groups[1].Value) << 20);
            if ((m = PoolLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.ReservedMemoryPool, text, Name: m.Groups[1].Value, Start: Hex(m.Groups[2].Value), Value: Dec(m.Groups[3].Value) << 20);
            if ((m = ReservedMemRegionLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.ReservedMemRegion, text, Name: m.Groups[6].Value, Start: Hex(m.Groups[1].Value), End: Hex(m.Groups[2].Value),
                    Value: Dec(m.Groups[3].Value) << 10, Parts: [m.Groups[4].Value, m.Groups[5].Value]);
            if ((m = ReservedMemFailedLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.ReservedMemFailed, text, Name: m.Groups[1].Value, Start: Hex(m.Groups[2].Value), Value: Dec(m.Groups[3].Value) << 20);
            if (text.StartsWith("OF: reserved mem: ", StringComparison.Ordinal) || text.StartsWith("Reserved memory: ", StringComparison.Ordinal))
            {
                m = OfNodeName().Match(text);
                return new ContextLine(number, ts, ContextKind.OfReservedMem, text, Name: m.Success ? m.Groups[1].Value : null);
            }
            if ((m = MemoryInfoLine().Match(text)).Success)
            {
                var parts = m.Groups[3].Value.Split(", ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return new ContextLine(number, ts, ContextKind.MemoryInfo, text, Value: Dec(m.Groups[1].Value), Value2: Dec(m.Groups[2].Value), Parts: parts);
            }
            if ((m = MemoryInfoLegacyLine().Match(text)).Success)
            {
                var parts = m.Groups[3].Value.Split(", ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return new ContextLine(number, ts, ContextKind.MemoryInfoLegacy, text, Value: Dec(m.Groups[1].Value), Value2: Dec(m.Groups[2].Value), Parts: parts);
            }
            if ((m = MemoryBanksLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.MemoryBanks, text, Value: Dec(m.Groups[2].Value),
                    Parts: m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if ((m = FreeingLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.Freeing, text, Name: m.Groups[1].Value, Value: Dec(m.Groups[2].Value),
                    Start: m.Groups[3].Success ? Hex(m.Groups[3].Value) : null, End: m.Groups[4].Success ? Hex(m.Groups[4].Value) : null);
            if ((m = NodeDataAllocatedLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.NodeDataAllocated, text, Node: int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
                    Start: Hex(m.Groups[2].Value), End: Hex(m.Groups[3].Value));
            if ((m = PerCpuLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.PerCpu, text, Value: Dec(m.Groups[2].Value) + Dec(m.Groups[3].Value) + Dec(m.Groups[4].Value), Value2: Dec(m.Groups[1].Value));
            if (text.StartsWith("pcpu-alloc: [", StringComparison.Ordinal))
                return new ContextLine(number, ts, ContextKind.PcpuGroups, text, Value: (ulong)PcpuCpu().Count(text));
            if ((m = HashTableLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.HashTable, text, Name: m.Groups[1].Value, Value: m.Groups[2].Success ? Dec(m.Groups[2].Value) : 0,
                    Value2: m.Groups["order"].Success ? Dec(m.Groups["order"].Value) : null, Parts: m.Groups[3].Success ? [m.Groups[3].Value] : []);
            if ((m = MemmapPagesLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.MemmapPages, text, Name: m.Groups[1].Value, Value: Dec(m.Groups[2].Value));
            if ((m = InitrdLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.Initrd, text, Start: m.Groups[1].Success ? Hex(m.Groups[1].Value) : null, Value: Dec(m.Groups[2].Value));
            if ((m = CrashArmLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.CrashKernel, text, Start: Dec(m.Groups[2].Value) << 20, End: (Dec(m.Groups[2].Value) + Dec(m.Groups[1].Value)) << 20);
            if (text.StartsWith("NUMA:", StringComparison.Ordinal))
            {
                if ((m = NumaFake().Match(text)).Success)
                    return new ContextLine(number, ts, ContextKind.NumaFakeNode, text, Node: 0, Start: Hex(m.Groups[1].Value), End: Hex(m.Groups[2].Value));
                if ((m = NumaNodeData().Match(text)).Success)
                    return new ContextLine(number, ts, ContextKind.NumaNodeData, text, Start: Hex(m.Groups[1].Value), End: Hex(m.Groups[2].Value));
                if ((m = NumaAdd().Match(text)).Success)
                    return new ContextLine(number, ts, ContextKind.NumaAddMemblk, text, Start: Hex(m.Groups[1].Value), End: Hex(m.Groups[2].Value),
                        Node: int.Parse(m.Groups[3].ValueSpan, CultureInfo.InvariantCulture));
                return new ContextLine(number, ts, ContextKind.Numa, text);
            }
            if ((m = CrashLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.CrashKernel, text, Start: Hex(m.Groups[1].Value), End: Hex(m.Groups[2].Value));
            if ((m = SwiotlbLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.Swiotlb, text, Start: Hex(m.Groups[1].Value), End: Hex(m.Groups[2].Value));
            if ((m = SwiotlbOldLine().Match(text)).Success) // 2.6-4.x forms; every era prints the end exclusive (io_tlb_end)
                return new ContextLine(number, ts, ContextKind.Swiotlb, text, Start: Hex(m.Groups[1].Value), End: Hex(m.Groups[2].Value));
            if ((m = LimitLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.MemoryLimit, text, Value: Dec(m.Groups[1].Value) << 20);
            if ((m = LogBufLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.LogBufLen, text, Value: Dec(m.Groups[1].Value));
            if (text.StartsWith("SLUB: HWalign=", StringComparison.Ordinal))
                return new ContextLine(number, ts, ContextKind.SlabAllocator, text);
            if (RunInitLine().IsMatch(text))
                return new ContextLine(number, ts, ContextKind.RunInit, text);
            if ((m = ConsoleLine().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.ConsoleEnabled, text, Name: m.Groups[1].Value);
            if ((m = E820Line().Match(text)).Success)
                return new ContextLine(number, ts, ContextKind.E820Range, text, Name: m.Groups[3].Value.Trim(), Start: Hex(m.Groups[1].Value), End: Hex(m.Groups[2].Value));
            return null;
        }

        private static ContextLine ParseEfi(string text, int number, double? ts)
        {
            var m = EfiRangeLine().Match(text);
            if (!m.Success)
                return new ContextLine(number, ts, ContextKind.Efi, text);
            var fields = m.Groups[3].Value.Split('|');
            var attributes = fields.Skip(1).Select(f => f.Trim()).Where(f => f.Length > 0).ToArray();
            return new ContextLine(number, ts, ContextKind.EfiMemoryRange, text, Name: fields[0].Trim(),
                Start: Hex(m.Groups[1].Value), End: Hex(m.Groups[2].Value), Parts: attributes);
        }

        [GeneratedRegex(@"^\s+(\w+)\s+(?:\[mem (0x[0-9a-f]{1,16})-(0x[0-9a-f]{1,16})\]|empty)$")]
        private static partial Regex ZoneLine();

        [GeneratedRegex(@"^\s+Node (\d{1,5}): (0x[0-9a-f]{1,16})$")]
        private static partial Regex MovableLine();

        [GeneratedRegex(@"^\s+node\s+(\d{1,5}): \[mem (0x[0-9a-f]{1,16})-(0x[0-9a-f]{1,16})\]$")]
        private static partial Regex NodeRangeLine();

        [GeneratedRegex(@"^Linux version (\S+)")]
        private static partial Regex VersionLine();

        [GeneratedRegex(@"^(?:OF: fdt: )?Machine model: (.*)$")]
        private static partial Regex ModelLine();

        [GeneratedRegex(@"^Initmem setup node (\d{1,5}) \[mem (0x[0-9a-f]{1,16})-(0x[0-9a-f]{1,16})\]$")]
        private static partial Regex InitmemLine();

        [GeneratedRegex(@"^efi:\s+(0x[0-9a-f]{1,16})-(0x[0-9a-f]{1,16}) \[(.*)\]$")]
        private static partial Regex EfiRangeLine();

        [GeneratedRegex(@"^(?:cma: )?(?:Reserved|CMA: reserved) (\d{1,12}) MiB at (?:0x)?([0-9a-f]{1,16})\b")]
        private static partial Regex CmaLine();

        [GeneratedRegex(@"^cma: Failed to reserve (\d{1,12}) MiB")]
        private static partial Regex CmaFailedLine();

        [GeneratedRegex(@"^OF: reserved mem: (0x[0-9a-f]{1,16})\.\.(0x[0-9a-f]{1,16}) \((\d{1,15}) KiB\) (map|nomap) (reusable|non-reusable) (\S.*)$")]
        private static partial Regex ReservedMemRegionLine();

        [GeneratedRegex(@"(?:^|: )Reserved memory: failed to reserve memory for node '([^']*)': base (0x[0-9a-f]{1,16}), size (\d{1,12}) MiB$")]
        private static partial Regex ReservedMemFailedLine();

        [GeneratedRegex(@"^Memory: (\d{1,15})k/(\d{1,15})k available, (.*)$")]
        private static partial Regex MemoryInfoLegacyLine();

        [GeneratedRegex(@"^Memory: ((?:\d{1,9}MB\s?)+)= (\d{1,9})MB total$")]
        private static partial Regex MemoryBanksLine();

        [GeneratedRegex(@"^NODE_DATA\((\d{1,5})\) allocated \[mem (0x[0-9a-f]{1,16})-(0x[0-9a-f]{1,16})\]$")]
        private static partial Regex NodeDataAllocatedLine();

        [GeneratedRegex(@"^(?:percpu|PERCPU): Embedded (\d{1,9}) pages/cpu (?:@\S+ )?s(\d{1,12}) r(\d{1,12}) d(\d{1,12}) u\d{1,12}$")]
        private static partial Regex PerCpuLine();

        [GeneratedRegex(@"\[\d{1,5}\] \d{1,5}")]
        private static partial Regex PcpuCpu();

        [GeneratedRegex(@"^(.+?) hash table entries: \d{1,12}(?: \(order:? (?:(?<order>\d{1,3})|-\d{1,3}), (\d{1,15}) bytes(?:, (linear|vmalloc)(?: hugepage)?)?\))?$")]
        private static partial Regex HashTableLine();

        [GeneratedRegex(@"^\s+(\w+) zone: (\d{1,15}) pages used for memmap$")]
        private static partial Regex MemmapPagesLine();

        [GeneratedRegex(@"^Initial ramdisk at: 0x(?:([0-9a-f]{1,16})|\(____ptrval____\)) \((\d{1,15}) bytes\)$")]
        private static partial Regex InitrdLine();

        [GeneratedRegex(@"^Reserving (\d{1,9})MB of memory at (\d{1,9})MB for crashkernel")]
        private static partial Regex CrashArmLine();

        [GeneratedRegex(@"^software IO TLB(?: \[mem | at phys |: mapped \[mem )?(0x[0-9a-f]{1,16}) ?- ?(0x[0-9a-f]{1,16})")]
        private static partial Regex SwiotlbOldLine();

        [GeneratedRegex(@"^Reserved memory: created (\w+) memory pool at (0x[0-9a-f]{1,16}), size (\d{1,12}) MiB$")]
        private static partial Regex PoolLine();

        [GeneratedRegex(@"node '?([^,' ]+)'?")]
        private static partial Regex OfNodeName();

        [GeneratedRegex(@"^Memory: (\d{1,15})K/(\d{1,15})K available \((.*)\)$")]
        private static partial Regex MemoryInfoLine();

        [GeneratedRegex(@"^Freeing (.+?): (\d{1,15})K(?: \(([0-9a-f]{8,16}) - ([0-9a-f]{8,16})\))?$")]
        private static partial Regex FreeingLine();

        [GeneratedRegex(@"^NUMA: Faking a node at \[mem (0x[0-9a-f]{1,16})-(0x[0-9a-f]{1,16})\]$")]
        private static partial Regex NumaFake();

        [GeneratedRegex(@"^NUMA: NODE_DATA \[mem (0x[0-9a-f]{1,16})-(0x[0-9a-f]{1,16})\]$")]
        private static partial Regex NumaNodeData();

        [GeneratedRegex(@"^NUMA: Adding memblock \[(0x[0-9a-f]{1,16}) - (0x[0-9a-f]{1,16})\] on node (\d{1,5})$")]
        private static partial Regex NumaAdd();

        [GeneratedRegex(@"^crashkernel (?:low memory )?reserved: (0x[0-9a-f]{1,16}) - (0x[0-9a-f]{1,16})")]
        private static partial Regex CrashLine();

        [GeneratedRegex(@"^software IO TLB: mapped \[mem (0x[0-9a-f]{1,16})-(0x[0-9a-f]{1,16})\]")]
        private static partial Regex SwiotlbLine();

        [GeneratedRegex(@"^Memory limited to (\d{1,12})MB$")]
        private static partial Regex LimitLine();

        [GeneratedRegex(@"^printk: log_buf_len: (\d{1,15}) bytes$")]
        private static partial Regex LogBufLine();

        [GeneratedRegex(@"^printk: (?:legacy )?console \[(\w+)\] enabled$")]
        private static partial Regex ConsoleLine();

        [GeneratedRegex(@"^(?:BIOS-e820|e820): \[mem (0x[0-9a-f]{1,16})-(0x[0-9a-f]{1,16})\] (.+)$")]
        private static partial Regex E820Line();

        [GeneratedRegex(@"^Run \S+ as init process$")]
        private static partial Regex RunInitLine();
    }
}
