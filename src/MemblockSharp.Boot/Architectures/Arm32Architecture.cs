using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Architectures;

/// <summary>32-bit ARM (<c>arch/arm</c>), LPAE or not: <c>arm_memblock_init</c>, flat memmap, highmem.</summary>
internal sealed class Arm32Architecture : IBootArchitecture
{
    /// <summary>The alignment of <c>PHYS_OFFSET</c> with <c>AUTO_ZRELADDR</c>.</summary>
    public const ulong PhysOffsetAlignment = 128UL << 20;

    /// <summary>The one instance.</summary>
    public static Arm32Architecture Instance { get; } = new();

    private Arm32Architecture()
    {
    }

    /// <inheritdoc />
    public KernelArch Arch => KernelArch.Arm;

    /// <inheritdoc />
    /// <remarks>arch/arm/kernel/setup.c <c>setup_arch</c>, then <c>start_kernel</c> (6.1).</remarks>
    public IReadOnlyList<BootStep> Steps { get; } =
    [
        BootStep.SetupMachineFdt, BootStep.ParseEarlyParams, BootStep.ArmAdjustLowmemBounds, BootStep.ArmMemblockInit,
        BootStep.ArmPagingInit, BootStep.RequestStandardResources, BootStep.UnflattenDeviceTree, BootStep.SmpInitCpus,
        BootStep.ArmReserveCrashkernel, BootStep.SetupCommandLine, BootStep.SetupPerCpuAreas,
        BootStep.ParseArgs, BootStep.PrintUnknownBootOptions, BootStep.SetupLogBuf, BootStep.VfsCachesInitEarly, BootStep.PageExtInitFlatmem,
    ];

    /// <inheritdoc />
    public bool MemParamReplacesBanks => true;

    /// <inheritdoc />
    /// <remarks>The generic <c>pcpu_fc_alloc</c>: above <c>__pa(MAX_DMA_ADDRESS)</c> (0xffffffff), on no node in particular.</remarks>
    public (ulong MinAddress, bool OnCpuNode) PercpuPlacement(KernelProfile profile, ulong physOffset, ulong memstart)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return (0xFFFF_FFFFUL - profile.PageOffset + physOffset, false);
    }

    /// <inheritdoc />
    /// <remarks>zImage with <c>AUTO_ZRELADDR</c>: the 128 MiB-aligned start of RAM.</remarks>
    public ulong PhysOffset(ulong ramBase) => ramBase & ~(PhysOffsetAlignment - 1);

    /// <inheritdoc />
    /// <remarks>The image runs at <c>PAGE_OFFSET + TEXT_OFFSET</c>, which maps to PHYS_OFFSET + TEXT_OFFSET.</remarks>
    public ulong DefaultKernelAddress(KernelProfile profile, ulong ramBase, ulong physOffset)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Image.Text - profile.PageOffset + physOffset;
    }

    /// <inheritdoc />
    public DeviceTreeScan.BootScanOptions ScanOptions(KernelProfile profile, Func<ulong> lowestRam)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(lowestRam);
        return DeviceTreeScan.BootScanOptions.Arm32Lpae(PhysOffset(lowestRam())) with
        {
            PageSize = profile.PageSize,
            CmaMinAlignment = Versions.KernelVersionPolicies.For(profile.Version).CmaAlignment(profile),
            Cma = profile.DmaCma,
            PhysAddr64Bit = profile.Lpae,
        };
    }

    /// <inheritdoc />
    /// <remarks><c>of_flat_dt_match_machine</c> prints the name unconditionally (printk shows a null one as <c>(null)</c>).</remarks>
    public string? MachineModelLine(string? model) => "Machine model: " + (model ?? "(null)");

    /// <inheritdoc />
    public ulong DtbAlignment(KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.PageSize;
    }

    /// <inheritdoc />
    public bool ResourcePerMemoryRegion => true;

    /// <inheritdoc />
    /// <remarks>Without a machine DMA zone <c>arm_dma_limit</c> is 4 GiB − 1.</remarks>
    public ulong CmaDmaLimit(ulong zoneDmaLimit) => 0xFFFF_FFFFUL;

    /// <inheritdoc />
    public bool InitrdFreedFromMemblock => false;

    /// <inheritdoc />
    /// <remarks>arch/arm/mm/hugetlbpage.c (LPAE only): the 2 MiB PMD section, which is never gigantic.</remarks>
    public IReadOnlyList<ulong> HugePageSizes(KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.HugetlbPage && profile.Lpae ? [2UL << 20] : [];
    }

    /// <inheritdoc />
    public int? HugetlbCmaOrder(KernelProfile profile) => null;

    /// <inheritdoc />
    public ulong DefaultHugePageSize(KernelProfile profile) => 2UL << 20;

    /// <inheritdoc />
    public string FreeInitMemLine(ulong freedKb) => $"Freeing unused kernel image (initmem) memory: {freedKb}K";

    /// <inheritdoc />
    /// <remarks><c>__vet_atags</c> drops a pointer that is not word aligned.</remarks>
    public ulong DtbPointerAlignment => 4;

    /// <inheritdoc />
    public ulong? MaxDtbSize => null;

    /// <inheritdoc />
    /// <remarks><c>setup_arch</c>'s message when neither a blob nor a machine ID is usable, then it hangs.</remarks>
    public string InvalidDtbMessage(ulong dtbPhys) =>
        $"Error: invalid dtb and unrecognized/unsupported machine ID (the blob at 0x{dtbPhys:x8} is not 4-byte aligned; the kernel stops here)";

    /// <inheritdoc />
    /// <remarks>A zImage decompresses the kernel to PHYS_OFFSET + TEXT_OFFSET wherever the zImage itself was loaded.</remarks>
    public string? KernelAddressError(KernelProfile profile, ulong given, ulong @default) =>
        given == @default ? null
            : $"a 32-bit ARM kernel always runs at PHYS_OFFSET + TEXT_OFFSET = 0x{@default:x} (the zImage decompresses it there, wherever the zImage was loaded): give that or leave --kernel-addr out";

    /// <inheritdoc />
    public string? MisplacedKernelLine(ulong kernelPhys) => null;

    /// <inheritdoc />
    public string DefaultKernelPlacement => "PHYS_OFFSET + TEXT_OFFSET, where the zImage decompresses the kernel";
}
