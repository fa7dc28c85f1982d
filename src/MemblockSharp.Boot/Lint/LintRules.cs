namespace MemblockSharp.Boot.Lint;

/// <summary>
/// Every lint rule, by stable id. An id is never reused for another meaning; a rule that is withdrawn keeps its id
/// unused. <see cref="LintRule.Prevents"/> quotes Linux 6.1's own log text where the kernel prints one.
/// </summary>
public static class LintRules
{
    /// <summary>MB001: /reserved-memory #address-cells or #size-cells differ from the root's.</summary>
    public static LintRule ReservedMemoryCells { get; } = new("MB001", LintSeverity.Error,
        "/reserved-memory cells differ from the root",
        "\"OF: fdt: Reserved memory: unsupported node format, ignoring\": every /reserved-memory child is ignored");

    /// <summary>MB002: /reserved-memory has no <c>ranges</c> property.</summary>
    public static LintRule ReservedMemoryRanges { get; } = new("MB002", LintSeverity.Error,
        "/reserved-memory has no ranges",
        "\"OF: fdt: Reserved memory: unsupported node format, ignoring\": every /reserved-memory child is ignored");

    /// <summary>MB003: two /reserved-memory regions of the kernel's table overlap.</summary>
    public static LintRule TableOverlap { get; } = new("MB003", LintSeverity.Error,
        "reserved-memory regions overlap",
        "\"OF: reserved mem: OVERLAP DETECTED!\": two drivers or firmware own the same memory");

    /// <summary>MB004: two reservations overlap where the kernel says nothing (/memreserve/, extra reg entries, elfcorehdr).</summary>
    public static LintRule SilentOverlap { get; } = new("MB004", LintSeverity.Warning,
        "reservations overlap",
        "no kernel message: memblock merges the two reservations, so two owners silently share the memory");

    /// <summary>MB005: a no-map region overlaps memory that is already reserved; the kernel refuses it.</summary>
    public static LintRule NoMapRefused { get; } = new("MB005", LintSeverity.Error,
        "no-map region overlaps an earlier reservation",
        "\"OF: fdt: Reserved memory: failed to reserve memory for node '<name>'\" (-EBUSY): the region is not removed from the linear map");

    /// <summary>MB006: a reservation overlaps the kernel image, the initrd or the device tree blob.</summary>
    public static LintRule BootImageOverlap { get; } = new("MB006", LintSeverity.Error,
        "reservation overlaps the kernel image, initrd or FDT",
        "no kernel message: the firmware or device and the kernel overwrite each other (a warning when the load address is only assumed)");

    /// <summary>MB007: a reservation lies (partly) outside every memory bank.</summary>
    public static LintRule OutsideMemory { get; } = new("MB007", LintSeverity.Warning,
        "reservation outside every memory bank",
        "no kernel message: memblock records it but it protects no RAM (a wrong address, or a bank missing from /memory)");

    /// <summary>MB008: a region has both no-map and reusable (outside shared-dma-pool, see MB009).</summary>
    public static LintRule NoMapReusable { get; } = new("MB008", LintSeverity.Warning,
        "no-map together with reusable",
        "schema violation (reserved-memory.yaml: mutually exclusive): Linux honours no-map, so the OS can never reuse the memory");

    /// <summary>MB009: a CMA pool (shared-dma-pool + reusable) that is also no-map.</summary>
    public static LintRule CmaNoMap { get; } = new("MB009", LintSeverity.Error,
        "CMA pool is no-map",
        "\"OF: reserved mem: node <name> compatible matching fail\": no CMA area, and the region is handed back to the kernel");

    /// <summary>MB010: a shared-dma-pool marked linux,cma-default that is not reusable.</summary>
    public static LintRule CmaNotReusable { get; } = new("MB010", LintSeverity.Error,
        "default CMA pool is not reusable",
        "\"Reserved memory: created DMA memory pool\" instead of a CMA pool; the kernel then reserves its own default area (\"cma: Reserved <n> MiB\")");

    /// <summary>MB011: 32-bit ARM: a shared-dma-pool that is neither reusable nor no-map.</summary>
    public static LintRule DmaPoolNeedsNoMap { get; } = new("MB011", LintSeverity.Error,
        "arm: coherent DMA pool without no-map",
        "\"Reserved memory: regions without no-map are not yet supported\", then \"OF: reserved mem: node <name> compatible matching fail\"");

    /// <summary>MB012: a CMA pool whose base or size is not a multiple of the kernel's CMA alignment.</summary>
    public static LintRule CmaAlignment { get; } = new("MB012", LintSeverity.Error,
        "CMA pool misaligned",
        "\"Reserved memory: incorrect alignment of CMA region\": no CMA area, and the memory stays reserved (lost)");

