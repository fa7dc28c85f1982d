using System.Globalization;
using System.Text.RegularExpressions;

namespace MemblockSharp.Boot.KernelLog;

public static partial class KernelLogReader
{
    /// <summary>The memblock functions whose debug lines print a range, and what each is.</summary>
    private static readonly Dictionary<string, MemblockCallKind> RangeFunctions = new(StringComparer.Ordinal)
    {
        ["memblock_add"] = MemblockCallKind.Add,
        ["memblock_add_node"] = MemblockCallKind.AddNode,
        ["memblock_remove"] = MemblockCallKind.Remove,
        ["memblock_reserve"] = MemblockCallKind.Reserve,
        ["memblock_phys_free"] = MemblockCallKind.PhysFree,
        ["memblock_free"] = MemblockCallKind.Free,
        ["memblock_free_late"] = MemblockCallKind.FreeLate,
        ["__memblock_free_late"] = MemblockCallKind.FreeLate,
        ["__memblock_free_early"] = MemblockCallKind.Free,
        ["memblock_physmem_add"] = MemblockCallKind.PhysMemAdd,
    };

    /// <summary>The memblock functions whose debug lines print an allocation request.</summary>
    private static readonly Dictionary<string, MemblockCallKind> AllocFunctions = new(StringComparer.Ordinal)
    {
        ["memblock_phys_alloc_range"] = MemblockCallKind.PhysAllocRange,
        ["memblock_alloc_try_nid"] = MemblockCallKind.AllocTryNid,
        ["memblock_alloc_try_nid_raw"] = MemblockCallKind.AllocTryNidRaw,
        ["memblock_alloc_exact_nid_raw"] = MemblockCallKind.AllocExactNidRaw,
        ["memblock_alloc_try_nid_nopanic"] = MemblockCallKind.OtherAlloc,
        ["memblock_virt_alloc_try_nid"] = MemblockCallKind.OtherAlloc,
        ["memblock_virt_alloc_try_nid_raw"] = MemblockCallKind.OtherAlloc,
        ["memblock_virt_alloc_try_nid_nopanic"] = MemblockCallKind.OtherAlloc,
    };

    private sealed partial class Parser
    {
        /// <summary>Parses a line that starts with "memblock".</summary>
        private LogEntry ParseMemblockLine(string text, int number, double? ts)
        {
            var head = FunctionHead().Match(text);
            string function = head.Success ? head.Groups[1].Value : "";
            if (RangeFunctions.TryGetValue(function, out var rangeKind))
            {
                var m = RangeLine().Match(text);
                if (!m.Success || m.Groups["fn"].Value != function)
                    throw Error(number, $"garbled or cut-short {function} line: '{Shorten(text)}'");
                if (!KernelCaller.TryParse(m.Groups["caller"].Value, out var caller))
                    throw Error(number, $"garbled caller in {function} line: '{Shorten(text)}'");
                int? nid = m.Groups["nid"].Success ? int.Parse(m.Groups["nid"].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;
                uint? flags = m.Groups["flags"].Success ? (uint)Hex(m.Groups["flags"].Value) : null;
                if (_physAddrDigits == 0)
                    _physAddrDigits = m.Groups["base"].Length - 2;
                if (rangeKind == MemblockCallKind.AddNode && nid is null)
                    throw Error(number, $"memblock_add_node line without nid= and flags=: '{Shorten(text)}'");
                return new MemblockRangeCall(number, ts, function, rangeKind, Hex(m.Groups["base"].Value), Hex(m.Groups["last"].Value), nid, flags, caller);
            }
            if (AllocFunctions.TryGetValue(function, out var allocKind) || (head.Success && AllocLine().IsMatch(text)))
            {
                var m = AllocLine().Match(text);
                if (!m.Success || m.Groups["fn"].Value != function)
                    throw Error(number, $"garbled or cut-short {function} line: '{Shorten(text)}'");
                if (!KernelCaller.TryParse(m.Groups["caller"].Value, out var caller))
                    throw Error(number, $"garbled caller in {function} line: '{Shorten(text)}'");
                if (!AllocFunctions.ContainsKey(function))
                {
                    allocKind = MemblockCallKind.OtherAlloc;
                    _notes.Add(new LogNote(number, LogNoteKind.UnknownMemblockLine, $"allocator '{function}' is not a Linux 6.1 name; read as an allocation request"));
                }
                if (!ulong.TryParse(m.Groups["size"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out ulong size))
                    throw Error(number, $"size out of range in {function} line: '{Shorten(text)}'");
                int nid = m.Groups["nid"].Success ? int.Parse(m.Groups["nid"].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : -1;
                return new MemblockAllocCall(number, ts, function, allocKind, size, Hex(m.Groups["align"].Value), nid,
                    Hex(m.Groups["from"].Value), Hex(m.Groups["max"].Value), caller);
            }
            if (TryParseDoubled(text, number, ts) is { } doubled)
                return doubled;
            _notes.Add(new LogNote(number, LogNoteKind.UnknownMemblockLine, $"memblock line of an unknown form: '{Shorten(text)}'"));
            return new UnknownMemblockLine(number, ts, text);
        }

        /// <summary>Parses the array-doubling line, printed with or without a "memblock: " prefix.</summary>
        private static MemblockArrayDoubled? TryParseDoubled(string text, int number, double? ts)
        {
            var d = DoubledLine().Match(text);
            if (!d.Success)
                return null;
            return new MemblockArrayDoubled(number, ts, d.Groups[1].Value,
                long.Parse(d.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture), Hex(d.Groups[3].Value), Hex(d.Groups[4].Value));
        }

        [GeneratedRegex(@"^([A-Za-z_][\w]*):")]
        private static partial Regex FunctionHead();

        [GeneratedRegex(@"^(?<fn>\w+): \[(?<base>0x[0-9a-f]{1,16})-(?<last>0x[0-9a-f]{1,16})\](?: nid=(?<nid>-?\d{1,6}) flags=(?<flags>(?:0x)?[0-9a-f]{1,8})| flags (?<oldflags>0x[0-9a-f]{1,8}))? (?<caller>\S.*)$")]
        private static partial Regex RangeLine();

        [GeneratedRegex(@"^(?<fn>\w+): (?<size>\d{1,20}) bytes align=(?<align>0x[0-9a-f]{1,16}) (?:nid=(?<nid>-?\d{1,6}) )?from=(?<from>0x[0-9a-f]{1,16}) max_addr=(?<max>0x[0-9a-f]{1,16}) (?<caller>\S.*)$")]
        private static partial Regex AllocLine();

        [GeneratedRegex(@"^(?:memblock: )?(memory|reserved|physmem) is doubled to (\d{1,12}) at \[(0x[0-9a-f]{1,16})-(0x[0-9a-f]{1,16})\]$")]
        private static partial Regex DoubledLine();
    }
}
