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

    /// <summary>Reads the facts from a DTB.</summary>
    /// <param name="blob">The DTB bytes.</param>
    /// <param name="pageSize">The kernel's page size (memory banks are page-aligned).</param>
    /// <returns>The facts.</returns>
    /// <exception cref="FdtException">The blob is malformed.</exception>
    public static DtbFacts FromBlob(ReadOnlyMemory<byte> blob, ulong pageSize = 4096)
    {
        var tree = MemblockSharp.DeviceTree.DeviceTree.Parse(blob);
        var banks = new List<DtbMemoryBank>();
        foreach (var node in tree.Root.Children)
        {
            if (!node.IsAvailable || node.GetProperty("device_type")?.StringEquals("memory") != true)
                continue;
            var usable = node.GetProperty("linux,usable-memory");
            var regs = usable is not null ? DeviceTreeNode.DecodeReg(usable, tree.Root.AddressCells, tree.Root.SizeCells) : node.ReadReg();
            int? nid = node.GetProperty("numa-node-id") is { Length: 4 } p ? (int)p.AsU32() : null;
            foreach (var r in regs)
            {
                ulong b = r.Address, s = r.Size;
                ulong misalign = b & (pageSize - 1);
                if (misalign != 0)
                {
                    if (s < pageSize - misalign)
                        continue;
                    s -= pageSize - misalign;
                    b += pageSize - misalign;
                }
                s &= ~(pageSize - 1);
                if (s != 0)
                    banks.Add(new DtbMemoryBank(b, s, nid, node.Path));
            }
        }
        var reserved = new List<DtbReservedNode>();
        var rm = tree.Root.GetChild("reserved-memory");
        if (rm is not null)
        {
            foreach (var child in rm.Children)
            {
                if (!child.IsAvailable)
                    continue;
                var size = child.GetProperty("size");
                var align = child.GetProperty("alignment");
                reserved.Add(new DtbReservedNode(child.Name, child.Path, child.GetProperty("reg") is null ? [] : child.ReadReg(),
                    size is null ? null : Cells(size.AsCells()), align is null ? null : Cells(align.AsCells()),
                    child.HasProperty("no-map"), child.HasProperty("reusable"),
                    child.GetProperty("compatible")?.AsStringList() ?? []));
            }
        }
        return new DtbFacts(tree.Header.TotalSize, banks, tree.MemoryReservations.Where(r => r.Size != 0).ToList(), reserved);
    }

    private static ulong Cells(uint[] cells)
    {
        ulong v = 0;
        foreach (var c in cells)
            v = (v << 32) | c;
        return v;
    }
}
