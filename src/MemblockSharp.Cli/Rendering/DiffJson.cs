using System.Globalization;
using System.Text;
using System.Text.Json;
using MemblockSharp.Boot;
using MemblockSharp.Boot.Comparison;
using MemblockSharp.Boot.Maps;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// The JSON form of <c>memblock diff</c> and <c>memblock boot --what-if</c> (schema in docs/json/diff.md):
/// <c>{"before": {summary}, "after": {summary}, "delta": {...}}</c>, plus <c>"what_if"</c> for a what-if.
/// </summary>
public static class DiffJson
{
    /// <summary>Renders a comparison.</summary>
    /// <param name="c">The comparison.</param>
    /// <param name="whatIf">The what-if parameters, or null for a diff of two DTBs.</param>
    /// <returns>Indented JSON with a trailing newline.</returns>
    public static string Render(BootComparison c, CommandLineOverride? whatIf)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            if (whatIf is not null)
            {
                w.WriteStartObject("what_if");
                WriteStrings(w, "set", whatIf.Set);
                WriteStrings(w, "removed", whatIf.Removed);
                w.WriteEndObject();
            }
            w.WritePropertyName("before");
            WriteSummary(w, c.Before);
            w.WritePropertyName("after");
            WriteSummary(w, c.After);
            w.WritePropertyName("delta");
            WriteDelta(w, c);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteSummary(Utf8JsonWriter w, BootSide side)
    {
        var r = side.Result;
        w.WriteStartObject();
        w.WriteString("dtb", side.Title);
        w.WriteString("kernel", r.Profile);
        w.WriteString("cmdline", r.CommandLine);
        w.WriteNumber("ram_kb", r.RamBytes / 1024);
        w.WriteNumber("memtotal_kb", r.MemTotalKb);
        w.WriteNumber("not_in_memtotal_kb", side.NotInMemTotalKb);
        w.WriteString("memory_line", r.MemoryLine);
        w.WriteStartObject("memory_figures_kb");
        w.WriteNumber("available", side.MemoryLine.AvailableKb);
        w.WriteNumber("total", side.MemoryLine.TotalKb);
        foreach (var (name, kb) in side.MemoryLine.Parts)
            w.WriteNumber(name, kb);
        w.WriteEndObject();
        w.WriteStartArray("zones");
        foreach (var z in r.Zones)
        {
            w.WriteStartObject();
            w.WriteNumber("node", z.Node);
            w.WriteString("name", z.Name);
            w.WriteNumber("start_pfn", z.StartPfn);
            WriteZonePages(w, z);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("costs");
        foreach (var cost in r.Costs)
        {
            w.WriteStartObject();
            w.WriteString("category", cost.Category);
            w.WriteNumber("bytes", cost.Bytes);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        MemblockJson.WriteTables(w, r.Memory, r.Reserved);
        w.WriteStartArray("reservations");
        foreach (var p in side.Reservations)
        {
            w.WriteStartObject();
            w.WriteString("base", Hex(p.Base));
            w.WriteString("size", Hex(p.Size));
            w.WriteString("category", p.Category.DisplayName());
            w.WriteString("label", p.Label);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteDelta(Utf8JsonWriter w, BootComparison c)
    {
        w.WriteStartObject();
        w.WriteNumber("ram_kb", c.Figures[0].DeltaKb);
        w.WriteNumber("memtotal_kb", c.Figures[1].DeltaKb);
        w.WriteNumber("not_in_memtotal_kb", c.Figures[2].DeltaKb);
        w.WriteStartObject("memory_figures_kb");
        foreach (var f in c.MemoryLine)
            w.WriteNumber(f.Name, f.DeltaKb);
        w.WriteEndObject();
        w.WriteStartArray("zones");
        foreach (var z in c.Zones)
        {
            w.WriteStartObject();
            w.WriteNumber("node", z.Node);
            w.WriteString("name", z.Name);
            w.WriteNumber("spanned", z.SpannedDelta);
            w.WriteNumber("present", z.PresentDelta);
            w.WriteNumber("managed", z.ManagedDelta);
            w.WriteNumber("cma", z.CmaDelta);
            w.WriteString("in", z.Before is null ? "after" : z.After is null ? "before" : "both");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteCategories(w, "costs", c.Costs);
        WriteCategories(w, "reserved_by_category", c.ReservedByCategory);
        w.WriteStartArray("memory");
        foreach (var b in c.Banks)
        {
            w.WriteStartObject();
            w.WriteString("change", DiffText.Kind(b.Kind));
            WriteBank(w, "before", b.Before);
            WriteBank(w, "after", b.After);
            w.WriteNumber("size_delta", b.SizeDelta);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("reservations");
        foreach (var r in c.Regions)
        {
            w.WriteStartObject();
            w.WriteString("change", DiffText.Kind(r.Kind));
            w.WriteString("category", r.Category.DisplayName());
            w.WriteString("label", r.Label);
            WritePlace(w, "before", r.Before);
            WritePlace(w, "after", r.After);
            w.WriteNumber("size_delta", r.SizeDelta);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("unchanged_reservations", c.UnchangedRegions);
        w.WriteEndObject();
    }

    private static void WriteZonePages(Utf8JsonWriter w, BootZone z)
    {
        w.WriteNumber("spanned", z.Spanned);
        w.WriteNumber("present", z.Present);
        w.WriteNumber("managed", z.Managed);
        w.WriteNumber("cma", z.Cma);
    }

    private static void WriteCategories(Utf8JsonWriter w, string name, IEnumerable<CategoryDelta> deltas)
    {
        w.WriteStartArray(name);
        foreach (var d in deltas)
        {
            w.WriteStartObject();
            w.WriteString("category", d.Category);
            w.WriteNumber("before_bytes", d.BeforeBytes);
            w.WriteNumber("after_bytes", d.AfterBytes);
            w.WriteNumber("delta_bytes", d.DeltaBytes);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteBank(Utf8JsonWriter w, string name, MemblockRegion? bank)
    {
        if (bank is not { } b)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("base", Hex(b.Base));
        w.WriteString("size", Hex(b.Size));
        w.WriteString("flags", Hex((uint)b.Flags));
        w.WriteString("nid", b.Nid.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private static void WritePlace(Utf8JsonWriter w, string name, MapReservation? piece)
    {
        if (piece is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("base", Hex(piece.Base));
        w.WriteString("size", Hex(piece.Size));
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
