using System.Globalization;
using System.Text.Json;
using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// The JSON forms of <c>memblock dt --json</c> (the tree, or one node of it) and <c>memblock dt --memory --json</c>
/// (what Linux 6.1's early scan reads); the schema is documented in <c>docs/json/dt.md</c>.
/// Addresses and sizes are lower-case hex strings with <c>0x</c> (they can exceed 2^53); counts are numbers.
/// </summary>
public static class DtJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the blob's header, its <c>/memreserve/</c> entries and <paramref name="node"/> with every descendant.</summary>
    /// <param name="w">The output.</param>
    /// <param name="file">The blob as given.</param>
    /// <param name="tree">The tree.</param>
    /// <param name="node">The node to print (the root for the whole tree).</param>
    public static void WriteTree(TextWriter w, string file, FlattenedDeviceTree tree, DeviceTreeNode node)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(node);
        Write(w, j =>
        {
            j.WriteStartObject();
            WriteBlob(j, file, tree);
            j.WriteStartArray("memreserve");
            foreach (var r in tree.MemoryReservations)
            {
                j.WriteStartObject();
                j.WriteString("address", Hex(r.Address));
                j.WriteString("size", Hex(r.Size));
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WritePropertyName("node");
            WriteNode(j, node);
            j.WriteEndObject();
        });
    }

    /// <summary>Writes the early-scan facts: banks, static reservations, reserved_mem[], dynamic requests, /chosen, CPUs and messages.</summary>
    /// <param name="w">The output.</param>
    /// <param name="file">The blob as given.</param>
    /// <param name="tree">The tree.</param>
    /// <param name="arch"><c>arm64</c> or <c>arm32-lpae</c>.</param>
    /// <param name="scan">The scan's result.</param>
    public static void WriteScan(TextWriter w, string file, FlattenedDeviceTree tree, string arch, BootScanResult scan)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(scan);
        Write(w, j =>
        {
            j.WriteStartObject();
            WriteBlob(j, file, tree);
            j.WriteString("arch", arch);
            StringOrNull(j, "model", scan.Model);
            j.WriteNumber("root_address_cells", scan.RootAddressCells);
            j.WriteNumber("root_size_cells", scan.RootSizeCells);
            j.WriteStartArray("banks");
            foreach (var b in scan.Banks)
            {
                j.WriteStartObject();
                j.WriteString("node", b.NodePath);
                j.WriteString("property", b.Property);
                j.WriteNumber("index", b.EntryIndex);
                j.WriteString("raw_base", Hex(b.RawBase));
                j.WriteString("raw_size", Hex(b.RawSize));
                j.WriteString("base", Hex(b.Base));
                j.WriteString("size", Hex(b.Size));
                j.WriteBoolean("added", b.Added);
                j.WriteBoolean("hotpluggable", b.Hotpluggable);
                NumberOrNull(j, "numa_node_id", b.NumaNodeId);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartArray("reservations");
            foreach (var r in scan.Reservations)
            {
                j.WriteStartObject();
                j.WriteString("source", Source(r.Source));
                j.WriteString("node", r.NodePath);
                StringOrNull(j, "name", r.Name);
                j.WriteNumber("index", r.EntryIndex);
                j.WriteString("base", Hex(r.Base));
                j.WriteString("size", Hex(r.Size));
                j.WriteBoolean("no_map", r.NoMap);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteBoolean("reserved_memory_ignored", scan.ReservedMemoryIgnored);
            j.WriteStartArray("reserved_memory");
            foreach (var e in scan.ReservedMemoryTable)
                WriteEntry(j, e);
            j.WriteEndArray();
            j.WriteStartArray("dynamic_requests");
            foreach (var d in scan.DynamicRequests)
            {
                j.WriteStartObject();
                j.WriteString("node", d.NodePath);
                j.WriteString("name", d.Name);
                j.WriteString("size", Hex(d.Size));
                j.WriteString("requested_alignment", Hex(d.RequestedAlignment));
                j.WriteString("alignment", Hex(d.Alignment));
                j.WriteStartArray("ranges");
                foreach (var r in d.Ranges)
                {
                    j.WriteStartObject();
                    j.WriteString("start", Hex(r.Start));
                    j.WriteString("end", Hex(r.End));
                    j.WriteEndObject();
                }
                j.WriteEndArray();
                j.WriteEndObject();
            }
            j.WriteEndArray();
            WriteChosen(j, scan.Chosen);
            j.WriteStartArray("cpus");
            foreach (var c in scan.Cpus)
            {
                j.WriteStartObject();
                j.WriteString("path", c.Path);
                if (c.Reg is { } reg) j.WriteString("reg", Hex(reg)); else j.WriteNull("reg");
                StringOrNull(j, "status", c.Status);
                j.WriteBoolean("usable", c.Usable);
                NumberOrNull(j, "numa_node_id", c.NumaNodeId);
                StringOrNull(j, "enable_method", c.EnableMethod);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartArray("diagnostics");
            foreach (var d in scan.Diagnostics)
            {
                j.WriteStartObject();
                j.WriteString("level", d.Level.ToString().ToLowerInvariant());
                j.WriteString("message", d.Message);
                StringOrNull(j, "node", d.NodePath);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteEndObject();
        });
    }

    private static void Write(TextWriter w, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, Options))
            body(j);
        w.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        w.Write('\n');
    }

    private static void WriteBlob(Utf8JsonWriter j, string file, FlattenedDeviceTree tree)
    {
        j.WriteString("file", file);
        j.WriteNumber("version", tree.Header.Version);
        j.WriteNumber("last_comp_version", tree.Header.LastCompatibleVersion);
        j.WriteNumber("boot_cpuid_phys", tree.Header.BootCpuId);
        j.WriteNumber("total_size", tree.Header.TotalSize);
        j.WriteNumber("nodes", tree.NodeCount);
    }

    private static void WriteNode(Utf8JsonWriter j, DeviceTreeNode node)
    {
        j.WriteStartObject();
        j.WriteString("name", node.Name);
        j.WriteString("path", node.Path);
        j.WriteStartArray("properties");
        foreach (var p in node.Properties)
        {
            j.WriteStartObject();
            j.WriteString("name", p.Name);
            j.WriteNumber("length", p.Length);
            StringOrNull(j, "value", DtsValue(p));
            j.WriteString("bytes", Convert.ToHexStringLower(p.Value.Span));
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("children");
        foreach (var child in node.Children)
            WriteNode(j, child);
        j.WriteEndArray();
        j.WriteEndObject();
    }

    /// <summary>The value as dtc prints it (<c>&lt;0x00 0x40000000&gt;</c>, <c>"virtio,mmio"</c>, <c>[01 02]</c>), null for an empty property.</summary>
    private static string? DtsValue(DeviceTreeProperty p)
    {
        if (p.IsEmpty)
            return null;
        var text = DtsPrinter.FormatProperty(p);
        var prefix = p.Name + " = ";
        return text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith(';')
            ? text[prefix.Length..^1]
            : text;
    }

    private static void WriteEntry(Utf8JsonWriter j, ReservedMemoryEntry e)
    {
        j.WriteStartObject();
        j.WriteString("node", e.NodePath);
        j.WriteString("name", e.Name);
        j.WriteNumber("save_index", e.SaveIndex);
        j.WriteBoolean("dynamic", e.IsDynamic);
        j.WriteString("base", Hex(e.Base));
        j.WriteString("size", Hex(e.Size));
        if (e.Phandle is { } ph) j.WriteNumber("phandle", ph); else j.WriteNull("phandle");
        j.WriteStartArray("compatible");
        foreach (var c in e.Compatible)
            j.WriteStringValue(c);
        j.WriteEndArray();
        j.WriteBoolean("no_map", e.NoMap);
        j.WriteBoolean("reusable", e.Reusable);
        j.WriteBoolean("cma_default", e.CmaDefault);
        j.WriteString("pool", Pool(e.Pool));
        j.WriteEndObject();
    }

    private static void WriteChosen(Utf8JsonWriter j, ChosenInfo c)
    {
        j.WriteStartObject("chosen");
        StringOrNull(j, "node", c.NodePath);
        StringOrNull(j, "bootargs", c.Bootargs);
        HexOrNull(j, "initrd_start", c.InitrdStart);
        HexOrNull(j, "initrd_end", c.InitrdEnd);
        j.WriteStartArray("usable_memory_ranges");
        foreach (var r in c.UsableMemoryRanges)
            WriteReg(j, null, r);
        j.WriteEndArray();
        if (c.ElfCoreHeader is { } elf) WriteReg(j, "elfcorehdr", elf); else j.WriteNull("elfcorehdr");
        j.WriteBoolean("rng_seed", c.HasRngSeed);
        j.WriteBoolean("kaslr_seed", c.HasKaslrSeed);
        StringOrNull(j, "stdout_path", c.StdoutPath);
        if (c.Uefi is { } u)
        {
            j.WriteStartObject("uefi");
            HexOrNull(j, "system_table", u.SystemTable);
            HexOrNull(j, "mmap_start", u.MemoryMapStart);
            HexOrNull(j, "mmap_size", u.MemoryMapSize);
            HexOrNull(j, "mmap_desc_size", u.DescriptorSize);
            HexOrNull(j, "mmap_desc_ver", u.DescriptorVersion);
            HexOrNull(j, "secure_boot", u.SecureBoot);
            j.WriteEndObject();
        }
        else
        {
            j.WriteNull("uefi");
        }
        j.WriteEndObject();
    }

    private static void WriteReg(Utf8JsonWriter j, string? name, RegEntry r)
    {
        if (name is null) j.WriteStartObject(); else j.WriteStartObject(name);
        j.WriteString("base", Hex(r.Address));
        j.WriteString("size", Hex(r.Size));
        j.WriteEndObject();
    }

    private static string Source(ReservationSource s) => s switch
    {
        ReservationSource.MemReserve => "memreserve",
        ReservationSource.ReservedMemoryReg => "reserved-memory",
        _ => "elfcorehdr",
    };

    private static string Pool(ReservedMemoryPool p) => p switch
    {
        ReservedMemoryPool.Cma => "cma",
        ReservedMemoryPool.DmaCoherent => "dma-coherent",
        ReservedMemoryPool.RestrictedDma => "restricted-dma",
        ReservedMemoryPool.Refused => "refused",
        _ => "none",
    };

    private static void StringOrNull(Utf8JsonWriter j, string name, string? value)
    {
        if (value is null) j.WriteNull(name); else j.WriteString(name, value);
    }

    private static void NumberOrNull(Utf8JsonWriter j, string name, int? value)
    {
        if (value is { } v) j.WriteNumber(name, v); else j.WriteNull(name);
    }

    private static void HexOrNull(Utf8JsonWriter j, string name, ulong? value)
    {
        if (value is { } v) j.WriteString(name, Hex(v)); else j.WriteNull(name);
    }

    private static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);
}
