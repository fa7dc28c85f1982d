using MemblockSharp.Boot.Lint;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.DeviceTree;
using static MemblockSharp.Boot.Tests.Lint.LintTrees;

namespace MemblockSharp.Boot.Tests.Lint;

/// <summary>Every rule on a board built to fire it and on a near twin that must stay silent.</summary>
public sealed class LintRuleTests
{
    private const ulong M = 1UL << 20;

    private static List<LintFinding> Findings(byte[] dtb, string id, LintOptions? options = null) => Run(dtb, options).OfRule(id).ToList();

    private static LintFinding Single(byte[] dtb, string id, LintOptions? options = null)
    {
        var report = Run(dtb, options);
        return Assert.Single(report.OfRule(id));
    }

    // ---- MB001, MB002: __reserved_mem_check_root ----------------------------------------------------------

    [Fact]
    public void MB001_CellsDifferFromRoot_Fires_AndEveryChildIsIgnored()
    {
        var dtb = Board(ReservedMemoryWith(1, 1, true, Child("fw@50000000", w => w.PropertyCells("reg", 0x50000000, 0x100000))));
        var report = Run(dtb);
        var f = Assert.Single(report.OfRule("MB001"));
        Assert.Equal(LintSeverity.Error, f.Severity);
        Assert.Equal("/reserved-memory", f.NodePath);
        Assert.Contains("#address-cells = 1, #size-cells = 1, but the root has 2 and 2", f.Message);
        Assert.DoesNotContain(report.Layout.Regions, r => r.Kind == LayoutRegionKind.StaticReservedMemory);
        Assert.Empty(report.OfRule("MB002"));
    }

    [Fact]
    public void MB001_CellsMatch_Silent() =>
        Assert.Empty(Findings(Board(ReservedMemory(Static("fw", 0x50000000, M))), "MB001"));

    [Fact]
    public void MB002_NoRanges_Fires()
    {
        var f = Single(Board(ReservedMemoryWith(2, 2, false, Static("fw", 0x50000000, M))), "MB002");
        Assert.Equal(LintSeverity.Error, f.Severity);
        Assert.Contains("unsupported node format, ignoring", f.Prevents);
    }

    [Fact]
    public void MB002_WithRanges_Silent() =>
        Assert.Empty(Findings(Board(ReservedMemory(Static("fw", 0x50000000, M))), "MB002"));

    // ---- MB003, MB004: overlaps between reservations ---------------------------------------------------------

    [Fact]
    public void MB003_TwoReservedMemoryRegionsOverlap_Fires()
    {
        //   a: [0x50000000 ------ 0x501fffff]
        //   b:            [0x50100000 ------ 0x502fffff]
        var report = Run(Board(ReservedMemory(Static("a", 0x50000000, 2 * M), Static("b", 0x50100000, 2 * M))));
        var f = Assert.Single(report.OfRule("MB003"));
        Assert.Equal("/reserved-memory/b@50100000", f.NodePath);
        Assert.Contains("OVERLAP DETECTED!", f.Prevents);
        // The scan saw the same overlap, in the kernel's words.
        Assert.Contains(report.Scan.Diagnostics, d => d.Message.StartsWith("OF: reserved mem: OVERLAP DETECTED!", StringComparison.Ordinal));
    }

    [Fact]
    public void MB003_AdjacentRegions_Silent() =>
        Assert.Empty(Findings(Board(ReservedMemory(Static("a", 0x50000000, 2 * M), Static("b", 0x50200000, 2 * M))), "MB003"));

    [Fact]
    public void MB004_MemReserveOverlapsMappedRegion_Fires()
    {
        var dtb = Board(ReservedMemory(Static("fw", 0x50000000, 2 * M)), reservations: w => w.AddReservation(0x50100000, M));
        var f = Single(dtb, "MB004");
        Assert.Equal(LintSeverity.Warning, f.Severity);
        Assert.Contains("/memreserve/ entry 0 [0x50100000-0x501fffff]", f.Message);
        Assert.Empty(Findings(dtb, "MB003"));
    }

