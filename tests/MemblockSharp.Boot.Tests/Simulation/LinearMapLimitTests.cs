using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// arm64_memblock_init (6.1 and 6.12): RAM the linear map cannot cover (more than 2^(VA_BITS-1) above memstart_addr) is
/// removed, after the warning line the kernel prints; the figures are those of the RAM that stays.
/// </summary>
public sealed class LinearMapLimitTests
{
    private const ulong G = 1UL << 30;

    private static BootResult Boot(string profile, params (ulong, ulong)[] ram) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(profile),
        Dtb = BundledBoards.VirtArm64(),
        Ram = ram,
        CommandLine = "console=ttyAMA0",
    });

    [Theory]
    [InlineData(BuiltInProfiles.DebianArm64)]
    [InlineData(BuiltInProfiles.DebianArm64V612)]
    public void BankBeyondTheLinearMap_IsDropped_WithTheKernelsWarning(string profile)
    {
        var profileFacts = BuiltInProfiles.Get(profile);
        ulong linearRegion = 1UL << (profileFacts.VaBits - 1);
        ulong far = linearRegion + 16 * G; // above memstart_addr (1 GiB) + the linear region, below the PA limit
        Assert.True(far + G <= 1UL << profileFacts.PhysAddrBits);

        var both = Boot(profile, (G, G), (far, G));
        var near = Boot(profile, (G, G));

        Assert.Contains("Memory doesn't fit in the linear mapping, VA_BITS too small", both.Log);
        Assert.DoesNotContain("Memory doesn't fit in the linear mapping, VA_BITS too small", near.Log);
        Assert.Equal(near.MemTotalKb, both.MemTotalKb);
        Assert.Equal(near.RamBytes, both.RamBytes);
        Assert.All(both.Memory, r => Assert.True(r.Base + r.Size <= G + linearRegion));
    }

    [Fact]
    public void RamThatFitsExactly_PrintsNoWarning()
    {
        var p = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64);
        ulong linearRegion = 1UL << (p.VaBits - 1);
        var r = Boot(BuiltInProfiles.DebianArm64, (G, G), (linearRegion, G)); // ends exactly at memstart + linear region
        Assert.DoesNotContain("Memory doesn't fit in the linear mapping, VA_BITS too small", r.Log);
        Assert.Equal(2 * G, r.Memory.Aggregate(0UL, (s, m) => s + m.Size));
    }
}
