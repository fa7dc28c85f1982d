namespace MemblockSharp.DeviceTree;

/// <summary>
/// The one exception the device-tree reader throws for bad data: a closed <see cref="Kind"/>, the byte
/// <see cref="Offset"/> in the blob where the defect is, and (when known) the node path.
/// </summary>
public sealed class FdtException : FormatException
{
    /// <summary>Creates an exception for a defect of <paramref name="kind"/> at <paramref name="offset"/>.</summary>
    /// <param name="kind">What is wrong.</param>
    /// <param name="offset">The absolute byte offset in the blob.</param>
    /// <param name="detail">A human-readable explanation.</param>
    /// <param name="nodePath">The path of the node being read, when known.</param>
    /// <param name="source">The file the blob came from, when known.</param>
    public FdtException(FdtErrorKind kind, long offset, string detail, string? nodePath = null, string? source = null)
        : base(Compose(kind, offset, detail, nodePath, source))
    {
        Kind = kind;
        Offset = offset;
        Detail = detail;
        NodePath = nodePath;
        FileName = source;
    }

    /// <summary>What is wrong.</summary>
    public FdtErrorKind Kind { get; }

    /// <summary>The absolute byte offset in the blob where the defect was found.</summary>
    public long Offset { get; }

    /// <summary>The explanation without the location prefix.</summary>
    public string Detail { get; }

    /// <summary>The path of the node being read when the defect was found, or null.</summary>
    public string? NodePath { get; }

    /// <summary>The file the blob came from, or null.</summary>
    public string? FileName { get; }

    private static string Compose(FdtErrorKind kind, long offset, string detail, string? nodePath, string? source) =>
        (source is null ? "" : source + ": ")
        + $"invalid device tree blob at byte 0x{offset:x}"
        + (nodePath is null ? "" : $" in node '{nodePath}'")
        + $" ({kind}, {kind.ToLibfdtError()}): {detail}";
}
