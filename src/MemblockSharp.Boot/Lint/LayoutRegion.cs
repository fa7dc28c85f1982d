namespace MemblockSharp.Boot.Lint;

/// <summary>What put a region into the early reserved map.</summary>
public enum LayoutRegionKind
{
    /// <summary>The kernel image (<c>_stext</c> to <c>_end</c>).</summary>
    KernelImage,

    /// <summary>The initrd named by /chosen linux,initrd-start/end (page-rounded).</summary>
    Initrd,

    /// <summary>The device tree blob itself.</summary>
    DeviceTreeBlob,

    /// <summary>An entry of the memory-reservation map (<c>/memreserve/</c>).</summary>
    MemReserve,

    /// <summary>A reg entry of a /reserved-memory child.</summary>
    StaticReservedMemory,

    /// <summary>A dynamic /reserved-memory region, where the kernel's allocator placed it.</summary>
    DynamicReservedMemory,

    /// <summary>/chosen linux,elfcorehdr.</summary>
    ElfCoreHeader,
}

/// <summary>One region of the early reserved map, with where it came from.</summary>
/// <param name="Kind">What put it there.</param>
/// <param name="NodePath">The node it comes from (<c>/memreserve/</c> for map entries, <c>/</c> for the kernel image and FDT).</param>
/// <param name="Label">A short name for messages (node name, "kernel image", "initrd", "FDT", "/memreserve/ #1").</param>
/// <param name="EntryIndex">The reg tuple or map entry index (0 otherwise).</param>
/// <param name="Base">The start address.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="NoMap">The region is marked no-map instead of reserved.</param>
/// <param name="Assumed">The address is an assumption (a default load address), not something the tree or the options say.</param>
/// <param name="InTable">The region is the first reg entry of a child that got a reserved_mem[] table entry (the kernel's overlap check sees it).</param>
public sealed record LayoutRegion(LayoutRegionKind Kind, string NodePath, string Label, int EntryIndex, ulong Base, ulong Size,
    bool NoMap, bool Assumed, bool InTable)
{
    /// <summary>One past the last byte (cut at 2^64 - 1 rather than wrapped).</summary>
    public ulong End => Base + Size < Base ? ulong.MaxValue : Base + Size;

    /// <summary>True for the kernel image, the initrd and the FDT (placed by the bootloader, not by the tree's reservations).</summary>
    public bool IsBootImage => Kind is LayoutRegionKind.KernelImage or LayoutRegionKind.Initrd or LayoutRegionKind.DeviceTreeBlob;

    /// <summary>The range as <c>[0x...-0x...]</c> (inclusive end, the kernel's memblock=debug style).</summary>
    public string Range => $"[0x{Base:x}-0x{End - 1:x}]";
}
