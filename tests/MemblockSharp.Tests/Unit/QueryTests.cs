using static MemblockSharp.Tests.Unit.TableAssert;

namespace MemblockSharp.Tests.Unit;

/// <summary>The read-only questions: region memory, point lookups, overlap, pfn search, sizes, DRAM bounds.</summary>
public class QueryTests
{
    //  |  +--------+--------+     |
    //  |  | nid 0  | nid 1  |     |   touching, unmerged
    //  |      [   query  ]        |
    //  +--+--------+--------+-----+
    // Expect is_region_memory to look only at the region holding base: false across the seam, true inside one region,
    // and true across the same span once the regions are one.
    [Fact]
    public void IsRegionMemory_AcrossUnmergedNeighbours_IsFalse()
    {
        var mb = new Memblock();
        mb.AddNode(0x1_0000, 0x1_0000, 0, MemblockFlags.None);
        mb.AddNode(0x2_0000, 0x1_0000, 1, MemblockFlags.None);
        Assert.False(mb.IsRegionMemory(0x1_8000, 0x1_0000));
        Assert.True(mb.IsRegionMemory(0x1_0000, 0x1_0000));
        Assert.True(mb.IsRegionMemory(0x1_8000, 0));   // size 0: base in memory is enough
        Assert.False(mb.IsRegionMemory(0x3_0000, 0));
        Assert.False(mb.IsRegionMemory(0x0_8000, 0x1_0000)); // base outside memory

        var merged = new Memblock();
        merged.Add(0x1_0000, 0x1_0000);
        merged.Add(0x2_0000, 0x1_0000);
        Assert.True(merged.IsRegionMemory(0x1_8000, 0x1_0000));
    }

    // Expect an oversized query to be cut at 2^64 - 1 before comparing with the region end.
    [Fact]
    public void IsRegionMemory_OversizedQuery_IsCut()
    {
        var mb = new Memblock();
        mb.Add(0xffff_ffff_ffff_0000, ulong.MaxValue); // cut to end at 2^64 - 1
        Assert.True(mb.IsRegionMemory(0xffff_ffff_ffff_8000, ulong.MaxValue));
    }

    //  memory [0x10800 ----------- 0x21800) nid 2
    // Expect search_pfn_nid to report [PFN_DOWN(base), PFN_DOWN(end)) = [0x10, 0x21) for a pfn inside, and -1 for pfn
    // 0x10, whose address 0x10000 lies below the region even though the reported start is 0x10.
    [Fact]
    public void SearchPfnNid_RoundsStartDown()
    {
        var mb = new Memblock();
        mb.AddNode(0x1_0800, 0x1_1000, 2, MemblockFlags.None);
        Assert.Equal(2, mb.SearchPfnNid(0x11, out ulong start, out ulong end));
        Assert.Equal((0x10UL, 0x21UL), (start, end));
        Assert.Equal(-1, mb.SearchPfnNid(0x10, out _, out _));
        Assert.Equal(2, mb.SearchPfnNid(0x21, out _, out _)); // 0x21000 < 0x21800
        Assert.Equal(-1, mb.SearchPfnNid(0x22, out _, out _));
    }

    //  memory: [0x10800,0x21800) nid 2 | [0x30100,0x30f00) nid 2 (no whole page) | [0x40000,0x42000) nid -1 | [0x50000,0x51000) nid 16
    // Expect mem_pfn_range to round the start up, skip the page-less region, treat 16 as "all nodes" and -1 as node -1.
    [Fact]
    public void MemPfnRanges_RoundsUpSkipsPartialAndFiltersNodes()
    {
        var mb = new Memblock();
        mb.AddNode(0x1_0800, 0x1_1000, 2, MemblockFlags.None);
        mb.AddNode(0x3_0100, 0xe00, 2, MemblockFlags.None);
        mb.AddNode(0x4_0000, 0x2000, -1, MemblockFlags.None);
        mb.Add(0x5_0000, 0x1000);
        Assert.Equal(new[] { new MemblockRange(0x11, 0x21, 2), new MemblockRange(0x40, 0x42, -1), new MemblockRange(0x50, 0x51, 16) },
            mb.MemPfnRanges(16).ToArray());
        Assert.Equal(new[] { new MemblockRange(0x11, 0x21, 2) }, mb.MemPfnRanges(2).ToArray());
        Assert.Equal(new[] { new MemblockRange(0x40, 0x42, -1) }, mb.MemPfnRanges(-1).ToArray());
        Assert.Empty(mb.MemPfnRanges(0));
    }

