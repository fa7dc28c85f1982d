using CsCheck;
using MemblockSharp.Boot.Buddy;

namespace MemblockSharp.Boot.Tests.Buddy;

public sealed class PfnRangeSetTests
{
    [Fact]
    public void Add_TouchingRuns_Merge()
    {
        var set = new PfnRangeSet();
        set.Add(10, 20);
        set.Add(30, 40);
        set.Add(20, 30);
        Assert.Equal([(10UL, 40UL)], set.Runs);
        Assert.Equal(30UL, set.Count);
    }

    [Fact]
    public void Remove_Middle_Splits()
    {
        var set = new PfnRangeSet();
        set.Add(0, 100);
        set.Remove(10, 20);
        Assert.Equal([(0UL, 10UL), (20UL, 100UL)], set.Runs);
        Assert.True(set.ContainsRange(20, 100));
        Assert.False(set.ContainsRange(5, 15));
        Assert.Equal(5UL, set.CountIn(5, 25) - 5);
    }

    [Fact]
    public void RandomOperations_MatchABitmap()
    {
        Gen.Select(Gen.Bool, Gen.UInt[0, 200], Gen.UInt[0, 40]).Array[1, 40].Sample(ops =>
        {
            var set = new PfnRangeSet();
            var bits = new bool[256];
            foreach (var (add, start, len) in ops)
            {
                if (add) set.Add(start, start + len); else set.Remove(start, start + len);
                for (uint p = start; p < start + len; p++) bits[p] = add;
            }
            Assert.Equal((ulong)bits.Count(b => b), set.Count);
            for (uint p = 0; p < 256; p++)
                Assert.Equal(bits[p], set.ContainsRange(p, p + 1));
            for (int i = 1; i < set.Runs.Count; i++)
                Assert.True(set.Runs[i - 1].End < set.Runs[i].Start);
        }, seed: "0Y2u3Z8zL1b0", iter: 300);
    }
}
