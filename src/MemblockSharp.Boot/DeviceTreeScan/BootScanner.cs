using static MemblockSharp.Boot.DeviceTreeScan.KernelCells;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.DeviceTreeScan;

/// <summary>
/// Linux 6.1's early device-tree scan (<c>drivers/of/fdt.c</c>, <c>drivers/of/of_reserved_mem.c</c>) as a pure
/// function from a tree to a <see cref="BootScanResult"/>: early_init_dt_scan_root, early_init_dt_scan_chosen,
/// early_init_dt_scan_memory (with early_init_dt_add_memory_arch's page rounding and clipping),
/// early_init_dt_check_for_usable_mem_range, early_init_fdt_scan_reserved_mem (/memreserve/, /reserved-memory,
/// elfcorehdr) and the table sort and size checks of fdt_init_reserved_mem. It calls no allocator: what depends
/// on memblock's state (whether a no-map range is already reserved, where a dynamic region lands) is left to
/// the caller, which gets every request in the kernel's order.
/// </summary>
/// <remarks>
/// The scan is as lenient as the kernel: a property of the wrong size is skipped or read the way the kernel
/// reads it, and the kernel's message is recorded in <see cref="BootScanResult.Diagnostics"/>; it never throws for
/// odd tree contents.
/// </remarks>
public static partial class BootScanner
{
    /// <summary>OF_ROOT_NODE_ADDR_CELLS_DEFAULT and OF_ROOT_NODE_SIZE_CELLS_DEFAULT: the early scan's defaults.</summary>
    public const int RootCellsDefault = 1;

    /// <summary>Cell counts above this are treated as unusable (the kernel would read far past the property).</summary>
    public const int MaxRootCells = 4;

    private const string FdtPrefix = "OF: fdt: ";
    private const string ReservedMemPrefix = "OF: reserved mem: ";

    /// <summary>Scans <paramref name="tree"/> as the Linux 6.1 boot does.</summary>
    /// <param name="tree">The parsed blob.</param>
    /// <param name="options">The kernel build facts; <see cref="BootScanOptions.Arm64"/> when null.</param>
    /// <returns>The plain description of banks, reservations, requests, /chosen and CPUs.</returns>
    public static BootScanResult Scan(FlattenedDeviceTree tree, BootScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var context = new Context(tree, options ?? BootScanOptions.Arm64);
        context.ScanRoot();
        var chosen = context.ScanChosen();
        var banks = context.ScanMemory();
        context.ScanReservedMemory(chosen);
        return new BootScanResult(
            context.Model(), context.AddressCells, context.SizeCells, banks, context.Reservations,
            context.Table, context.Requests, context.ReservedMemoryIgnored, chosen, context.ScanCpus(), context.Diagnostics)
        {
            ReservedMemoryEvents = context.Events,
            HasReservedMemoryNode = tree.FindNode("/reserved-memory") is not null,
            DmaRanges = DmaLimit(tree),
        };
    }

    /// <summary>The state of one scan: the tree, the options, the root cells and what has been found so far.</summary>
    private sealed partial class Context(FlattenedDeviceTree tree, BootScanOptions options)
    {
        public FlattenedDeviceTree Tree { get; } = tree;
        public BootScanOptions Options { get; } = options;
        public int AddressCells { get; private set; } = RootCellsDefault;
        public int SizeCells { get; private set; } = RootCellsDefault;

        /// <summary>False when the root cell counts are beyond <see cref="MaxRootCells"/>: nothing with cells is decoded.</summary>
        public bool CellsUsable { get; private set; } = true;

        public List<ScanDiagnostic> Diagnostics { get; } = [];
        public List<StaticReservation> Reservations { get; } = [];
        public List<ReservedMemoryEntry> Table { get; } = [];
        public List<DynamicReservationRequest> Requests { get; } = [];
        public bool ReservedMemoryIgnored { get; set; }

        /// <summary>What the reserved-memory scan did, in order (for the boot to replay).</summary>
        public List<ReservedMemoryScanEvent> Events { get; } = [];

        /// <summary>Whether the scan is in early_init_fdt_scan_reserved_mem (its messages become events).</summary>
        public bool InReservedMemoryScan { get; set; }

        public void Report(DiagnosticLevel level, string message, string? path)
        {
            var diagnostic = new ScanDiagnostic(level, message, path);
            Diagnostics.Add(diagnostic);
            if (InReservedMemoryScan)
                Events.Add(new ReservedMemoryScanEvent(null, diagnostic, null, null));
        }

        public void Reserve(StaticReservation reservation)
        {
            Reservations.Add(reservation);
            Events.Add(new ReservedMemoryScanEvent(reservation, null, null, null));
        }

        /// <summary>early_init_dt_scan_root: the root #address-cells / #size-cells (first cell of each).</summary>
        public void ScanRoot()
        {
            AddressCells = FirstCell(Tree.Root.GetProperty("#address-cells")) is { } ac ? (int)Math.Min(ac, int.MaxValue) : RootCellsDefault;
            SizeCells = FirstCell(Tree.Root.GetProperty("#size-cells")) is { } sc ? (int)Math.Min(sc, int.MaxValue) : RootCellsDefault;
            if (AddressCells > MaxRootCells || SizeCells > MaxRootCells || AddressCells + SizeCells == 0)
            {
                CellsUsable = false;
                Report(DiagnosticLevel.Error,
                    $"note: root #address-cells = {AddressCells}, #size-cells = {SizeCells}: the kernel would read past every reg property; no cells are decoded", "/");
            }
        }

        public string? Model()
        {
            var model = Tree.Root.GetProperty("model") ?? Tree.Root.GetProperty("compatible");
            return model is not null && model.Value.Span.IndexOf((byte)0) >= 0 ? model.AsString() : null;
        }

        /// <summary>%pa of a 64-bit phys_addr_t.</summary>
        public static string Pa(ulong value) => "0x" + value.ToString("x16");
    }
}
