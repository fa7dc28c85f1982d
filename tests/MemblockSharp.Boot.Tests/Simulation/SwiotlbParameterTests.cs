using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// <c>swiotlb=[SLABS][,AREAS][,force|noforce]</c> (kernel/dma/swiotlb.c setup_io_tlb_npages, swiotlb_init_remap; 6.1 and
/// 6.12): the slab count rounded to a 128-slab segment, the area count to a power of two (then the slabs to at least a
/// segment per area and a power of two), force sets a buffer up where no device needs one, noforce none at all. MemTotal
/// moves by the buffer (PAGE_ALIGN(slabs × 2 KiB)) plus the slot array (PAGE_ALIGN(slabs × 24)), the area array being a
/// sub-page allocation.
/// </summary>
public sealed class SwiotlbParameterTests
{
    private const ulong Slot = 24, Page = 4096;

    private static BootResult Boot(RealBootCase c, string extra) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(c.ProfileName),
        Dtb = File.ReadAllBytes(c.File("board.dtb")),
        CommandLine = (c.CommandLine + " " + extra).Trim(),
    });

    private static ulong PageAlign(ulong v) => (v + Page - 1) & ~(Page - 1);

    // The pages a buffer of this many slabs costs: the buffer and its slot array.
    private static ulong CostKb(ulong slabs) => (PageAlign(slabs << 11) + PageAlign(slabs * Slot)) / 1024;

    private static void AssertMemTotalFalls(BootResult before, BootResult after, ulong slabs)
    {
        long delta = (long)before.MemTotalKb - (long)after.MemTotalKb;
        // The area array (16 bytes per area) may start a new page or share one: at most one page more.
        Assert.InRange(delta, (long)CostKb(slabs), (long)CostKb(slabs) + 4);
    }

    private static List<string> TlbLines(BootResult r) => r.Log.Where(l => l.StartsWith("software IO TLB:", StringComparison.Ordinal)).ToList();

    [Theory]
    [InlineData("1000", 1024UL, null, false, false)]
    [InlineData("1024,force", 1024UL, null, true, false)]
    [InlineData("1500,3,force", 1536UL, 3UL, true, false)]
    [InlineData("0x800,force", 2048UL, null, true, false)]
    [InlineData("010", 128UL, null, false, false)]         // octal 8, one segment
    [InlineData("noforce", null, null, false, true)]
    [InlineData(",2", null, 2UL, false, false)]
    [InlineData("force,", null, null, false, false)]       // the rest must be exactly "force"
    [InlineData("4096,,noforce", 4096UL, null, false, true)]
    public void Parse_ReadsTheFormsAsSetupIoTlbNpages(string value, ulong? slabs, ulong? areas, bool force, bool noforce)
    {
        Assert.Equal(new SwiotlbParameter(slabs, areas, force, noforce), SwiotlbParameter.Parse(value));
    }

    [Fact]
    public void Force_OnABoardThatNeedsNoBuffer_TakesTheDefault64MiB()
    {
        var c = RealBootCase.Load("virt-arm64-1G");
        var plain = Boot(c, "");
        Assert.Empty(TlbLines(plain));

        var forced = Boot(c, "swiotlb=force");

        var lines = TlbLines(forced);
        Assert.Equal("software IO TLB: area num 1.", lines[0]);
        Assert.Matches(@"^software IO TLB: mapped \[mem 0x[0-9a-f]{16}-0x[0-9a-f]{16}\] \(64MB\)$", lines[1]);
        Assert.Equal(2, lines.Count);
        AssertMemTotalFalls(plain, forced, 32768);
        Assert.True(forced.Exact);
    }

    [Fact]
    public void SlabsWithForce_SetTheSize()
    {
        var c = RealBootCase.Load("virt-arm64-1G");
        var r = Boot(c, "swiotlb=1000,force");
        var lines = TlbLines(r);
        Assert.Equal(2, lines.Count);
        Assert.EndsWith("(2MB)", lines[1], StringComparison.Ordinal);
        AssertMemTotalFalls(Boot(c, ""), r, 1024);
    }

    [Fact]
    public void AreaCount_PrintsAtParseTime_AndRoundsTheSlabsUp()
    {
        var c = RealBootCase.Load("virt-arm64-1G");
        var r = Boot(c, "swiotlb=1500,3,force");
        var lines = TlbLines(r);
        // 1536 slabs, 4 areas: a power of two above 1536 is 2048 slabs = 4 MiB; no second "area num" in mem_init.
        Assert.Equal("software IO TLB: area num 4.", lines[0]);
        Assert.Equal("software IO TLB: SWIOTLB bounce buffer size roundup to 4MB", lines[1]);
        Assert.EndsWith("(4MB)", lines[2], StringComparison.Ordinal);
        Assert.Equal(3, lines.Count);
        int parsedAt = r.Log.ToList().IndexOf(lines[0]);
        Assert.True(parsedAt < r.Log.ToList().IndexOf("efi: UEFI not found."), "the area line comes from the early parameters");
        AssertMemTotalFalls(Boot(c, ""), r, 2048);
    }

    [Fact]
    public void SlabsWithoutForce_OnABoardThatNeedsNoBuffer_ChangeNothing()
    {
        var c = RealBootCase.Load("virt-arm64-1G");
        Assert.Equal(Boot(c, "").MemTotalKb, Boot(c, "swiotlb=8192").MemTotalKb);
    }

    [Fact]
    public void Slabs_ResizeTheBufferABoardNeeds()
    {
        // 4 GiB QEMU virt (RAM past 4 GiB, ZONE_DMA to 4 GiB): the real boot maps 64 MiB; swiotlb=16384 makes it 32 MiB.
        var c = RealBootCase.Load("virt-arm64-4G");
        var plain = Boot(c, "");
        Assert.Equal(c.MemTotalKb, plain.MemTotalKb);
        var half = Boot(c, "swiotlb=16384");
        Assert.EndsWith("(32MB)", TlbLines(half)[^1], StringComparison.Ordinal);
        long delta = (long)half.MemTotalKb - (long)plain.MemTotalKb;
        Assert.InRange(delta, (long)(CostKb(32768) - CostKb(16384)) - 4, (long)(CostKb(32768) - CostKb(16384)) + 4);
    }

    [Fact]
    public void NoForce_RemovesTheBufferABoardNeeds()
    {
        var c = RealBootCase.Load("virt-arm64-4G");
        var plain = Boot(c, "");
        var none = Boot(c, "swiotlb=noforce");
        Assert.Empty(TlbLines(none));
        AssertMemTotalFalls(none, plain, 32768);
    }

    [Fact]
    public void On612_SlabsReplaceTheKmallocBounceSize_AndNoForceRemovesIt()
    {
        var c = RealBootCase.Load(RealBootCase.Set612, "virt-arm64-1G-minimal-cmdline");
        var plain = Boot(c, "");
        Assert.Equal(c.MemTotalKb, plain.MemTotalKb);
        Assert.Contains("software IO TLB: SWIOTLB bounce buffer size adjusted to 1MB", plain.Log);

        var sized = Boot(c, "swiotlb=8192");
        Assert.DoesNotContain(sized.Log, l => l.Contains("adjusted to", StringComparison.Ordinal));
        Assert.EndsWith("(16MB)", TlbLines(sized)[^1], StringComparison.Ordinal);
        long delta = (long)plain.MemTotalKb - (long)sized.MemTotalKb;
        Assert.InRange(delta, (long)(CostKb(8192) - CostKb(512)) - 4, (long)(CostKb(8192) - CostKb(512)) + 4);

        // mem_init sizes the kmalloc bounce buffer (and says so) before swiotlb_init sees noforce.
        var none = Boot(c, "swiotlb=noforce");
        Assert.Equal(["software IO TLB: SWIOTLB bounce buffer size adjusted to 1MB"], TlbLines(none));
        AssertMemTotalFalls(none, plain, 512);
    }

    [Fact]
    public void Swiotlb_IsModelledOnArm64_AndNoLongerWarns()
    {
        var c = RealBootCase.Load("virt-arm64-1G");
        Assert.Empty(Boot(c, "swiotlb=2048,force").Warnings);
        Assert.Equal(MemblockSharp.Boot.Parameters.ParameterStatus.Modelled, MemblockSharp.Boot.Parameters.KernelParameters.All.Single(p => p.Name == "swiotlb").Arm64);
    }
}
