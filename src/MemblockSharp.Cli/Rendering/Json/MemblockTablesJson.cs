using MemblockSharp.Text;

namespace MemblockSharp.Cli.Rendering.Json;

/// <summary>
/// The one JSON form of the memblock tables (<c>boot</c>, <c>replay</c>, <c>diff</c>, <c>script --tables</c>):
/// <c>"memblock": {"memory": [...], "reserved": [...]}</c>.
/// </summary>
/// <param name="Memory">The memory regions, in table order.</param>
/// <param name="Reserved">The reserved regions, in table order.</param>
internal sealed record MemblockTablesJson(IReadOnlyList<MemblockRegionJson> Memory, IReadOnlyList<MemblockRegionJson> Reserved)
{
    /// <summary>Both tables.</summary>
    public static MemblockTablesJson From(IEnumerable<MemblockRegion> memory, IEnumerable<MemblockRegion> reserved) =>
        new([.. memory.Select(MemblockRegionJson.From)], [.. reserved.Select(MemblockRegionJson.From)]);
}

/// <summary>One region: hex strings for base, size and flags, the node as a decimal string.</summary>
/// <param name="Base">The base address.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="Flags">The region's flags.</param>
/// <param name="Nid">The node.</param>
internal sealed record MemblockRegionJson(string Base, string Size, string Flags, string Nid)
{
    /// <summary>The region's JSON form.</summary>
    public static MemblockRegionJson From(MemblockRegion r) =>
        new(Hex.Format(r.Base), Hex.Format(r.Size), Hex.Format((uint)r.Flags), r.Nid.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
