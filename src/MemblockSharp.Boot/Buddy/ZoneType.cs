namespace MemblockSharp.Boot.Buddy;

/// <summary>The zones of a node, in the kernel's order (<c>enum zone_type</c> of a kernel that has them all).</summary>
public enum ZoneType
{
    /// <summary><c>ZONE_DMA</c>.</summary>
    Dma,

    /// <summary><c>ZONE_DMA32</c>.</summary>
    Dma32,

    /// <summary><c>ZONE_NORMAL</c>.</summary>
    Normal,

    /// <summary><c>ZONE_HIGHMEM</c> (32-bit kernels with CONFIG_HIGHMEM).</summary>
    HighMem,

    /// <summary><c>ZONE_MOVABLE</c>.</summary>
    Movable,

    /// <summary><c>ZONE_DEVICE</c> (CONFIG_ZONE_DEVICE): device memory added later; empty at boot.</summary>
    Device,
}

/// <summary>Names of zones as the kernel prints them.</summary>
public static class ZoneTypeNames
{
    /// <summary>The kernel's name of a zone (<c>DMA</c>, <c>DMA32</c>, <c>Normal</c>, <c>HighMem</c>, <c>Movable</c>).</summary>
    /// <param name="type">The zone.</param>
    /// <returns>The name.</returns>
    public static string KernelName(this ZoneType type) => type switch
    {
        ZoneType.Dma => "DMA",
        ZoneType.Dma32 => "DMA32",
        ZoneType.Normal => "Normal",
        ZoneType.HighMem => "HighMem",
        ZoneType.Movable => "Movable",
        ZoneType.Device => "Device",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
