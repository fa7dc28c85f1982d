using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using Xunit.Abstractions;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>Every recorded boot, simulated from its board.dtb, its command line and the built-in profile, against what the kernel printed.</summary>
public sealed class RealBootSimulationTests(ITestOutputHelper output)
{
    public static TheoryData<string> SimulatedCases() =>
        new(RealBootCase.Names().Where(n => !RealBootCase.Load(n).IsArm32 && !RealBootCase.Load(n).IsUefi));

    private static BootResult Simulate(RealBootCase c) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(c.ProfileName),
        Dtb = File.ReadAllBytes(c.File("board.dtb")),
        CommandLine = c.CommandLine,
    });

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void MemoryLine_IsExact(string name)
    {
        var c = RealBootCase.Load(name);
        var result = Simulate(c);
        output.WriteLine($"predicted: {result.MemoryLine}\nreal:      {c.MemoryLine}");
        Assert.Equal(c.MemoryLine, result.MemoryLine);
    }

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void MemTotal_IsExact(string name)
    {
        var c = RealBootCase.Load(name);
        var result = Simulate(c);
        output.WriteLine($"predicted {result.MemTotalKb} kB, real {c.MemTotalKb} kB, error {(long)result.MemTotalKb - (long)c.MemTotalKb} kB");
        Assert.Equal(c.MemTotalKb, result.MemTotalKb);
    }

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void Zones_SpannedPresentManaged_AreExact(string name)
    {
        var c = RealBootCase.Load(name);
        var result = Simulate(c);
        var real = c.Zones();
        Assert.Equal(real.Count, result.Zones.Count);
        foreach (var (node, zone, spanned, present, managed) in real)
        {
            var z = Assert.Single(result.Zones, z => z.Node == node && z.Name == zone);
            Assert.Equal((spanned, present), (z.Spanned, z.Present));
            Assert.Equal(managed, z.Managed);
        }
    }

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void ReservedTable_AfterBoot_MatchesDebugfs(string name)
    {
        // debugfs was read after boot: the initrd is freed, the init sections stay reserved.
        var c = RealBootCase.Load(name);
        var result = Simulate(c);
        var expected = File.ReadAllLines(c.File("memblock-reserved.txt"));
        var lines = new List<string>();
        var regions = result.ReservedAfterBoot;
        for (int i = 0; i < regions.Count; i++)
            lines.Add($"{i,4}: 0x{regions[i].Base:x16}..0x{regions[i].End - 1:x16}");
        Assert.Equal(expected, lines);
    }
}
