using static MemblockSharp.Tests.Unit.TableAssert;

namespace MemblockSharp.Tests.Unit;

/// <summary>for_each_free_mem_range (both directions), for_each_mem_range and for_each_reserved_mem_range.</summary>
public class IteratorTests
{
    //  memory   |----- nid 0 -----|      |------- nid 1 -------|
    //           0x10000     0x20000      0x30000          0x40000
    //  reserved          |=================|      |=|
    //                 0x18000          0x34000  0x3a000-0x3b000
    private static Memblock Fixture()
    {
        var mb = new Memblock();
        mb.AddNode(0x1_0000, 0x1_0000, 0, MemblockFlags.None);
        mb.AddNode(0x3_0000, 0x1_0000, 1, MemblockFlags.None);
        mb.Reserve(0x1_8000, 0x1_c000);
        mb.Reserve(0x3_a000, 0x1000);
        return mb;
    }

    // Expect the gaps of memory minus reserved, lowest first, each with its memory region's node.
    [Fact]
    public void FreeMemRanges_Forward_AreMemoryMinusReserved()
    {
        var mb = Fixture();
        MemblockRange[] expected =
        [
            new(0x1_0000, 0x1_8000, 0),
            new(0x3_4000, 0x3_a000, 1),
            new(0x3_b000, 0x4_0000, 1),
        ];
        Assert.Equal(expected, mb.FreeMemRanges(-1, MemblockFlags.None).ToArray());
        Assert.Equal(expected.Reverse(), mb.FreeMemRangesReverse(-1, MemblockFlags.None).ToArray());
    }

    // Expect a node filter to keep that node's ranges only; MAX_NUMNODES counts as any node.
    [Fact]
    public void FreeMemRanges_NodeFilter_KeepsNode()
    {
        var mb = Fixture();
        Assert.Equal(new MemblockRange[] { new(0x3_4000, 0x3_a000, 1), new(0x3_b000, 0x4_0000, 1) },
            mb.FreeMemRanges(1, MemblockFlags.None).ToArray());
        Assert.Equal(mb.FreeMemRanges(-1, MemblockFlags.None).ToArray(), mb.FreeMemRanges(16, MemblockFlags.None).ToArray());
        Assert.Equal(mb.FreeMemRangesReverse(-1, MemblockFlags.None).ToArray(), mb.FreeMemRangesReverse(16, MemblockFlags.None).ToArray());
    }

    // A NOMAP piece in the middle of node 1's free memory.
    // Expect it skipped unless asked for, splitting the free range at its edges.
    [Fact]
    public void FreeMemRanges_NoMapRegion_SkippedUnlessAsked()
    {
        var mb = Fixture();
        mb.MarkNoMap(0x3_6000, 0x1000);
        Assert.Equal(new MemblockRange[] { new(0x1_0000, 0x1_8000, 0), new(0x3_4000, 0x3_6000, 1), new(0x3_7000, 0x3_a000, 1), new(0x3_b000, 0x4_0000, 1) },
            mb.FreeMemRanges(-1, MemblockFlags.None).ToArray());
        Assert.Equal(new MemblockRange[] { new(0x1_0000, 0x1_8000, 0), new(0x3_4000, 0x3_6000, 1), new(0x3_6000, 0x3_7000, 1), new(0x3_7000, 0x3_a000, 1), new(0x3_b000, 0x4_0000, 1) },
            mb.FreeMemRanges(-1, MemblockFlags.NoMap).ToArray());
    }

    // Expect nothing free when reserved covers all memory, and all memory free (per region) when nothing is reserved.
    [Fact]
    public void FreeMemRanges_FullyReservedOrNothingReserved()
    {
        var mb = new Memblock();
        mb.AddNode(0x1_0000, 0x1_0000, 0, MemblockFlags.None);
        mb.AddNode(0x2_0000, 0x1_0000, 1, MemblockFlags.None);
        Assert.Equal(new MemblockRange[] { new(0x1_0000, 0x2_0000, 0), new(0x2_0000, 0x3_0000, 1) },
            mb.FreeMemRanges(-1, MemblockFlags.None).ToArray());
        mb.Reserve(0x0, 0x10_0000);
        Assert.Empty(mb.FreeMemRanges(-1, MemblockFlags.None));
        Assert.Empty(mb.FreeMemRangesReverse(-1, MemblockFlags.None));
    }

    // Expect mem ranges to list memory without NOMAP regions (HOTPLUG included), in both directions.
    [Fact]
    public void MemRanges_SkipNoMapKeepHotplug()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x3000);
        mb.MarkNoMap(0x2000, 0x1000);
        mb.MarkHotplug(0x3000, 0x1000);
        MemblockRange[] expected = [new(0x1000, 0x2000, 16), new(0x3000, 0x4000, 16)];
        Assert.Equal(expected, mb.MemRanges().ToArray());
        Assert.Equal(expected.Reverse(), mb.MemRangesReverse().ToArray());
    }

    // Expect reserved ranges to list every reserved region, and the boot placeholder [0, 0) nid 0 when empty.
    [Fact]
    public void ReservedRanges_ListAllIncludingEmptyPlaceholder()
    {
        var mb = new Memblock();
        Assert.Equal(new[] { new MemblockRange(0, 0, 0) }, mb.ReservedRanges().ToArray());
        mb.Reserve(0x3000, 0x1000);
        mb.Reserve(0x1000, 0x1000);
        Assert.Equal(new MemblockRange[] { new(0x1000, 0x2000, 16), new(0x3000, 0x4000, 16) }, mb.ReservedRanges().ToArray());
    }
}
