using MemblockSharp.Boot;
using System.Globalization;
using System.Text.Json;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Replay;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The JSON form of <c>memblock replay --json</c>; the schema is documented in <c>docs/json/replay.md</c>.</summary>
public static class ReplayJson
{
    /// <summary>Writes the result as one indented JSON object followed by a newline.</summary>
    /// <param name="w">The output.</param>
    /// <param name="log">The log that was replayed.</param>
    /// <param name="r">The replay's result.</param>
    public static void Write(TextWriter w, KernelLogDocument log, ReplayResult r)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            j.WriteStartObject();
            j.WriteStartObject("log");
            j.WriteString("source", log.Source);
            j.WriteNumber("lines", log.LineCount);
            j.WriteBoolean("head_lost", log.HeadLost);
            j.WriteBoolean("memblock_debug", log.HasMemblockDebug);
            j.WriteStartArray("notes");
            foreach (var n in log.Notes)
            {
                j.WriteStartObject();
                j.WriteNumber("line", n.LineNumber);
                j.WriteString("kind", n.Kind.ToString());
                j.WriteString("message", n.Message);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteEndObject();

            MemblockJson.WriteTables(j, r.Memblock.Memory.Regions.ToArray(), r.Memblock.Reserved.Regions.ToArray());
            j.WritePropertyName("memblock_state");
            WriteState(j, r.Memblock);

            j.WriteNumber("allocations_checked", r.AllocationsChecked);
            j.WriteNumber("allocations_agreed", r.AllocationsAgreed);
            j.WriteNumber("silent_allocations", r.SilentAllocations);
            j.WriteNumber("silent_allocations_checked", r.SilentAllocationChecks.Count);
            j.WriteNumber("silent_allocations_agreed", r.SilentAllocationChecks.Count(c => c.Agrees));
            j.WriteNumber("calls_replayed", r.CallsReplayed);
            j.WriteNumber("calls_not_replayable", r.CallsNotReplayable);
            j.WriteStartArray("first_disagreements");
            foreach (var a in r.FirstDisagreements)
            {
                j.WriteStartObject();
                j.WriteNumber("line", a.LineNumber);
                j.WriteString("function", a.Function);
                j.WriteString("caller", a.Caller);
                j.WriteNumber("size", a.Size);
                j.WriteString("align", Hex(a.Align));
                j.WriteNumber("nid", a.Nid);
                j.WriteString("min_addr", Hex(a.MinAddr));
                j.WriteString("max_addr", Hex(a.MaxAddr));
                j.WriteString("kernel", Hex(a.KernelAddress));
                j.WriteString("ours", Hex(a.OurAddress));
                j.WriteEndObject();
            }
            j.WriteEndArray();

            j.WriteStartArray("inferred");
            foreach (var c in r.Inferred)
            {
                j.WriteStartObject();
                j.WriteString("kind", c.Kind.ToString());
                j.WriteString("base", Hex(c.Base));
                j.WriteNumber("size", c.Size);
                j.WriteNumber("value", c.Value);
                j.WriteNumber("before_line", c.BeforeLine);
                j.WriteString("reason", c.Reason);
                j.WriteEndObject();
            }
            j.WriteEndArray();

            j.WriteStartArray("dumps");
            foreach (var d in r.Dumps)
            {
                j.WriteStartObject();
                j.WriteNumber("line", d.LineNumber);
                j.WriteBoolean("memory_matches", d.MemoryMatches);
                j.WriteBoolean("reserved_matches", d.ReservedMatches);
                if (d.Detail is null) j.WriteNull("detail"); else j.WriteString("detail", d.Detail);
                j.WriteEndObject();
            }
            j.WriteEndArray();

            j.WriteStartArray("unseen");
            foreach (var u in r.Unseen)
                j.WriteStringValue(u);
            j.WriteEndArray();

            j.WriteNumber("reserved_total", r.Account.TotalBytes);
            WriteAccount(j, "by_caller", r.Account.ByCaller);
            WriteAccount(j, "by_category", r.Account.ByCategory);

            if (r.Path is { } p)
            {
                j.WriteStartObject("path_to_memtotal");
                j.WriteStartArray("steps");
                foreach (var s in p.Steps)
                {
                    j.WriteStartObject();
                    j.WriteString("label", s.Label);
                    j.WriteNumber("kib", s.KiB);
                    j.WriteString("source", s.Source);
                    j.WriteEndObject();
                }
                j.WriteEndArray();
                j.WriteNumber("memtotal_kib", p.MemTotalKiB);
                j.WriteNumber("logged_reserved_kib", p.LoggedReservedKiB);
                if (p.ReplayReservedKiB is { } ours) j.WriteNumber("replay_reserved_kib", ours); else j.WriteNull("replay_reserved_kib");
                j.WriteEndObject();
            }
            else
            {
                j.WriteNull("path_to_memtotal");
            }
            j.WriteEndObject();
        }
        w.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        w.WriteLine();
    }

    /// <summary>Writes a memblock state: its two tables with their regions, the limit and the direction.</summary>
    /// <param name="j">The writer.</param>
    /// <param name="mb">The state.</param>
    public static void WriteState(Utf8JsonWriter j, Memblock mb)
    {
        j.WriteStartObject();
        j.WriteBoolean("bottom_up", mb.BottomUp);
        j.WriteString("current_limit", Hex(mb.CurrentLimit));
        WriteType(j, "memory", mb.Memory, mb.Options.MaxNumNodes);
        WriteType(j, "reserved", mb.Reserved, mb.Options.MaxNumNodes);
        j.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter j, string name, MemblockType type, int maxNumNodes)
    {
        j.WriteStartObject(name);
        j.WriteNumber("cnt", type.Count);
        j.WriteNumber("max", type.Capacity);
        j.WriteNumber("total_size", type.TotalSize);
        j.WriteStartArray("regions");
        foreach (var region in type.Regions)
        {
            j.WriteStartObject();
            j.WriteString("base", Hex(region.Base));
            j.WriteString("last", Hex(unchecked(region.Base + region.Size - 1)));
            j.WriteNumber("size", region.Size);
            j.WriteNumber("flags", (uint)region.Flags);
            if (region.Nid == maxNumNodes) j.WriteNull("nid"); else j.WriteNumber("nid", region.Nid);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    private static void WriteAccount(Utf8JsonWriter j, string name, IReadOnlyList<AccountEntry> entries)
    {
        j.WriteStartArray(name);
        foreach (var e in entries)
        {
            j.WriteStartObject();
            j.WriteString("name", e.Name);
            j.WriteNumber("bytes", e.Bytes);
            j.WriteNumber("regions", e.Regions);
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }

    private static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);
}
