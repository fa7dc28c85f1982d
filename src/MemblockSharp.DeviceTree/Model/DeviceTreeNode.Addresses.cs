namespace MemblockSharp.DeviceTree;

/// <summary>One (address, size) tuple of a <c>reg</c> property.</summary>
/// <param name="Address">The address (the last two cells when #address-cells exceeds 2, as Linux reads it).</param>
/// <param name="Size">The size (likewise).</param>
public readonly record struct RegEntry(ulong Address, ulong Size);

/// <summary>One (child address, parent address, size) tuple of a <c>ranges</c> property.</summary>
/// <param name="ChildAddress">The address in the node's own space.</param>
/// <param name="ParentAddress">The address in the parent's space.</param>
/// <param name="Size">The size of the window.</param>
public readonly record struct RangeEntry(ulong ChildAddress, ulong ParentAddress, ulong Size);

public sealed partial class DeviceTreeNode
{
    /// <summary>The default #address-cells of the device-tree specification when a node does not say.</summary>
    public const int DefaultAddressCells = 2;

    /// <summary>The default #size-cells of the device-tree specification when a node does not say.</summary>
    public const int DefaultSizeCells = 1;

    /// <summary>The largest cell count this library decodes in one number (like libfdt's FDT_MAX_NCELLS).</summary>
    public const int MaxCells = 4;

    /// <summary>The node's own <c>#address-cells</c> (for its children's <c>reg</c>), or 2 when absent.</summary>
    /// <exception cref="FdtException">The property is not one cell or exceeds <see cref="MaxCells"/>.</exception>
    public int AddressCells => ReadCellCount("#address-cells", DefaultAddressCells, allowZero: false);

    /// <summary>The node's own <c>#size-cells</c> (for its children's <c>reg</c>), or 1 when absent.</summary>
    /// <exception cref="FdtException">The property is not one cell or exceeds <see cref="MaxCells"/>.</exception>
    public int SizeCells => ReadCellCount("#size-cells", DefaultSizeCells, allowZero: true);

    /// <summary>Decodes <c>reg</c> with the parent's #address-cells and #size-cells.</summary>
    /// <returns>The tuples, or an empty list when the node has no <c>reg</c>.</returns>
    /// <exception cref="FdtException">The cell counts are invalid or the length is not a whole number of tuples.</exception>
    public IReadOnlyList<RegEntry> ReadReg()
    {
        var reg = GetProperty("reg");
        if (reg is null)
            return [];
        var parent = Parent ?? this;
        return DecodeReg(reg, parent.AddressCells, parent.SizeCells);
    }

    /// <summary>Decodes a property made of (address, size) tuples with the given cell counts.</summary>
    /// <param name="property">The property (reg, linux,usable-memory, alloc-ranges, ...).</param>
    /// <param name="addressCells">Cells per address.</param>
    /// <param name="sizeCells">Cells per size.</param>
    /// <returns>The tuples.</returns>
    /// <exception cref="FdtException">The length is not a whole number of tuples.</exception>
    public static IReadOnlyList<RegEntry> DecodeReg(DeviceTreeProperty property, int addressCells, int sizeCells)
    {
        var tuple = (addressCells + sizeCells) * 4;
        if (tuple == 0 || property.Length % tuple != 0)
            throw new FdtException(FdtErrorKind.CellLengthMismatch, property.ValueOffset,
                $"property '{property.Name}' has {property.Length} bytes, not a whole number of " +
                $"({addressCells} address + {sizeCells} size)-cell tuples", property.Node.Path);
        var span = property.Value.Span;
        var list = new RegEntry[property.Length / tuple];
        for (var i = 0; i < list.Length; i++)
        {
            var entry = span.Slice(i * tuple, tuple);
            list[i] = new RegEntry(
                CellReader.ReadNumber(entry, addressCells),
                CellReader.ReadNumber(entry[(addressCells * 4)..], sizeCells));
        }
        return list;
    }

    /// <summary>
    /// Decodes <c>ranges</c>: child addresses use this node's #address-cells, parent addresses the parent's
    /// #address-cells, sizes this node's #size-cells. An empty <c>ranges</c> (identity mapping) gives an empty list.
    /// </summary>
    /// <returns>The windows, or an empty list when absent or empty.</returns>
    /// <exception cref="FdtException">The cell counts are invalid or the length is not a whole number of tuples.</exception>
    public IReadOnlyList<RangeEntry> ReadRanges()
    {
        var ranges = GetProperty("ranges");
        if (ranges is null || ranges.IsEmpty)
            return [];
        int childCells = AddressCells, sizeCells = SizeCells;
        var parentCells = (Parent ?? this).AddressCells;
        var tuple = (childCells + parentCells + sizeCells) * 4;
        if (ranges.Length % tuple != 0)
            throw new FdtException(FdtErrorKind.CellLengthMismatch, ranges.ValueOffset,
                $"property 'ranges' has {ranges.Length} bytes, not a whole number of " +
                $"({childCells} child + {parentCells} parent + {sizeCells} size)-cell tuples", Path);
        var span = ranges.Value.Span;
        var list = new RangeEntry[ranges.Length / tuple];
        for (var i = 0; i < list.Length; i++)
        {
            var entry = span.Slice(i * tuple, tuple);
            list[i] = new RangeEntry(
                CellReader.ReadNumber(entry, childCells),
                CellReader.ReadNumber(entry[(childCells * 4)..], parentCells),
                CellReader.ReadNumber(entry[((childCells + parentCells) * 4)..], sizeCells));
        }
        return list;
    }

    private int ReadCellCount(string name, int fallback, bool allowZero)
    {
        var p = GetProperty(name);
        if (p is null)
            return fallback;
        var value = p.AsU32();
        if (value > MaxCells || (!allowZero && value == 0))
            throw new FdtException(FdtErrorKind.BadCellCount, p.ValueOffset,
                $"{name} = {value} is outside {(allowZero ? 0 : 1)}..{MaxCells}", Path);
        return (int)value;
    }
}
