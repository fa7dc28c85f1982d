using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Architectures;

/// <summary>
/// What one architecture does its own way during the memory boot, the way Linux keeps arch code in
/// <c>arch/*/mm</c> over one generic scan and one memblock. Everything else is generic and lives in the stages; no
/// code outside an implementation of this interface asks which architecture it runs on.
/// </summary>
internal interface IBootArchitecture
{
    /// <summary>The architecture this implementation is.</summary>
    KernelArch Arch { get; }

    /// <summary>The steps of <c>setup_arch</c> and <c>start_kernel</c> that touch memory, in this architecture's order.</summary>
    IReadOnlyList<BootStep> Steps { get; }

    /// <summary>
    /// Whether <c>mem=</c> replaces the memory banks (arm's <c>early_mem</c>: each <c>mem=SIZE[@START]</c> is a bank)
    /// rather than limiting memory (arm64's <c>memory_limit</c>, applied in <c>arm64_memblock_init</c>).
    /// </summary>
    bool MemParamReplacesBanks { get; }

    /// <summary>
    /// Where <c>pcpu_fc_alloc</c> puts a group's units: the lowest address (the physical address of arm64's
    /// <c>PAGE_OFFSET</c>, of the generic <c>MAX_DMA_ADDRESS</c> elsewhere) and whether it asks for the CPUs' node.
    /// </summary>
    /// <param name="profile">The kernel build.</param>
    /// <param name="physOffset">From <see cref="PhysOffset"/>.</param>
    /// <param name="memstart">arm64's <c>memstart_addr</c> (the start of the linear map).</param>
    /// <returns>The floor and whether the allocation is node-local.</returns>
    (ulong MinAddress, bool OnCpuNode) PercpuPlacement(KernelProfile profile, ulong physOffset, ulong memstart);

    /// <summary>
    /// <c>PHYS_OFFSET</c>: the physical address the kernel's linear map starts from, given where RAM starts (0 where
    /// the architecture has no such fixed offset).
    /// </summary>
    /// <param name="ramBase">The lowest memblock address.</param>
    /// <returns>The offset.</returns>
    ulong PhysOffset(ulong ramBase);

    /// <summary>Where the boot loader puts the image (<c>_text</c>) when the user does not say.</summary>
    /// <param name="profile">The kernel build.</param>
    /// <param name="ramBase">The lowest memblock address.</param>
    /// <param name="physOffset">From <see cref="PhysOffset"/>.</param>
    /// <returns>The physical address of <c>_text</c>.</returns>
    ulong DefaultKernelAddress(KernelProfile profile, ulong ramBase, ulong physOffset);

    /// <summary>The facts of the early device-tree scan for a build of this architecture.</summary>
    /// <param name="profile">The kernel build.</param>
    /// <param name="lowestRam">The lowest RAM address, asked only by architectures whose scan depends on <c>PHYS_OFFSET</c>.</param>
    /// <returns>The scan options.</returns>
    DeviceTreeScan.BootScanOptions ScanOptions(KernelProfile profile, Func<ulong> lowestRam);

    /// <summary>The "Machine model:" line <c>setup_machine_fdt</c> prints for the root's model (or compatible), or null for none.</summary>
    /// <param name="model">The root <c>model</c>, else its first <c>compatible</c>; null when neither.</param>
    /// <returns>The line, or null.</returns>
    string? MachineModelLine(string? model);

    /// <summary>How QEMU aligns the DTB it places after the initrd.</summary>
    /// <param name="profile">The kernel build.</param>
    /// <returns>Bytes.</returns>
    ulong DtbAlignment(KernelProfile profile);

    /// <summary>Whether <c>request_standard_resources</c> takes one allocation per memory region (else one array for all).</summary>
    bool ResourcePerMemoryRegion { get; }

    /// <summary>The DMA limit <c>dma_contiguous_reserve</c> is given, from the limit of the DMA zones.</summary>
    /// <param name="zoneDmaLimit">The end of ZONE_DMA (exclusive).</param>
    /// <returns>The limit.</returns>
    ulong CmaDmaLimit(ulong zoneDmaLimit);

    /// <summary>Whether freeing the initrd also frees its pages in <c>memblock.reserved</c> (arm64) or only hands its whole pages to the buddy allocator (arm).</summary>
    bool InitrdFreedFromMemblock { get; }

    /// <summary>
    /// The hugetlb page sizes of a build, in the order the architecture registers them (arm64's
    /// <c>hugetlbpage_init</c>: PUD, contiguous PMD, PMD, contiguous PTE), which are also the sizes
    /// <c>arch_hugetlb_valid_size</c> accepts; empty without <c>CONFIG_HUGETLB_PAGE</c>.
    /// </summary>
    /// <param name="profile">The kernel build.</param>
    /// <returns>Bytes, in registration order.</returns>
    IReadOnlyList<ulong> HugePageSizes(KernelProfile profile);

    /// <summary>
    /// The page order <c>hugetlb_cma=</c> areas are sized in (arm64: the PUD order with 4 KiB pages, else the contiguous
    /// PMD order), or null where the architecture never calls <c>hugetlb_cma_reserve</c> (32-bit ARM).
    /// </summary>
    /// <param name="profile">The kernel build.</param>
    /// <returns>The order, or null.</returns>
    int? HugetlbCmaOrder(KernelProfile profile);

    /// <summary><c>HPAGE_SIZE</c>: the default huge page size (the PMD size).</summary>
    /// <param name="profile">The kernel build.</param>
    /// <returns>Bytes.</returns>
    ulong DefaultHugePageSize(KernelProfile profile);

    /// <summary>The line <c>free_initmem</c> prints.</summary>
    /// <param name="freedKb">kB handed back.</param>
    /// <returns>The line.</returns>
    string FreeInitMemLine(ulong freedKb);

    /// <summary>The alignment the kernel requires of the blob's physical address (else it halts on an invalid blob).</summary>
    ulong DtbPointerAlignment { get; }

    /// <summary>The largest blob the kernel maps, or null when it sets no limit.</summary>
    ulong? MaxDtbSize { get; }

    /// <summary>What the kernel prints before it halts on a blob whose address or size fails its checks.</summary>
    /// <param name="dtbPhys">The blob's physical address.</param>
    /// <returns>The message (one line).</returns>
    string InvalidDtbMessage(ulong dtbPhys);

    /// <summary>Why the kernel image cannot run at a given address, or null when it can.</summary>
    /// <param name="profile">The kernel build.</param>
    /// <param name="given">The address the user gave for <c>_text</c>.</param>
    /// <param name="default">Where the image runs when not told (<see cref="DefaultKernelAddress"/>).</param>
    /// <returns>The reason, or null.</returns>
    string? KernelAddressError(KernelProfile profile, ulong given, ulong @default);

    /// <summary>The line the kernel prints about an image at an address it runs at but complains of, or null.</summary>
    /// <param name="kernelPhys">The physical address of <c>_text</c>.</param>
    /// <returns>The line, or null.</returns>
    string? MisplacedKernelLine(ulong kernelPhys);

    /// <summary>How <see cref="DefaultKernelAddress"/> places the image, in words (for the summary's assumed placements).</summary>
    string DefaultKernelPlacement { get; }
}
