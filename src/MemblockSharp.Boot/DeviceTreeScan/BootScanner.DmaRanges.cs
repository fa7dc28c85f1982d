using MemblockSharp.DeviceTree;
using static MemblockSharp.Boot.DeviceTreeScan.KernelCells;

namespace MemblockSharp.Boot.DeviceTreeScan;

/// <summary>The highest CPU address any bus of the tree can reach by DMA, as <c>of_dma_get_max_cpu_address(NULL)</c> finds it.</summary>
/// <param name="MaxCpuAddress">The last byte (inclusive) that every <c>dma-ranges</c> of the tree reaches; <see cref="ulong.MaxValue"/>
/// (PHYS_ADDR_MAX) when no available node has a non-empty <c>dma-ranges</c>.</param>
/// <param name="LimitingNode">The node whose <c>dma-ranges</c> gives <paramref name="MaxCpuAddress"/>, or null when none limits it.</param>
public sealed record DmaRangesLimit(ulong MaxCpuAddress, string? LimitingNode)
{
    /// <summary>No bus limits DMA (PHYS_ADDR_MAX).</summary>
    public static DmaRangesLimit None { get; } = new(ulong.MaxValue, null);
}

public static partial class BootScanner
{
    /// <summary>
    /// <c>of_dma_get_max_cpu_address(NULL)</c> (drivers/of/address.c, the same in 6.1 and 6.12): the lowest, over every node
    /// reached through available nodes from the root, of the highest CPU address its <c>dma-ranges</c> maps (each range's
    /// parent-bus address translated up through the ancestors' <c>dma-ranges</c>, an absent one being 1:1).
    /// </summary>
    /// <param name="tree">The parsed blob.</param>
    /// <returns>The limit and the node that sets it.</returns>
    public static DmaRangesLimit DmaLimit(FlattenedDeviceTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ulong max = ulong.MaxValue;
        string? limiting = null;
        var pending = new Stack<DeviceTreeNode>();
        pending.Push(tree.Root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node.GetProperty("dma-ranges") is { Length: > 0 } property)
            {
                ulong end = DmaRangesEnd(node, property);
                if (end < max)
                {
                    max = end;
                    limiting = node.Path;
                }
            }
            for (int i = node.Children.Count - 1; i >= 0; i--)
            {
                if (node.Children[i].IsAvailable)
                    pending.Push(node.Children[i]);
            }
        }
        return new DmaRangesLimit(max, limiting);
    }

    private const ulong BadAddress = ulong.MaxValue; // OF_BAD_ADDR
    private const int MaxAddressCells = 4;            // OF_MAX_ADDR_CELLS

    /// <summary>The bus kinds of of_busses[]: how an address is matched against a range and which cells are flags.</summary>
    private enum DmaBus { Pci, Isa, DefaultFlags, Default }

    private static int FlagCells(DmaBus bus) => bus == DmaBus.Default ? 0 : 1;

    // of_match_bus: the first bus kind whose match accepts the node.
    private static DmaBus MatchBus(DeviceTreeNode node)
    {
        var type = node.GetProperty("device_type");
        if (type is not null && (type.StringEquals("pci") || type.StringEquals("pciex") || type.StringEquals("vci") || type.StringEquals("ht")))
            return DmaBus.Pci;
        if (node.BaseName == "pcie")
            return DmaBus.Pci;
        if (node.BaseName == "isa")
            return DmaBus.Isa;
        return BusAddressCells(node) == 3 ? DmaBus.DefaultFlags : DmaBus.Default;
    }

    // of_bus_n_addr_cells / of_bus_n_size_cells: the node's own count, else the nearest ancestor's, else the root default (1).
    private static int BusAddressCells(DeviceTreeNode? node) => InheritedCells(node, "#address-cells");

    private static int BusSizeCells(DeviceTreeNode? node) => InheritedCells(node, "#size-cells");

    private static int InheritedCells(DeviceTreeNode? node, string name)
    {
        for (; node is not null; node = node.Parent)
        {
            if (FirstCell(node.GetProperty(name)) is { } cells)
                return (int)Math.Min(cells, int.MaxValue);
        }
        return RootCellsDefault;
    }

    // of_n_addr_cells / of_n_size_cells: the counts of the bus the node sits on (from its parent up).
    private static int ParentAddressCells(DeviceTreeNode node) => BusAddressCells(node.Parent ?? node);

    private static int ParentSizeCells(DeviceTreeNode node) => BusSizeCells(node.Parent ?? node);

    private static bool CountsUsable(int na, int ns) => na is > 0 and <= MaxAddressCells && ns > 0;

    // The resource flags get_flags gives a range (compared when contiguous ranges are merged).
    private static uint RangeFlags(DmaBus bus, uint[] cells, int at)
    {
        const uint io = 0x100, mem = 0x200, mem64 = 0x100000, prefetch = 0x2000;
        uint first = at < cells.Length ? cells[at] : 0;
        return bus switch
        {
            DmaBus.Pci => ((first >> 24) & 3) switch { 1 => io, 2 => mem, 3 => mem | mem64, _ => 0u } | ((first & 0x4000_0000) != 0 ? prefetch : 0),
            DmaBus.Isa => (first & 1) != 0 ? io : mem,
            DmaBus.DefaultFlags => first,
            _ => mem,
        };
    }

    // The loop of of_dma_get_max_cpu_address over one node's ranges (of_pci_range_parser_one merging contiguous ones):
    // the highest cpu_addr + size - 1 it sees, 0 when it parses none, in the kernel's wrapping 64-bit arithmetic.
    private static ulong DmaRangesEnd(DeviceTreeNode node, DeviceTreeProperty property)
    {
        uint[] cells = WholeCells(property);
        int na = BusAddressCells(node), pna = ParentAddressCells(node), ns = BusSizeCells(node);
        int np = pna + na + ns;
        var bus = MatchBus(node);
        ulong cpuEnd = 0;
        int at = 0;
        if (np <= 0 || na < FlagCells(bus))
            return cpuEnd;
        while (at + np <= cells.Length)
        {
            uint flags = RangeFlags(bus, cells, at);
            ulong busAddr = ReadCellArray(cells, at + FlagCells(bus), na - FlagCells(bus));
            ulong cpu = TranslateDmaAddress(node, cells, at + na, pna);
            ulong size = ReadCellArray(cells, at + pna + na, ns);
            at += np;
            while (at + np <= cells.Length)
            {
                uint nextFlags = RangeFlags(bus, cells, at);
                ulong nextBus = ReadCellArray(cells, at + FlagCells(bus), na - FlagCells(bus));
                ulong nextCpu = TranslateDmaAddress(node, cells, at + na, pna);
                ulong nextSize = ReadCellArray(cells, at + pna + na, ns);
                if (nextFlags != flags || nextBus != unchecked(busAddr + size) || nextCpu != unchecked(cpu + size))
                    break;
                size = unchecked(size + nextSize);
                at += np;
            }
            if (unchecked(cpu + size) > cpuEnd)
                cpuEnd = unchecked(cpu + size - 1);
        }
        return cpuEnd;
    }

    // The property's whole cells (the kernel stops at the last complete one).
    private static uint[] WholeCells(DeviceTreeProperty property)
    {
        var span = property.Value.Span;
        var cells = new uint[span.Length / 4];
        for (int i = 0; i < cells.Length; i++)
            cells[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(span.Slice(i * 4, 4));
        return cells;
    }

    private static ulong ReadCellArray(uint[] cells, int at, int count)
    {
        ulong value = 0;
        for (int i = 0; i < count; i++)
            value = (value << 32) | (at + i < cells.Length ? cells[at + i] : 0u);
        return value;
    }

    // of_translate_dma_address(node, address): the address on the node's parent bus, carried up through each ancestor's
    // dma-ranges to the root (an ancestor without dma-ranges, or with an empty one, maps 1:1); OF_BAD_ADDR when a level
    // has unusable cell counts or no range holds the address.
    private static ulong TranslateDmaAddress(DeviceTreeNode node, uint[] source, int at, int count)
    {
        var dev = node;
        var parent = dev.Parent;
        if (parent is null)
            return BadAddress;
        var bus = MatchBus(parent);
        int na = ParentAddressCells(dev), ns = ParentSizeCells(dev);
        if (!CountsUsable(na, ns))
            return BadAddress;
        var addr = new uint[MaxAddressCells];
        for (int i = 0; i < na; i++)
            addr[i] = i < count && at + i < source.Length ? source[at + i] : 0;
        while (true)
        {
            dev = parent;
            parent = dev.Parent;
            if (parent is null)
                return ReadCellArray(addr, 0, na);
            var pbus = MatchBus(parent);
            int pna = ParentAddressCells(dev), pns = ParentSizeCells(dev);
            if (!CountsUsable(pna, pns) || !TranslateOneLevel(dev, bus, pbus, addr, na, ns, pna))
                return BadAddress;
            na = pna;
            ns = pns;
            bus = pbus;
        }
    }

    // of_translate_one with "dma-ranges": map addr (na cells on dev's bus) into dev's parent bus (pna cells).
    private static bool TranslateOneLevel(DeviceTreeNode dev, DmaBus bus, DmaBus pbus, uint[] addr, int na, int ns, int pna)
    {
        var ranges = dev.GetProperty("dma-ranges");
        ulong offset;
        if (ranges is null || ranges.Length == 0)
        {
            offset = ReadCellArray(addr, 0, na);
            for (int i = FlagCells(pbus); i < pna; i++)
                addr[i] = 0;
            return TranslateInto(pbus, addr, offset, pna);
        }
        uint[] cells = WholeCells(ranges);
        int rone = na + pna + ns;
        for (int at = 0; rone > 0 && at + rone <= cells.Length; at += rone)
        {
            offset = MapIntoRange(bus, addr, cells, at, na, ns, pna);
            if (offset == BadAddress)
                continue;
            for (int i = 0; i < pna; i++)
                addr[i] = cells[at + na + i];
            return TranslateInto(pbus, addr, offset, pna);
        }
        return false;
    }

    // The bus's map: the offset of addr within the range at cells[at], or OF_BAD_ADDR when outside it or of another kind.
    private static ulong MapIntoRange(DmaBus bus, uint[] addr, uint[] cells, int at, int na, int ns, int pna)
    {
        int fna = FlagCells(bus);
        switch (bus)
        {
            case DmaBus.Pci:
                if (((RangeFlags(bus, addr, 0) ^ RangeFlags(bus, cells, at)) & 0x300) != 0)
                    return BadAddress;
                break;
            case DmaBus.Isa:
                if (((addr[0] ^ cells[at]) & 1) != 0)
                    return BadAddress;
                break;
            case DmaBus.DefaultFlags:
                if (addr[0] != cells[at])
                    return BadAddress;
                break;
        }
        ulong cp = ReadCellArray(cells, at + fna, na - fna);
        ulong s = ReadCellArray(cells, at + na + pna, ns);
        ulong da = ReadCellArray(addr, fna, na - fna);
        if (da < cp || da >= unchecked(cp + s))
            return BadAddress;
        return da - cp;
    }

    // The parent bus's translate: add offset to the address cells after its flag cells.
    private static bool TranslateInto(DmaBus pbus, uint[] addr, ulong offset, int pna)
    {
        int fna = FlagCells(pbus);
        int cells = pna - fna;
        ulong a = unchecked(ReadCellArray(addr, fna, cells) + offset);
        for (int i = fna; i < pna; i++)
            addr[i] = 0;
        if (cells > 1)
            addr[fna + cells - 2] = (uint)(a >> 32);
        if (cells > 0)
            addr[fna + cells - 1] = (uint)a;
        return true;
    }
}
