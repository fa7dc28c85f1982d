namespace MemblockSharp.DeviceTree;

public sealed partial class FlattenedDeviceTree
{
    /// <summary>
    /// The aliases of <c>/aliases</c>: name to path, for properties whose value is a NUL-terminated string.
    /// </summary>
    public IReadOnlyDictionary<string, string> Aliases
    {
        get
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            var aliases = Root.GetChild("aliases");
            if (aliases is null)
                return map;
            foreach (var p in aliases.Properties)
            {
                var span = p.Value.Span;
                if (span.Length > 0 && span[^1] == 0 && span.IndexOf((byte)0) == span.Length - 1)
                    map.TryAdd(p.Name, p.AsString());
            }
            return map;
        }
    }

    /// <summary>
    /// Finds a node by absolute path (<c>/soc/serial@1000</c>) or by alias (<c>serial0</c> or
    /// <c>serial0/child</c>), matching each component as libfdt's <c>fdt_path_offset</c> does: an exact name, or
    /// the first node with that base name when the component has no unit address.
    /// </summary>
    /// <param name="path">An absolute path or an alias-relative path.</param>
    /// <returns>The node, or null when there is none.</returns>
    public DeviceTreeNode? FindNode(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
            return null;
        var node = Root;
        var rest = path.AsSpan();
        if (rest[0] != '/')
        {
            var slash = rest.IndexOf('/');
            var alias = slash < 0 ? rest : rest[..slash];
            if (!Aliases.TryGetValue(alias.ToString(), out var target) || target.Length == 0 || target[0] != '/')
                return null;
            var start = FindNode(target);
            if (start is null)
                return null;
            node = start;
            rest = slash < 0 ? [] : rest[slash..];
        }
        foreach (var range in rest.Split('/'))
        {
            var component = rest[range];
            if (component.IsEmpty)
                continue;
            var next = node.GetChild(component.ToString());
            if (next is null)
                return null;
            node = next;
        }
        return node;
    }
}
