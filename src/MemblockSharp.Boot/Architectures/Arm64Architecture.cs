using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Architectures;

/// <summary>64-bit ARM (<c>arch/arm64</c>): <c>arm64_memblock_init</c>, sparse vmemmap, no highmem.</summary>
internal sealed class Arm64Architecture : IBootArchitecture
{
    private const ulong SZ_2M = 2UL << 20;

    /// <summary>The one instance.</summary>
    public static Arm64Architecture Instance { get; } = new();

    private Arm64Architecture()
    {
    }

    /// <inheritdoc />
    public KernelArch Arch => KernelArch.Arm64;

    /// <inheritdoc />
    /// <remarks>arch/arm64/kernel/setup.c <c>setup_arch</c>, then <c>start_kernel</c> (6.1).</remarks>
    public IReadOnlyList<BootStep> Steps { get; } =
    [
        BootStep.SetupMachineFdt, BootStep.ParseEarlyParams, BootStep.Arm64MemblockInit, BootStep.Arm64PagingInit,
        BootStep.UnflattenDeviceTree, BootStep.Arm64BootmemInit, BootStep.RequestStandardResources, BootStep.SmpInitCpus,
        BootStep.SetupCommandLine, BootStep.SetupPerCpuAreas, BootStep.ParseArgs, BootStep.PrintUnknownBootOptions, BootStep.SetupLogBuf,
        BootStep.VfsCachesInitEarly, BootStep.MemInit,
    ];

    /// <inheritdoc />
    public bool MemParamReplacesBanks => false;

    /// <inheritdoc />
    public (ulong MinAddress, bool OnCpuNode) PercpuPlacement(KernelProfile profile, ulong physOffset, ulong memstart) =>
        (memstart, true);

    /// <inheritdoc />
    public ulong PhysOffset(ulong ramBase) => 0;

    /// <inheritdoc />
    /// <remarks>QEMU and U-Boot <c>booti</c>: 2 MiB past the 2 MiB-aligned start of RAM.</remarks>
    public ulong DefaultKernelAddress(KernelProfile profile, ulong ramBase, ulong physOffset) =>
        ((ramBase + SZ_2M - 1) & ~(SZ_2M - 1)) + SZ_2M;

    /// <inheritdoc />
    public DeviceTreeScan.BootScanOptions ScanOptions(KernelProfile profile, Func<ulong> lowestRam)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return DeviceTreeScan.BootScanOptions.Arm64 with
        {
            PageSize = profile.PageSize,
            CmaMinAlignment = Versions.KernelVersionPolicies.For(profile.Version).CmaAlignment(profile),
            Cma = profile.DmaCma,
        };
    }

    /// <inheritdoc />
    /// <remarks>arm64's <c>setup_machine_fdt</c> prints nothing when the tree names no machine.</remarks>
    public string? MachineModelLine(string? model) => model is null ? null : "Machine model: " + model;

    /// <inheritdoc />
    public ulong DtbAlignment(KernelProfile profile) => SZ_2M;

    /// <inheritdoc />
    public bool ResourcePerMemoryRegion => false;

    /// <inheritdoc />
    /// <remarks><c>arm64_dma_phys_limit</c>.</remarks>
    public ulong CmaDmaLimit(ulong zoneDmaLimit) => zoneDmaLimit;

    /// <inheritdoc />
    public bool InitrdFreedFromMemblock => true;

    /// <inheritdoc />
    /// <remarks>
    /// arch/arm64/mm/hugetlbpage.c: a PUD block only with 4 KiB pages; 16 contiguous PMDs or PTEs with 4 KiB pages, 32
    /// PMDs and 128 PTEs with 16 KiB, 32 of each with 64 KiB.
    /// </remarks>
    public IReadOnlyList<ulong> HugePageSizes(KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!profile.HugetlbPage)
            return [];
        int shift = profile.PageShift;
        ulong pmd = 1UL << profile.PmdShift;
        var (contPmd, contPte) = shift switch { 12 => (16UL, 16UL), 14 => (32UL, 128UL), _ => (32UL, 32UL) };
        var sizes = new List<ulong>();
        if (shift == 12)
            sizes.Add(1UL << (3 * shift - 6)); // PUD_SIZE: 1 GiB
        sizes.Add(contPmd * pmd);
        sizes.Add(pmd);
        sizes.Add(contPte * profile.PageSize);
        return sizes;
    }

    /// <inheritdoc />
    public int? HugetlbCmaOrder(KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!profile.HugetlbPage)
            return null;
        var sizes = HugePageSizes(profile);
        return System.Numerics.BitOperations.Log2(sizes[0]) - profile.PageShift; // PUD, else the contiguous PMD
    }

    /// <inheritdoc />
    public ulong DefaultHugePageSize(KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return 1UL << profile.PmdShift;
    }

    /// <inheritdoc />
    public string FreeInitMemLine(ulong freedKb) => $"Freeing unused kernel memory: {freedKb}K";

    /// <inheritdoc />
    /// <remarks><c>fixmap_remap_fdt</c>: MIN_FDT_ALIGN.</remarks>
    public ulong DtbPointerAlignment => 8;

    /// <inheritdoc />
    /// <remarks>MAX_FDT_SIZE.</remarks>
    public ulong? MaxDtbSize => SZ_2M;

    /// <inheritdoc />
    /// <remarks><c>setup_machine_fdt</c>'s message, then the CPU spins.</remarks>
    public string InvalidDtbMessage(ulong dtbPhys) =>
        $"Error: invalid device tree blob at physical address 0x{dtbPhys:x16}: the dtb must be 8-byte aligned and must not exceed 2 MB in size (the kernel stops here)";

    /// <inheritdoc />
    /// <remarks>An Image runs where it is loaded (relocatable); a misaligned one only draws a warning line.</remarks>
    public string? KernelAddressError(KernelProfile profile, ulong given, ulong @default) => null;

    /// <inheritdoc />
    /// <remarks><c>setup_arch</c> (without UEFI, which the boot then reads from its log).</remarks>
    public string? MisplacedKernelLine(ulong kernelPhys) =>
        kernelPhys % SZ_2M == 0 ? null : "[Firmware Bug]: Kernel image misaligned at boot, please fix your bootloader!";

    /// <inheritdoc />
    public string DefaultKernelPlacement => "RAM base + 2 MiB, where QEMU and U-Boot booti load an Image";
}
