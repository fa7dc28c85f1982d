using static MemblockSharp.Tests.Unit.TableAssert;

namespace MemblockSharp.Tests.Unit;

/// <summary>Full tables: -ENOMEM with resize off, array doubling (placed and reserved through memblock) with resize on.</summary>
public class ResizeTests
{
    // memory: 128 disjoint 4 KiB regions from 1 MiB, 8 KiB apart (128/128), resize off.
    // Expect a new region, and even one that would only extend a neighbour, to fail with -ENOMEM and change nothing;
    // a range already covered needs no entry and succeeds.
    [Fact]
    public void Add_FullTableResizeOff_ReturnsENOMEMAndChangesNothing()
    {
        var mb = new Memblock();
        FillDisjoint(mb, mb.Memory, 128, SZ_1M);
        Assert.Equal((128, 128), (mb.Memory.Count, mb.Memory.Capacity));
        var before = Snapshot(mb.Memory);
        Assert.Equal(Memblock.ENOMEM, mb.Add(0x1000_0000, SZ_4K));
        Assert.Equal(Memblock.ENOMEM, mb.Add(SZ_1M + SZ_4K, SZ_4K)); // touches region 0 and region 1
        Assert.Equal(0, mb.Add(SZ_1M, 0x800));
        Unchanged(before, mb.Memory);
        Empty(mb.Reserved, 0);
    }

    // memory at 127/128, resize off.
    // Expect every isolating operation to need room for two entries and fail with -ENOMEM even without a split;
    // a size-0 remove returns 0 first; an add of one more region fills the table exactly to 128/128.
    [Fact]
    public void Isolate_At127Of128ResizeOff_RejectsRemoveAndMarks()
    {
        var mb = new Memblock();
        FillDisjoint(mb, mb.Memory, 127, SZ_1M);
        var before = Snapshot(mb.Memory);
        Assert.Equal(Memblock.ENOMEM, mb.Remove(SZ_1M, SZ_4K));
        Assert.Equal(Memblock.ENOMEM, mb.MarkHotplug(SZ_1M, SZ_4K));
        Assert.Equal(Memblock.ENOMEM, mb.MarkNoMap(SZ_1M, SZ_4K));
        Assert.Equal(Memblock.ENOMEM, mb.SetNode(SZ_1M, SZ_4K, mb.Memory, 0));
        Assert.Equal(0, mb.Remove(SZ_1M, 0));
        Unchanged(before, mb.Memory);

        Assert.Equal(0, mb.Add(0x1000_0000, SZ_4K));
        Assert.Equal((128, 128), (mb.Memory.Count, mb.Memory.Capacity));
    }

    // reserved at 127/128, resize off. Expect phys_free to fail with -ENOMEM and leave reserved alone.
    [Fact]
    public void PhysFree_ReservedAt127ResizeOff_ReturnsENOMEM()
    {
        var mb = new Memblock();
        FillDisjoint(mb, mb.Reserved, 127, SZ_1M);
        var before = Snapshot(mb.Reserved);
        Assert.Equal(Memblock.ENOMEM, mb.PhysFree(SZ_1M, SZ_4K));
        Unchanged(before, mb.Reserved);
    }

    //  memory   [0x10000000 ------------------------------------------ 0x20000000)
    //  reserved |=| |=| ... |=| (128)        |new|                  |array|
    // Expect the reserved array to double to 256, placed top-down at the highest free 8 KiB (PAGE_ALIGN(256 * 24))
    // above the new range, and reserved itself: 130 entries.
    [Fact]
    public void Reserve_FullReservedResizeOn_DoublesAndReservesNewArray()
    {
        var mb = new Memblock();
        mb.Add(0x1000_0000, 0x1000_0000);
        FillDisjoint(mb, mb.Reserved, 128, 0x1000_0000);
        mb.AllowResize();
        Assert.Equal(0, mb.Reserve(0x1800_0000, SZ_4K));

        var expected = Enumerable.Range(0, 128).Select(i => R(0x1000_0000 + (ulong)i * SZ_8K, SZ_4K))
            .Append(R(0x1800_0000, SZ_4K)).Append(R(0x1fff_e000, SZ_8K)).ToArray();
        Table(mb.Reserved, 130, 256, 0x8_3000, expected);
        Assert.Equal(0x1fff_e000UL, mb.Reserved.ArrayAddress);
        Assert.False(mb.Reserved.IsStaticArray);
        Table(mb.Memory, 1, 128, 0x1000_0000, R(0x1000_0000, 0x1000_0000));
    }

