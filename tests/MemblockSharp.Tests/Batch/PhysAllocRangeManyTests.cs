using MemblockSharp.Conformance;

namespace MemblockSharp.Tests.Batch;

/// <summary>
/// <see cref="Memblock.PhysAllocRangeMany"/> must leave exactly the state, and hand out exactly the addresses, that the
/// same number of single <see cref="Memblock.PhysAllocRange"/> calls would.
/// </summary>
public class PhysAllocRangeManyTests
{
    private static (string State, List<ulong> Addresses, long Done) Singles(Func<Memblock> make, ulong size, ulong align, ulong start, ulong end, long count)
    {
        var m = make();
        var addresses = new List<ulong>();
        long done = 0;
        for (; done < count; done++)
        {
            ulong a = m.PhysAllocRange(size, align, start, end);
            if (a == 0)
                break;
            addresses.Add(a);
        }
        return (State(m), addresses, done);
    }

    private static (string State, List<ulong> Addresses, long Done) Batched(Func<Memblock> make, ulong size, ulong align, ulong start, ulong end, long count)
    {
        var m = make();
        var addresses = new List<ulong>();
        long done = m.PhysAllocRangeMany(size, align, start, end, count, (low, n) =>
        {
            for (long k = n - 1; k >= 0; k--)
                addresses.Add(low + (ulong)k * size);
        });
        return (State(m), addresses, done);
    }

    private static string State(Memblock m) => ConformanceRunner.Canonical(m.Memory) + ConformanceRunner.Canonical(m.Reserved);

    //   memory   [0x40000000 ............................................. 0x80000000)
    //   reserved        [img]            [a][b]   [c]                         [dtb]
    //   3000 page allocations from the top: they fill the gap under dtb, then the next gaps down.
    //   Expect: the batch gives the same 3000 addresses and tables as 3000 single calls.
    [Fact]
    public void ManyPages_TopDown_SameAsSingleCalls()
    {
        Memblock Make()
        {
            var m = new Memblock();
            m.Add(0x4000_0000, 0x4000_0000);
            m.Reserve(0x4020_0000, 0x200_0000);
            m.Reserve(0x7fff_0000, 0x1_0000);
            m.Reserve(0x7f00_0000, 0x3000);
            m.Reserve(0x7f00_5000, 0x1000);
            m.Reserve(0x7e00_0800, 0x800);
            return m;
        }
        var single = Singles(Make, 0x1000, 0x1000, 0, Memblock.AllocNoLeakTrace, 30_000);
        var batch = Batched(Make, 0x1000, 0x1000, 0, Memblock.AllocNoLeakTrace, 30_000);
        Assert.Equal(30_000, batch.Done);
        Assert.Equal(single.Addresses, batch.Addresses);
        Assert.Equal(single.State, batch.State);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RandomLayouts_SameAsSingleCalls(int seed)
    {
        var random = new Random(seed);
        var banks = Enumerable.Range(0, random.Next(1, 5)).Select(_ => ((ulong)random.Next(1, 64) << 24, (ulong)random.Next(1, 16) << 22)).ToList();
        var reserves = Enumerable.Range(0, random.Next(0, 300)).Select(_ => ((ulong)random.Next(1 << 18) << 12, (ulong)random.Next(1, 8) << random.Next(8, 14))).ToList();
        bool resize = random.Next(2) == 0;
        int initial = random.Next(4, 40);
        Memblock Make()
        {
            var m = new Memblock(new MemblockOptions { InitialRegions = initial });
            if (resize)
                m.AllowResize();
            foreach (var (b, s) in banks)
                m.AddNode(b, s, random.Next(0, 1), MemblockFlags.None);
            foreach (var (b, s) in reserves)
                m.Reserve(b, s);
            return m;
        }
        ulong size = 1UL << random.Next(9, 14);
        ulong align = random.Next(3) == 0 ? 0 : size >> random.Next(0, 3);
        ulong start = random.Next(3) == 0 ? (ulong)random.Next(1 << 10) << 20 : 0;
        ulong end = random.Next(3) == 0 ? (ulong)random.Next(1 << 12) << 20 : 0;
        long count = random.Next(1, 20_000);
        var single = Singles(Make, size, align, start, end, count);
        var batch = Batched(Make, size, align, start, end, count);
        Assert.Equal(single.Done, batch.Done);
        Assert.Equal(single.Addresses, batch.Addresses);
        Assert.Equal(single.State, batch.State);
    }
}
