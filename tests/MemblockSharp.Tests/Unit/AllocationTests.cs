using static MemblockSharp.Tests.Unit.TableAssert;

namespace MemblockSharp.Tests.Unit;

/// <summary>memblock_alloc_range_nid and the allocators over it: find, reserve, fall back.</summary>
public class AllocationTests
{
    private const int AnyNode = Memblock.NumaNoNode;

    private static Memblock OneRegion(MemblockOptions? options = null)
    {
        var mb = new Memblock(options);
        mb.Add(0x1_0000, 0x1_0000); // [0x10000, 0x20000)
        return mb;
    }

    private static Memblock TwoNodes()
    {
        var mb = new Memblock();
        mb.AddNode(0x1_0000, 0x1_0000, 0, MemblockFlags.None); // node 0
        mb.AddNode(0x2_0000, 0x1_0000, 1, MemblockFlags.None); // node 1
        return mb;
    }

    //  memory   |-----------------------|
    //  reserved                  |==|==|   two allocations
    // Expect each allocation reserved exactly, the second merging with the first into one reservation.
    [Fact]
    public void AllocRangeNid_TwoAllocations_ReserveAndMerge()
    {
        var mb = OneRegion();
        Assert.Equal(0x1_f000UL, mb.AllocRangeNid(SZ_4K, SZ_4K, 0, 0, AnyNode, false));
        Assert.Equal(0x1_e000UL, mb.AllocRangeNid(SZ_4K, SZ_4K, 0, 0, AnyNode, false));
        Table(mb.Reserved, 1, 128, 0x2000, R(0x1_e000, 0x2000));
    }

    //  node 0 |=============|  node 1 |-------------|
    // Expect a request for the full node 0 to fall back to any node (node 1's top), unless exact_nid.
    [Fact]
    public void AllocRangeNid_NodeFull_FallsBackToAnyNodeUnlessExact()
    {
        var mb = TwoNodes();
        mb.Reserve(0x1_0000, 0x1_0000);
        Assert.Equal(0UL, mb.AllocRangeNid(SZ_4K, SZ_4K, 0, 0, 0, exactNid: true));
        Table(mb.Reserved, 1, 128, 0x1_0000, R(0x1_0000, 0x1_0000));
        Assert.Equal(0x2_f000UL, mb.AllocRangeNid(SZ_4K, SZ_4K, 0, 0, 0, exactNid: false));
        Table(mb.Reserved, 2, 128, 0x1_1000, R(0x1_0000, 0x1_0000), R(0x2_f000, 0x1000));
    }

    // Expect MAX_NUMNODES to be treated as NUMA_NO_NODE, so even an exact request succeeds on any node.
    [Fact]
    public void AllocRangeNid_MaxNumNodes_MeansAnyNode()
    {
        var mb = TwoNodes();
        Assert.Equal(0x2_f000UL, mb.AllocRangeNid(SZ_4K, SZ_4K, 0, 0, 16, exactNid: true));
    }

    // Expect node-preferring allocations to land on their node first.
    [Fact]
    public void AllocNode_And_PhysAllocTryNid_PreferTheirNode()
    {
        var mb = TwoNodes();
        Assert.Equal(0x1_f000UL, mb.AllocNode(SZ_4K, SZ_4K, 0));
        Assert.Equal(0x1_e000UL, mb.PhysAllocTryNid(SZ_4K, SZ_4K, 0));
        Assert.Equal(0x2_f000UL, mb.AllocNode(SZ_4K, SZ_4K, 1));
    }

    // Expect exact_nid_raw never to leave its node while try_nid_raw falls back.
    [Fact]
    public void AllocExactNidRaw_NodeFull_FailsWhereTryNidRawFallsBack()
    {
        var mb = TwoNodes();
        mb.Reserve(0x1_0000, 0x1_0000);
        Assert.Equal(0UL, mb.AllocExactNidRaw(SZ_4K, SZ_4K, 0, 0, 0));
        Assert.Equal(0x2_f000UL, mb.AllocTryNidRaw(SZ_4K, SZ_4K, 0, 0, 0));
    }

    //  memory |MMMMMMMMMMMMM|-------------|   lower half mirrored
    // Expect allocations to prefer mirrored memory once the system has some, then drop the preference when it is full.
    [Fact]
    public void AllocRangeNid_MirrorPresent_PrefersMirrorThenFallsBack()
    {
        var mb = new Memblock();
        mb.Add(0x1_0000, 0x2_0000);
        mb.MarkMirror(0x1_0000, 0x1_0000);
        Assert.Equal(0x1_f000UL, mb.Alloc(SZ_4K, SZ_4K));
        mb.Reserve(0x1_0000, 0x1_0000);
        Assert.Equal(0x2_f000UL, mb.Alloc(SZ_4K, SZ_4K));
    }

