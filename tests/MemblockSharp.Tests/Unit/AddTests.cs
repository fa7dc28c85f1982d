using static MemblockSharp.Tests.Unit.TableAssert;

namespace MemblockSharp.Tests.Unit;

/// <summary>memblock_add / memblock_add_node: only uncovered pieces go in, then equal neighbours merge.</summary>
public class AddTests
{
    //  |        +--------+        |
    //  |        |   r1   |        |
    //  +--------+--------+--------+
    // Expect the placeholder to be overwritten: cnt 1, total = size, nid MAX_NUMNODES, flags 0.
    [Fact]
    public void Add_EmptyTable_OverwritesPlaceholder()
    {
        var mb = new Memblock();
        Assert.Equal(0, mb.Add(0x4000_0000, 0x1000_0000));
        Table(mb.Memory, 1, 128, 0x1000_0000, R(0x4000_0000, 0x1000_0000));
        Empty(mb.Reserved, 0);
    }

    //  |   +----+       +----+    |
    //  |   | r1 |       | r2 |    |   (r2 added first)
    //  +---+----+-------+----+----+
    // Expect two regions sorted by base and total the sum of both.
    [Fact]
    public void Add_DisjointRegions_KeepsBothSortedByBase()
    {
        var mb = new Memblock();
        Assert.Equal(0, mb.Add(0x8000_0000, 0x2000_0000));
        Assert.Equal(0, mb.Add(0x1000_0000, 0x0100_0000));
        Table(mb.Memory, 2, 128, 0x2100_0000, R(0x1000_0000, 0x0100_0000), R(0x8000_0000, 0x2000_0000));
    }

