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
}
