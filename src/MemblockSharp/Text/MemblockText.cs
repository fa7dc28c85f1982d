using System.Globalization;
using System.Text;

namespace MemblockSharp.Text;

/// <summary>The kernel's text renderings of memblock state, byte for byte.</summary>
public static class MemblockText
{
    /// <summary>
    /// Renders a table as the kernel's debugfs file <c>/sys/kernel/debug/memblock/memory</c> or <c>reserved</c>, in the
    /// format of the release the table follows (see <see cref="Debugfs(MemblockType, MemblockVersion)"/>).
    /// </summary>
    /// <param name="type">The table.</param>
    /// <returns>The file's content, each line ending in a newline.</returns>
    public static string Debugfs(MemblockType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Debugfs(type, type.Rules.Version);
    }

    /// <summary>
    /// Renders a table as the debugfs file of <paramref name="format"/>'s kernel: one line per entry, <c>%4d: %pa..%pa</c>
    /// with the end inclusive. Linux 6.1 prints just that, and an empty table prints its placeholder, whose end wraps to
    /// <c>0xffffffffffffffff</c>. Linux 6.12 adds <c>" %4d"</c> with the node (<c>"   x"</c> for an id that is not a valid
    /// node) and then the names of the flags set, lowest bit first, joined by <c>|</c> (<c>HOTPLUG</c>, <c>MIRROR</c>,
    /// <c>NOMAP</c>, <c>DRV_MNG</c>, <c>RSV_NIT</c>, <c>UNKNOWN</c> for a higher bit), or <c>NONE</c>; an empty table
    /// prints nothing.
    /// </summary>
    /// <param name="type">The table.</param>
    /// <param name="format">The release whose format to print.</param>
    /// <returns>The file's content, each line ending in a newline.</returns>
    public static string Debugfs(MemblockType type, MemblockVersion format)
    {
        ArgumentNullException.ThrowIfNull(type);
        bool withNodeAndFlags = MemblockRules.For(format).DebugfsShowsNodeAndFlags;
        var sb = new StringBuilder();
        var regions = type.Regions;
        for (int i = 0; i < regions.Length; i++)
        {
            var r = regions[i];
            ulong end = unchecked(r.Base + r.Size - 1);
            sb.Append(i.ToString(CultureInfo.InvariantCulture).PadLeft(4)).Append(": ")
              .Append(Hex.FormatPhys(r.Base, type.PhysAddrBytes)).Append("..").Append(Hex.FormatPhys(end, type.PhysAddrBytes));
            if (withNodeAndFlags)
            {
                string node = MemblockRules.IsValidNode(r.Nid, type.MaxNumNodes) ? r.Nid.ToString(CultureInfo.InvariantCulture) : "x";
                sb.Append(' ').Append(node.PadLeft(4)).Append(' ').Append(FlagNames(r.Flags));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The names 6.12's debugfs file gives the flags set, lowest bit first, joined by <c>|</c>; <c>NONE</c> for none.</summary>
    private static string FlagNames(MemblockFlags flags)
    {
        if (flags == MemblockFlags.None)
            return "NONE";
        string[] names = ["HOTPLUG", "MIRROR", "NOMAP", "DRV_MNG", "RSV_NIT"];
        var parts = new List<string>();
        uint bits = (uint)flags;
        for (int bit = 0; bits != 0; bit++, bits >>= 1)
        {
            if ((bits & 1) != 0)
                parts.Add(bit < names.Length ? names[bit] : "UNKNOWN");
        }
        return string.Join("|", parts);
    }

    /// <summary>
    /// Renders the <c>MEMBLOCK configuration:</c> block that <c>memblock_dump_all</c> prints with <c>memblock=debug</c>,
    /// as lines without timestamps (each begins with the kernel's leading space where it has one).
    /// </summary>
    /// <remarks>
    /// A table's <c>cnt</c> line is followed by one line per entry (in 6.1 an empty table shows its placeholder; in 6.12
    /// it has none). A NUMA kernel adds <c> on node N</c>: 6.1 for every node but <c>MAX_NUMNODES</c> (so also for -1),
    /// 6.12 only for a valid node.
    /// </remarks>
    /// <param name="memblock">The allocator to dump.</param>
    /// <param name="numa">True for a NUMA kernel, which prints <c>on node N</c> for memory regions.</param>
    /// <returns>The lines of the dump.</returns>
    public static IReadOnlyList<string> Configuration(Memblock memblock, bool numa = true)
    {
        ArgumentNullException.ThrowIfNull(memblock);
        var lines = new List<string>
        {
            "MEMBLOCK configuration:",
            $" memory size = {Hex.FormatPhys(memblock.Memory.TotalSize, memblock.Options.PhysAddrBytes)} reserved size = {Hex.FormatPhys(memblock.Reserved.TotalSize, memblock.Options.PhysAddrBytes)}",
        };
        AppendType(lines, memblock.Memory, numa, memblock.Rules, memblock.Options.MaxNumNodes);
        AppendType(lines, memblock.Reserved, numa, memblock.Rules, memblock.Options.MaxNumNodes);
        return lines;
    }

    private static void AppendType(List<string> lines, MemblockType type, bool numa, MemblockRules rules, int maxNumNodes)
    {
        lines.Add($" {type.Name}.cnt  = 0x{type.Count:x}");
        var regions = type.Regions;
        for (int i = 0; i < regions.Length; i++)
        {
            var r = regions[i];
            ulong end = unchecked(r.Base + r.Size - 1);
            string node = numa && rules.DumpShowsNode(r.Nid, maxNumNodes) ? $" on node {r.Nid}" : "";
            int w = type.PhysAddrBytes;
            lines.Add($" {type.Name}[0x{i:x}]\t[{Hex.FormatPhys(r.Base, w)}-{Hex.FormatPhys(end, w)}], {Hex.FormatPhys(r.Size, w)} bytes{node} flags: 0x{(uint)r.Flags:x}");
        }
    }

}