    //  reserved |  [0x1000, 0x2000)  |
    // Expect the kernel's overlap test base1 < end2 && base2 < base1 + size1 on the cut range: half-open, so a size-0
    // query at a region's base does not overlap, but one strictly inside a region does (FORMAT.md item 29 says a size-0
    // query never overlaps; the kernel's formula, which the core follows, says otherwise for an interior point).
    [Theory]
    [InlineData(0x2000UL, 0x1000UL, false)]
    [InlineData(0x1fffUL, 1UL, true)]
    [InlineData(0x0UL, 0x1000UL, false)]
    [InlineData(0x0UL, 0x1001UL, true)]
    [InlineData(0x1000UL, 0UL, false)]
    [InlineData(0x1800UL, 0UL, true)]
    [InlineData(0x2000UL, 0UL, false)]
    [InlineData(0x1800UL, ulong.MaxValue, true)]
    public void IsRegionReserved_HalfOpenOverlap(ulong @base, ulong size, bool expected)
    {
        var mb = new Memblock();
        mb.Reserve(0x1000, 0x1000);
        Assert.Equal(expected, mb.IsRegionReserved(@base, size));
        Assert.Equal(expected, mb.OverlapsRegion(mb.Reserved, @base, size));
    }

    // Expect point lookups to be half-open too.
    [Fact]
    public void IsReservedAndIsMemory_HalfOpenPointLookups()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x1000);
        mb.Add(0x4000, 0x1000);
        mb.Reserve(0x4000, 0x800);
        Assert.True(mb.IsMemory(0x1000));
        Assert.True(mb.IsMemory(0x1fff));
        Assert.False(mb.IsMemory(0x2000));
        Assert.False(mb.IsMemory(0x0fff));
        Assert.True(mb.IsMemory(0x4fff));
        Assert.True(mb.IsReserved(0x47ff));
        Assert.False(mb.IsReserved(0x4800));
    }

    // Expect an empty table to contain no address (the placeholder [0, 0) holds nothing), and sizes and DRAM bounds 0.
    [Fact]
    public void Queries_EmptyTables_FindNothing()
    {
        var mb = new Memblock();
        Assert.False(mb.IsMemory(0));
        Assert.False(mb.IsReserved(0));
        Assert.False(mb.IsMapMemory(0));
        Assert.False(mb.IsRegionMemory(0, 0));
        Assert.False(mb.IsRegionReserved(0, 0x1000));
        Assert.Equal(-1, mb.SearchPfnNid(0, out _, out _));
        Assert.Equal(0UL, mb.StartOfDram());
        Assert.Equal(0UL, mb.EndOfDram());
        Assert.Equal(0UL, mb.PhysMemSize());
        Assert.Equal(0UL, mb.ReservedSize());
        Assert.Empty(mb.MemPfnRanges(16));
        Assert.Empty(mb.FreeMemRanges(-1, MemblockFlags.None));
        Assert.Equal(0UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, -1, MemblockFlags.None));
    }

    // Expect DRAM bounds from the first and last region, and the sizes from the tables' totals.
    [Fact]
    public void DramBoundsAndSizes_FollowTables()
    {
        var mb = new Memblock();
        mb.Add(0x4000_0000, 0x1000_0000);
        mb.Add(0x8000_0000, 0x1000_0000);
        mb.Reserve(0x4000_0000, 0x2000);
        Assert.Equal(0x4000_0000UL, mb.StartOfDram());
        Assert.Equal(0x9000_0000UL, mb.EndOfDram());
        Assert.Equal(0x2000_0000UL, mb.PhysMemSize());
        Assert.Equal(0x2000UL, mb.ReservedSize());
    }
}
