using MemblockSharp.Bench;
using MemblockSharp.Conformance;

namespace MemblockSharp.Tests.Storage;

/// <summary>
/// The indexed core must be observably identical to the kernel-shaped array core. The long run (millions of operations)
/// lives in bench/ (<c>MemblockSharp.Bench differential</c>); this keeps a short one in every test run.
/// </summary>
public class IndexedVersusReferenceTests
{
    [Theory]
    [InlineData(11, MemblockVersion.Linux6_1)]
    [InlineData(12, MemblockVersion.Linux6_1)]
    [InlineData(13, MemblockVersion.Linux6_12)]
    [InlineData(14, MemblockVersion.Linux6_12)]
    public void RandomOperations_IndexedAndArrayCoresAgree(int seed, MemblockVersion version)
    {
        var difference = DifferentialRunner.Run(15_000, seed, version: version);
        Assert.True(difference is null, difference?.ToString());
    }

    //   memory: [0x1000 ..... 0x2000)           [0xfffffffffffff000 ... 0xffffffffffffffff)
    //   trim_memory(0x2000): the top region's round-up wraps to 0, so it becomes [0, 0xffffffffffffe000)
    //   Expect: both cores keep the kernel's (now unsorted) table and keep answering as the kernel's loops do.
    [Fact]
    public void TrimMemory_WrapAtTopOfAddressSpace_BothCoresKeepTheKernelsUnsortedTable()
    {
        string? previous = null;
        foreach (var storage in new[] { RegionStorage.Indexed, RegionStorage.Array })
        {
            var m = new Memblock(new MemblockOptions { Storage = storage });
            m.Add(0x2000, 0x2000);
            m.Add(0xffff_ffff_ffff_f000, 0x1000);
            m.TrimMemory(0x2000);
            Assert.Equal(new MemblockRegion(0x2000, 0x2000, MemblockFlags.None, 16), m.Memory[0]);
            Assert.Equal(new MemblockRegion(0, 0xffff_ffff_ffff_e000, MemblockFlags.None, 16), m.Memory[1]);
            Assert.Equal(0x2000UL, m.Reserve(0x3000, 0) == 0 ? m.Memory[0].Base : 0);
            m.Add(0x10000, 0x1000);
            string state = ConformanceRunner.Canonical(m.Memory) + m.IsMemory(0x5000) + m.OverlapsRegion(m.Memory, 0x9000, 0x10)
                + string.Join(",", m.FreeMemRanges(Memblock.NumaNoNode, MemblockFlags.None).Take(8));
            if (previous is not null)
                Assert.Equal(previous, state);
            previous = state;
        }
    }
}
