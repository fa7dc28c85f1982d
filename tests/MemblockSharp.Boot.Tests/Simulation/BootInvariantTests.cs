using CsCheck;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>Boots nobody recorded (other RAM sizes and command lines): the accounting must still close.</summary>
public sealed class BootInvariantTests
{
    private static readonly string[] CommandLines =
    [
        "console=ttyAMA0",
        "console=ttyAMA0 log_buf_len=1M",
        "console=ttyAMA0 crashkernel=64M",
        "console=ttyAMA0 cma=32M",
        "console=ttyAMA0 mem=512M",
        "console=ttyAMA0 cma=0 foo bar=1",
    ];

    [Fact]
    public void RandomRamAndCommandLine_AccountingCloses()
    {
        var gen = Gen.Select(Gen.Int[1, 48], Gen.Int[0, CommandLines.Length - 1], Gen.Bool);
        gen.Sample((quarterGigs, cmd, cloud) =>
        {
            ulong ram = (ulong)quarterGigs << 28;
            var profile = BuiltInProfiles.Get(cloud ? BuiltInProfiles.DebianCloudArm64 : BuiltInProfiles.DebianArm64);
            var result = BootSimulator.Run(new BootOptions
            {
                Profile = profile,
                Dtb = BundledBoards.VirtArm64(),
                Ram = [(0x4000_0000UL, ram)],
                CommandLine = CommandLines[cmd],
            });
            ulong expectedRam = CommandLines[cmd].Contains("mem=512M", StringComparison.Ordinal) ? Math.Min(ram, 512UL << 20) : ram;
            // mem= keeps the kernel image and the initrd mapped even beyond the limit.
            Assert.True(result.RamBytes >= expectedRam && result.RamBytes <= expectedRam + (64UL << 20), $"RAM {result.RamBytes:x} for {ram:x}");
            Assert.True(result.MemTotalKb * 1024 < result.RamBytes);
            Assert.Equal((long)(result.RamBytes - result.MemTotalKb * 1024), result.Costs.Sum(c => c.Bytes));
            Assert.Equal(result.MemTotalKb / 4, result.Zones.Aggregate(0UL, (a, z) => a + z.Managed));
            Assert.Equal(result.RamBytes / 4096, result.Zones.Aggregate(0UL, (a, z) => a + z.Present));
            for (int i = 1; i < result.Reserved.Count; i++)
                Assert.True(result.Reserved[i - 1].End < result.Reserved[i].Base);
            Assert.Equal(result.MemTotalKb, result.Buddy.TotalRamPages * 4);
            Assert.Equal(result.Buddy.FreePages, result.Buddy.Zones.Aggregate(0UL, (a, z) => a + z.FreeCountsByOrder().Select((n, o) => n << o).Aggregate(0UL, (x, y) => x + y)));
        }, seed: "0A3m6Ktmfgh1", iter: 40);
    }

    [Fact]
    public void MoreRam_NeverLessMemTotal()
    {
        ulong previous = 0;
        for (int gigs = 1; gigs <= 8; gigs++)
        {
            var result = BootSimulator.Run(new BootOptions
            {
                Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64),
                Dtb = BundledBoards.VirtArm64(),
                Ram = [(0x4000_0000UL, (ulong)gigs << 30)],
            });
            Assert.True(result.MemTotalKb > previous);
            previous = result.MemTotalKb;
        }
    }
}
