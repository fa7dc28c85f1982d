using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// A packaged DTB can carry a stale <c>/chosen</c> initrd (Debian's Raspberry Pi CM4 IO board has one at
/// 0x2a00000-0x4921fff) that lies where the kernel image is only assumed to be (6.12's image, 0x200000-0x2d3ffff, at
/// the default RAM base + 2 MiB): the boot goes on, says it is not exact and names the option that settles it. 6.1's
/// smaller image ends before the initrd, and that boot is exact.
/// </summary>
public sealed class AssumedPlacementTests
{
    [Fact]
    public void StaleChosenInitrd_OverTheAssumedKernel_WarnsAndBoots()
    {
        Assert.True(Boot("debian-6.1-arm64").Exact);
        var r = Boot("debian-6.12-arm64");
        var warning = Assert.Single(r.Warnings);
        Assert.Equal("--kernel-addr", warning.Subject);
        Assert.Contains("the initrd (device tree /chosen linux,initrd-start/-end) 0x2a00000-0x4921fff overlaps the kernel image (assumed", warning.Message, StringComparison.Ordinal);
        Assert.False(r.Exact);
        Assert.True(r.MemTotalKb > 0);
    }

    // The 1 GiB board as its firmware describes it, the kernel image where the boot loader is assumed to put it.
    private static BootResult Boot(string profile) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(profile),
        Dtb = File.ReadAllBytes(TestData.Path("params", "bcm2711-rpi-cm4-io.dtb")),
        Ram = [(0, 0x3b400000)],
        CommandLine = "console=ttyS0",
    });
}