    [Fact]
    public void MB004_SecondRegEntryOverlapsAnotherNode_Fires()
    {
        // The kernel's table (and its overlap check) holds only the first reg entry of each node.
        var dtb = Board(ReservedMemory(Static("a", 0x50000000, M),
            Child("b@52000000", w => w.PropertyCells("reg", Cells(0x52000000, M, 0x50080000, M)))));
        Assert.Single(Findings(dtb, "MB004"));
        Assert.Empty(Findings(dtb, "MB003"));
    }

    [Fact]
    public void MB004_Disjoint_Silent() =>
        Assert.Empty(Findings(Board(ReservedMemory(Static("fw", 0x50000000, 2 * M)), reservations: w => w.AddReservation(0x50200000, M)), "MB004"));

    // ---- MB005: no-map over reserved memory ---------------------------------------------------------------------

    [Fact]
    public void MB005_NoMapOverMemReserve_FiresAsError()
    {
        var dtb = Board(ReservedMemory(Static("fw", 0x50000000, 2 * M, "no-map")), reservations: w => w.AddReservation(0x50000000, M));
        var report = Run(dtb);
        var f = Assert.Single(report.OfRule("MB005"));
        Assert.Equal(LintSeverity.Error, f.Severity);
        Assert.Equal("/reserved-memory/fw@50000000", f.NodePath);
        Assert.Empty(report.OfRule("MB004")); // the refusal explains the overlap once
        Assert.Single(report.Layout.Refused);
    }

    [Fact]
    public void MB005_NoMapOverAssumedKernelImage_IsOnlyAWarning_AndAnErrorWhenTheAddressIsGiven()
    {
        // The assumed kernel image is [0x40210000-0x4220ffff]; the firmware region claims the first 16 MiB of RAM.
        var dtb = Board(ReservedMemory(Static("hwrom", 0x40000000, 16 * M, "no-map")));
        Assert.Equal(LintSeverity.Warning, Single(dtb, "MB005").Severity);
        var given = Options() with { KernelAddress = 0x40200000 };
        Assert.Equal(LintSeverity.Error, Single(dtb, "MB005", given).Severity);
        var elsewhere = Options() with { KernelAddress = 0x60000000 };
        Assert.Empty(Findings(dtb, "MB005", elsewhere));
    }

    [Fact]
    public void MB005_NoMapOnFreeMemory_Silent() =>
        Assert.Empty(Findings(Board(ReservedMemory(Static("fw", 0x50000000, 2 * M, "no-map"))), "MB005"));

    // ---- MB006: kernel image, initrd, FDT ---------------------------------------------------------------------

    [Fact]
    public void MB006_MappedRegionOverKernelImage_WarningWhenAssumed_ErrorWhenGiven()
    {
        var dtb = Board(ReservedMemory(Static("fw", 0x41000000, 4 * M)));
        var assumed = Single(dtb, "MB006");
        Assert.Equal(LintSeverity.Warning, assumed.Severity);
        Assert.Contains("kernel image [0x40210000-0x4220ffff]", assumed.Message);
        Assert.Contains("--kernel-addr", assumed.Message);
        Assert.Equal(LintSeverity.Error, Single(dtb, "MB006", Options() with { KernelAddress = 0x40200000 }).Severity);
    }

    [Fact]
    public void MB006_RegionOverInitrd_IsAnError()
    {
        var dtb = Board(w =>
        {
            w.BeginNode("chosen").PropertyCells("linux,initrd-start", 0x44000000).PropertyCells("linux,initrd-end", 0x44100000).EndNode();
            ReservedMemory(Static("buf", 0x44080000, M))(w);
        });
        var f = Single(dtb, "MB006");
        Assert.Equal(LintSeverity.Error, f.Severity);
        Assert.Contains("initrd [0x44000000-0x440fffff]", f.Message);
    }

    [Fact]
    public void MB006_RegionOverAssumedFdt_Fires_ElsewhereSilent()
    {
        // No initrd: the FDT is assumed at RAM base + 128 MiB = 0x48000000.
        Assert.Contains("FDT [0x48000000-", Single(Board(ReservedMemory(Static("fw", 0x48000000, M))), "MB006").Message);
        Assert.Empty(Findings(Board(ReservedMemory(Static("fw", 0x50000000, M))), "MB006"));
    }

    // ---- MB007: outside memory ------------------------------------------------------------------------------

