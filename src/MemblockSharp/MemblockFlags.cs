namespace MemblockSharp;

/// <summary>
/// Attributes of a memblock region (Linux <c>enum memblock_flags</c>). The values are the kernel's bit values,
/// so they print and compare exactly as the kernel's <c>flags: 0x..</c> fields do.
/// </summary>
[Flags]
public enum MemblockFlags : uint
{
    /// <summary>No special attributes (<c>MEMBLOCK_NONE</c>).</summary>
    None = 0,

    /// <summary>Hot-pluggable memory (<c>MEMBLOCK_HOTPLUG</c>); skipped by allocations when movable_node is on.</summary>
    Hotplug = 0x1,

    /// <summary>Mirrored memory (<c>MEMBLOCK_MIRROR</c>); preferred by allocations once any mirror exists.</summary>
    Mirror = 0x2,

    /// <summary>Not to be added to the kernel's linear map (<c>MEMBLOCK_NOMAP</c>); never handed out.</summary>
    NoMap = 0x4,

    /// <summary>Memory managed by a driver, not the kernel (<c>MEMBLOCK_DRIVER_MANAGED</c>).</summary>
    DriverManaged = 0x8,

    /// <summary>Reserved memory whose struct pages are not initialised (<c>MEMBLOCK_RSRV_NOINIT</c>, Linux 6.5 and later).</summary>
    ReservedNoInit = 0x10,
}
