using MemblockSharp.Boot.Comparison;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Boot.Tests.Simulation;

namespace MemblockSharp.Boot.Tests.Comparison;

/// <summary>
/// The one 6.1/6.12 twin the CLI's diff cannot boot (its memory comes from each kernel's efi=debug log, not the DTB):
/// compared through the library, each side booted from its own log, the upgrade costs what it cost the real kernels.
/// </summary>
public sealed class UefiUpgradeTests
{
    private static BootSide Side(string set, string profile)
    {
        var c = RealBootCase.Load(set, "virt-arm64-2G-uefi-dt");
        var options = new BootOptions
        {
            Profile = BuiltInProfiles.Get(profile),
            Dtb = File.ReadAllBytes(c.File("board.dtb")),
            CommandLine = c.CommandLine,
            EfiLog = c.Log,
        };
        return BootSide.Run(options, set);
    }

    [Fact]
    public void Uefi_61To612_CostsWhatTheRealUpgradeCost()
    {
        var comparison = BootComparison.Compare(Side("realboot", BuiltInProfiles.DebianArm64), Side(RealBootCase.Set612, BuiltInProfiles.DebianArm64V612));
        long before = (long)RealBootCase.Load("realboot", "virt-arm64-2G-uefi-dt").MemTotalKb;
        long after = (long)RealBootCase.Load(RealBootCase.Set612, "virt-arm64-2G-uefi-dt").MemTotalKb;
        Assert.Equal(before, (long)comparison.Before.Result.MemTotalKb);
        Assert.Equal(after, (long)comparison.After.Result.MemTotalKb);
        Assert.Equal(after - before, comparison.Figures[1].DeltaKb);
    }
}