    [Fact]
    public void MB007_MappedRegionOutsideMemory_Warning_NoMapDeviceMemory_Info_PartlyOutside_Warning()
    {
        var dtb = Board(ReservedMemory(Static("sram", 0x10000000, M, "no-map"), Static("buf", 0x20000000, M), Static("edge", 0x7ff00000, 2 * M)));
        var findings = Findings(dtb, "MB007").ToDictionary(f => f.NodePath);
        Assert.Equal(LintSeverity.Info, findings["/reserved-memory/sram@10000000"].Severity);
        Assert.Equal(LintSeverity.Warning, findings["/reserved-memory/buf@20000000"].Severity);
        Assert.Contains("partly outside", findings["/reserved-memory/edge@7ff00000"].Message);
        Assert.Contains("[0x80000000-0x800fffff] is not RAM", findings["/reserved-memory/edge@7ff00000"].Message);
        Assert.Equal(LintSeverity.Warning, findings["/reserved-memory/edge@7ff00000"].Severity);
    }

    [Fact]
    public void MB007_InsideMemory_Silent() =>
        Assert.Empty(Findings(Board(ReservedMemory(Static("buf", 0x50000000, M))), "MB007"));

    // ---- MB008 - MB012: flags and pools ----------------------------------------------------------------------

    [Fact]
    public void MB008_NoMapAndReusable_Fires_NoMapAlone_Silent()
    {
        Assert.Equal(LintSeverity.Warning, Single(Board(ReservedMemory(Static("fw", 0x50000000, M, "no-map", "reusable"))), "MB008").Severity);
        Assert.Empty(Findings(Board(ReservedMemory(Static("fw", 0x50000000, M, "no-map"))), "MB008"));
    }

    [Fact]
    public void MB009_CmaPoolWithNoMap_Fires_WithoutNoMap_Silent()
    {
        var f = Single(Board(ReservedMemory(Dynamic("linux,cma", 32 * M, 0, null, "pool", "reusable", "no-map"))), "MB009");
        Assert.Contains("compatible matching fail", f.Prevents);
        Assert.Empty(Findings(Board(ReservedMemory(Static("fw", 0x50000000, M, "no-map", "reusable", "pool"))), "MB008")); // MB009's case
        Assert.Empty(Findings(Board(ReservedMemory(Dynamic("linux,cma", 32 * M, 0, null, "pool", "reusable"))), "MB009"));
    }

    [Fact]
    public void MB010_CmaDefaultNotReusable_Fires_Reusable_Silent()
    {
        Assert.Single(Findings(Board(ReservedMemory(Dynamic("linux,cma", 32 * M, 0, null, "pool", "linux,cma-default"))), "MB010"));
        Assert.Empty(Findings(Board(ReservedMemory(Dynamic("linux,cma", 32 * M, 0, null, "pool", "reusable", "linux,cma-default"))), "MB010"));
    }

    [Fact]
    public void MB011_Arm32MappedCoherentPool_Fires_WithNoMap_Silent_Arm64_Silent()
    {
        var arm = Options(BuiltInProfiles.DebianArmmpLpae);
        var mapped = Board(ReservedMemory(Static("dma", 0x50000000, 4 * M, "pool")));
        Assert.Single(Findings(mapped, "MB011", arm));
        Assert.Empty(Findings(Board(ReservedMemory(Static("dma", 0x50000000, 4 * M, "pool", "no-map"))), "MB011", arm));
        Assert.Empty(Findings(mapped, "MB011"));
    }

    [Fact]
    public void MB012_StaticCmaPoolOffTheCmaAlignment_Fires_Aligned_Silent()
    {
        var f = Single(Board(ReservedMemory(Static("cma", 0x50100000, 8 * M, "pool", "reusable"))), "MB012");
        Assert.Contains("multiples of 2 MiB", f.Message);
        Assert.Contains("incorrect alignment of CMA region", f.Prevents);
        Assert.Empty(Findings(Board(ReservedMemory(Static("cma", 0x50200000, 8 * M, "pool", "reusable"))), "MB012"));
    }

