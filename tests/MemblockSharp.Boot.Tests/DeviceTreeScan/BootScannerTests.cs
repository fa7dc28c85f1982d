using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Tests.DeviceTreeScan;

/// <summary>The scan's rules on trees built for one rule each (Linux 6.1 drivers/of/fdt.c, of_reserved_mem.c).</summary>
public sealed class BootScannerTests
{
    /// <summary>A root with 2/2 cells, optional extra content, closed.</summary>
    private static BootScanResult Scan(Action<FdtWriter> body, BootScanOptions? options = null, Action<FdtWriter>? reservations = null)
    {
        var w = new FdtWriter();
        reservations?.Invoke(w);
        w.BeginNode("").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2);
        body(w);
        w.EndNode();
        return BootScanner.Scan(FlattenedDeviceTree.Parse(w.Finish().AsMemory()), options);
    }

    private static void Memory(FdtWriter w, string name, params uint[] reg) =>
        w.BeginNode(name).PropertyStrings("device_type", "memory").PropertyCells("reg", reg).EndNode();

    private static FdtWriter ReservedMemory(FdtWriter w, uint addressCells = 2, uint sizeCells = 2, bool ranges = true)
    {
        w.BeginNode("reserved-memory").PropertyCells("#address-cells", addressCells).PropertyCells("#size-cells", sizeCells);
        if (ranges)
            w.Property("ranges");
        return w;
    }

    // ---- early_init_dt_add_memory_arch -------------------------------------------------------------

    [Theory]
    // base, size  ->  added base, size (page 4 KiB, arm64 limits)
    [InlineData(0x40000000UL, 0x40000000UL, 0x40000000UL, 0x40000000UL)]
    [InlineData(0x40000800UL, 0x2000UL, 0x40001000UL, 0x1000UL)]      // unaligned base: rounded up, the cut part lost
    [InlineData(0x40000000UL, 0x1fffUL, 0x40000000UL, 0x1000UL)]      // partial last page dropped
    public void AddMemoryArch_RoundsToPages(ulong rawBase, ulong rawSize, ulong expectedBase, ulong expectedSize)
    {
        Assert.Equal((expectedBase, expectedSize), BootScanner.AddMemoryArch(rawBase, rawSize, BootScanOptions.Arm64));
    }

    [Fact]
    public void AddMemoryArch_SmallerThanRestOfFirstPage_IsIgnoredWithWarning()
    {
        var messages = new List<(DiagnosticLevel, string)>();
        Assert.Null(BootScanner.AddMemoryArch(0x40000800, 0x700, BootScanOptions.Arm64, messages));
        Assert.Equal([(DiagnosticLevel.Warning, "OF: fdt: Ignoring memory block 0x40000800 - 0x40000f00")], messages);
        Assert.Null(BootScanner.AddMemoryArch(0x40000000, 0x800, BootScanOptions.Arm64));
    }

    [Fact]
    public void AddMemoryArch_BelowPhysOffset_IsClippedOrIgnored()
    {
        var arm = BootScanOptions.Arm32Lpae(0x40000000);
        var messages = new List<(DiagnosticLevel, string)>();
        Assert.Equal((0x40000000UL, 0x10000000UL), BootScanner.AddMemoryArch(0x30000000, 0x20000000, arm, messages));
        Assert.Equal("OF: fdt: Ignoring memory range 0x30000000 - 0x40000000", messages.Single().Item2);
        Assert.Null(BootScanner.AddMemoryArch(0x0, 0x10000000, arm));
    }

    [Fact]
    public void AddMemoryArch_AboveMaxOr32Bit_IsClippedOrTruncated()
    {
        var capped = BootScanOptions.Arm64 with { MaxMemblockAddress = 0xffffffff };
        var messages = new List<(DiagnosticLevel, string)>();
        Assert.Equal((0xc0000000UL, 0x40000000UL), BootScanner.AddMemoryArch(0xc0000000, 0x80000000, capped, messages));
        Assert.Equal("OF: fdt: Ignoring memory range 0x100000000 - 0x140000000", messages.Single().Item2);
        Assert.Null(BootScanner.AddMemoryArch(0x100000000, 0x1000, capped));

        var narrow = BootScanOptions.Arm64 with { PhysAddr64Bit = false };
        messages.Clear();
        Assert.Equal((0xc0000000UL, 0x3ffff000UL), BootScanner.AddMemoryArch(0xc0000000, 0x80000000, narrow, messages));
        Assert.Equal((DiagnosticLevel.Error, "OF: fdt: Truncating memory at 0xc0000000 to fit in 32-bit physical address space"), messages.Single());
    }

    // ---- memory nodes ----------------------------------------------------------------------------

    [Fact]
    public void Memory_EveryTupleStatusUsableMemoryHotplugAndNid()
    {
        var scan = Scan(w =>
        {
            Memory(w, "memory@40000000", 0, 0x40000000, 0, 0x20000000, 1, 0, 0, 0x10000000, 0, 0x80000000, 0, 0);
            w.BeginNode("memory@c0000000").PropertyStrings("device_type", "memory").PropertyCells("reg", 0, 0xc0000000, 0, 0x1000)
                .PropertyStrings("status", "disabled").EndNode();
            w.BeginNode("memory@d0000000").PropertyStrings("device_type", "memory").PropertyCells("reg", 0, 0xd0000000, 0, 0x10000000)
                .PropertyCells("linux,usable-memory", 0, 0xd0000000, 0, 0x1000000).Property("hotpluggable").PropertyCells("numa-node-id", 1).EndNode();
            w.BeginNode("soc").BeginNode("memory@e0000000").PropertyStrings("device_type", "memory").PropertyCells("reg", 0, 0xe0000000, 0, 0x1000).EndNode().EndNode();
        });
        Assert.Equal(
            [
                new MemoryBank("/memory@40000000", 0, "reg", 0x40000000, 0x20000000, 0x40000000, 0x20000000, true, false, null),
                new MemoryBank("/memory@40000000", 1, "reg", 0x100000000, 0x10000000, 0x100000000, 0x10000000, true, false, null),
                new MemoryBank("/memory@d0000000", 0, "linux,usable-memory", 0xd0000000, 0x1000000, 0xd0000000, 0x1000000, true, true, 1),
            ],
            scan.Banks);
    }

    [Fact]
    public void Memory_TrailingPartialTuple_IsIgnoredLikeTheKernel()
    {
        var scan = Scan(w => Memory(w, "memory", 0, 0x40000000, 0, 0x1000, 0, 0x50000000));
        Assert.Single(scan.Banks);
    }

    [Fact]
    public void RootCells_DefaultToOneInTheEarlyScan()
    {
        var w = new FdtWriter().BeginNode("");
        Memory(w, "memory", 0x40000000, 0x10000000);
        var scan = BootScanner.Scan(FlattenedDeviceTree.Parse(w.EndNode().Finish().AsMemory()));
        Assert.Equal((1, 1), (scan.RootAddressCells, scan.RootSizeCells));
        Assert.Equal(0x40000000UL, scan.Banks.Single().Base);
    }

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(5u, 1u)]
    [InlineData(0xffffffffu, 2u)]
    public void RootCells_Unusable_DecodeNothingAndSayWhy(uint addressCells, uint sizeCells)
    {
        var w = new FdtWriter().BeginNode("").PropertyCells("#address-cells", addressCells).PropertyCells("#size-cells", sizeCells);
        Memory(w, "memory", 0, 0x40000000, 0, 0x1000);
        ReservedMemory(w, addressCells, sizeCells).BeginNode("r").PropertyCells("reg", 0, 0x50000000, 0, 0x1000).EndNode().EndNode();
        w.BeginNode("chosen").PropertyCells("linux,usable-memory-range", 0, 1, 2, 3).PropertyCells("linux,elfcorehdr", 0, 1, 2, 3).EndNode();
        var scan = BootScanner.Scan(FlattenedDeviceTree.Parse(w.EndNode().Finish().AsMemory()));
        Assert.Empty(scan.Banks);
        Assert.Empty(scan.Reservations);
        Assert.Empty(scan.Chosen.UsableMemoryRanges);
        Assert.Null(scan.Chosen.ElfCoreHeader);
        Assert.StartsWith("note: root #address-cells", scan.Diagnostics[0].Message);
    }

    // ---- /chosen ---------------------------------------------------------------------------------

    [Fact]
    public void Chosen_InitrdElfcorehdrUsableRangesAndUefi()
    {
        var scan = Scan(w => w.BeginNode("chosen")
            .PropertyStrings("bootargs", "console=ttyAMA0 mem=1G")
            .PropertyCells("linux,initrd-start", 0x48000000).PropertyU64("linux,initrd-end", 0x480f100d)
            .PropertyCells("linux,elfcorehdr", 0, 0x7f000000, 0, 0x10000)
            .PropertyCells("linux,usable-memory-range", 0, 0x60000000, 0, 0x10000000, 1, 0, 0, 0x1000000, 2, 0, 0, 0x1000)
            .PropertyU64("linux,uefi-system-table", 0xbffd0018).PropertyU64("linux,uefi-mmap-start", 0xbc120040)
            .PropertyCells("linux,uefi-mmap-size", 0x600).PropertyCells("linux,uefi-mmap-desc-size", 0x30).PropertyCells("linux,uefi-mmap-desc-ver", 1)
            .PropertyCells("kaslr-seed", 1, 2)
            .EndNode());
        var c = scan.Chosen;
        Assert.Equal("/chosen", c.NodePath);
        Assert.Equal("console=ttyAMA0 mem=1G", c.Bootargs);
        Assert.Equal((0x48000000UL, 0x480f100dUL), (c.InitrdStart!.Value, c.InitrdEnd!.Value));
        Assert.Equal(new RegEntry(0x7f000000, 0x10000), c.ElfCoreHeader);
        Assert.Equal([new RegEntry(0x60000000, 0x10000000), new RegEntry(0x100000000, 0x1000000)], c.UsableMemoryRanges);
        Assert.Equal(new UefiParameters(0xbffd0018, 0xbc120040, 0x600, 0x30, 1, null), c.Uefi);
        Assert.True(scan.IsUefiBoot);
        Assert.True(c.HasKaslrSeed);
        Assert.Equal(new StaticReservation(ReservationSource.ElfCoreHeader, "/chosen", "elfcorehdr", 0, 0x7f000000, 0x10000, false), scan.Reservations.Single());
    }

    [Fact]
    public void Chosen_InitrdEndBeforeStart_IsIgnored_AndBootargsCutToCommandLineSize()
    {
        var scan = Scan(w => w.BeginNode("chosen@0")
            .PropertyStrings("bootargs", new string('x', 3000))
            .PropertyCells("linux,initrd-start", 0x49000000).PropertyCells("linux,initrd-end", 0x48000000).EndNode());
        Assert.Equal("/chosen@0", scan.Chosen.NodePath);
        Assert.Null(scan.Chosen.InitrdStart);
        Assert.Equal(2047, scan.Chosen.Bootargs!.Length);
    }

    [Fact]
    public void Chosen_UsableRangeLength_IsTestedInBytesAgainstTheCellCount()
    {
        // The kernel tests the byte length modulo the cell count (2+2): 6 bytes is refused...
        var scan = Scan(w => w.BeginNode("chosen").Property("linux,usable-memory-range", new byte[6]).EndNode());
        Assert.Empty(scan.Chosen.UsableMemoryRanges);
        // ...while 12 bytes (3 cells) passes, and the kernel then reads a 4-cell tuple past the value's end.
        scan = Scan(w => w.BeginNode("chosen").PropertyCells("linux,usable-memory-range", 0, 0x60000000, 0x1000).EndNode());
        Assert.Equal([new RegEntry(0x60000000, 0x1000UL << 32)], scan.Chosen.UsableMemoryRanges);
        Assert.StartsWith("note: ", scan.Diagnostics.Single().Message);
    }

    // ---- /memreserve/ and /reserved-memory ---------------------------------------------------------

    [Fact]
    public void MemReserve_ComesFirst_ThenReservedMemoryRegsInNodeOrder()
    {
        var scan = Scan(w =>
        {
            ReservedMemory(w)
                .BeginNode("b@51000000").PropertyCells("reg", 0, 0x51000000, 0, 0x100000, 0, 0x52000000, 0, 0x1000).EndNode()
                .BeginNode("a@50000000").PropertyCells("reg", 0, 0x50000000, 0, 0x400000).Property("no-map").EndNode()
                .BeginNode("off@53000000").PropertyCells("reg", 0, 0x53000000, 0, 0x1000).PropertyStrings("status", "disabled").EndNode()
                .EndNode();
        }, reservations: w => w.AddReservation(0x4a000000, 0x100000));
        Assert.Equal(
            [
                new StaticReservation(ReservationSource.MemReserve, "/memreserve/", null, 0, 0x4a000000, 0x100000, false),
                new StaticReservation(ReservationSource.ReservedMemoryReg, "/reserved-memory/b@51000000", "b@51000000", 0, 0x51000000, 0x100000, false),
                new StaticReservation(ReservationSource.ReservedMemoryReg, "/reserved-memory/b@51000000", "b@51000000", 1, 0x52000000, 0x1000, false),
                new StaticReservation(ReservationSource.ReservedMemoryReg, "/reserved-memory/a@50000000", "a@50000000", 0, 0x50000000, 0x400000, true),
            ],
            scan.Reservations);
        // The table holds the first reg tuple of each node, sorted by base.
        Assert.Equal(["a@50000000", "b@51000000"], scan.ReservedMemoryTable.Select(e => e.Name));
        Assert.Empty(scan.Diagnostics);
    }

    [Theory]
    [InlineData(1u, 2u, true)]
    [InlineData(2u, 1u, true)]
    [InlineData(2u, 2u, false)]
    public void ReservedMemory_CellsDifferOrNoRanges_WholeNodeIgnored(uint addressCells, uint sizeCells, bool ranges)
    {
        var scan = Scan(w => ReservedMemory(w, addressCells, sizeCells, ranges)
            .BeginNode("x@50000000").PropertyCells("reg", 0, 0x50000000, 0, 0x1000).EndNode().EndNode());
        Assert.True(scan.ReservedMemoryIgnored);
        Assert.Empty(scan.Reservations);
        Assert.Equal("OF: fdt: Reserved memory: unsupported node format, ignoring", scan.Diagnostics.Single().Message);
    }

    [Fact]
    public void ReservedMemory_BadRegAndZeroSize_AreReported()
    {
        var scan = Scan(w => ReservedMemory(w)
            .BeginNode("bad").PropertyCells("reg", 0, 0x50000000, 0x1000).EndNode()
            .BeginNode("zero@60000000").PropertyCells("reg", 0, 0x60000000, 0, 0).EndNode().EndNode());
        Assert.Equal(
            [
                "OF: fdt: Reserved memory: invalid reg property in 'bad', skipping node.",
                "OF: fdt: Reserved memory: failed to reserve memory for node 'zero@60000000': base 0x0000000060000000, size 0 MiB",
            ],
            scan.Diagnostics.Select(d => d.Message));
        Assert.Empty(scan.Reservations);
        // A zero-size first tuple is still saved, and then treated as dynamic: without a size property it is dropped.
        Assert.Single(scan.ReservedMemoryTable);
        Assert.Empty(scan.DynamicRequests);
    }

    [Fact]
    public void ReservedMemory_Dynamic_SizeAlignmentRangesCmaAndPools()
    {
        var scan = Scan(w => ReservedMemory(w)
            .BeginNode("pool").PropertyU64("size", 0x800000).PropertyU64("alignment", 0x400000)
                .PropertyCells("alloc-ranges", 0, 0x60000000, 0, 0x10000000, 0, 0x80000000, 0, 0x10000000).EndNode()
            .BeginNode("linux,cma").PropertyStrings("compatible", "shared-dma-pool").Property("reusable").PropertyU64("size", 0x4000000)
                .Property("linux,cma-default").EndNode()
            .BeginNode("coherent").PropertyStrings("compatible", "shared-dma-pool").Property("no-map").PropertyU64("size", 0x100000).EndNode()
            .BeginNode("odd").PropertyStrings("compatible", "shared-dma-pool").Property("reusable").Property("no-map").PropertyU64("size", 0x100000).EndNode()
            .EndNode());
        var byName = scan.DynamicRequests.ToDictionary(r => r.Name);
        Assert.Equal(4, byName.Count);
        Assert.Equal([new AllocRange(0x60000000, 0x70000000), new AllocRange(0x80000000, 0x90000000)], byName["pool"].Ranges);
        Assert.Equal((0x400000UL, 0x400000UL), (byName["pool"].RequestedAlignment, byName["pool"].Alignment));
        Assert.Equal((0UL, 2UL << 20), (byName["linux,cma"].RequestedAlignment, byName["linux,cma"].Alignment)); // CMA minimum
        Assert.Equal(64UL, byName["coherent"].Alignment);                                                      // SMP_CACHE_BYTES
        Assert.Equal([new AllocRange(0, ulong.MaxValue)], byName["coherent"].Ranges);
        Assert.Equal(ReservedMemoryPool.Cma, byName["linux,cma"].Entry.Pool);
        Assert.True(byName["linux,cma"].Entry.CmaDefault);
        Assert.Equal(ReservedMemoryPool.DmaCoherent, byName["coherent"].Entry.Pool);
        Assert.Equal(ReservedMemoryPool.Refused, byName["odd"].Entry.Pool);
        Assert.Equal(ReservedMemoryPool.None, byName["pool"].Entry.Pool);
    }

    [Fact]
    public void ReservedMemory_DynamicOrder_FollowsTheKernelsHeapsort()
    {
        // Five dynamic entries (all base 0, size 0) and one static: the kernel's unstable heapsort decides the order.
        var scan = Scan(w =>
        {
            ReservedMemory(w).BeginNode("s@50000000").PropertyCells("reg", 0, 0x50000000, 0, 0x1000).EndNode();
            foreach (var name in new[] { "d1", "d2", "d3", "d4", "d5" })
                w.BeginNode(name).PropertyU64("size", 0x1000).EndNode();
            w.EndNode();
        });
        var saved = new[] { "s@50000000", "d1", "d2", "d3", "d4", "d5" };
        var expected = saved.Select((n, i) => (Name: n, Base: n.StartsWith('s') ? 0x50000000UL : 0UL, Size: n.StartsWith('s') ? 0x1000UL : 0UL, Index: i)).ToArray();
        KernelSort.Sort(expected.AsSpan(), (x, y) => x.Base != y.Base ? x.Base.CompareTo(y.Base) : x.Size.CompareTo(y.Size));
        Assert.Equal(expected.Select(e => e.Name), scan.ReservedMemoryTable.Select(e => e.Name));
        Assert.Equal(expected.Where(e => e.Size == 0).Select(e => e.Name), scan.DynamicRequests.Select(r => r.Name));
        Assert.Equal("s@50000000", scan.ReservedMemoryTable[^1].Name);
    }

    [Fact]
    public void ReservedMemory_InvalidSizeAlignmentRanges_AreReported()
    {
        var scan = Scan(w => ReservedMemory(w)
            .BeginNode("a").PropertyCells("size", 0x1000).EndNode()
            .BeginNode("b").PropertyU64("size", 0x1000).PropertyCells("alignment", 0x1000).EndNode()
            .BeginNode("c").PropertyU64("size", 0x1000).PropertyCells("alloc-ranges", 0, 0x1000).EndNode()
            .EndNode());
        Assert.Empty(scan.DynamicRequests);
        Assert.Equal(3, scan.ReservedMemoryTable.Count);
        Assert.Equal(
            ["OF: reserved mem: invalid size property in 'a' node.",
             "OF: reserved mem: invalid alloc-ranges property in 'c', skipping node.",
             "OF: reserved mem: invalid alignment property in 'b' node."],
            scan.Diagnostics.Select(d => d.Message).OrderDescending(StringComparer.Ordinal));
    }

    [Fact]
    public void ReservedMemory_Overlap_IsReported()
    {
        var scan = Scan(w => ReservedMemory(w)
            .BeginNode("a@50000000").PropertyCells("reg", 0, 0x50000000, 0, 0x200000).EndNode()
            .BeginNode("b@50100000").PropertyCells("reg", 0, 0x50100000, 0, 0x100000).EndNode().EndNode());
        Assert.Equal(
            "OF: reserved mem: OVERLAP DETECTED!\na@50000000 (0x0000000050000000--0x0000000050200000) overlaps with b@50100000 (0x0000000050100000--0x0000000050200000)",
            scan.Diagnostics.Single().Message);
    }

    [Fact]
    public void ReservedMemory_TableLimit_SavesSixtyFourAndComplains()
    {
        var scan = Scan(w =>
        {
            ReservedMemory(w);
            for (var i = 0; i < 70; i++)
                w.BeginNode($"r@{0x50000000 + i * 0x1000:x}").PropertyCells("reg", 0, (uint)(0x50000000 + i * 0x1000), 0, 0x1000).EndNode();
            w.EndNode();
        });
        Assert.Equal(70, scan.Reservations.Count); // every region is still reserved
        Assert.Equal(64, scan.ReservedMemoryTable.Count);
        Assert.Equal(6, scan.Diagnostics.Count(d => d.Message == "OF: reserved mem: not enough space for all defined regions."));
    }

    // ---- CPUs ------------------------------------------------------------------------------------

    [Fact]
    public void Cpus_CountSkipsFailedAndNonCpuNodes()
    {
        var scan = Scan(w =>
        {
            w.BeginNode("cpus").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 0);
            w.BeginNode("cpu@0").PropertyStrings("device_type", "cpu").PropertyCells("reg", 0).PropertyStrings("enable-method", "psci").EndNode();
            w.BeginNode("cpu@1").PropertyStrings("device_type", "cpu").PropertyCells("reg", 1).PropertyStrings("status", "disabled").EndNode();
            w.BeginNode("cpu@2").PropertyStrings("device_type", "cpu").PropertyCells("reg", 2).PropertyStrings("status", "fail").EndNode();
            w.BeginNode("cpu-map").EndNode();
            w.EndNode();
        });
        Assert.Equal(3, scan.Cpus.Count);
        Assert.Equal(2, scan.CpuCount);
        Assert.Equal(new CpuNode("/cpus/cpu@0", 0, null, true, null, "psci"), scan.Cpus[0]);
    }

    // ---- the kernel's sort ------------------------------------------------------------------------

    [Fact]
    public void KernelSort_SortsLikeAnySort_ForDistinctKeys()
    {
        var rng = new Random(7);
        for (var n = 0; n < 50; n++)
        {
            var items = Enumerable.Range(0, n).Select(_ => rng.Next(1000)).Distinct().ToArray();
            var expected = items.Order().ToArray();
            KernelSort.Sort(items.AsSpan(), (a, b) => a.CompareTo(b));
            Assert.Equal(expected, items);
        }
    }

    [Fact]
    public void KernelSort_EqualKeys_LandInHeapsortOrder()
    {
        // Hand-traced lib/sort.c on [S1, S2, D1, D2] with S1 < S2 and D1 == D2 < S1: result [D2, D1, S1, S2].
        var items = new[] { (Key: 2, Tag: "S1"), (Key: 3, Tag: "S2"), (Key: 1, Tag: "D1"), (Key: 1, Tag: "D2") };
        KernelSort.Sort(items.AsSpan(), (a, b) => a.Key.CompareTo(b.Key));
        Assert.Equal(["D2", "D1", "S1", "S2"], items.Select(i => i.Tag));
    }
}
