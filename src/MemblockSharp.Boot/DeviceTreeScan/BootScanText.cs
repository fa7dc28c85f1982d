using System.Text;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.DeviceTreeScan;

/// <summary>Renders a <see cref="BootScanResult"/> as plain-text tables (what <c>memblock dt FILE --memory</c> prints).</summary>
public static class BootScanText
{
    /// <summary>Formats every part of the scan: banks, reservations, the reserved-memory table, dynamic requests, /chosen, CPUs and messages.</summary>
    /// <param name="scan">The scan result.</param>
    /// <returns>The text, LF line ends.</returns>
    public static string Format(BootScanResult scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var sb = new StringBuilder();
        sb.Append($"model: {scan.Model ?? "-"}\n");
        sb.Append($"root cells: #address-cells {scan.RootAddressCells}, #size-cells {scan.RootSizeCells}\n");

        sb.Append("\nmemory banks (memblock_add)").Append(scan.IsUefiBoot ? " -- UEFI boot: replaced by the UEFI memory map" : "").Append('\n');
        var banks = new List<string[]> { new[] { "node", "prop", "#", "raw base", "raw size", "added range", "size", "nid", "flags" } };
        foreach (var b in scan.Banks)
        {
            banks.Add([b.NodePath, b.Property, b.EntryIndex.ToString(), Hex.Format(b.RawBase), Hex.Format(b.RawSize),
                b.Added ? Range(b.Base, b.Size) : "ignored", b.Added ? Size(b.Size) : "-", b.NumaNodeId?.ToString() ?? "-", b.Hotpluggable ? "hotplug" : "-"]);
        }
        Table(sb, banks);

        sb.Append("\nreservations (memblock_reserve / memblock_mark_nomap)\n");
        var rows = new List<string[]> { new[] { "source", "range", "size", "flags", "node" } };
        foreach (var r in scan.Reservations)
        {
            rows.Add([r.Source switch { ReservationSource.MemReserve => "/memreserve/", ReservationSource.ElfCoreHeader => "elfcorehdr", _ => "reg" },
                Range(r.Base, r.Size), Size(r.Size), r.NoMap ? "no-map" : "-", r.Source == ReservationSource.MemReserve ? $"entry {r.EntryIndex}" : r.NodePath]);
        }
        Table(sb, rows);

        sb.Append("\n/reserved-memory").Append(scan.ReservedMemoryIgnored ? " (ignored by the kernel: cells differ from the root or no ranges)" : "").Append(" -- reserved_mem[] in init order\n");
        var table = new List<string[]> { new[] { "name", "kind", "range / size", "align", "alloc-ranges", "flags", "pool" } };
        foreach (var e in scan.ReservedMemoryTable)
        {
            var request = scan.DynamicRequests.FirstOrDefault(r => ReferenceEquals(r.Entry, e));
            var flags = string.Join(',', new[] { e.NoMap ? "no-map" : null, e.Reusable ? "reusable" : null, e.CmaDefault ? "linux,cma-default" : null }.Where(f => f is not null));
            table.Add([e.Name, e.IsDynamic ? "dynamic" : "static",
                request is not null ? Size(request.Size) : e.IsDynamic ? "invalid" : Range(e.Base, e.Size),
                request is not null ? Hex.Format(request.Alignment) : "-",
                request is not null ? string.Join(' ', request.Ranges.Select(r => r.End == ulong.MaxValue && r.Start == 0 ? "anywhere" : $"{Hex.Format(r.Start)}-{Hex.Format(r.End)}")) : "-",
                flags.Length == 0 ? "-" : flags, e.Pool.ToString()]);
        }
        Table(sb, table);

        var c = scan.Chosen;
        sb.Append($"\n{c.NodePath ?? "/chosen (none)"}\n");
        sb.Append($"  bootargs: {c.Bootargs ?? "-"}\n");
        sb.Append($"  initrd: {(c.InitrdStart is { } s ? $"{Hex.Format(s)}-{Hex.Format(c.InitrdEnd!.Value)}" : "-")}\n");
        sb.Append($"  linux,usable-memory-range: {(c.UsableMemoryRanges.Count == 0 ? "-" : string.Join(' ', c.UsableMemoryRanges.Select(r => Range(r.Address, r.Size))))}\n");
        sb.Append($"  linux,elfcorehdr: {(c.ElfCoreHeader is { } e2 ? Range(e2.Address, e2.Size) : "-")}\n");
        if (c.Uefi is { } u)
            sb.Append($"  uefi: system-table {Opt(u.SystemTable)}, mmap {Opt(u.MemoryMapStart)} size {Opt(u.MemoryMapSize)} desc-size {Opt(u.DescriptorSize)} desc-ver {Opt(u.DescriptorVersion)}\n");

        sb.Append($"\ncpus: {scan.CpuCount} usable of {scan.Cpus.Count}\n");
        foreach (var cpu in scan.Cpus)
            sb.Append($"  {cpu.Path} reg {Opt(cpu.Reg)} {(cpu.Usable ? "" : "(failed) ")}{(cpu.NumaNodeId is { } n ? $"nid {n} " : "")}{cpu.EnableMethod ?? ""}".TrimEnd()).Append('\n');

        if (scan.DmaRanges.LimitingNode is { } dmaNode)
            sb.Append($"\ndma-ranges: DMA reaches up to {Hex.Format(scan.DmaRanges.MaxCpuAddress)} ({dmaNode}); arm64 ends ZONE_DMA there\n");

        if (scan.Diagnostics.Count > 0)
        {
            sb.Append("\nkernel messages\n");
            foreach (var d in scan.Diagnostics)
                sb.Append($"  [{d.Level.ToString().ToLowerInvariant()}] {d.Message.Replace("\n", "\n    ")}\n");
        }
        return sb.ToString();
    }

    private static string Opt(ulong? v) => v is { } x ? Hex.Format(x) : "-";

    private static string Range(ulong b, ulong size) => size == 0 ? $"[{b:x16}, empty]" : $"[{b:x16}-{unchecked(b + size - 1):x16}]";

    private static string Size(ulong size) =>
        size >= 1UL << 30 && size % (1UL << 30) == 0 ? $"{size >> 30} GiB"
        : size >= 1UL << 20 && size % (1UL << 20) == 0 ? $"{size >> 20} MiB"
        : size >= 1UL << 10 && size % (1UL << 10) == 0 ? $"{size >> 10} KiB"
        : $"{size} B";

    private static void Table(StringBuilder sb, List<string[]> rows)
    {
        if (rows.Count == 1)
        {
            sb.Append("  (none)\n");
            return;
        }
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);
        }
        foreach (var row in rows)
        {
            sb.Append("  ");
            for (var i = 0; i < row.Length; i++)
                sb.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            sb.Append('\n');
        }
    }
}
