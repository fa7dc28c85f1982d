using System.Globalization;
using System.Text;

namespace MemblockSharp.Text;

/// <summary>The kernel's text renderings of memblock state, byte for byte.</summary>
public static class MemblockText
{
    /// <summary>
    /// Renders a table as the kernel's debugfs file <c>/sys/kernel/debug/memblock/memory</c> or <c>reserved</c>:
    /// one line per region, <c>%4d: %pa..%pa</c> with the end inclusive, plus the node or flags columns that the kernel
    /// only prints when they say something (6.1 prints neither; <paramref name="withNodeAndFlags"/> enables the later format).
    /// An empty table prints its placeholder, whose end wraps to <c>0xffffffffffffffff</c>, as the kernel does.
    /// </summary>
    /// <param name="type">The table.</param>
    /// <param name="withNodeAndFlags">False for Linux 6.1's format (the default).</param>
    /// <returns>The file's content, each line ending in a newline.</returns>
    public static string Debugfs(MemblockType type, bool withNodeAndFlags = false)
    {
        var sb = new StringBuilder();
        var regions = type.Regions;
        for (int i = 0; i < regions.Length; i++)
        {
            var r = regions[i];
            ulong end = unchecked(r.Base + r.Size - 1);
            sb.Append(i.ToString(CultureInfo.InvariantCulture).PadLeft(4)).Append(": ")
              .Append(Hex(r.Base)).Append("..").Append(Hex(end));
            if (withNodeAndFlags)
                sb.Append(' ').Append(r.Nid.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(FlagsText(r.Flags));
            sb.Append('\n');
        }
        return sb.ToString();
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
            $" memory size = {Hex(memblock.Memory.TotalSize)} reserved size = {Hex(memblock.Reserved.TotalSize)}",
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
            lines.Add($" {type.Name}[0x{i:x}]\t[{Hex(r.Base)}-{Hex(end)}], {Hex(r.Size)} bytes{node} flags: 0x{(uint)r.Flags:x}");
        }
    }

    private static string FlagsText(MemblockFlags flags) => flags == MemblockFlags.None ? "NONE" : flags.ToString().ToUpperInvariant();

    private static string Hex(ulong value) => "0x" + value.ToString("x16", CultureInfo.InvariantCulture);
}
