using static MemblockSharp.Tests.Unit.TableAssert;

namespace MemblockSharp.Tests.Unit;

/// <summary>memblock_find_in_range_node and memblock_find_in_range: where a free block is found, without reserving it.</summary>
public class FinderTests
{
    private const int AnyNode = Memblock.NumaNoNode;

    // memory [0x10000, 0x20000)
    private static Memblock OneRegion()
    {
        var mb = new Memblock();
        mb.Add(0x1_0000, 0x1_0000);
        return mb;
    }

    // memory [0x10000, 0x20000) on node 0, [0x20000, 0x30000) on node 1
    private static Memblock TwoNodes()
    {
        var mb = new Memblock();
        mb.AddNode(0x1_0000, 0x1_0000, 0, MemblockFlags.None);
        mb.AddNode(0x2_0000, 0x1_0000, 1, MemblockFlags.None);
        return mb;
    }

    //  memory   |-------------------------------|
    //  reserved                        |=======|
    //  found                      [blk]
    // Expect top-down to take the highest block below the reservation: 0x1d000.
    [Fact]
    public void FindInRangeNode_TopDown_TakesHighestFit()
    {
        var mb = OneRegion();
        mb.Reserve(0x1_e000, 0x2000);
        Assert.Equal(0x1_d000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, AnyNode, MemblockFlags.None));
        Table(mb.Reserved, 1, 128, 0x2000, R(0x1_e000, 0x2000)); // finding reserves nothing
    }

    //  memory   |-------------------------------|
    //  reserved |====|
    //  found         [blk]
    // Expect bottom-up to take the lowest block above the reservation: 0x11000.
    [Fact]
    public void FindInRangeNode_BottomUp_TakesLowestFit()
    {
        var mb = OneRegion();
        mb.BottomUp = true;
        mb.Reserve(0x1_0000, 0x1000);
        Assert.Equal(0x1_1000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, AnyNode, MemblockFlags.None));
    }

    //  memory   |pg0|---|---|---|      [0, 0x4000)
    //  reserved     |===========|
    // Expect page 0 never to be handed out: top-down finds nothing, bottom-up without the reservation starts at 0x1000.
    [Fact]
    public void FindInRangeNode_FirstPage_IsNeverHandedOut()
    {
        var mb = new Memblock();
        mb.Add(0x0, 0x4000);
        mb.BottomUp = true;
        Assert.Equal(0x1000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, AnyNode, MemblockFlags.None));
        mb.BottomUp = false;
        mb.Reserve(0x1000, 0x3000);
        Assert.Equal(0UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, AnyNode, MemblockFlags.None));
        Assert.Equal(0UL, mb.FindInRangeNode(0x100, 0x100, 0, 0, AnyNode, MemblockFlags.None));
    }

    // Expect alignment to round the candidate: top-down round_down(0x20000 - 0x100, 0x4000) = 0x1c000;
    // bottom-up above a 0x100 reservation round_up(0x10100, 0x4000) = 0x14000.
    [Fact]
    public void FindInRangeNode_Alignment_RoundsCandidate()
    {
        var mb = OneRegion();
        Assert.Equal(0x1_c000UL, mb.FindInRangeNode(0x100, SZ_16K, 0, 0, AnyNode, MemblockFlags.None));
        mb.BottomUp = true;
        mb.Reserve(0x1_0000, 0x100);
        Assert.Equal(0x1_4000UL, mb.FindInRangeNode(0x100, SZ_16K, 0, 0, AnyNode, MemblockFlags.None));
    }

    //  memory   |-------------------|-----------|
    //                          limit 0x18000
    // Expect end 0 (accessible) and 1 (no-leak-trace) to mean the current limit, while an explicit end is taken as given.
    [Fact]
    public void FindInRangeNode_CurrentLimit_AppliesOnlyToEndZeroOrOne()
    {
        var mb = OneRegion();
        mb.CurrentLimit = 0x1_8000;
        Assert.Equal(0x1_7000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, Memblock.AllocAccessible, AnyNode, MemblockFlags.None));
        Assert.Equal(0x1_7000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, Memblock.AllocNoLeakTrace, AnyNode, MemblockFlags.None));
        Assert.Equal(0x1_8000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0x1_9000, AnyNode, MemblockFlags.None));
    }

    // Expect a start above the end to raise the end to the start, leaving no room: 0.
    [Fact]
    public void FindInRangeNode_StartAboveEnd_FindsNothing()
    {
        var mb = OneRegion();
        Assert.Equal(0UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0x1_c000, 0x1_8000, AnyNode, MemblockFlags.None));
    }

    //  node 0 |-------------|  node 1 |-------------|
    // Expect each node's own top block; NUMA_NO_NODE and MAX_NUMNODES mean any node (the highest).
    [Theory]
    [InlineData(0, 0x1_f000UL)]
    [InlineData(1, 0x2_f000UL)]
    [InlineData(-1, 0x2_f000UL)]
    [InlineData(16, 0x2_f000UL)]
    [InlineData(2, 0UL)]
    public void FindInRangeNode_NodeFilter_KeepsToNode(int nid, ulong expected)
    {
        var mb = TwoNodes();
        Assert.Equal(expected, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, nid, MemblockFlags.None));
    }

    // Expect memory added with plain add (node MAX_NUMNODES) not to count as node 0.
    [Fact]
    public void FindInRangeNode_PlainAddedMemory_IsNotNodeZero()
    {
        var mb = OneRegion();
        Assert.Equal(0UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, 0, MemblockFlags.None));
    }

    //  memory |-------------|HHHHHHHHHHHHH|   upper half hot-pluggable
    // Expect movable_node to skip hot-pluggable memory unless the flags ask for it; without movable_node it is used.
    [Fact]
    public void FindInRangeNode_MovableNode_SkipsHotplugMemory()
    {
        var mb = new Memblock();
        mb.Add(0x1_0000, 0x2_0000);
        mb.MarkHotplug(0x2_0000, 0x1_0000);
        Assert.Equal(0x2_f000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, AnyNode, MemblockFlags.None));
        mb.MovableNode = true;
        Assert.Equal(0x1_f000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, AnyNode, MemblockFlags.None));
        Assert.Equal(0x2_f000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, AnyNode, MemblockFlags.Hotplug));
    }

    //  memory |-------------|NNNNNNNNNNNNN|   upper half NOMAP
    // Expect NOMAP memory to be skipped unless the flags ask for it.
    [Fact]
    public void FindInRangeNode_NoMap_SkippedUnlessAsked()
    {
        var mb = new Memblock();
        mb.Add(0x1_0000, 0x2_0000);
        mb.MarkNoMap(0x2_0000, 0x1_0000);
        Assert.Equal(0x1_f000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, AnyNode, MemblockFlags.None));
        Assert.Equal(0x2_f000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, AnyNode, MemblockFlags.NoMap));
    }

    //  memory |MMMMMMMMMMMMM|-------------|   lower half mirrored
    // Expect the raw finder to honour only the flags it is given, and find_in_range to prefer mirror and fall back.
    [Fact]
    public void FindInRange_MirrorPresent_PrefersMirrorThenFallsBack()
    {
        var mb = new Memblock();
        mb.Add(0x1_0000, 0x2_0000);
        mb.MarkMirror(0x1_0000, 0x1_0000);
        Assert.True(mb.HasMirror);
        Assert.Equal(0x2_f000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, AnyNode, MemblockFlags.None));
        Assert.Equal(0x1_f000UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, AnyNode, MemblockFlags.Mirror));
        Assert.Equal(0x1_f000UL, mb.FindInRange(0, 0, SZ_4K, SZ_4K));

        mb.Reserve(0x1_0000, 0x1_0000); // all mirrored memory taken
        Assert.Equal(0UL, mb.FindInRangeNode(SZ_4K, SZ_4K, 0, 0, AnyNode, MemblockFlags.Mirror));
        Assert.Equal(0x2_f000UL, mb.FindInRange(0, 0, SZ_4K, SZ_4K));
    }

    //  memory |----r1----|----r2----|  touching, different nodes; reserved nothing
    // Expect free ranges to be clipped per memory region: a block spanning the seam is not found.
    [Fact]
    public void FindInRangeNode_BlockSpanningTwoRegions_IsNotFound()
    {
        var mb = TwoNodes();
        Assert.Equal(0UL, mb.FindInRangeNode(0x1_8000, SZ_4K, 0, 0, AnyNode, MemblockFlags.None));
        Assert.Equal(0x2_0000UL, mb.FindInRangeNode(0x1_0000, SZ_4K, 0, 0, AnyNode, MemblockFlags.None));
    }
}
