using MemblockSharp.Boot.Comparison;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Boot.Tests.Simulation;

namespace MemblockSharp.Boot.Tests.Profiles;

/// <summary>Build facts from a <c>Memory:</c> line instead of a System.map: a round trip on every recorded boot, and a changed line moves MemTotal by what it changed.</summary>
public sealed class KernelBuildFactsTests
{
    public static TheoryData<string> Cases() => new(RealBootCase.Names());

    private static BootResult Boot(RealBootCase c, KernelProfile profile) => BootSimulator.Run(new BootOptions
    {
        Profile = profile,
        Dtb = File.ReadAllBytes(c.File("board.dtb")),
        CommandLine = c.CommandLine,
        EfiLog = c.IsUefi ? c.Log : null,
    });

    [Theory]
    [MemberData(nameof(Cases))]
    public void ItsOwnMemoryLine_GivesTheProfilesLayout_AndTheRealMemTotal(string name)
    {
        var c = RealBootCase.Load(name);
        var profile = BuiltInProfiles.Get(c.ProfileName);
        var fromLine = KernelBuildFacts.WithMemoryLine(profile, "[    0.000000] Memory: " + c.MemoryLine);
        Assert.Equal(profile.Image, fromLine.Image);
        var result = Boot(c, fromLine);
        Assert.Equal(c.MemTotalKb, result.MemTotalKb);
        Assert.Equal(c.MemoryLine, result.MemoryLine);
    }

    [Theory]
    [InlineData("virt-arm64-1G", "kernel code", 1024)]
    [InlineData("virt-arm64-1G", "rodata", 2048)]
    [InlineData("virt-arm64-1G", "bss", -512)]
    [InlineData("virt-arm64-2G", "rwdata", 4096)]
    [InlineData("virt-armhf-2G-highmem", "kernel code", 1024)]
    public void AChangedSection_MovesMemTotalByItsChange(string name, string section, int deltaKb)
    {
        var c = RealBootCase.Load(name);
        var profile = BuiltInProfiles.Get(c.ProfileName);
        var figures = MemoryLineFigures.Parse(c.MemoryLine);
        ulong was = figures.Part(section)!.Value;
        string changed = c.MemoryLine.Replace($"{was}K {section},", $"{(long)was + deltaKb}K {section},", StringComparison.Ordinal);
        Assert.NotEqual(c.MemoryLine, changed);
        var result = Boot(c, KernelBuildFacts.WithMemoryLine(profile, changed));
        // The image reserves the change for good: MemTotal moves by it (give or take the one page an allocation placed
        // after the image may gain or lose to alignment), and the Memory: line prints the new figure.
        Assert.InRange((long)result.MemTotalKb, (long)c.MemTotalKb - deltaKb - PageKb(profile), (long)c.MemTotalKb - deltaKb + PageKb(profile));
        Assert.Equal((long)was + deltaKb, (long)MemoryLineFigures.Parse(result.MemoryLine).Part(section)!.Value);
    }

    private static long PageKb(KernelProfile p) => (long)p.PageSize / 1024;

    [Fact]
    public void AChangedInit_IsFreedAfterBoot_SoMemTotalKeepsIt()
    {
        var c = RealBootCase.Load("virt-arm64-1G");
        var profile = BuiltInProfiles.Get(c.ProfileName);
        string changed = c.MemoryLine.Replace("6464K init,", "8512K init,", StringComparison.Ordinal);
        var result = Boot(c, KernelBuildFacts.WithMemoryLine(profile, changed));
        Assert.Contains("Freeing unused kernel memory: 8512K", result.Log);
        Assert.InRange((long)result.MemTotalKb - (long)c.MemTotalKb, -8, 8);
    }

    [Theory]
    [InlineData("Memory: lots", "is not in the kernel's form")]
    [InlineData("Memory: 98324K/1048576K available (13248K kernel code, 73472K reserved)", "the line has no 'rwdata' figure")]
    public void ALineThatIsNotOne_IsAnError(string line, string message)
    {
        var e = Assert.Throws<FormatException>(() => KernelBuildFacts.WithMemoryLine(BuiltInProfiles.Get(BuiltInProfiles.DebianArm64), line));
        Assert.StartsWith("--memory-line: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
