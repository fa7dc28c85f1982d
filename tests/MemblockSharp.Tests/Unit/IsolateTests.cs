using static MemblockSharp.Tests.Unit.TableAssert;

namespace MemblockSharp.Tests.Unit;

/// <summary>The internal routines exposed for tests and replays: isolate_range, add_range and remove_range on any table.</summary>
public class IsolateTests
{
    //  |  +----+====+---------+   |
    //  |  | a  | b  |    c    |   |
    //  +--+----+----+---------+---+
    // Expect the region split at both ends, b reported as [1, 2), nothing merged and total unchanged.
    [Fact]
    public void Isolate_InsideOneRegion_SplitsIntoThreeAndReportsMiddle()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x4000);
        Assert.Equal(0, mb.Isolate(mb.Memory, 0x2000, 0x1000, out int start, out int end));
        Assert.Equal((1, 2), (start, end));
        Table(mb.Memory, 3, 128, 0x4000, R(0x1000, 0x1000), R(0x2000, 0x1000), R(0x3000, 0x2000));
    }

    //  |  +--+=====+   +=====+--+ |
    //  |  |r1| r1' |   | r2' |r2| |
    //  +--+--+-----+---+-----+--+-+
    //        [     range      ]
    // Expect both regions split where the range cuts them, the two inner pieces reported as [1, 3).
    [Fact]
    public void Isolate_AcrossTwoRegions_ReportsInnerPieces()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x2000);
        mb.Add(0x4000, 0x2000);
        Assert.Equal(0, mb.Isolate(mb.Memory, 0x1800, 0x4000, out int start, out int end));
        Assert.Equal((1, 3), (start, end));
        Table(mb.Memory, 4, 128, 0x4000, R(0x1000, 0x800), R(0x1800, 0x1800), R(0x4000, 0x1800), R(0x5800, 0x800));
    }

    // Expect a range that meets no region, and a size-0 range, to report (0, 0) and change nothing.
    [Fact]
    public void Isolate_NothingInRangeOrSizeZero_ReportsEmpty()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x1000);
        Assert.Equal(0, mb.Isolate(mb.Memory, 0x8000, 0x1000, out int s1, out int e1));
        Assert.Equal((0, 0), (s1, e1));
        Assert.Equal(0, mb.Isolate(mb.Memory, 0x1800, 0, out int s2, out int e2));
        Assert.Equal((0, 0), (s2, e2));
        Table(mb.Memory, 1, 128, 0x1000, R(0x1000, 0x1000));
    }

    // memory at 127/128, resize off. Expect -ENOMEM before any split (even when none is needed); size 0 still returns 0.
    [Fact]
    public void Isolate_NearlyFullResizeOff_ReturnsENOMEM()
    {
        var mb = new Memblock();
        FillDisjoint(mb, mb.Memory, 127, SZ_1M);
        var before = Snapshot(mb.Memory);
        Assert.Equal(Memblock.ENOMEM, mb.Isolate(mb.Memory, SZ_1M, SZ_4K, out int start, out int end));
        Assert.Equal((0, 0), (start, end));
        Assert.Equal(0, mb.Isolate(mb.Memory, SZ_1M, 0, out _, out _));
        Unchanged(before, mb.Memory);
    }

    //  reserved |==nid 16==|==nid 2, NOMAP==|==nid 16==|
    // Expect add_range to give reserved regions a node and flags, and such a region not to merge with plain reserves.
    [Fact]
    public void AddToTable_ReservedWithNodeAndFlags_KeepsThemApart()
    {
        var mb = new Memblock();
        mb.Reserve(0x1000, 0x1000);
        Assert.Equal(0, mb.AddToTable(mb.Reserved, 0x2000, 0x1000, 2, MemblockFlags.NoMap));
        mb.Reserve(0x3000, 0x1000);
        Table(mb.Reserved, 3, 128, 0x3000, R(0x1000, 0x1000), R(0x2000, 0x1000, MemblockFlags.NoMap, 2), R(0x3000, 0x1000));
    }

    // Expect remove_range on the physical-memory table to cut it like memory, and tables of another instance refused.
    [Fact]
    public void RemoveFromTable_PhysMem_CutsIt_ForeignTableRejected()
    {
        var mb = new Memblock();
        mb.PhysMemAdd(0x4000_0000, 0x4000_0000);
        Assert.Equal(0, mb.RemoveFromTable(mb.PhysMem, 0x5000_0000, 0x1000_0000));
        Table(mb.PhysMem, 2, 128, 0x3000_0000, R(0x4000_0000, 0x1000_0000), R(0x6000_0000, 0x2000_0000));
        var other = new Memblock();
        Assert.Throws<ArgumentException>(() => mb.RemoveFromTable(other.Memory, 0, 0x1000));
        Assert.Throws<ArgumentException>(() => mb.AddToTable(other.Reserved, 0, 0x1000, 0, MemblockFlags.None));
    }
}
