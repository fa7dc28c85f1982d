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
        BootStep.SetupCommandLine, BootStep.SetupPerCpuAreas, BootStep.PrintUnknownBootOptions, BootStep.SetupLogBuf,
        BootStep.VfsCachesInitEarly, BootStep.MemInit,
    ];

    /// <inheritdoc />
    public bool MemParamReplacesBanks => false;

    /// <inheritdoc />
    public bool RandomizesWithKaslrSeed => true;

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
    public string FreeInitMemLine(ulong freedKb) => $"Freeing unused kernel memory: {freedKb}K";
}
