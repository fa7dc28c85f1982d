using static MemblockSharp.Tests.Unit.TableAssert;

namespace MemblockSharp.Tests.Unit;

/// <summary>Build parameters: SMP_CACHE_BYTES, PAGE_SIZE, INIT_MEMBLOCK_REGIONS, CONFIG_NUMA.</summary>
public class OptionsTests
{
    //  memory [0 ---- 0x40000), bottom-up
    // Expect the first page never handed out whatever its size: the lowest block starts at PAGE_SIZE.
    [Theory]
    [InlineData(0x1000UL)]
    [InlineData(0x4000UL)]
    [InlineData(0x1_0000UL)]
    public void FindInRangeNode_PageSize_FirstPageSkipped(ulong pageSize)
    {
        var mb = new Memblock(new MemblockOptions { PageSize = pageSize }) { BottomUp = true };
        mb.Add(0x0, 0x4_0000);
        Assert.Equal(pageSize, mb.FindInRangeNode(0x100, 0x100, 0, 0, -1, MemblockFlags.None));
    }

    // Expect pfn searches to use the page shift: 16 KiB pages make pfn 0x11 the address 0x44000.
    [Fact]
    public void SearchPfnNid_PageSize16K_UsesShift14()
    {
        var mb = new Memblock(new MemblockOptions { PageSize = SZ_16K });
        mb.AddNode(0x4_2000, 0x4_0000, 1, MemblockFlags.None); // [0x42000, 0x82000)
        Assert.Equal(1, mb.SearchPfnNid(0x11, out ulong start, out ulong end));
        Assert.Equal((0x10UL, 0x20UL), (start, end));
        Assert.Equal(new[] { new MemblockRange(0x11, 0x20, 1) }, mb.MemPfnRanges(16).ToArray());
    }

    //  memory [0x10000000 ------------- 0x20000000), 64 KiB pages, memory array full (128 x 64 KiB regions)
    // Expect the doubled array (6144 bytes) to be page-aligned to 64 KiB and reserved as a whole 64 KiB page.
    [Fact]
    public void DoubleArray_PageSize64K_AllocatesWholeLargePage()
    {
        var mb = new Memblock(new MemblockOptions { PageSize = SZ_64K });
        mb.Add(0x1000_0000, 0x1000_0000);
        mb.AllowResize();
        Assert.Equal(0, mb.DoubleArrayNow(mb.Memory, 0, 0));
        Table(mb.Reserved, 1, 128, SZ_64K, R(0x1fff_0000, SZ_64K));
    }

    // Expect the initial capacity to be the option, and a table to fill exactly to it.
    [Fact]
    public void InitialRegions_SetsCapacityOfAllTables()
    {
        var mb = new Memblock(new MemblockOptions { InitialRegions = 8 });
        Assert.Equal((8, 8, 8), (mb.Memory.Capacity, mb.Reserved.Capacity, mb.PhysMem.Capacity));
        FillDisjoint(mb, mb.Memory, 8, SZ_1M);
        Assert.Equal((8, 8), (mb.Memory.Count, mb.Memory.Capacity));
        Assert.Equal(Memblock.ENOMEM, mb.Add(0x1000_0000, SZ_4K));
    }

    // Expect MAX_NUMNODES to be the node of plain adds and of the emptied placeholder.
    [Fact]
    public void MaxNumNodes_IsNodeOfPlainAdd()
    {
        var mb = new Memblock(new MemblockOptions { MaxNumNodes = 4 });
        mb.Add(0x1000, 0x1000);
        Table(mb.Memory, 1, 128, 0x1000, R(0x1000, 0x1000, nid: 4));
        mb.Remove(0x1000, 0x1000);
        Empty(mb.Memory, 4);
    }

    // Without NUMA. Expect every region to read node 0, whatever node it was added with, and touching regions added
    // on "different" nodes to merge.
    [Fact]
    public void Numa_Off_EveryRegionOnNodeZero()
    {
        var mb = new Memblock(new MemblockOptions { Numa = false });
        mb.AddNode(0x1000, 0x1000, 3, MemblockFlags.None);
        mb.Add(0x2000, 0x1000);
        Table(mb.Memory, 1, 128, 0x2000, R(0x1000, 0x2000, nid: 0));
        mb.Remove(0x1000, 0x2000);
        Empty(mb.Memory, 0);
        mb.Reserve(0x5000, 0x1000);
        Table(mb.Reserved, 1, 128, 0x1000, R(0x5000, 0x1000, nid: 0));
    }

    // Expect options out of range to be rejected.
    [Fact]
    public void Options_Invalid_Throw()
    {
        Assert.Throws<ArgumentException>(() => new Memblock(new MemblockOptions { PageSize = 0x3000 }));
        Assert.Throws<ArgumentException>(() => new Memblock(new MemblockOptions { InitialRegions = 1 }));
        Assert.Throws<ArgumentException>(() => new Memblock(new MemblockOptions { MaxNumNodes = 0 }));
    }
}