    //  |   +--------+             |
    //  |   |   r1   |             |
    //  |       +--------+         |
    //  |       |   r2   |         |
    //  +---+---+----+---+---------+
    // Expect r2 to cover the top of r1: one region [r1.base, r2.end), total counts the overlap once.
    [Fact]
    public void Add_OverlapsTopOfExisting_MergesIntoOne()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x2000);
        Assert.Equal(0, mb.Add(0x2000, 0x3000));
        Table(mb.Memory, 1, 128, 0x4000, R(0x1000, 0x4000));
    }

    //  |        +--------+        |
    //  |        |   r1   |        |
    //  |   +--------+             |
    //  |   |   r2   |             |
    //  +---+----+---+----+--------+
    // Expect r2 to cover the bottom of r1: one region [r2.base, r1.end).
    [Fact]
    public void Add_OverlapsBottomOfExisting_MergesIntoOne()
    {
        var mb = new Memblock();
        mb.Add(0x4000, 0x4000);
        Assert.Equal(0, mb.Add(0x2000, 0x3000));
        Table(mb.Memory, 1, 128, 0x6000, R(0x2000, 0x6000));
    }

    //  |  +-----------------+     |
    //  |  |       r1        |     |
    //  |      +------+            |
    //  |      |  r2  |            |
    //  +--+---+------+------+-----+
    // Expect nothing to change: r2 lies inside r1.
    [Fact]
    public void Add_CoveredByExisting_ChangesNothing()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x8000);
        Assert.Equal(0, mb.Add(0x2000, 0x1000));
        Table(mb.Memory, 1, 128, 0x8000, R(0x1000, 0x8000));
    }

    //  |        +----+            |
    //  |        | r1 |            |
    //  |  +-----------------+     |
    //  |  |       r2        |     |
    //  +--+-----+----+------+-----+
    // Expect the two uncovered pieces to go in and merge with r1: one region equal to r2.
    [Fact]
    public void Add_CoversExisting_MergesIntoOne()
    {
        var mb = new Memblock();
        mb.Add(0x4000, 0x1000);
        Assert.Equal(0, mb.Add(0x1000, 0x8000));
        Table(mb.Memory, 1, 128, 0x8000, R(0x1000, 0x8000));
    }

    //  |  +----+    +----+        |
    //  |  | r1 |    | r3 |        |
    //  |       +----+             |
    //  |       | r2 |             |
    //  +--+----+----+----+--------+
    // Expect r2 to fill the gap exactly and all three to merge into one region.
    [Fact]
    public void Add_FillsGapBetweenNeighbours_AllThreeMerge()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x1000);
        mb.Add(0x3000, 0x1000);
        Assert.Equal(2, mb.Memory.Count);
        Assert.Equal(0, mb.Add(0x2000, 0x1000));
        Table(mb.Memory, 1, 128, 0x3000, R(0x1000, 0x3000));
    }

    //  |  +----+----+             |
    //  |  | r1 | r2 |   nid 0 / nid 1
    //  +--+----+----+-------------+
    // Expect two touching regions that stay apart because their nodes differ.
    [Fact]
    public void AddNode_TouchingNeighbourOnOtherNode_DoesNotMerge()
    {
        var mb = new Memblock();
        Assert.Equal(0, mb.AddNode(0x1000, 0x1000, 0, MemblockFlags.None));
        Assert.Equal(0, mb.AddNode(0x2000, 0x1000, 1, MemblockFlags.None));
        Table(mb.Memory, 2, 128, 0x2000, R(0x1000, 0x1000, nid: 0), R(0x2000, 0x1000, nid: 1));
    }

    //  |  +----+----+             |
    //  |  | r1 | r2 |   flags 0 / HOTPLUG
    //  +--+----+----+-------------+
    // Expect two touching regions that stay apart because their flags differ.
    [Fact]
    public void AddNode_TouchingNeighbourWithOtherFlags_DoesNotMerge()
    {
        var mb = new Memblock();
        mb.AddNode(0x1000, 0x1000, 2, MemblockFlags.None);
        mb.AddNode(0x2000, 0x1000, 2, MemblockFlags.Hotplug);
        Table(mb.Memory, 2, 128, 0x2000, R(0x1000, 0x1000, nid: 2), R(0x2000, 0x1000, MemblockFlags.Hotplug, 2));
    }

    //  |      +------+            |
    //  |      |  r1  |  nid 1, HOTPLUG
    //  |  +-----------------+     |
    //  |  |       r2        |  plain add
    //  +--+---+------+------+-----+
    // Expect r1 to keep its node and flags; only the two uncovered pieces get MAX_NUMNODES / flags 0.
    [Fact]
    public void Add_OverlapsRegionWithOtherAttributes_KeepsExistingAttributes()
    {
        var mb = new Memblock();
        mb.AddNode(0x2000, 0x2000, 1, MemblockFlags.Hotplug);
        Assert.Equal(0, mb.Add(0x1000, 0x4000));
        Table(mb.Memory, 3, 128, 0x4000,
            R(0x1000, 0x1000), R(0x2000, 0x2000, MemblockFlags.Hotplug, 1), R(0x4000, 0x1000));
    }

    // Expect an add_node into the empty table to overwrite the placeholder with its node and flags.
    [Fact]
    public void AddNode_EmptyTable_TakesNodeAndFlags()
    {
        var mb = new Memblock();
        Assert.Equal(0, mb.AddNode(0x1000, 0x1000, 3, MemblockFlags.Mirror));
        Table(mb.Memory, 1, 128, 0x1000, R(0x1000, 0x1000, MemblockFlags.Mirror, 3));
    }

    // Expect a size-0 add to return 0 and leave the boot-time placeholder (nid 0) alone.
    [Fact]
    public void Add_SizeZero_ReturnsZeroAndChangesNothing()
    {
        var mb = new Memblock();
        Assert.Equal(0, mb.Add(0x1000, 0));
        Empty(mb.Memory, 0);
        mb.Add(0x4000, 0x1000);
        Assert.Equal(0, mb.Add(0x5000, 0)); // touching, but nothing to insert
        Table(mb.Memory, 1, 128, 0x1000, R(0x4000, 0x1000));
    }

    //  |  +-----------------------------> 2^64
    //  |  |  r1 (size ~0)            |x|  last byte never covered
    //  +--+--------------------------+-+
    // Expect the size to be cut to ~0 - base, so base + size = 2^64 - 1.
    [Fact]
    public void Add_RangePastEndOfAddressSpace_IsCutNotWrapped()
    {
        var mb = new Memblock();
        Assert.Equal(0, mb.Add(0x1000, ulong.MaxValue));
        Table(mb.Memory, 1, 128, 0xffff_ffff_ffff_efff, R(0x1000, 0xffff_ffff_ffff_efff));

        var top = new Memblock();
        Assert.Equal(0, top.Add(0xffff_ffff_ffff_f000, 0x2000));
        Table(top.Memory, 1, 128, 0xfff, R(0xffff_ffff_ffff_f000, 0xfff));
    }

    //  |  +--+  +--+  +--+        |
    //  |  |r1|  |r2|  |r3|        |
    //  |    +--------------+      |
    //  |    |     r4       |      |
    //  +----+--------------+------+
    // Expect the gaps to be filled and everything to merge into one region from r1.base to r4.end.
    [Fact]
    public void Add_OverlapsSeveralRegions_FillsGapsAndMerges()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x1000);
        mb.Add(0x3000, 0x1000);
        mb.Add(0x5000, 0x1000);
        Assert.Equal(0, mb.Add(0x1800, 0x5000));
        Table(mb.Memory, 1, 128, 0x5800, R(0x1000, 0x5800));
    }

    // Expect reserve to be the same insert on the other table: memory untouched, reserved merged.
    [Fact]
    public void Reserve_TouchingRanges_MergeInReservedOnly()
    {
        var mb = new Memblock();
        Assert.Equal(0, mb.Reserve(0x1000, 0x1000));
        Assert.Equal(0, mb.Reserve(0x2000, 0x1000));
        Table(mb.Reserved, 1, 128, 0x2000, R(0x1000, 0x2000));
        Empty(mb.Memory, 0);
    }

    // Expect physmem_add to fill the third table only.
    [Fact]
    public void PhysMemAdd_AddsToPhysMemOnly()
    {
        var mb = new Memblock();
        Assert.Equal(0, mb.PhysMemAdd(0x4000_0000, 0x4000_0000));
        Table(mb.PhysMem, 1, 128, 0x4000_0000, R(0x4000_0000, 0x4000_0000));
        Empty(mb.Memory, 0);
    }
}