    [Fact]
    public void MB012_DynamicCmaPoolWithOddSize_Fires()
    {
        Assert.Single(Findings(Board(ReservedMemory(Dynamic("linux,cma", 3 * M, 0, null, "pool", "reusable"))), "MB012"));
        Assert.Empty(Findings(Board(ReservedMemory(Dynamic("linux,cma", 4 * M, 0, null, "pool", "reusable"))), "MB012"));
        // Not a CMA pool (no reusable): the CMA alignment does not apply.
        Assert.Empty(Findings(Board(ReservedMemory(Dynamic("dma", 3 * M, 0, null, "pool"))), "MB012"));
    }

    // ---- MB013: dynamic placement ------------------------------------------------------------------------

    [Fact]
    public void MB013_DynamicRegionLargerThanItsAllocRange_Fires()
    {
        var dtb = Board(ReservedMemory(Dynamic("vpu", 64 * M, 0, [(0x50000000, 32 * M)])));
        var report = Run(dtb);
        var f = Assert.Single(report.OfRule("MB013"));
        Assert.Equal(LintSeverity.Error, f.Severity);
        Assert.Contains("does not fit in [0x50000000-0x51ffffff]", f.Message);
        Assert.Contains("the largest free block there is 32 MiB", f.Message);
    }

    [Fact]
    public void MB013_DynamicRegionThatFits_IsPlacedTopDownInItsRange_Silent()
    {
        var report = Run(Board(ReservedMemory(Dynamic("vpu", 64 * M, 4 * M, [(0x50000000, 128 * M)]))));
        Assert.Empty(report.OfRule("MB013"));
        var placed = Assert.Single(report.Layout.Regions, r => r.Kind == LayoutRegionKind.DynamicReservedMemory);
        Assert.Equal((0x54000000UL, 64 * M), (placed.Base, placed.Size));
    }

    [Fact]
    public void MB013_FailsOnlyBecauseOfTheAssumedFdt_IsAWarning()
    {
        // Alloc-range [0x47000000, 0x49000000) holds the assumed FDT at 0x48000000; 32 MiB fit only without it.
        var dtb = Board(ReservedMemory(Dynamic("buf", 32 * M, 0, [(0x47000000, 32 * M)])));
        var f = Single(dtb, "MB013");
        Assert.Equal(LintSeverity.Warning, f.Severity);
        Assert.Contains("addresses are assumed", f.Message);
    }

    // ---- MB014 - MB017: nodes and the table ------------------------------------------------------------------

    [Fact]
    public void MB014_TwoRegEntries_Fires_OneEntry_Silent()
    {
        var two = Board(ReservedMemory(Child("fw@50000000", w => w.PropertyCells("reg", Cells(0x50000000, M, 0x52000000, M)))));
        Assert.Contains("reg has 2 entries", Single(two, "MB014").Message);
        Assert.Empty(Findings(Board(ReservedMemory(Static("fw", 0x50000000, M))), "MB014"));
    }

    [Fact]
    public void MB015_ZeroSizedRegAndDynamicSize_Fire_NonZero_Silent()
    {
        var report = Run(Board(ReservedMemory(Static("empty", 0x50000000, 0), Dynamic("nothing", 0))));
        Assert.Equal(["/reserved-memory/empty@50000000", "/reserved-memory/nothing"], report.OfRule("MB015").Select(f => f.NodePath).Order(StringComparer.Ordinal));
        Assert.Empty(Findings(Board(ReservedMemory(Static("fw", 0x50000000, M), Dynamic("some", M))), "MB015"));
    }

    [Fact]
    public void MB016_TwoDefaultCmaPools_FiresOnTheOneThatLoses()
    {
        var dtb = Board(ReservedMemory(
            Static("cma-a", 0x50000000, 16 * M, "pool", "reusable", "linux,cma-default"),
            Static("cma-b", 0x60000000, 16 * M, "pool", "reusable", "linux,cma-default")));
        var f = Single(dtb, "MB016");
        Assert.Equal("/reserved-memory/cma-a@50000000", f.NodePath); // the table is sorted by base: b comes last and wins
        Assert.Contains("/reserved-memory/cma-b@60000000 comes last", f.Message);
        Assert.Empty(Findings(Board(ReservedMemory(Static("cma-a", 0x50000000, 16 * M, "pool", "reusable", "linux,cma-default"))), "MB016"));
    }