    // Expect align 0 to mean SMP_CACHE_BYTES: 0x20000 - 0x10 rounded down to 64 is 0x1ffc0, to 32 it is 0x1ffe0.
    [Theory]
    [InlineData(64UL, 0x1_ffc0UL)]
    [InlineData(32UL, 0x1_ffe0UL)]
    public void AllocRangeNid_AlignZero_UsesSmpCacheBytes(ulong smpCacheBytes, ulong expected)
    {
        var mb = OneRegion(new MemblockOptions { SmpCacheBytes = smpCacheBytes });
        Assert.Equal(expected, mb.AllocRangeNid(0x10, 0, 0, 0, AnyNode, false));
        Table(mb.Reserved, 1, 128, 0x10, R(expected, 0x10));
    }

    // Expect a size-0 allocation to "succeed" with the aligned end of the highest free range (top-down) or the lowest
    // start (bottom-up), reserving nothing.
    [Fact]
    public void Alloc_SizeZero_ReturnsAddressReservesNothing()
    {
        var mb = OneRegion();
        Assert.Equal(0x2_0000UL, mb.AllocRangeNid(0, SZ_4K, 0, 0, AnyNode, false));
        Assert.Equal(0x2_0000UL, mb.Alloc(0, 0));
        mb.BottomUp = true;
        Assert.Equal(0x1_0000UL, mb.PhysAlloc(0, SZ_4K));
        Empty(mb.Reserved, 0);
    }

    //  memory   |--------------------|=========|   reserved above 0x18000
    //  min_addr                      ^
    // Expect alloc_try_nid to fail above min_addr, then retry from 0 and succeed below it;
    // the range allocator has no such retry.
    [Fact]
    public void AllocTryNid_NothingAboveMinAddr_RetriesFromZero()
    {
        var mb = OneRegion();
        mb.Reserve(0x1_8000, 0x8000);
        Assert.Equal(0UL, mb.AllocRangeNid(SZ_4K, SZ_4K, 0x1_8000, 0, AnyNode, false));
        Assert.Equal(0x1_7000UL, mb.AllocTryNid(SZ_4K, SZ_4K, 0x1_8000, 0, AnyNode));
        Assert.Equal(0x1_6000UL, mb.AllocFrom(SZ_4K, SZ_4K, 0x1_8000));
    }

    // Expect min_addr to be honoured bottom-up when there is room above it.
    [Fact]
    public void AllocFrom_BottomUp_StartsAtMinAddr()
    {
        var mb = OneRegion();
        mb.BottomUp = true;
        Assert.Equal(0x1_4000UL, mb.AllocFrom(SZ_4K, SZ_4K, 0x1_4000));
    }

    //  memory |--------------|------|      current limit 0x18000
    // Expect the virtual allocators to clamp max_addr to the current limit; the range allocator does not.
    [Fact]
    public void AllocTryNid_MaxAddrAboveCurrentLimit_IsClamped()
    {
        var mb = OneRegion();
        mb.CurrentLimit = 0x1_8000;
        Assert.Equal(0x1_7000UL, mb.AllocTryNid(SZ_4K, SZ_4K, 0, 0x2_0000, AnyNode));
        Assert.Equal(0x1_f000UL, mb.AllocRangeNid(SZ_4K, SZ_4K, 0, 0x2_0000, AnyNode, false));
        Assert.Equal(0x1_6000UL, mb.PhysAlloc(SZ_4K, SZ_4K));
    }

    //  memory [0xf0000000 ------ 4 GiB ------ 0x110000000)
    // Expect alloc_low's ceiling 0xffffffff to be used as an end: round_down(0xffffffff - 0x1000, 0x1000) = 0xffffe000.
    [Fact]
    public void AllocLow_MemoryAcross4G_StaysBelowLowLimit()
    {
        var mb = new Memblock();
        mb.Add(0xf000_0000, 0x2000_0000);
        Assert.Equal(0xffff_e000UL, mb.AllocLow(SZ_4K, SZ_4K));
        Assert.Equal(0x1_0fff_f000UL, mb.Alloc(SZ_4K, SZ_4K));
    }

    // Expect phys_alloc_range to keep to [start, end).
    [Fact]
    public void PhysAllocRange_KeepsToRange()
    {
        var mb = OneRegion();
        Assert.Equal(0x1_3000UL, mb.PhysAllocRange(SZ_4K, SZ_4K, 0x1_2000, 0x1_4000));
        Assert.Equal(0x1_2000UL, mb.PhysAllocRange(SZ_4K, SZ_4K, 0x1_2000, 0x1_4000));
        Assert.Equal(0UL, mb.PhysAllocRange(SZ_4K, SZ_4K, 0x1_2000, 0x1_4000));
    }

    //  reserved: 128 disjoint regions (full), resize off; the only free block touches the last one
    // Expect the reserve inside the allocation to fail with -ENOMEM (even though it would merge), so the allocation
    // returns 0 and nothing changes.
    [Fact]
    public void AllocRangeNid_ReservedTableFull_ReturnsZeroNoChange()
    {
        var mb = new Memblock();
        mb.Add(SZ_1M, SZ_1M);
        FillDisjoint(mb, mb.Reserved, 128, SZ_1M);
        var before = Snapshot(mb.Reserved);
        Assert.Equal(0UL, mb.AllocRangeNid(SZ_4K, SZ_4K, 0, 0, AnyNode, false));
        Assert.Equal(0UL, mb.Alloc(SZ_4K, SZ_4K));
        Unchanged(before, mb.Reserved);
    }
}