    /// <summary>MB013: a dynamic region that cannot be placed in its alloc-ranges.</summary>
    public static LintRule DynamicUnplaceable { get; } = new("MB013", LintSeverity.Error,
        "dynamic region cannot be placed",
        "\"OF: reserved mem: failed to allocate memory for node '<name>'\": the region and its driver get nothing");

    /// <summary>MB014: a /reserved-memory child with more than one reg entry.</summary>
    public static LintRule MultipleReg { get; } = new("MB014", LintSeverity.Warning,
        "several reg entries",
        "schema says one (reserved-memory.yaml maxItems 1): Linux reserves every entry but its pool uses only the first; U-Boot reserves only the first");

    /// <summary>MB015: a reservation of size 0 (a reg entry or a dynamic size).</summary>
    public static LintRule ZeroSize { get; } = new("MB015", LintSeverity.Error,
        "region of size 0",
        "\"OF: fdt: Reserved memory: failed to reserve memory for node '<name>': base ..., size 0 MiB\"; a dynamic size 0 allocates nothing");

    /// <summary>MB016: more than one linux,cma-default region.</summary>
    public static LintRule SeveralCmaDefaults { get; } = new("MB016", LintSeverity.Warning,
        "more than one linux,cma-default",
        "no kernel message: the last one in the kernel's table order becomes the default CMA area, the others are plain CMA areas");

    /// <summary>MB017: more /reserved-memory regions than the kernel's table holds.</summary>
    public static LintRule TableFull { get; } = new("MB017", LintSeverity.Error,
        "more reserved-memory regions than MAX_RESERVED_REGIONS",
        "\"OF: reserved mem: not enough space for all defined regions.\": the rest get no table entry (dynamic ones are never allocated)");

    /// <summary>MB018: a memory bank whose base or size is not page aligned.</summary>
    public static LintRule BankAlignment { get; } = new("MB018", LintSeverity.Warning,
        "memory bank not page aligned",
        "the kernel rounds the bank to whole pages and drops the rest (\"OF: fdt: Ignoring memory block\" when nothing is left)");

    /// <summary>MB019: a memory bank (partly) beyond the physical addresses the kernel can use.</summary>
    public static LintRule BankBeyondLimit { get; } = new("MB019", LintSeverity.Warning,
        "memory bank cut by the physical-address limit",
        "the memory beyond the limit is never used (arm64 removes it silently; \"OF: fdt: Ignoring memory range\" on arm)");

    /// <summary>MB020: a /reserved-memory property of the wrong length.</summary>
    public static LintRule MalformedProperty { get; } = new("MB020", LintSeverity.Error,
        "malformed reserved-memory property",
        "\"OF: reserved mem: invalid size/alignment/alloc-ranges property in '<name>'\" or \"invalid reg property\": the node is skipped");

    /// <summary>MB021: the tree has no memory (the bootloader fills it in) and no --ram was given.</summary>
    public static LintRule NoMemory { get; } = new("MB021", LintSeverity.Info,
        "no memory in the device tree",
        "nothing: the rules that need RAM (MB005, MB006, MB007, MB013) were skipped; give --ram BASE:SIZE");

    /// <summary>MB022: the tree is one the EFI stub handed over (memory comes from the UEFI memory map).</summary>
    public static LintRule UefiMemory { get; } = new("MB022", LintSeverity.Info,
        "memory comes from the UEFI memory map",
        "nothing: the DT has no usable memory banks; the rules that need RAM were skipped unless --ram is given");

    /// <summary>MB023: the initrd is not covered by the linear map (arm64) or not memory (arm).</summary>
    public static LintRule InitrdUnusable { get; } = new("MB023", LintSeverity.Error,
        "initrd outside usable memory",
        "\"initrd not fully accessible via the linear mapping -- please check your bootloader ...\" (arm64) or \"INITRD: ... disabling initrd\" (arm)");

    /// <summary>Every rule, in id order.</summary>
    public static IReadOnlyList<LintRule> All { get; } =
    [
        ReservedMemoryCells, ReservedMemoryRanges, TableOverlap, SilentOverlap, NoMapRefused, BootImageOverlap, OutsideMemory,
        NoMapReusable, CmaNoMap, CmaNotReusable, DmaPoolNeedsNoMap, CmaAlignment, DynamicUnplaceable, MultipleReg, ZeroSize,
        SeveralCmaDefaults, TableFull, BankAlignment, BankBeyondLimit, MalformedProperty, NoMemory, UefiMemory, InitrdUnusable,
    ];

    /// <summary>Looks a rule up by id (case-insensitive).</summary>
    /// <param name="id">The id, e.g. <c>MB003</c>.</param>
    /// <returns>The rule, or null when no rule has that id.</returns>
    public static LintRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