    [Fact]
    public void MB017_65Regions_FiresOnTheOneBeyondTheTable_64Silent()
    {
        static byte[] Regions(int n) => Board(ReservedMemory(Enumerable.Range(0, n).Select(i => Static("r", 0x50000000 + (ulong)i * M, 0x1000)).ToArray()));
        var f = Single(Regions(65), "MB017");
        Assert.Equal($"/reserved-memory/r@{0x50000000 + 64 * M:x}", f.NodePath);
        Assert.Empty(Findings(Regions(64), "MB017"));
    }

    // ---- MB018, MB019: memory banks ------------------------------------------------------------------------------

    [Fact]
    public void MB018_BankNotPageAligned_Fires_Aligned_Silent()
    {
        var f = Single(Board(_ => { }, memBase: 0x40000800, memSize: 0x40000000), "MB018");
        Assert.Contains("the kernel uses [0x40001000-0x7fffffff]", f.Message);
        Assert.Contains("loses 4 KiB", f.Message);
        Assert.Empty(Findings(Board(_ => { }), "MB018"));
    }

    [Fact]
    public void MB019_BankAboveThePhysicalAddressBits_Fires_Below_Silent()
    {
        // 48-bit physical addresses on the Debian arm64 kernel: a bank straddling 2^48 loses its top.
        var f = Single(Board(_ => { }, memBase: 0xFFFF_C000_0000, memSize: 0x8000_0000), "MB019");
        Assert.Contains("1 GiB at or above 2^48", f.Message);
        Assert.Empty(Findings(Board(_ => { }), "MB019"));
    }

    // ---- MB020 - MB023 -----------------------------------------------------------------------------------------

    [Fact]
    public void MB020_SizePropertyOfTheWrongLength_Fires_RightLength_Silent()
    {
        var bad = Board(ReservedMemory(Child("buf", w => w.PropertyCells("size", 0x100000))));
        var f = Single(bad, "MB020");
        Assert.Contains("invalid size property in 'buf' node.", f.Message);
        Assert.Empty(Findings(Board(ReservedMemory(Dynamic("buf", M))), "MB020"));
    }

    [Fact]
    public void MB021_NoMemory_IsInfo_AndRam_BringsTheLayoutRulesBack()
    {
        var dtb = Board(ReservedMemory(Dynamic("vpu", 64 * M, 0, [(0x50000000, 32 * M)])), memory: false);
        var report = Run(dtb);
        Assert.Equal(LintSeverity.Info, Assert.Single(report.OfRule("MB021")).Severity);
        Assert.Empty(report.OfRule("MB013"));
        var withRam = Run(dtb, Options() with { Ram = [(0x40000000, 0x40000000)] });
        Assert.Empty(withRam.OfRule("MB021"));
        Assert.Single(withRam.OfRule("MB013"));
    }

    [Fact]
    public void MB022_UefiStubTree_IsInfo_OtherTrees_Silent()
    {
        var dtb = Board(w => w.BeginNode("chosen").PropertyU64("linux,uefi-mmap-start", 0x7e000000).PropertyCells("linux,uefi-mmap-size", 0x1000).EndNode(), memory: false);
        Assert.Equal(LintSeverity.Info, Single(dtb, "MB022").Severity);
        Assert.Empty(Findings(dtb, "MB021"));
        Assert.Empty(Findings(Board(_ => { }), "MB022"));
    }

    [Fact]
    public void MB023_InitrdBelowRam_Fires_InsideRam_Silent()
    {
        static byte[] WithInitrd(uint start) => Board(w => w.BeginNode("chosen")
            .PropertyCells("linux,initrd-start", start).PropertyCells("linux,initrd-end", start + 0x100000).EndNode());
        Assert.Contains("the kernel drops it", Single(WithInitrd(0x10000000), "MB023").Message);
        Assert.Empty(Findings(WithInitrd(0x44000000), "MB023"));
    }

    // ---- the catalogue ---------------------------------------------------------------------------------------

    [Fact]
    public void Rules_HaveUniqueSequentialIds_AndSayWhatTheyPrevent()
    {
        var ids = LintRules.All.Select(r => r.Id).ToList();
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => $"MB{i:000}"), ids);
        Assert.All(LintRules.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Prevents)));
        Assert.Same(LintRules.TableOverlap, LintRules.Find("mb003"));
    }
}
