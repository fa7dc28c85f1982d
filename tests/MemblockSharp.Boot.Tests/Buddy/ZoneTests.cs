using CsCheck;
using MemblockSharp.Boot.Buddy;

namespace MemblockSharp.Boot.Tests.Buddy;

public sealed class ZoneTests
{
    private static Zone NewZone(ulong pages = 4096, int maxOrder = 11) => new(0, ZoneType.Dma, 0, pages, pages, maxOrder, 9);

    [Fact]
    public void FreeBootRange_UnalignedRun_SplitsLikeFreePagesMemory()
    {
        // [3, 1030): 3 (o0) | 4-7 (o2) | 8-15 (o3) | ... | 512-1023 (o9) | 1024-1027 (o2) | 1028-1029 (o1)
        var z = NewZone();
        z.FreeBootRange(3, 1030);
        Assert.Equal([1UL, 1, 2, 1, 1, 1, 1, 1, 1, 1, 0], z.FreeCountsByOrder());
        Assert.Equal(1027UL, z.FreePages);
        Assert.Equal(1027UL, z.ManagedPages);
    }

    [Fact]
    public void FreeBootRange_LargeRun_CapsAtMaxOrderMinusOne()
    {
        var z = NewZone(1 << 20);
        z.FreeBootRange(0, 1 << 20);
        var counts = z.FreeCountsByOrder();
        Assert.Equal(1024UL, counts[10]);
        Assert.Equal(1024UL, counts.Aggregate(0UL, (a, b) => a + b));
    }

    [Fact]
    public void Allocate_SplitsSmallestBlock_AndFreeMergesBack()
    {
        var z = NewZone();
        z.FreeBootRange(0, 1024);
        var before = z.FreeCountsByOrder();
        var pfn = z.Allocate(0);
        Assert.Equal(0UL, pfn);
        Assert.Equal([1UL, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0], z.FreeCountsByOrder());
        z.Free(0, 0);
        Assert.Equal(before, z.FreeCountsByOrder());
    }

    [Fact]
    public void Allocate_PrefersSmallestSufficientOrder()
    {
        var z = NewZone();
        z.FreeBootRange(0, 512);   // one order-9 block
        z.FreeBootRange(1000, 1001); // one order-0 block
        Assert.Equal(1000UL, z.Allocate(0));
        Assert.Equal(0UL, z.Allocate(1));
        Assert.Null(z.Allocate(10));
    }

    [Fact]
    public void Cma_DoesNotMergeWithOrdinaryPageblocks()
    {
        var z = NewZone();
        z.FreeBootRange(0, 512);
        z.ActivateCma(512, 1024);
        // Without the CMA boundary [0,1024) would be one order-10 block.
        Assert.Equal(2UL, z.FreeCountsByOrder()[9]);
        Assert.Equal(0UL, z.FreeCountsByOrder()[10]);
        Assert.Equal(1UL, z.FreeCountsByOrder(MigrateType.Cma)[9]);
        Assert.Equal(512UL, z.CmaPages);
        Assert.Equal(512UL, z.FreeCmaPages);
        Assert.Null(z.Allocate(9 + 1));
        Assert.Equal(0UL, z.Allocate(9));
        Assert.Null(z.Allocate(9));
        Assert.Equal(512UL, z.Allocate(9, allowCma: true));
    }

    [Fact]
    public void Free_Twice_Throws()
    {
        var z = NewZone();
        z.FreeBootRange(0, 16);
        var pfn = z.Allocate(2)!.Value;
        z.Free(pfn, 2);
        Assert.Throws<InvalidOperationException>(() => z.Free(pfn, 2));
        Assert.Throws<ArgumentException>(() => z.Free(1, 2));
    }

    [Fact]
    public void FreeBootRange_OutsideZone_Throws()
    {
        var z = new Zone(0, ZoneType.Normal, 100, 100, 100, 11, 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => z.FreeBootRange(50, 150));
    }

    // A classic buddy allocator with explicit per-order free sets: the reference the run-length zone must agree with.
    private sealed class ReferenceBuddy(int maxOrder)
    {
        private readonly SortedSet<ulong>[] _lists = Enumerable.Range(0, maxOrder).Select(_ => new SortedSet<ulong>()).ToArray();

        public void Free(ulong pfn, int order)
        {
            while (order < maxOrder - 1)
            {
                ulong buddy = pfn ^ (1UL << order);
                if (!_lists[order].Remove(buddy))
                    break;
                pfn = Math.Min(pfn, buddy);
                order++;
            }
            _lists[order].Add(pfn);
        }

        public ulong? Allocate(int order)
        {
            for (int o = order; o < maxOrder; o++)
            {
                if (_lists[o].Count == 0)
                    continue;
                ulong pfn = _lists[o].Min;
                _lists[o].Remove(pfn);
                for (int split = o; split > order; split--)
                    _lists[split - 1].Add(pfn + (1UL << (split - 1)));
                return pfn;
            }
            return null;
        }

        public ulong[] Counts() => _lists.Select(l => (ulong)l.Count).ToArray();
    }

    [Fact]
    public void RandomFreeAndAllocate_AgreeWithReferenceBuddy()
    {
        Gen.Int[0, 5].Array[1, 60].Sample(orders =>
        {
            const int maxOrder = 6;
            var zone = NewZone(4096, maxOrder);
            var reference = new ReferenceBuddy(maxOrder);
            // Hand-off of a ragged range, page by page in the reference.
            zone.FreeBootRange(5, 300);
            for (ulong p = 5; p < 300; p++)
                reference.Free(p, 0);
            Assert.Equal(reference.Counts(), zone.FreeCountsByOrder());
            var held = new List<(ulong, int)>();
            foreach (var order in orders)
            {
                var a = zone.Allocate(order);
                var b = reference.Allocate(order);
                Assert.Equal(b.HasValue, a.HasValue);
                if (a is { } pfn)
                    held.Add((pfn, order));
                Assert.Equal(reference.Counts(), zone.FreeCountsByOrder());
            }
            for (int i = 0; i < held.Count; i += 2)
            {
                zone.Free(held[i].Item1, held[i].Item2);
                reference.Free(held[i].Item1, held[i].Item2);
                Assert.Equal(reference.Counts(), zone.FreeCountsByOrder());
            }
        }, seed: "0N0XIzNsQ0O2", iter: 200);
    }
}
