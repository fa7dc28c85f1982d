using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Replay;

/// <summary>A memory bank from a device-tree memory node, page-aligned as <c>early_init_dt_add_memory_arch</c> does.</summary>
/// <param name="Base">The first address.</param>
/// <param name="Size">The size.</param>
/// <param name="Nid">The <c>numa-node-id</c>, when present.</param>
/// <param name="NodePath">The memory node.</param>
public readonly record struct DtbMemoryBank(ulong Base, ulong Size, int? Nid, string NodePath);

/// <summary>A <c>/reserved-memory</c> child.</summary>
/// <param name="Name">The node name (<c>linux,cma</c>, <c>buffer@51000000</c>).</param>
/// <param name="Path">The node path.</param>
/// <param name="Reg">Its static ranges (empty for a dynamic node).</param>
/// <param name="Size">The <c>size</c> property of a dynamic node.</param>
/// <param name="Alignment">The <c>alignment</c> property.</param>
/// <param name="NoMap">True with <c>no-map</c>.</param>
/// <param name="Reusable">True with <c>reusable</c>.</param>
/// <param name="Compatible">The compatible strings.</param>
public sealed record DtbReservedNode(string Name, string Path, IReadOnlyList<RegEntry> Reg, ulong? Size, ulong? Alignment,
    bool NoMap, bool Reusable, IReadOnlyList<string> Compatible);

/// <summary>The facts of a DTB the replay uses: its size, memory banks, <c>/memreserve/</c> entries and reserved-memory nodes.</summary>
public sealed class DtbFacts
{
    private DtbFacts(ulong totalSize, IReadOnlyList<DtbMemoryBank> banks, IReadOnlyList<MemoryReservation> memReserve, IReadOnlyList<DtbReservedNode> reserved)
    {
        TotalSize = totalSize;
        MemoryBanks = banks;
        MemReserve = memReserve;
        ReservedNodes = reserved;
    }

    /// <summary>The blob's <c>totalsize</c>: what <c>setup_machine_fdt</c> reserves.</summary>
    public ulong TotalSize { get; }

    /// <summary>The banks of the memory nodes (available nodes with <c>device_type = "memory"</c>).</summary>
    public IReadOnlyList<DtbMemoryBank> MemoryBanks { get; }

    /// <summary>The <c>/memreserve/</c> entries.</summary>
    public IReadOnlyList<MemoryReservation> MemReserve { get; }

    /// <summary>The available children of <c>/reserved-memory</c>.</summary>
    public IReadOnlyList<DtbReservedNode> ReservedNodes { get; }

    /// <summary>Reads the facts from a DTB through the boot scan (<see cref="BootScanner"/>), as Linux 6.1 on arm64 sees them.</summary>
    /// <param name="blob">The DTB bytes.</param>
    /// <param name="pageSize">The kernel's page size (memory banks are page-aligned).</param>
    /// <returns>The facts.</returns>
    /// <exception cref="FdtException">The blob is malformed.</exception>
    public static DtbFacts FromBlob(ReadOnlyMemory<byte> blob, ulong pageSize = 4096)
    {
        var tree = FlattenedDeviceTree.Parse(blob);
        var scan = BootScanner.Scan(tree, BootScanOptions.Arm64 with { PageSize = pageSize });
        var banks = scan.AddedBanks.Select(b => new DtbMemoryBank(b.Base, b.Size, b.NumaNodeId, b.NodePath)).ToList();
        var memReserve = scan.Reservations.Where(r => r.Source == ReservationSource.MemReserve && r.Size != 0)
            .Select(r => new MemoryReservation(r.Base, r.Size)).ToList();
        var reserved = new List<DtbReservedNode>();
        foreach (var group in scan.ReservedMemoryTable.GroupBy(e => e.NodePath))
        {
            var first = group.First();
            var request = scan.DynamicRequests.FirstOrDefault(d => d.NodePath == first.NodePath);
            var reg = scan.Reservations.Where(r => r.Source == ReservationSource.ReservedMemoryReg && r.NodePath == first.NodePath)
                .Select(r => new RegEntry(r.Base, r.Size)).ToList();
            reserved.Add(new DtbReservedNode(first.Name, first.NodePath, reg, request?.Size, request?.Alignment,
                first.NoMap, first.Reusable, first.Compatible));
        }
        return new DtbFacts(tree.Header.TotalSize, banks, memReserve, reserved);
    }
}
