using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// <c>kernelcore=</c>/<c>movablecore=</c>: find_zone_movable_pfns_for_nodes keeps the kernel's share below ZONE_MOVABLE,
/// which takes the rest of the highest populated zone from a MAX_ORDER_NR_PAGES-aligned pfn; pages only change zone,
/// so MemTotal stays the recorded one.
/// </summary>
public sealed class ZoneMovableParameterTests
{
    private static BootResult Boot(RealBootCase c, string cmdline) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(c.ProfileName),
        Dtb = File.ReadAllBytes(c.File("board.dtb")),
        CommandLine = cmdline,
    });

    private static BootZone Zone(BootResult r, string name) => r.Zones.Single(z => z.Node == 0 && z.Name == name);

    [Fact]
    public void Movablecore1G_On4GiB_MakesTheNormalZoneMovable()
    {
        // RAM 1 GiB..5 GiB: DMA up to 4 GiB, Normal above, so Normal is the zone ZONE_MOVABLE takes from. 1 GiB of
        // movable pages leaves 3 GiB for the kernel, all of it below Normal: ZONE_MOVABLE starts where Normal does.
        var c = RealBootCase.Load("virt-arm64-4G");
        var p = BuiltInProfiles.Get(c.ProfileName);
        ulong normalStart = (4UL << 30) / p.PageSize, end = (5UL << 30) / p.PageSize;

        var result = Boot(c, c.CommandLine + " movablecore=1G");

        Assert.Contains($"  Node 0: 0x{normalStart * p.PageSize:x16}", result.Log);
        Assert.Equal(0UL, Zone(result, "Normal").Present);
        var movable = Zone(result, "Movable");
        Assert.Equal(normalStart, movable.StartPfn);
        Assert.Equal(end - normalStart, movable.Present);
        Assert.Equal(c.MemTotalKb, result.MemTotalKb);
        Assert.True(result.Exact);
    }

    [Theory]
    [InlineData("kernelcore=512M")]
    [InlineData("kernelcore=50%")]
    [InlineData("movablecore=512M")]
    [InlineData("movablecore=50%")]
    public void HalfOf1GiB_SplitsTheDmaZoneAtTheKernelsShare(string parameter)
    {
        // One node, RAM 1 GiB..2 GiB, only ZONE_DMA populated: the kernel keeps the first 512 MiB of it, ZONE_MOVABLE
        // starts at 1.5 GiB (already MAX_ORDER_NR_PAGES aligned), and the CMA area at the top lands in it.
        var c = RealBootCase.Load("virt-arm64-1G");
        var p = BuiltInProfiles.Get(c.ProfileName);
        ulong ram = (1UL << 30) / p.PageSize, split = ram + (512UL << 20) / p.PageSize;

        var result = Boot(c, c.CommandLine + " " + parameter);

        var dma = Zone(result, "DMA");
        var movable = Zone(result, "Movable");
        Assert.Equal(split - ram, dma.Present);
        Assert.Equal(split, movable.StartPfn);
        Assert.Equal(2 * ram - split, movable.Present);
        Assert.Equal(c.MemTotalKb, result.MemTotalKb);
        Assert.Equal(dma.Managed + movable.Managed, Boot(c, c.CommandLine).Zones.Single(z => z.Name == "DMA").Managed);
    }

    [Fact]
    public void TheMovableStart_IsRoundedUpToMaxOrderPages()
    {
        var c = RealBootCase.Load("virt-arm64-1G");
        var p = BuiltInProfiles.Get(c.ProfileName);
        ulong ram = (1UL << 30) / p.PageSize;
        ulong kernel = (100UL << 20) / p.PageSize + 1; // 100 MiB and a page
        ulong start = (ram + kernel + p.MaxOrderPages - 1) / p.MaxOrderPages * p.MaxOrderPages;

        var result = Boot(c, c.CommandLine + $" kernelcore={(100UL << 20) + p.PageSize}");

        Assert.Equal(start, Zone(result, "Movable").StartPfn);
    }

    [Theory]
    [InlineData("kernelcore=2G")] // not below all memory: no ZONE_MOVABLE
    [InlineData("movablecore=0")]
    public void WhatLeavesNoMovableZone_ChangesNothing(string parameter)
    {
        var c = RealBootCase.Load("virt-arm64-1G");

        var result = Boot(c, c.CommandLine + " " + parameter);

        Assert.Equal(Boot(c, c.CommandLine).Zones, result.Zones);
        Assert.DoesNotContain(result.Log, l => l.StartsWith("  Node 0: ", StringComparison.Ordinal));
    }

    [Fact]
    public void KernelcoreMirror_IsNotModelled()
    {
        var c = RealBootCase.Load("virt-arm64-1G");

        Assert.False(Boot(c, c.CommandLine + " kernelcore=mirror").Exact);
    }
}
