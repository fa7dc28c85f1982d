using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Simulation;

/// <summary>A <c>/reserved-memory</c> child as the kernel's early scan sees it.</summary>
internal sealed record ReservedMemoryNode(
    string Name,
    string Path,
    IReadOnlyList<RegEntry> Reg,
    ulong? Size,
    ulong Alignment,
    IReadOnlyList<RegEntry> AllocRanges,
    bool NoMap,
    bool Reusable,
    bool SharedDmaPool,
    bool CmaDefault,
    int Order,
    string? Error = null);

/// <summary>What the early boot reads from the flattened device tree.</summary>
internal sealed class BootDeviceTree
{
    public BootDeviceTree(FlattenedDeviceTree tree, Profiles.KernelProfile profile)
    {
        Tree = tree;
        var root = tree.Root;
        RootAddressCells = root.AddressCells;
        RootSizeCells = root.SizeCells;
        foreach (var node in root.Children)
        {
            if (node.GetProperty("device_type")?.StringEquals("memory") != true || !node.IsAvailable)
                continue;
            int? nid = node.GetProperty("numa-node-id") is { Length: 4 } p ? (int)p.AsU32() : null;
            foreach (var reg in node.ReadReg())
                MemoryBanks.Add((reg.Address, reg.Size, nid, node.HasProperty("hotpluggable")));
        }
        var chosen = tree.FindNode("/chosen");
        if (chosen is not null)
        {
            BootArgs = chosen.GetProperty("bootargs")?.AsString();
            if (chosen.GetProperty("linux,initrd-start") is { } s && chosen.GetProperty("linux,initrd-end") is { } e)
            {
                InitrdStart = s.AsNumber();
                InitrdEnd = e.AsNumber();
            }
            HasRngSeed = chosen.HasProperty("rng-seed");
            if (chosen.GetProperty("linux,uefi-mmap-start") is { } ms && chosen.GetProperty("linux,uefi-mmap-size") is { } mz)
                UefiMemoryMap = (ms.AsNumber(), mz.AsNumber());
        }
        var cpus = tree.FindNode("/cpus");
        if (cpus is not null)
        {
            foreach (var cpu in cpus.Children)
            {
                if (cpu.GetProperty("device_type")?.StringEquals("cpu") != true || !cpu.IsAvailable)
                    continue;
                CpuNodes.Add(cpu.GetProperty("numa-node-id") is { Length: 4 } p ? (int)p.AsU32() : null);
            }
        }
        ReadReservedMemory(root);
        UnflattenSize = ComputeUnflattenSize(profile.Sizes.DeviceNode, profile.Sizes.Property, profile.Sizes.Pointer);
    }

    public FlattenedDeviceTree Tree { get; }
    public int RootAddressCells { get; }
    public int RootSizeCells { get; }
    public List<(ulong Base, ulong Size, int? Nid, bool Hotplug)> MemoryBanks { get; } = [];
    public string? BootArgs { get; }
    public ulong? InitrdStart { get; }
    public ulong? InitrdEnd { get; }
    public bool HasRngSeed { get; }
    public (ulong Start, ulong Size)? UefiMemoryMap { get; }
    public List<int?> CpuNodes { get; } = [];
    public List<ReservedMemoryNode> ReservedMemory { get; } = [];
    public bool ReservedMemoryUnsupported { get; private set; }
    public ulong UnflattenSize { get; }
    public IReadOnlyList<MemoryReservation> MemReserve => Tree.MemoryReservations;
    public ulong TotalSize => Tree.Header.TotalSize;

    private void ReadReservedMemory(DeviceTreeNode root)
    {
        var rm = root.GetChild("reserved-memory");
        if (rm is null)
            return;
        // __reserved_mem_check_root: same cells as the root and an (empty) ranges property.
        if (rm.SizeCells != RootSizeCells || rm.AddressCells != RootAddressCells || !rm.HasProperty("ranges"))
        {
            ReservedMemoryUnsupported = true;
            return;
        }
        int order = 0;
        foreach (var child in rm.Children)
        {
            if (!child.IsAvailable)
                continue;
            // Only dynamic regions read size/alignment/alloc-ranges; the kernel rejects such a node (not the boot)
            // when one of them has the wrong length.
            string? error = null;
            ulong? size = null;
            if (child.GetProperty("size") is { } sp)
            {
                if (sp.Length == RootSizeCells * 4)
                    size = CellReader.ReadNumber(sp.Value.Span, RootSizeCells);
                else
                    error = $"OF: reserved mem: invalid size property in '{child.Name}' node.";
            }
            ulong align = 0;
            if (child.GetProperty("alignment") is { } ap)
            {
                if (ap.Length == RootAddressCells * 4)
                    align = CellReader.ReadNumber(ap.Value.Span, RootAddressCells);
                else
                    error ??= $"OF: reserved mem: invalid alignment property in '{child.Name}' node.";
            }
            IReadOnlyList<RegEntry> ranges = [];
            if (child.GetProperty("alloc-ranges") is { } rp)
            {
                if (rp.Length % ((RootAddressCells + RootSizeCells) * 4) == 0)
                    ranges = DeviceTreeNode.DecodeReg(rp, RootAddressCells, RootSizeCells);
                else
                    error ??= $"OF: reserved mem: invalid alloc-ranges property in '{child.Name}', skip the node.";
            }
            IReadOnlyList<RegEntry> reg = [];
            if (child.GetProperty("reg") is { } regProp)
            {
                if (regProp.Length % ((RootAddressCells + RootSizeCells) * 4) == 0)
                    reg = DeviceTreeNode.DecodeReg(regProp, RootAddressCells, RootSizeCells);
                else
                    error = $"OF: reserved mem: Reserved memory: invalid reg property in '{child.Name}', skipping node.";
            }
            ReservedMemory.Add(new ReservedMemoryNode(child.Name, child.Path, reg, size, align, ranges,
                child.HasProperty("no-map"), child.HasProperty("reusable"), child.IsCompatible("shared-dma-pool"),
                child.HasProperty("linux,cma-default"), order++, error));
        }
    }

    // unflatten_dt_nodes dry run: nodes, their properties and the synthetic "name" property, each aligned to a pointer.
    private ulong ComputeUnflattenSize(ulong nodeSize, ulong propertySize, ulong align)
    {
        ulong mem = 0;
        foreach (var node in Tree.Nodes())
        {
            mem = AlignUp(mem, align) + nodeSize + (ulong)node.Name.Length + 1;
            bool hasName = false;
            foreach (var prop in node.Properties)
            {
                if (prop.Name == "name")
                    hasName = true;
                if (prop.Name == "rng-seed" && node.Path == "/chosen")
                    continue; // early_init_dt_scan_chosen NOPs it before unflattening
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

    internal static ulong AlignUp(ulong value, ulong align) => (value + align - 1) & ~(align - 1);
}
