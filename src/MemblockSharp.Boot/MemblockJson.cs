using System.Globalization;
using System.Text.Json;

namespace MemblockSharp.Boot;

/// <summary>
/// The one JSON form of the memblock tables that every command prints (<c>memblock boot --json</c>,
/// <c>memblock replay --json</c>): <c>"memblock": {"memory": [...], "reserved": [...]}</c>, each region as
/// <c>{"base","size","flags","nid"}</c> with hex strings for base, size and flags and the node as a decimal string.
/// </summary>
public static class MemblockJson
{
    /// <summary>Writes the <c>"memblock"</c> property with both tables.</summary>
    /// <param name="writer">A writer positioned inside an object.</param>
    /// <param name="memory">The memory regions, in table order.</param>
    /// <param name="reserved">The reserved regions, in table order.</param>
    public static void WriteTables(Utf8JsonWriter writer, IEnumerable<MemblockRegion> memory, IEnumerable<MemblockRegion> reserved)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject("memblock");
        WriteRegions(writer, "memory", memory);
        WriteRegions(writer, "reserved", reserved);
        writer.WriteEndObject();
    }

    private static void WriteRegions(Utf8JsonWriter w, string name, IEnumerable<MemblockRegion> regions)
    {
        w.WriteStartArray(name);
        foreach (var r in regions)
        {
            w.WriteStartObject();
            w.WriteString("base", Hex(r.Base));
            w.WriteString("size", Hex(r.Size));
            w.WriteString("flags", Hex((uint)r.Flags));
            w.WriteString("nid", r.Nid.ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
