using static MemblockSharp.Tests.Unit.TableAssert;

namespace MemblockSharp.Tests.Unit;

/// <summary>mark/clear hotplug, nomap, mirror and set_node: isolate the range, change it, merge the array.</summary>
public class AttributeTests
{
    //  |  +----+====+---------+   |
    //  |  | r1 | H  |   r1    |   |
    //  +--+----+----+---------+---+
    // Expect three regions: the marked middle carries HOTPLUG; total unchanged.
    [Fact]
    public void MarkHotplug_MiddleOfRegion_SplitsIntoThree()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x4000);
        Assert.Equal(0, mb.MarkHotplug(0x2000, 0x1000));
        Table(mb.Memory, 3, 128, 0x4000,
            R(0x1000, 0x1000), R(0x2000, 0x1000, MemblockFlags.Hotplug), R(0x3000, 0x2000));
    }

    // Expect clearing the flag again to restore identical attributes, so the pieces merge back into one.
    [Fact]
    public void ClearHotplug_RestoresAttributes_MergesBack()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x4000);
        mb.MarkHotplug(0x2000, 0x1000);
        Assert.Equal(0, mb.ClearHotplug(0x2000, 0x1000));
        Table(mb.Memory, 1, 128, 0x4000, R(0x1000, 0x4000));
    }

    //  |  +---------+======+      |
    //  |  |   r1    | NOMAP|      |
    //  +--+---------+------+------+
    // Expect the top part NOMAP; is_memory stays true there but is_map_memory becomes false.
    [Fact]
    public void MarkNoMap_TopOfRegion_NotMapMemoryButStillMemory()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x4000);
        Assert.Equal(0, mb.MarkNoMap(0x4000, 0x1000));
        Table(mb.Memory, 2, 128, 0x4000, R(0x1000, 0x3000), R(0x4000, 0x1000, MemblockFlags.NoMap));
        Assert.True(mb.IsMemory(0x4800));
        Assert.False(mb.IsMapMemory(0x4800));
        Assert.True(mb.IsMapMemory(0x3fff));
        Assert.Equal(0, mb.ClearNoMap(0x4000, 0x1000));
        Table(mb.Memory, 1, 128, 0x4000, R(0x1000, 0x4000));
    }

    // Expect flags to accumulate: NOMAP on a HOTPLUG piece gives HOTPLUG|NOMAP.
    [Fact]
    public void MarkNoMap_OnHotplugPiece_CombinesFlags()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x2000);
        mb.MarkHotplug(0x1000, 0x2000);
        mb.MarkNoMap(0x2000, 0x1000);
        Table(mb.Memory, 2, 128, 0x2000,
            R(0x1000, 0x1000, MemblockFlags.Hotplug), R(0x2000, 0x1000, MemblockFlags.Hotplug | MemblockFlags.NoMap));
    }

    // Expect mark_mirror with kernelcore=mirror off to return 0 and change nothing, not even the mirror flag.
    [Fact]
    public void MarkMirror_MirroredKernelcoreOff_DoesNothing()
    {
        var mb = new Memblock { MirroredKernelcore = false };
        mb.Add(0x1000, 0x4000);
        Assert.Equal(0, mb.MarkMirror(0x1000, 0x1000));
        Assert.False(mb.HasMirror);
        Table(mb.Memory, 1, 128, 0x4000, R(0x1000, 0x4000));
    }

    // Expect mark_mirror to set the system's mirror flag even when the range hits no memory.
    [Fact]
    public void MarkMirror_RangeMissesMemory_StillSetsHasMirror()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x4000);
        Assert.False(mb.HasMirror);
        Assert.Equal(0, mb.MarkMirror(0x1_0000_0000, 0x1000));
        Assert.True(mb.HasMirror);
        Table(mb.Memory, 1, 128, 0x4000, R(0x1000, 0x4000));
        Assert.Equal(0, mb.MarkMirror(0x1000, 0x1000));
        Table(mb.Memory, 2, 128, 0x4000, R(0x1000, 0x1000, MemblockFlags.Mirror), R(0x2000, 0x3000));
    }

    //  |  +----+====+---------+   |
    //  |  | 16 | 1  |   16    |   |
    //  +--+----+----+---------+---+
    // Expect set_node to split: the middle gets node 1, the rest keeps MAX_NUMNODES.
    [Fact]
    public void SetNode_MiddleOfRegion_SplitsIntoThree()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x4000);
        Assert.Equal(0, mb.SetNode(0x2000, 0x1000, mb.Memory, 1));
        Table(mb.Memory, 3, 128, 0x4000, R(0x1000, 0x1000), R(0x2000, 0x1000, nid: 1), R(0x3000, 0x2000));
    }

    //  |  +----+----+             |
    //  |  | 0  | 1  |  -> set r2 to node 0
    //  +--+----+----+-------------+
    // Expect the neighbours to merge once their nodes agree.
    [Fact]
    public void SetNode_MakesNeighboursEqual_Merges()
    {
        var mb = new Memblock();
        mb.AddNode(0x1000, 0x1000, 0, MemblockFlags.None);
        mb.AddNode(0x2000, 0x1000, 1, MemblockFlags.None);
        Assert.Equal(0, mb.SetNode(0x2000, 0x1000, mb.Memory, 0));
        Table(mb.Memory, 1, 128, 0x2000, R(0x1000, 0x2000, nid: 0));
    }

    // Expect set_node to work on the reserved table too, leaving memory alone.
    [Fact]
    public void SetNode_ReservedTable_SetsReservedNode()
    {
        var mb = new Memblock();
        mb.Add(0x0, 0x10000);
        mb.Reserve(0x1000, 0x2000);
        Assert.Equal(0, mb.SetNode(0x0, 0x2000, mb.Reserved, 2));
        Table(mb.Reserved, 2, 128, 0x2000, R(0x1000, 0x1000, nid: 2), R(0x2000, 0x1000));
        Table(mb.Memory, 1, 128, 0x10000, R(0x0, 0x10000));
    }

    // Expect flag and node changes with size 0 to return 0 and leave the table as it was.
    [Fact]
    public void MarkAndSetNode_SizeZero_ReturnZeroNoChange()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x4000);
        Assert.Equal(0, mb.MarkHotplug(0x2000, 0));
        Assert.Equal(0, mb.MarkNoMap(0x2000, 0));
        Assert.Equal(0, mb.SetNode(0x2000, 0, mb.Memory, 3));
        Table(mb.Memory, 1, 128, 0x4000, R(0x1000, 0x4000));
    }

    // memory at 127/128 with resize off, built without NUMA.
    // Expect set_node to do nothing and return 0: in a kernel without CONFIG_NUMA memblock_set_node's whole body is
    // compiled out (no isolate, so no -ENOMEM for lack of room, and no merge).
    [Fact]
    public void SetNode_NumaOff_IsNoOpEvenOnNearlyFullTable()
    {
        var mb = new Memblock(new MemblockOptions { Numa = false });
        FillDisjoint(mb, mb.Memory, 127, 0x10_0000);
        var before = Snapshot(mb.Memory);
        Assert.Equal(0, mb.SetNode(0x10_0000, 0x800, mb.Memory, 1));
        Unchanged(before, mb.Memory);
    }

    // Without NUMA, two touching pieces left split by an isolate.
    // Expect set_node not to merge them (the kernel's body is compiled out), while a flag change does merge.
    [Fact]
    public void SetNode_NumaOff_DoesNotMergeIsolatedPieces()
    {
        var mb = new Memblock(new MemblockOptions { Numa = false });
        mb.Add(0x1000, 0x2000);
        mb.Isolate(mb.Memory, 0x2000, 0x1000, out _, out _);
        Assert.Equal(0, mb.SetNode(0x1000, 0x2000, mb.Memory, 0));
        Table(mb.Memory, 2, 128, 0x2000, R(0x1000, 0x1000, nid: 0), R(0x2000, 0x1000, nid: 0));
        Assert.Equal(0, mb.ClearHotplug(0x1000, 0));
        Table(mb.Memory, 1, 128, 0x2000, R(0x1000, 0x2000, nid: 0));
    }
}
