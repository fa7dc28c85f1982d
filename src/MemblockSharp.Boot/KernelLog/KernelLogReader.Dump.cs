using System.Globalization;
using System.Text.RegularExpressions;

namespace MemblockSharp.Boot.KernelLog;

public static partial class KernelLogReader
{
    private sealed partial class Parser
    {
        /// <summary>The most region lines one dump table may announce; more means a garbled count.</summary>
        private const ulong MaxDumpRegions = 1 << 20;

        /// <summary>
        /// Parses a <c>MEMBLOCK configuration:</c> dump starting at line index <paramref name="start"/>: the sizes line,
        /// then for each table its <c>.cnt</c> line and that many region lines. Returns the index of its last line.
        /// </summary>
        private int ParseDump(int start)
        {
            int number = start + 1;
            int i = start + 1;
            var sizes = i < lines.Length ? DumpSizes().Match(lines[i].Text) : Match.Empty;
            if (!sizes.Success)
                throw Error(i + 1, i < lines.Length
                    ? $"MEMBLOCK configuration dump: expected ' memory size = 0x... reserved size = 0x...', found '{Shorten(lines[i].Text)}'"
                    : "the log ends inside a MEMBLOCK configuration dump (cut short)");
            var memory = new List<DumpRegion>();
            var reserved = new List<DumpRegion>();
            int last = i;
            i++;
            while (i < lines.Length)
            {
                var cnt = DumpCount().Match(lines[i].Text);
                if (!cnt.Success)
                    break;
                string table = cnt.Groups[1].Value;
                ulong n = Hex(cnt.Groups[2].Value);
                if (n > MaxDumpRegions)
                    throw Error(i + 1, $"MEMBLOCK configuration dump: {table}.cnt = 0x{n:x} is not a plausible region count");
                var target = table == "memory" ? memory : table == "reserved" ? reserved : null;
                for (ulong k = 0; k < n; k++)
                {
                    i++;
                    if (i >= lines.Length)
                        throw Error(i, $"the log ends inside the MEMBLOCK configuration dump: {table}.cnt announced {n} regions, {k} were printed (cut short)");
                    var r = DumpRegionLine().Match(lines[i].Text);
                    if (!r.Success || r.Groups["table"].Value != table || Hex(r.Groups["idx"].Value) != k)
                        throw Error(i + 1, $"MEMBLOCK configuration dump: expected {table}[0x{k:x}], found '{Shorten(lines[i].Text)}'");
                    int? nid = r.Groups["nid"].Success ? int.Parse(r.Groups["nid"].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;
                    var region = new DumpRegion(Hex(r.Groups["base"].Value), Hex(r.Groups["last"].Value), Hex(r.Groups["size"].Value), nid, DumpFlags(r.Groups["flags"].Value));
                    if (region.Size != 0 && unchecked(region.Base + region.Size - 1) != region.LastAddress)
                        throw Error(i + 1, $"MEMBLOCK configuration dump: {table}[0x{k:x}] size 0x{region.Size:x} does not match its range");
                    target?.Add(region);
                }
                last = i;
                i++;
            }
            if (last == start + 1)
                throw Error(start + 3, last + 1 < lines.Length
                    ? $"MEMBLOCK configuration dump: expected ' memory.cnt  = 0x...', found '{Shorten(lines[last + 1].Text)}'"
                    : "the log ends inside a MEMBLOCK configuration dump (cut short)");
            _entries.Add(new MemblockDump(number, lines[start].Timestamp, Hex(sizes.Groups[1].Value), Hex(sizes.Groups[2].Value), memory, reserved, last + 1));
            return last;
        }

        /// <summary>The flags of a dump line: a hex mask, or the names later kernels print (<c>NONE</c>, <c>NOMAP|HOTPLUG</c>).</summary>
        private static uint DumpFlags(string text)
        {
            if (text.Length == 0 || !char.IsUpper(text[0]))
                return (uint)Hex(text);
            uint flags = 0;
            foreach (var name in text.Split('|'))
            {
                flags |= name switch
                {
                    "HOTPLUG" => 1u,
                    "MIRROR" => 2u,
                    "NOMAP" => 4u,
                    "DRIVER_MANAGED" => 8u,
                    "RSRV_NOINIT" => 16u,
                    _ => 0u,
                };
            }
            return flags;
        }

        [GeneratedRegex(@"^\s*memory size = (0x[0-9a-f]{1,16}) reserved size = (0x[0-9a-f]{1,16})$")]
        private static partial Regex DumpSizes();

        [GeneratedRegex(@"^\s*(memory|reserved|physmem)\.cnt\s+= (0x[0-9a-f]{1,16})$")]
        private static partial Regex DumpCount();

        [GeneratedRegex(@"^\s*(?<table>memory|reserved|physmem)\[(?<idx>0x[0-9a-f]{1,16})\]\s+\[(?<base>0x[0-9a-f]{1,16})-(?<last>0x[0-9a-f]{1,16})\], (?<size>0x[0-9a-f]{1,16}) bytes(?: on node (?<nid>-?\d{1,6}))? flags: (?<flags>(?:0x)?[0-9a-f]{1,8}|[A-Z_]+(?:\|[A-Z_]+)*)$")]
        private static partial Regex DumpRegionLine();
    }
}
