using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// A real 32-bit board that Debian boots with the classic (non-LPAE) armmp kernel: the Olimex A20-OLinuXino-Micro
/// (Allwinner A20, 1 GiB at 0x40000000). Its DTB leaves /memory to U-Boot, so RAM comes from <c>--ram</c>.
/// </summary>
public sealed class ArmmpBoardTests
{
    private const ulong RamBase = 0x4000_0000, Ram = 1UL << 30, MiB = 1UL << 20;

    private static byte[] Dtb() => File.ReadAllBytes(TestData.Path("dtbs", "armhf", "allwinner", "sun7i-a20-olinuxino-micro.dtb"));

    private static BootResult Boot() => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArmmp),
        Dtb = Dtb(),
        Ram = [(RamBase, Ram)],
    });

    [Fact]
    public void WithoutRam_TheBoardHasNoMemory_IsBadInputNamingRam()
    {
        var ex = Assert.Throws<BootInputException>(() => BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArmmp),
            Dtb = Dtb(),
        }));
        Assert.Contains("--ram", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithRam1G_Boots_AccountingCloses()
    {
        var result = Boot();
        Assert.True(result.Exact, string.Join("; ", result.Warnings.Select(w => w.Message)));
        Assert.Equal(Ram, result.RamBytes);
        // Every byte of RAM is either in MemTotal or in one named cost.
        Assert.Equal((long)(result.RamBytes - result.MemTotalKb * 1024), result.Costs.Sum(c => c.Bytes));
        Assert.Equal(result.RamBytes / 4096, result.Zones.Aggregate(0UL, (a, z) => a + z.Present));
        Assert.Equal(result.MemTotalKb / 4, result.Zones.Aggregate(0UL, (a, z) => a + z.Managed));
        Assert.Equal(result.MemTotalKb, result.Buddy.TotalRamPages * 4);
        for (int i = 1; i < result.Reserved.Count; i++)
            Assert.True(result.Reserved[i - 1].End < result.Reserved[i].Base);
    }

    [Fact]
    public void WithRam1G_LowmemEndsAt768MiB_TheRestIsHighmem()
    {
        // 3G/1G split: PAGE_OFFSET 0xc0000000 up to the vmalloc area's lowest start 0xf0000000 (VMALLOC_END 0xff800000
        // less 240 MiB and the 8 MiB offset) maps 768 MiB of RAM; the last 256 MiB are HighMem.
        var result = Boot();
        var dma = Assert.Single(result.Zones, z => z.Name == "DMA");
        var high = Assert.Single(result.Zones, z => z.Name == "HighMem");
        Assert.Equal(768 * MiB / 4096, dma.Present);
        Assert.Equal(256 * MiB / 4096, high.Present);
        Assert.Contains($"Memory: {result.MemoryLine}", result.Log);
        Assert.EndsWith(", 262144K highmem)", result.MemoryLine, StringComparison.Ordinal);
    }

    [Fact]
    public void WithRam1G_TheCmaPoolGoesTopDownInItsAllocRange_PrintedWith8Digits()
    {
        // default-pool: 96 MiB, reusable, linux,cma-default, alloc-ranges = <0x40000000 0x10000000>: memblock takes the
        // highest free 96 MiB below 0x50000000; the 32-bit phys_addr_t prints as 8 hex digits.
        var result = Boot();
        ulong poolBase = 0x5000_0000 - 96 * MiB;
        Assert.Contains($"Reserved memory: created CMA memory pool at 0x{poolBase:x8}, size 96 MiB", result.Log);
        Assert.Contains(result.Reserved, r => r.Base <= poolBase && r.End >= poolBase + 96 * MiB);
        Assert.Contains("98304K cma-reserved", result.MemoryLine, StringComparison.Ordinal);
    }
}
