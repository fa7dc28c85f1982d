using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.Cli.Rendering.Json;
using MemblockSharp.DeviceTree;
using MemblockSharp.Text;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// The JSON forms of <c>memblock dt --json</c> (the tree, or one node of it) and <c>memblock dt --memory --json</c>
/// (what Linux 6.1's early scan reads); the schema is documented in <c>docs/json/dt.md</c>.
/// Addresses and sizes are lower-case hex strings with <c>0x</c> (they can exceed 2^53); counts are numbers.
/// </summary>
internal static class DtJson
{
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
        var h = tree.Header;
        var document = new DtTreeDocument(file, h.Version, h.LastCompatibleVersion, h.BootCpuId, h.TotalSize, tree.NodeCount,
            [.. tree.MemoryReservations.Select(r => new DtMemReserveJson(Hex.Format(r.Address), Hex.Format(r.Size)))], Node(node));
        JsonOutput.Write(w, document, JsonOutput.Types.DtTreeDocument);
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
        var h = tree.Header;
        var document = new DtScanDocument(file, h.Version, h.LastCompatibleVersion, h.BootCpuId, h.TotalSize, tree.NodeCount,
            arch, scan.Model, scan.RootAddressCells, scan.RootSizeCells,
            [.. scan.Banks.Select(b => new DtBankJson(b.NodePath, b.Property, b.EntryIndex, Hex.Format(b.RawBase), Hex.Format(b.RawSize),
                Hex.Format(b.Base), Hex.Format(b.Size), b.Added, b.Hotpluggable, b.NumaNodeId))],
            [.. scan.Reservations.Select(r => new DtReservationJson(Source(r.Source), r.NodePath, r.Name, r.EntryIndex, Hex.Format(r.Base),
                Hex.Format(r.Size), r.NoMap))],
            scan.ReservedMemoryIgnored,
            [.. scan.ReservedMemoryTable.Select(Entry)],
            [.. scan.DynamicRequests.Select(d => new DtDynamicRequestJson(d.NodePath, d.Name, Hex.Format(d.Size), Hex.Format(d.RequestedAlignment),
                Hex.Format(d.Alignment), [.. d.Ranges.Select(r => new DtRangeJson(Hex.Format(r.Start), Hex.Format(r.End)))]))],
            Chosen(scan.Chosen),
            [.. scan.Cpus.Select(c => new DtCpuJson(c.Path, HexOrNull(c.Reg), c.Status, c.Usable, c.NumaNodeId, c.EnableMethod))],
            [.. scan.Diagnostics.Select(d => new DtDiagnosticJson(d.Level.ToString().ToLowerInvariant(), d.Message, d.NodePath))]);
        JsonOutput.Write(w, document, JsonOutput.Types.DtScanDocument);
    }

    private static DtNodeJson Node(DeviceTreeNode node) => new(node.Name, node.Path,
        [.. node.Properties.Select(p => new DtPropertyJson(p.Name, p.Length, DtsValue(p), Convert.ToHexStringLower(p.Value.Span)))],
        [.. node.Children.Select(Node)]);

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

    private static DtReservedMemoryJson Entry(ReservedMemoryEntry e) => new(e.NodePath, e.Name, e.SaveIndex, e.IsDynamic,
        Hex.Format(e.Base), Hex.Format(e.Size), e.Phandle, e.Compatible, e.NoMap, e.Reusable, e.CmaDefault, Pool(e.Pool));

    private static DtChosenJson Chosen(ChosenInfo c) => new(c.NodePath, c.Bootargs, HexOrNull(c.InitrdStart), HexOrNull(c.InitrdEnd),
        [.. c.UsableMemoryRanges.Select(Reg)], c.ElfCoreHeader is { } elf ? Reg(elf) : null, c.HasRngSeed, c.HasKaslrSeed, c.StdoutPath,
        c.Uefi is { } u
            ? new DtUefiJson(HexOrNull(u.SystemTable), HexOrNull(u.MemoryMapStart), HexOrNull(u.MemoryMapSize), HexOrNull(u.DescriptorSize),
                HexOrNull(u.DescriptorVersion), HexOrNull(u.SecureBoot))
            : null);

    private static DtRegJson Reg(RegEntry r) => new(Hex.Format(r.Address), Hex.Format(r.Size));

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

    private static string? HexOrNull(ulong? value) => value is { } v ? Hex.Format(v) : null;
}
