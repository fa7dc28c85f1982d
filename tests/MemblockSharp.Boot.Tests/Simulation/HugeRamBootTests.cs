using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// Boots with more RAM than any machine we recorded: one bank of 200 TiB, which arm64 clips to its linear map. The
/// simulation's cost follows regions, not RAM, so these run as fast as a 1 GiB boot; what they check is the
/// arithmetic that RAM size drives (memmap, section roots, vmemmap tables, page counts), never a time.
/// </summary>
public sealed class HugeRamBootTests
{
    private const ulong GiB = 1UL << 30, TiB = 1UL << 40;
    private const ulong RamBase = 0x4000_0000UL; // 1 GiB: QEMU virt's RAM base, so memstart = 1 GiB
    private const string SparseCategory = "sparse memmap and section tables";

    private static BootResult Boot(ulong size, bool trace = false, int maxTraceLines = 1_000_000) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64),
        Dtb = BundledBoards.VirtArm64(),
        Ram = [(RamBase, size)],
        Trace = trace,
        MaxTraceLines = maxTraceLines,
    });

    private static IEnumerable<string> LogWithoutTrace(BootResult r)
    {
        var trace = r.Trace.ToHashSet();
        return r.Log.Where(l => !trace.Contains(l));
    }

    [Fact]
    public void Bank200TiB_ClippedToTheLinearMap_AccountingCloses()
    {
        var profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64);
        var result = Boot(200 * TiB);

        // arm64_memblock_init drops what lies past memstart + 2^(VA_BITS - 1).
        ulong linearMap = 1UL << (profile.VaBits - 1);
        Assert.Equal(linearMap, result.RamBytes);
        Assert.Equal(RamBase, result.Memory[0].Base);
        Assert.Equal(RamBase + linearMap, result.Memory[^1].End);

        Assert.Equal((long)(result.RamBytes - result.MemTotalKb * 1024), result.Costs.Sum(c => c.Bytes));
        Assert.Equal(result.RamBytes / profile.PageSize, result.Zones.Aggregate(0UL, (a, z) => a + z.Present));
        Assert.Equal(result.MemTotalKb * 1024 / profile.PageSize, result.Zones.Aggregate(0UL, (a, z) => a + z.Managed));
        Assert.Equal(result.MemTotalKb * 1024 / profile.PageSize, result.Buddy.TotalRamPages);
        ulong freeFromLists = result.Buddy.Zones.Aggregate(0UL, (a, z) => a + z.FreeCountsByOrder().Select((n, o) => n << o).Aggregate(0UL, (x, y) => x + y));
        Assert.Equal(result.Buddy.FreePages, freeFromLists);
    }

    [Fact]
    public void Bank200TiB_SparseCost_IsTheMemmapFormula()
    {
        var p = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64);
        var result = Boot(200 * TiB);

        // What sparse_init takes for RAM [1 GiB, 1 GiB + 128 TiB), worked out from the profile:
        ulong sectionBytes = 1UL << p.SectionSizeBits;
        ulong pagesPerSection = sectionBytes / p.PageSize;
        ulong sections = result.RamBytes / sectionBytes;
        ulong firstSection = RamBase / sectionBytes, lastSection = firstSection + sections - 1;
        // the section-root array (one pointer per root of the 2^PA_BITS space) and one page per root touched;
        ulong sectionsPerRoot = p.PageSize / p.MemSectionSize;
        ulong rootArray = (1UL << (p.PhysAddrBits - p.SectionSizeBits)) / sectionsPerRoot * p.Sizes.Pointer;
        ulong rootPages = (lastSection / sectionsPerRoot - firstSection / sectionsPerRoot + 1) * sectionsPerRoot * p.MemSectionSize;
        // the usage maps (two pointers, one bit per 2 MiB subsection, four bits per pageblock, in longs);
        ulong longBits = p.Sizes.Pointer * 8;
        ulong subsectionLongs = ((sectionBytes >> 21) + longBits - 1) / longBits;
        ulong pageblockLongs = ((pagesPerSection >> p.PageblockOrder) * 4 + longBits - 1) / longBits;
        ulong usage = sections * (2 + subsectionLongs + pageblockLongs) * p.Sizes.Pointer;
        // the memmap: one struct page per page (2 MiB per section here, a whole PTE table's reach);
        ulong memmap = sections * pagesPerSection * p.Sizes.Page;
        // and the vmemmap's page tables, which start at va 0 because the RAM starts at memstart: a PMD table per
        // 1 GiB and a PUD table per 512 GiB of struct pages.
        ulong vmemmapTables = (memmap / GiB + memmap / (512 * GiB)) * p.PageSize;

        Assert.Equal(2 * TiB, memmap); // 1/64 of 128 TiB
        long sparse = result.Costs.Single(c => c.Category == SparseCategory).Bytes;
        Assert.Equal((long)(rootArray + rootPages + usage + memmap + vmemmapTables), sparse);
    }

    [Fact]
    public void Bank200TiB_BootsAsTheClippedBank()
    {
        // Everything past the linear map is gone before anything is allocated, so the boot is the one of the clipped bank.
        var profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64);
        var huge = Boot(200 * TiB);
        var clipped = Boot(1UL << (profile.VaBits - 1));
        Assert.Equal(clipped.MemTotalKb, huge.MemTotalKb);
        Assert.Equal(clipped.MemoryLine, huge.MemoryLine);
        Assert.Equal(clipped.Reserved, huge.Reserved);
        Assert.Equal(clipped.Costs, huge.Costs);
    }

    [Fact]
    public void Trace_PastTheCap_IsCutWithANote_AndTheBootIsUnchanged()
    {
        var full = Boot(GiB, trace: true);
        var cut = Boot(GiB, trace: true, maxTraceLines: 100);
        Assert.True(full.Trace.Count > 100);
        Assert.Equal(101, cut.Trace.Count);
        Assert.Equal(full.Trace.Take(100), cut.Trace.Take(100));
        Assert.StartsWith("memblock: trace cut after 100 lines", cut.Trace[^1], StringComparison.Ordinal);
        Assert.Equal(full.MemTotalKb, cut.MemTotalKb);
        Assert.Equal(full.Reserved, cut.Reserved);
        Assert.Equal(full.Costs, cut.Costs);
        Assert.Equal(LogWithoutTrace(full), LogWithoutTrace(cut));
    }

    [Fact]
    public void Bank200TiB_Traced_IsCutAtTheCap_AndBootsAsUntraced()
    {
        // Traced in full, the page tables alone would be tens of millions of calls; at the cap batching resumes.
        var untraced = Boot(200 * TiB);
        var traced = Boot(200 * TiB, trace: true, maxTraceLines: 5000);
        Assert.Equal(5001, traced.Trace.Count);
        Assert.Equal(untraced.MemTotalKb, traced.MemTotalKb);
        Assert.Equal(untraced.Reserved, traced.Reserved);
        Assert.Equal(untraced.Costs, traced.Costs);
        Assert.Equal(untraced.Log, LogWithoutTrace(traced));
    }

    [Fact]
    public void NumaBanks_Traced_MatchUntraced()
    {
        // Traced, every sparse_index_alloc and vmemmap-table call is made one by one; untraced, the calls that land side
        // by side are reserved in runs. 4 banks of 64 GiB (a section root covers 32 GiB, a vmemmap PMD table 64 GiB of
        // RAM) over 2 nodes, with a hole.
        var w = new FdtWriter();
        w.BeginNode("").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2);
        w.PropertyStrings("compatible", "linux,dummy-virt");
        w.BeginNode("cpus").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 0);
        for (uint c = 0; c < 2; c++)
            w.BeginNode($"cpu@{c}").PropertyStrings("device_type", "cpu").PropertyCells("reg", c).PropertyCells("numa-node-id", c).EndNode();
        w.EndNode();
        for (int b = 0; b < 4; b++)
        {
            ulong @base = RamBase + (ulong)b * 64 * GiB + (b >= 2 ? 64 * GiB : 0);
            w.BeginNode($"memory@{@base:x}").PropertyStrings("device_type", "memory")
             .PropertyCells("reg", (uint)(@base >> 32), (uint)@base, 16, 0).PropertyCells("numa-node-id", (uint)(b / 2)).EndNode();
        }
        w.EndNode();
        var dtb = w.Finish();
        BootResult Run(bool trace) => BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64), Dtb = dtb, CommandLine = "console=ttyAMA0", Trace = trace,
        });
        var traced = Run(true);
        var untraced = Run(false);
        Assert.True(traced.Trace.Count(l => l.Contains("sparse_index_alloc", StringComparison.Ordinal)) >= 8);
        Assert.True(traced.Trace.Count(l => l.Contains("__earlyonly_bootmem_alloc", StringComparison.Ordinal)) >= 4);
        Assert.Equal(256 * GiB, untraced.RamBytes);
        Assert.Equal(traced.Reserved, untraced.Reserved);
        Assert.Equal(traced.Costs, untraced.Costs);
        Assert.Equal(traced.Zones, untraced.Zones);
        Assert.Equal(LogWithoutTrace(traced), untraced.Log);
    }
}