    //  memory   [0x10000000 ------------------------------------------ 0x20000000)
    //  reserved |=| |=| ... |=| (128)                          |array|new|
    // Expect the range being reserved (at the very top) to be kept clear: nothing fits above it, so the array goes
    // right below it, and then the two touch and merge.
    [Fact]
    public void Reserve_DoublingReserved_KeepsNewRangeClear()
    {
        var mb = new Memblock();
        mb.Add(0x1000_0000, 0x1000_0000);
        FillDisjoint(mb, mb.Reserved, 128, 0x1000_0000);
        mb.AllowResize();
        Assert.Equal(0, mb.Reserve(0x1fff_f000, SZ_4K));
        Assert.Equal(129, mb.Reserved.Count);
        Assert.Equal(256, mb.Reserved.Capacity);
        Assert.Equal(0x8_3000UL, mb.Reserved.TotalSize);
        Assert.Equal(R(0x1fff_d000, 0x3000), mb.Reserved[128]);
        Assert.Equal(0x1fff_d000UL, mb.Reserved.ArrayAddress);
    }

    //  memory   |r0| |r1| ... |r127|                      |new 1 MiB|
    //  reserved                 |a|   (new memory array, top of r127)
    // Expect the memory array to double to 256 at the top of the highest memory region and to show up in reserved.
    [Fact]
    public void Add_FullMemoryResizeOn_NewArrayShowsInReserved()
    {
        var mb = new Memblock();
        for (int i = 0; i < 128; i++)
            mb.Add(0x1000_0000 + (ulong)i * 0x2_0000, SZ_64K);
        mb.AllowResize();
        Assert.Equal(0, mb.Add(0x2000_0000, SZ_1M));

        var expected = Enumerable.Range(0, 128).Select(i => R(0x1000_0000 + (ulong)i * 0x2_0000, SZ_64K))
            .Append(R(0x2000_0000, SZ_1M)).ToArray();
        Table(mb.Memory, 129, 256, 0x90_0000, expected);
        Table(mb.Reserved, 1, 128, SZ_8K, R(0x10fe_e000, SZ_8K));
        Assert.Equal(0x10fe_e000UL, mb.Memory.ArrayAddress);
    }

    // memory: 128 disjoint 4 KiB regions; resize on.
    // Expect doubling to fail (no free block of 8 KiB anywhere) and the add to return -ENOMEM with nothing changed.
    [Fact]
    public void Add_FullMemoryNoRoomForArray_ReturnsENOMEM()
    {
        var mb = new Memblock();
        FillDisjoint(mb, mb.Memory, 128, 0x1000_0000);
        mb.AllowResize();
        var before = Snapshot(mb.Memory);
        Assert.Equal(Memblock.ENOMEM, mb.Add(0x2000_0000, SZ_1M));
        Unchanged(before, mb.Memory);
        Empty(mb.Reserved, 0);
        Assert.True(mb.Memory.IsStaticArray);
    }

    // InitialRegions 4; memory regions Mi = [(i+1) MiB, +64 KiB).
    // Expect the first doubling (4 -> 8) at the top of M3 (0x40f000) reserved, not freeing the static array; the second
    // (8 -> 16) at the top of M7 (0x80f000), freeing the first array: reserved then holds only the new one.
    [Fact]
    public void Add_SecondDoubling_FreesPreviousArray()
    {
        var mb = new Memblock(new MemblockOptions { InitialRegions = 4 });
        mb.AllowResize();
        for (int i = 0; i < 5; i++)
            Assert.Equal(0, mb.Add(SZ_1M * (ulong)(i + 1), SZ_64K));
        Assert.Equal((5, 8), (mb.Memory.Count, mb.Memory.Capacity));
        Table(mb.Reserved, 1, 4, SZ_4K, R(0x40_f000, SZ_4K));

        for (int i = 5; i < 9; i++)
            Assert.Equal(0, mb.Add(SZ_1M * (ulong)(i + 1), SZ_64K));
        Assert.Equal((9, 16), (mb.Memory.Count, mb.Memory.Capacity));
        Assert.Equal(0x9_0000UL, mb.Memory.TotalSize);
        Table(mb.Reserved, 1, 4, SZ_4K, R(0x80_f000, SZ_4K));
        Assert.Equal(0x80_f000UL, mb.Memory.ArrayAddress);
    }

