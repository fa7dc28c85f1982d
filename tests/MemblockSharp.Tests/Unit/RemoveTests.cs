using static MemblockSharp.Tests.Unit.TableAssert;

namespace MemblockSharp.Tests.Unit;

/// <summary>memblock_remove, memblock_phys_free and memblock_free: isolate, delete, never merge.</summary>
public class RemoveTests
{
    //  |  +---+====+--------+     |
    //  |  |r1 | rm |   r1   |     |
    //  +--+---+----+--------+-----+
    // Expect the region to split in two around the hole; total drops by the hole.
    [Fact]
    public void Remove_MiddleOfRegion_LeavesTwo()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x4000);
        Assert.Equal(0, mb.Remove(0x2000, 0x1000));
        Table(mb.Memory, 2, 128, 0x3000, R(0x1000, 0x1000), R(0x3000, 0x2000));
    }

    //  |  +====+------+           |
    //  |  | rm |  r1  |           |
    //  +--+----+------+-----------+
    // Expect the bottom to be cut off.
    [Fact]
    public void Remove_BottomOfRegion_ShrinksIt()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x4000);
        Assert.Equal(0, mb.Remove(0x0, 0x2000));
        Table(mb.Memory, 1, 128, 0x3000, R(0x2000, 0x3000));
    }

    //  |  +------+====+           |
    //  |  |  r1  | rm |====       |
    //  +--+------+----+-----------+
    // Expect the top to be cut off, the part of the range past the region being ignored.
    [Fact]
    public void Remove_TopOfRegion_ShrinksIt()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x4000);
        Assert.Equal(0, mb.Remove(0x4000, 0x4000));
        Table(mb.Memory, 1, 128, 0x3000, R(0x1000, 0x3000));
    }

    //  |  +------+     +------+   |
    //  |  |  r1  |     |  r2  |   |
    //  |      +============+      |
    //  |      |    rm      |      |
    //  +--+---+--+-----+---+--+---+
    // Expect the top of r1 and the bottom of r2 to go.
    [Fact]
    public void Remove_SpanningTwoRegions_CutsBoth()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x2000);
        mb.Add(0x4000, 0x2000);
        Assert.Equal(0, mb.Remove(0x2000, 0x3000));
        Table(mb.Memory, 2, 128, 0x2000, R(0x1000, 0x1000), R(0x5000, 0x1000));
    }

    // Expect removing the only region to leave the placeholder, rewritten with nid MAX_NUMNODES (not the boot nid 0).
    [Fact]
    public void Remove_LastRegion_LeavesPlaceholderWithMaxNumNodes()
    {
        var mb = new Memblock();
        mb.AddNode(0x1000, 0x1000, 3, MemblockFlags.Hotplug);
        Assert.Equal(0, mb.Remove(0x1000, 0x1000));
        Empty(mb.Memory, NoNode);
    }

    // Expect a range that misses every region, and a size-0 range, to change nothing and return 0.
    [Fact]
    public void Remove_NothingThereOrSizeZero_ChangesNothing()
    {
        var mb = new Memblock();
        mb.Add(0x4000, 0x1000);
        Assert.Equal(0, mb.Remove(0x8000, 0x1000));
        Assert.Equal(0, mb.Remove(0x4000, 0));
        Table(mb.Memory, 1, 128, 0x1000, R(0x4000, 0x1000));
    }

    //  |  +---+---+---+------+    |
    //  |  | a | b | c |      |    |  a, b, c: pieces of one region, same attributes (isolated)
    //  +--+---+---+---+------+----+
    // Expect a remove elsewhere not to merge the isolated pieces back together.
    [Fact]
    public void Remove_ElsewhereAfterIsolate_DoesNotMergePieces()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x3000);
        mb.Add(0x8000, 0x1000);
        Assert.Equal(0, mb.Isolate(mb.Memory, 0x2000, 0x1000, out int start, out int end));
        Assert.Equal((1, 2), (start, end));
        Assert.Equal(0, mb.Remove(0x8000, 0x1000));
        Table(mb.Memory, 3, 128, 0x3000, R(0x1000, 0x1000), R(0x2000, 0x1000), R(0x3000, 0x1000));
    }

    //  reserved: +-----+====+-----+
    //            |  r1 | fr |  r1 |
    // Expect freeing the middle of a reservation to leave two reservations; memory untouched.
    [Fact]
    public void PhysFree_MiddleOfReservation_LeavesTwo()
    {
        var mb = new Memblock();
        mb.Add(0x0, 0x10000);
        mb.Reserve(0x1000, 0x3000);
        Assert.Equal(0, mb.PhysFree(0x2000, 0x1000));
        Table(mb.Reserved, 2, 128, 0x2000, R(0x1000, 0x1000), R(0x3000, 0x1000));
        Table(mb.Memory, 1, 128, 0x10000, R(0x0, 0x10000));
    }

    // Expect free(NULL) to do nothing even where a phys_free of address 0 would remove something.
    [Fact]
    public void Free_NullPointer_DoesNothing()
    {
        var mb = new Memblock();
        mb.Reserve(0x0, 0x2000);
        mb.Free(0, 0x1000);
        Table(mb.Reserved, 1, 128, 0x2000, R(0x0, 0x2000));
        Assert.Equal(0, mb.PhysFree(0, 0x1000));
        Table(mb.Reserved, 1, 128, 0x1000, R(0x1000, 0x1000));
    }

    // Expect free of a real pointer to act as phys_free: the whole reservation goes, leaving the placeholder.
    [Fact]
    public void Free_NonNullPointer_RemovesReservation()
    {
        var mb = new Memblock();
        mb.Reserve(0x3000, 0x1000);
        mb.Free(0x3000, 0x1000);
        Empty(mb.Reserved, NoNode);
    }
}
