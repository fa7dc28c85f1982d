using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// arm64's <c>mem=</c> cap (memblock_mem_limit_remove_map) truncates <c>memblock.reserved</c> too: a reservation past
/// the cap (the bundled board's DTB sits at 128 MiB + 2 MiB) is gone with its memory and is no one's cost. Found by
/// the property tests over parameters: the accounting was 1 MiB over.
/// </summary>
public sealed class MemLimitAccountingTests
{
    [Theory]
    [InlineData(BuiltInProfiles.DebianArm64)]
    [InlineData(BuiltInProfiles.DebianArm64V612)]
    public void ReservationsPastTheCap_AreNoOnesCost(string profile)
    {
        var r = BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(profile),
            Dtb = BundledBoards.VirtArm64(),
            CommandLine = "console=ttyAMA0 nokaslr mem=128M",
        });
        long lost = (long)(r.RamBytes - r.MemTotalKb * 1024);
        long named = r.Costs.Where(c => c.Category != "partial pages and rounding").Sum(c => c.Bytes);
        Assert.InRange(lost - named, 0, 64 * 4096); // what no step owns is at most partial pages
        Assert.DoesNotContain(r.Costs, c => c.Category == "device tree blob");
    }

    [Fact]
    public void NoMapFirmwareRegions_TheCapKeeps_KeepTheirOwner()
    {
        // The UEFI boot's no-map firmware regions lie past a mem=1G cap; memblock_cap_memory_range keeps no-map memory,
        // so its cost stays named instead of falling into the rounding.
        var c = RealBootCase.Load("virt-arm64-2G-uefi-dt");
        var r = BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(c.ProfileName),
            Dtb = File.ReadAllBytes(c.File("board.dtb")),
            CommandLine = c.CommandLine + " mem=1G",
            EfiLog = c.Log,
        });
        long rounding = r.Costs.Where(x => x.Category == "partial pages and rounding").Sum(x => x.Bytes);
        Assert.InRange(rounding, 0, 64 * 4096);
        Assert.Contains(r.Costs, x => x.Category.StartsWith("UEFI", StringComparison.Ordinal) && x.Bytes > 0);
    }
}
