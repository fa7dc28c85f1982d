namespace MemblockSharp.DeviceTree;

/// <summary>
/// A node of the tree: its name (with unit address), properties in blob order, children in blob order,
/// and its parent. Nodes are created by the reader (<see cref="FlattenedDeviceTree.Parse(ReadOnlyMemory{byte}, FdtReaderOptions?)"/>).
/// </summary>
public sealed partial class DeviceTreeNode
{
    private readonly List<DeviceTreeProperty> _properties = [];
    private readonly List<DeviceTreeNode> _children = [];
    private string? _path;

    internal DeviceTreeNode(string name, DeviceTreeNode? parent, int offset)
    {
        Name = name;
        Parent = parent;
        Offset = offset;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The full node name as stored: base name and optional <c>@unit-address</c> ("" for the root).</summary>
    public string Name { get; }

    /// <summary>The name without the unit address (<c>memory</c> for <c>memory@40000000</c>).</summary>
    public string BaseName
    {
        get
        {
            var at = Name.IndexOf('@');
            return at < 0 ? Name : Name[..at];
        }
    }

    /// <summary>The unit address (text after the first '@'), or null when the name has none.</summary>
    public string? UnitAddress
    {
        get
        {
            var at = Name.IndexOf('@');
            return at < 0 ? null : Name[(at + 1)..];
        }
    }

    /// <summary>The parent node, or null for the root.</summary>
    public DeviceTreeNode? Parent { get; }

    /// <summary>Nesting depth: 0 for the root.</summary>
    public int Depth { get; }

    /// <summary>The absolute byte offset of the node's BEGIN_NODE tag in the blob (-1 when built in memory).</summary>
    public int Offset { get; }

    /// <summary>The properties in blob order.</summary>
    public IReadOnlyList<DeviceTreeProperty> Properties => _properties;

    /// <summary>The child nodes in blob order.</summary>
    public IReadOnlyList<DeviceTreeNode> Children => _children;

    /// <summary>True for the root node.</summary>
    public bool IsRoot => Parent is null;

    /// <summary>The absolute path (<c>/</c>, <c>/cpus/cpu@0</c>).</summary>
    public string Path => _path ??= ComputePath();

    /// <summary>The property named <paramref name="name"/> (the first one if there are duplicates), or null.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The property or null.</returns>
    public DeviceTreeProperty? GetProperty(string name)
    {
        foreach (var property in _properties)
        {
            if (property.Name == name)
                return property;
        }
        return null;
    }

    /// <summary>True when the node has a property named <paramref name="name"/>.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>True when present.</returns>
    public bool HasProperty(string name) => GetProperty(name) is not null;

    /// <summary>
    /// The child named <paramref name="name"/>, matched as libfdt does: an exact match of the full name, or,
    /// when <paramref name="name"/> has no unit address, the first child whose base name matches.
    /// </summary>
    /// <param name="name">A node name with or without unit address.</param>
    /// <returns>The child or null.</returns>
    public DeviceTreeNode? GetChild(string name)
    {
        var withUnit = name.Contains('@');
        foreach (var child in _children)
        {
            if (child.Name == name)
                return child;
            if (!withUnit && child.Name.Length > name.Length && child.Name[name.Length] == '@'
                && child.Name.StartsWith(name, StringComparison.Ordinal))
                return child;
        }
        return null;
    }

    /// <summary>The phandle from <c>phandle</c> or, failing that, <c>linux,phandle</c>; null when neither is a 4-byte value.</summary>
    public uint? Phandle
    {
        get
        {
            var p = GetProperty("phandle") ?? GetProperty("linux,phandle");
            return p is { Length: 4 } ? p.AsU32() : null;
        }
    }

    /// <summary>The <c>status</c> string, or null when absent or not a string.</summary>
    public string? Status
    {
        get
        {
            var p = GetProperty("status");
            return p is not null && p.Value.Span.IndexOf((byte)0) >= 0 ? p.AsString() : null;
        }
    }

    /// <summary>True when <c>status</c> is absent, "okay" or "ok" (Linux's <c>of_fdt_device_is_available</c>).</summary>
    public bool IsAvailable
    {
        get
        {
            var p = GetProperty("status");
            return p is null || p.StringEquals("okay") || p.StringEquals("ok");
        }
    }

    /// <summary>True when the <c>compatible</c> list contains <paramref name="compatible"/> (case-insensitive, as Linux compares).</summary>
    /// <param name="compatible">The compatible string.</param>
    /// <returns>True on a match.</returns>
    public bool IsCompatible(string compatible) => GetProperty("compatible")?.ContainsString(compatible) ?? false;

    /// <summary>Enumerates this node and all its descendants in blob (depth-first, pre-order) order, without recursion.</summary>
    /// <returns>The nodes.</returns>
    public IEnumerable<DeviceTreeNode> DescendantsAndSelf()
    {
        var stack = new Stack<(DeviceTreeNode Node, int Next)>();
        yield return this;
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next >= node._children.Count)
                continue;
            stack.Push((node, next + 1));
            var child = node._children[next];
            yield return child;
            stack.Push((child, 0));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Path;

    internal void AddProperty(DeviceTreeProperty property) => _properties.Add(property);

    internal void AddChild(DeviceTreeNode child) => _children.Add(child);

    private string ComputePath()
    {
        if (Parent is null)
            return "/";
        var names = new List<string>();
        for (var n = this; n.Parent is not null; n = n.Parent)
            names.Add(n.Name);
        names.Reverse();
        return "/" + string.Join('/', names);
    }
}
