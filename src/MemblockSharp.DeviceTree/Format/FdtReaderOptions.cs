namespace MemblockSharp.DeviceTree;

/// <summary>Limits the reader enforces on untrusted input.</summary>
public sealed record FdtReaderOptions
{
    /// <summary>The default options: depth limit 256.</summary>
    public static FdtReaderOptions Default { get; } = new();

    /// <summary>The deepest node nesting accepted (the root is depth 1). Default 256.</summary>
    public int MaxDepth { get; init; } = 256;
}
