using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Simulation;

/// <summary>How much memory <c>unflatten_device_tree</c> takes for a tree (the size its dry run computes).</summary>
internal static class UnflattenedTreeSize
{
    /// <summary>
    /// <c>unflatten_dt_nodes</c> dry run: each node, its properties and the synthetic <c>name</c> property, each aligned
    /// to a pointer; <c>/chosen/rng-seed</c> does not count (the early scan turned it into NOPs).
    /// </summary>
    /// <param name="tree">The tree.</param>
    /// <param name="sizes">The kernel's structure sizes.</param>
    /// <returns>Bytes, with the 4-byte end marker.</returns>
    public static ulong Of(DeviceTree.FlattenedDeviceTree tree, KernelStructSizes sizes)
    {
        ulong nodeSize = sizes.DeviceNode, propertySize = sizes.Property, align = sizes.Pointer;
        ulong mem = 0;
        foreach (var node in tree.Nodes())
        {
            mem = AlignUp(mem, align) + nodeSize + (ulong)node.Name.Length + 1;
            bool hasName = false;
            foreach (var prop in node.Properties)
            {
                if (prop.Name == "name")
                    hasName = true;
                if (prop.Name == "rng-seed" && node.Path == "/chosen")
                    continue;
                mem = AlignUp(mem, align) + propertySize;
            }
            if (!hasName)
            {
                string name = node.Name;
                int at = name.IndexOf('@', StringComparison.Ordinal);
                ulong len = (ulong)(at < 0 ? name.Length : at) + 1;
                mem = AlignUp(mem, align) + propertySize + len;
            }
        }
        return AlignUp(mem, 4) + 4;
    }

    private static ulong AlignUp(ulong value, ulong align) => (value + align - 1) & ~(align - 1);
}