    // Expect DoubleArrayNow to refuse (-1) while resizing is not allowed.
    [Fact]
    public void DoubleArray_ResizeNotAllowed_ReturnsMinusOne()
    {
        var mb = new Memblock();
        mb.Add(0x1000_0000, 0x1000_0000);
        Assert.Equal(-1, mb.DoubleArrayNow(mb.Memory, 0, 0));
        Assert.Equal(128, mb.Memory.Capacity);
        mb.AllowResize();
        Assert.Equal(0, mb.DoubleArrayNow(mb.Memory, 0, 0));
        Assert.Equal(256, mb.Memory.Capacity);
        Table(mb.Reserved, 1, 128, SZ_8K, R(0x1fff_e000, SZ_8K));
    }
    // InitialRegions 4. memory: four 4 KiB regions (4/4), only the lowest free; reserved: four regions (4/4).
    //  memory   |M0|   |M1|   |M2|   |M3|
    //  reserved        |==|   |==|   |==|   |==|
    // Adding a fifth memory region doubles the memory array into M0, whose reservation needs the reserved array to
    // double too, and no other free page exists outside the range being reserved.
    // Expect the kernel's BUG_ON (the new array cannot be reserved) to surface as a MemblockBugException, not as a silent success.
    [Fact]
    public void Add_DoubledArrayCannotBeReserved_Throws()
    {
        var mb = new Memblock(new MemblockOptions { InitialRegions = 4 });
        for (ulong i = 1; i <= 4; i++)
            mb.Add(i * SZ_64K, SZ_4K);
        for (ulong i = 2; i <= 5; i++)
            mb.Reserve(i * SZ_64K, SZ_4K);
        mb.AllowResize();
        var ex = Assert.Throws<MemblockBugException>(() => mb.Add(6 * SZ_64K, SZ_4K));
        Assert.Contains("BUG", ex.Message);
    }
    //  memory   [0x10000000 ------------------------------------------ 0x20000000)   bottom-up
    //  reserved |=| |=| ... |=| (128)        |new|array|
    // Expect bottom-up doubling to take the lowest free block above the range being reserved, which then touches the
    // new range and merges with it: one region [0x18000000, 0x18003000), 129 entries.
    [Fact]
    public void Reserve_DoublingBottomUp_PlacesArrayRightAboveNewRange()
    {
        var mb = new Memblock { BottomUp = true };
        mb.Add(0x1000_0000, 0x1000_0000);
        FillDisjoint(mb, mb.Reserved, 128, 0x1000_0000);
        mb.AllowResize();
        Assert.Equal(0, mb.Reserve(0x1800_0000, SZ_4K));
        Assert.Equal((129, 256, 0x8_3000UL), (mb.Reserved.Count, mb.Reserved.Capacity, mb.Reserved.TotalSize));
        Assert.Equal(R(0x1800_0000, 0x3000), mb.Reserved[128]);
        Assert.Equal(0x1800_1000UL, mb.Reserved.ArrayAddress);
    }

    //  memory |MMMMMMMM mirrored MMMMMMMM|------------ plain ------------|
    // Expect doubling to prefer mirrored memory once the system has some: the top of the mirrored half.
    [Fact]
    public void DoubleArray_MirrorPresent_PrefersMirroredMemory()
    {
        var mb = new Memblock();
        mb.Add(0x1000_0000, 0x1000_0000);
        mb.MarkMirror(0x1000_0000, 0x800_0000);
        mb.AllowResize();
        Assert.Equal(0, mb.DoubleArrayNow(mb.Memory, 0, 0));
        Table(mb.Reserved, 1, 128, SZ_8K, R(0x17ff_e000, SZ_8K));
    }
}
