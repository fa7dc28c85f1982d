namespace MemblockSharp.Boot.Profiles;

/// <summary>The architecture a kernel profile was built for; it selects the boot flow.</summary>
public enum KernelArch
{
    /// <summary>64-bit ARM (<c>arch/arm64</c>): <c>arm64_memblock_init</c>, sparse vmemmap, no highmem.</summary>
    Arm64,

    /// <summary>32-bit ARM (<c>arch/arm</c>), LPAE or not: <c>arm_memblock_init</c>, flat memmap, highmem.</summary>
    Arm,
}
