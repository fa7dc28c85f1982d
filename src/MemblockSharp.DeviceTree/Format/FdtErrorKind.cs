namespace MemblockSharp.DeviceTree;

/// <summary>
/// The closed set of reasons a blob is rejected or a property cannot be decoded. Each kind maps to the
/// libfdt error that <c>fdt_check_full</c> reports for the same defect (<see cref="FdtErrorKinds.ToLibfdtError"/>).
/// </summary>
public enum FdtErrorKind
{
    /// <summary>The buffer is shorter than the header its version needs (libfdt: FDT_ERR_TRUNCATED).</summary>
    HeaderTruncated,

    /// <summary>The magic word is not 0xd00dfeed (an unfinished sequential-write blob included) (FDT_ERR_BADMAGIC).</summary>
    BadMagic,

    /// <summary>The version is below 2, the last compatible version above 17, or the version below the last compatible one (FDT_ERR_BADVERSION).</summary>
    BadVersion,

    /// <summary><c>totalsize</c> is smaller than the header, larger than 2^31-1 or larger than the buffer (FDT_ERR_TRUNCATED).</summary>
    BadTotalSize,

    /// <summary>A block (reservation map, structure, strings) starts inside the header or ends past <c>totalsize</c> (FDT_ERR_TRUNCATED).</summary>
    BlockOutOfBounds,

    /// <summary>The reservation map or structure block does not start on its required alignment (8 and 4 bytes) (FDT_ERR_ALIGNMENT).</summary>
    MisalignedBlock,

    /// <summary>Two of the three blocks share bytes (FDT_ERR_BADLAYOUT).</summary>
    BlocksOverlap,

    /// <summary>The reservation map runs past the end of the blob before its terminating entry (FDT_ERR_TRUNCATED).</summary>
    ReservationMapTruncated,

    /// <summary>The structure block ends before a tag could be read (FDT_ERR_TRUNCATED).</summary>
    StructureTruncated,

    /// <summary>A tag word that is none of BEGIN_NODE, END_NODE, PROP, NOP, END (FDT_ERR_BADSTRUCTURE).</summary>
    UnknownTag,

    /// <summary>A node name runs past the end of the structure block without its NUL (FDT_ERR_BADSTRUCTURE).</summary>
    UnterminatedNodeName,

    /// <summary>A node name is malformed (a pre-v16 path without '/') (FDT_ERR_BADSTRUCTURE).</summary>
    BadNodeName,

    /// <summary>A property header or value runs past the end of the structure block (FDT_ERR_BADSTRUCTURE).</summary>
    PropertyTruncated,

    /// <summary>A property appears outside any node (FDT_ERR_BADSTRUCTURE).</summary>
    PropertyOutsideNode,

    /// <summary>An END_NODE with no open node (FDT_ERR_BADSTRUCTURE).</summary>
    UnbalancedEndNode,

    /// <summary>FDT_END while nodes are still open (FDT_ERR_BADSTRUCTURE).</summary>
    UnclosedNode,

    /// <summary>The root node has a name (FDT_ERR_BADSTRUCTURE).</summary>
    NamedRoot,

    /// <summary>A second top-level node after the root was closed (FDT_ERR_BADSTRUCTURE).</summary>
    MultipleRoots,

    /// <summary>The structure block holds no root node (FDT_ERR_BADSTRUCTURE).</summary>
    MissingRoot,

    /// <summary>Nodes nest deeper than <see cref="FdtReaderOptions.MaxDepth"/> (FDT_ERR_BADSTRUCTURE).</summary>
    DepthExceeded,

    /// <summary>A property name offset points outside the strings block (FDT_ERR_BADOFFSET).</summary>
    BadStringOffset,

    /// <summary>A property name runs past the end of the strings block without its NUL (FDT_ERR_TRUNCATED).</summary>
    UnterminatedString,

    /// <summary>A property value has the wrong length for the requested type (FDT_ERR_BADVALUE).</summary>
    BadPropertyValue,

    /// <summary>#address-cells or #size-cells is missing where required or out of range (FDT_ERR_BADNCELLS).</summary>
    BadCellCount,

    /// <summary>A reg/ranges value is not a whole number of (address, size) tuples (FDT_ERR_BADVALUE).</summary>
    CellLengthMismatch,
}

/// <summary>Helpers over <see cref="FdtErrorKind"/>.</summary>
public static class FdtErrorKinds
{
    /// <summary>The libfdt error name (<c>FDT_ERR_*</c>) that libfdt's <c>fdt_check_full</c> gives for the same defect.</summary>
    /// <param name="kind">The error kind.</param>
    /// <returns>A name such as <c>FDT_ERR_TRUNCATED</c>.</returns>
    public static string ToLibfdtError(this FdtErrorKind kind) => kind switch
    {
        FdtErrorKind.BadMagic => "FDT_ERR_BADMAGIC",
        FdtErrorKind.BadVersion => "FDT_ERR_BADVERSION",
        FdtErrorKind.HeaderTruncated or FdtErrorKind.BadTotalSize or FdtErrorKind.BlockOutOfBounds
            or FdtErrorKind.ReservationMapTruncated or FdtErrorKind.StructureTruncated
            or FdtErrorKind.UnterminatedString => "FDT_ERR_TRUNCATED",
        FdtErrorKind.MisalignedBlock => "FDT_ERR_ALIGNMENT",
        FdtErrorKind.BlocksOverlap => "FDT_ERR_BADLAYOUT",
        FdtErrorKind.BadStringOffset => "FDT_ERR_BADOFFSET",
        FdtErrorKind.BadPropertyValue or FdtErrorKind.CellLengthMismatch => "FDT_ERR_BADVALUE",
        FdtErrorKind.BadCellCount => "FDT_ERR_BADNCELLS",
        _ => "FDT_ERR_BADSTRUCTURE",
    };
}
