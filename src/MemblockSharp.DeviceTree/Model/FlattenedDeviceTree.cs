namespace MemblockSharp.DeviceTree;

/// <summary>
/// A parsed flattened device tree: the header, the memory-reservation map and the node tree. Property
/// values are slices of the blob, so the blob is kept alive by the tree.
/// </summary>
/// <remarks>
/// Parsing validates everything libfdt's <c>fdt_check_full</c> validates (plus block alignment, block overlap,
/// a single unnamed root and a depth limit) in one pass; any defect raises <see cref="FdtException"/>.
/// </remarks>
public sealed partial class FlattenedDeviceTree
{
    private Dictionary<uint, DeviceTreeNode>? _phandles;

    internal FlattenedDeviceTree(ReadOnlyMemory<byte> blob, FdtHeader header, IReadOnlyList<MemoryReservation> reservations,
        DeviceTreeNode root, int nodeCount, int propertyCount)
    {
        Blob = blob;
        Header = header;
        MemoryReservations = reservations;
        Root = root;
        NodeCount = nodeCount;
        PropertyCount = propertyCount;
    }

    /// <summary>The blob the tree was read from.</summary>
    public ReadOnlyMemory<byte> Blob { get; }

    /// <summary>The header fields.</summary>
    public FdtHeader Header { get; }

    /// <summary>The memory-reservation map entries (<c>/memreserve/</c>), in blob order.</summary>
    public IReadOnlyList<MemoryReservation> MemoryReservations { get; }

    /// <summary>The root node.</summary>
    public DeviceTreeNode Root { get; }

    /// <summary>The number of nodes, the root included.</summary>
    public int NodeCount { get; }

    /// <summary>The number of properties over all nodes.</summary>
    public int PropertyCount { get; }

    /// <summary>Parses a blob, copying it first.</summary>
    /// <param name="blob">The DTB bytes.</param>
    /// <param name="options">Limits; <see cref="FdtReaderOptions.Default"/> when null.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="FdtException">The blob is malformed.</exception>
    public static FlattenedDeviceTree Parse(ReadOnlySpan<byte> blob, FdtReaderOptions? options = null) =>
        FdtReader.Read(blob.ToArray(), options ?? FdtReaderOptions.Default);

    /// <summary>Parses a blob without copying it: property values are slices of <paramref name="blob"/>.</summary>
    /// <param name="blob">The DTB bytes; must not change while the tree is used.</param>
    /// <param name="options">Limits; <see cref="FdtReaderOptions.Default"/> when null.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="FdtException">The blob is malformed.</exception>
    public static FlattenedDeviceTree Parse(ReadOnlyMemory<byte> blob, FdtReaderOptions? options = null) =>
        FdtReader.Read(blob, options ?? FdtReaderOptions.Default);

    /// <summary>Parses a blob, reporting a defect instead of throwing.</summary>
    /// <param name="blob">The DTB bytes.</param>
    /// <param name="tree">The tree, or null on failure.</param>
    /// <param name="error">The defect, or null on success.</param>
    /// <param name="options">Limits; <see cref="FdtReaderOptions.Default"/> when null.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(ReadOnlyMemory<byte> blob, out FlattenedDeviceTree? tree, out FdtException? error,
        FdtReaderOptions? options = null)
    {
        try
        {
            tree = Parse(blob, options);
            error = null;
            return true;
        }
        catch (FdtException ex)
        {
            tree = null;
            error = ex;
            return false;
        }
    }

    /// <summary>Reads a DTB file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">Limits; <see cref="FdtReaderOptions.Default"/> when null.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="FdtException">The blob is malformed (the message names the file).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static FlattenedDeviceTree Load(string path, FdtReaderOptions? options = null)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            return Parse(bytes.AsMemory(), options);
        }
        catch (FdtException ex)
        {
            throw new FdtException(ex.Kind, ex.Offset, ex.Detail, ex.NodePath, path);
        }
    }

    /// <summary>Enumerates every node in blob order, without recursion.</summary>
    /// <returns>The nodes.</returns>
    public IEnumerable<DeviceTreeNode> Nodes() => Root.DescendantsAndSelf();

    /// <summary>The node with phandle <paramref name="phandle"/>, or null.</summary>
    /// <param name="phandle">The phandle value.</param>
    /// <returns>The node or null.</returns>
    public DeviceTreeNode? FindByPhandle(uint phandle)
    {
        if (_phandles is null)
        {
            var map = new Dictionary<uint, DeviceTreeNode>();
            foreach (var node in Nodes())
            {
                if (node.Phandle is { } ph)
                    map.TryAdd(ph, node);
            }
            _phandles = map;
        }
        return _phandles.GetValueOrDefault(phandle);
    }
}
