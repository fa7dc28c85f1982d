using System.Globalization;
using System.Text;

namespace MemblockSharp.Text;

/// <summary>The kernel's text renderings of memblock state, byte for byte.</summary>
public static class MemblockText
{
    /// <summary>
    /// Renders a table as the kernel's debugfs file <c>/sys/kernel/debug/memblock/memory</c> or <c>reserved</c>:
    /// one line per region, <c>%4d: %pa..%pa</c> with the end inclusive (Linux 6.1's format). An empty table prints its
    /// placeholder, whose end wraps to <c>0xffffffffffffffff</c>, as the kernel does. With
    /// <paramref name="withNodeAndFlags"/>, the columns later kernels (6.4 on) add: the node (<c>x</c> for
    /// <c>MAX_NUMNODES</c>) and the name of the lowest flag set, or <c>NONE</c>.
    /// </summary>
    /// <param name="type">The table.</param>
    /// <param name="withNodeAndFlags">False for Linux 6.1's format (the default).</param>
    /// <param name="maxNumNodes">The kernel's <c>MAX_NUMNODES</c>, printed as <c>x</c> in the node column.</param>
    /// <returns>The file's content, each line ending in a newline.</returns>
    public static string Debugfs(MemblockType type, bool withNodeAndFlags = false, int maxNumNodes = 16)
    {
        var sb = new StringBuilder();
        var regions = type.Regions;
        for (int i = 0; i < regions.Length; i++)
        {
            var r = regions[i];
            ulong end = unchecked(r.Base + r.Size - 1);
            sb.Append(i.ToString(CultureInfo.InvariantCulture).PadLeft(4)).Append(": ")
              .Append(Hex.Format16(r.Base)).Append("..").Append(Hex.Format16(end));
            if (withNodeAndFlags)
            {
                sb.Append(' ').Append((r.Nid == maxNumNodes ? "x" : r.Nid.ToString(CultureInfo.InvariantCulture)).PadLeft(4))
                  .Append(' ').Append(LowestFlagName(r.Flags));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The later kernels' name for the lowest flag set, as their debugfs file prints it.</summary>
    private static string LowestFlagName(MemblockFlags flags)
    {
        if (flags == MemblockFlags.None)
            return "NONE";
        string[] names = ["HOTPLUG", "MIRROR", "NOMAP", "DRV_MNG", "RSV_NIT"];
        for (int bit = 0; bit < names.Length; bit++)
        {
            if (((uint)flags & (1u << bit)) != 0)
                return names[bit];
        }
        return "UNKNOWN";
    }

    /// <summary>
    /// Renders the <c>MEMBLOCK configuration:</c> block that <c>memblock_dump_all</c> prints with <c>memblock=debug</c>,
    /// as lines without timestamps (each begins with the kernel's leading space where it has one).
    /// </summary>
    /// <param name="memblock">The allocator to dump.</param>
    /// <param name="numa">True for a NUMA kernel, which prints <c>on node N</c> for memory regions.</param>
    /// <returns>The lines of the dump.</returns>
    public static IReadOnlyList<string> Configuration(Memblock memblock, bool numa = true)
    {
        var lines = new List<string>
        {
            "MEMBLOCK configuration:",
            $" memory size = {Hex.Format16(memblock.Memory.TotalSize)} reserved size = {Hex.Format16(memblock.Reserved.TotalSize)}",
        };
        AppendType(lines, memblock.Memory, numa, memblock.Options.MaxNumNodes);
        AppendType(lines, memblock.Reserved, numa, memblock.Options.MaxNumNodes);
        return lines;
    }

    private static void AppendType(List<string> lines, MemblockType type, bool numa, int maxNumNodes)
    {
        lines.Add($" {type.Name}.cnt  = 0x{type.Count:x}");
        var regions = type.Regions;
        for (int i = 0; i < regions.Length; i++)
        {
            var r = regions[i];
            ulong end = unchecked(r.Base + r.Size - 1);
            // The kernel prints "on node N" only for a real node, not for MAX_NUMNODES.
            string node = numa && r.Nid != maxNumNodes ? $" on node {r.Nid}" : "";
            lines.Add($" {type.Name}[0x{i:x}]\t[{Hex.Format16(r.Base)}-{Hex.Format16(end)}], {Hex.Format16(r.Size)} bytes{node} flags: 0x{(uint)r.Flags:x}");
        }
    }

}
