using System.Text.Json;
using MemblockSharp.Boot.Explain;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The JSON form of <c>memblock explain --json</c>; the schema is documented in <c>docs/json/explain.md</c>.</summary>
public static class ExplainJson
{
    /// <summary>Writes the explanation as one indented JSON object followed by a newline.</summary>
    /// <param name="w">The output.</param>
    /// <param name="r">The explanation.</param>
    /// <param name="unreadable">Live files that could not be read.</param>
    public static void Write(TextWriter w, ExplainResult r, IReadOnlyList<string> unreadable)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(unreadable);
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            j.WriteStartObject();
            j.WriteStartObject("log");
            j.WriteString("source", r.Log.Source);
            j.WriteNumber("lines", r.Log.LineCount);
            j.WriteBoolean("head_lost", r.Log.HeadLost);
            j.WriteBoolean("memblock_debug", r.Log.HasMemblockDebug);
            j.WriteStartArray("notes");
            foreach (var n in r.Log.Notes)
            {
                j.WriteStartObject();
                j.WriteNumber("line", n.LineNumber);
                j.WriteString("kind", n.Kind.ToString());
                j.WriteString("message", n.Message);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteEndObject();

            var k = r.Kernel;
            j.WriteStartObject("kernel");
            WriteStringOrNull(j, "release", k.Release);
            j.WriteString("version", k.Version);
            j.WriteString("arch", k.Arch);
            j.WriteString("arch_evidence", k.ArchEvidence);
            WriteStringOrNull(j, "command_line", k.CommandLine);
            WriteStringOrNull(j, "model", k.Model);
            j.WriteEndObject();
            WriteStringOrNull(j, "profile", r.Profile);
            WriteStringOrNull(j, "profile_reason", r.ProfileReason);

            if (r.MemoryLine is { } m)
            {
                j.WriteStartObject("memory_line");
                j.WriteNumber("line", m.LineNumber);
                j.WriteString("form", m.Legacy ? "legacy" : "modern");
                j.WriteNumber("total_kb", m.TotalKiB);
                j.WriteNumber("available_kb", m.AvailableKiB);
                j.WriteNumber("reserved_kb", m.ReservedKiB);
                j.WriteNumber("cma_reserved_kb", m.CmaKiB);
                j.WriteNumber("highmem_kb", m.HighmemKiB);
                j.WriteStartObject("sections_kb");
                foreach (var s in m.Sections)
                    j.WriteNumber(s.Key, s.Value);
                j.WriteEndObject();
                j.WriteEndObject();
            }
            else
            {
                j.WriteNull("memory_line");
            }
            j.WriteStartArray("path");
            foreach (var s in r.Path)
            {
                j.WriteStartObject();
                j.WriteString("label", s.Label);
                j.WriteNumber("kb", s.KiB);
                j.WriteString("source", s.Source);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            WriteNumberOrNull(j, "memtotal_kb", r.MemTotalKiB);
            WriteNumberOrNull(j, "meminfo_memtotal_kb", r.MeminfoMemTotalKiB);
            j.WriteString("account_basis", r.AccountBasis);
            j.WriteNumber("accounted_bytes", r.ReservedBytes);
            WriteCategories(j, "categories", r.Categories);
            j.WriteNumber("unexplained_bytes", r.UnexplainedBytes);
            WriteCategories(j, "outside", r.Outside);
            j.WriteStartArray("checks");
            foreach (var c in r.Checks)
            {
                j.WriteStartObject();
                j.WriteString("fact", c.Fact);
                j.WriteString("logged", c.Logged);
                j.WriteString("simulated", c.Simulated);
                j.WriteBoolean("agrees", c.Agrees);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteBoolean("simulated", r.Simulation is not null);
            j.WriteBoolean("consistent", r.Consistent);
            j.WriteStartArray("warnings");
            foreach (var s in r.Warnings)
                j.WriteStringValue(s);
            j.WriteEndArray();
            j.WriteStartArray("unreadable");
            foreach (var s in unreadable)
                j.WriteStringValue(s);
            j.WriteEndArray();
            j.WriteEndObject();
        }
        w.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        w.WriteLine();
    }

    private static void WriteCategories(Utf8JsonWriter j, string name, IReadOnlyList<ExplainCategory> list)
    {
        j.WriteStartArray(name);
        foreach (var c in list)
        {
            j.WriteStartObject();
            j.WriteString("name", c.Name);
            j.WriteNumber("bytes", c.Bytes);
            j.WriteString("status", c.Status.ToString());
            j.WriteString("evidence", c.Evidence);
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter j, string name, string? value)
    {
        if (value is null) j.WriteNull(name); else j.WriteString(name, value);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter j, string name, long? value)
    {
        if (value is null) j.WriteNull(name); else j.WriteNumber(name, value.Value);
    }
}
