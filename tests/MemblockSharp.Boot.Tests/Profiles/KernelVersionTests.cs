using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Versions;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Profiles;

public sealed class KernelVersionTests
{
    [Theory]
    [InlineData("6.1", 6, 1)]
    [InlineData("6.12", 6, 12)]
    [InlineData("6.1.0-56-arm64", 6, 1)]
    [InlineData(" 6.12.48+deb13-arm64 ", 6, 12)]
    public void Parse_ReadsMajorAndMinor(string text, int major, int minor)
    {
        Assert.Equal(new KernelVersion(major, minor), KernelVersion.Parse(text));
        Assert.Equal($"{major}.{minor}", KernelVersion.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("6")]
    [InlineData("6.")]
    [InlineData(".1")]
    [InlineData("v6.1")]
    public void TryParse_RejectsWhatIsNotMajorDotMinor(string text)
    {
        Assert.False(KernelVersion.TryParse(text, out _));
        Assert.Throws<FormatException>(() => KernelVersion.Parse(text));
    }

    [Fact]
    public void Versions_OrderByRelease_NotByText()
    {
        Assert.True(KernelVersion.Linux6_1 < KernelVersion.Linux6_12);
        Assert.True(new KernelVersion(6, 12) > new KernelVersion(6, 2));
        Assert.True(new KernelVersion(7, 0) > KernelVersion.Linux6_12);
    }

    [Theory]
    [InlineData(BuiltInProfiles.DebianArm64)]
    [InlineData(BuiltInProfiles.DebianCloudArm64)]
    [InlineData(BuiltInProfiles.DebianArmmpLpae)]
    public void BuiltInProfiles_AreLinux61(string name) =>
        Assert.Equal(KernelVersion.Linux6_1, BuiltInProfiles.Get(name).Version);

    [Fact]
    public void ProfileFromFiles_DefaultsTo61_AndTakesTheVersionItIsTold()
    {
        var dir = TestData.Path("realboot", "kernels", "6.1.0-56-arm64");
        string map = Path.Combine(dir, "kernel-symbols.txt"), config = Path.Combine(dir, "config-memory.txt");
        Assert.Equal(KernelVersion.Linux6_1, KernelProfileParser.FromFiles(map, config).Version);
        Assert.Equal(KernelVersion.Linux6_1, KernelProfileParser.FromFiles(map, config, version: KernelVersion.Linux6_1).Version);
    }

    [Fact]
    public void UnmodelledRelease_IsRefusedByName()
    {
        var ex = Assert.Throws<ArgumentException>(() => KernelVersionPolicies.For(new KernelVersion(5, 10)));
        Assert.Contains("Linux 5.10 is not modelled", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 11)] // MAX_ORDER defaults to 11 in 6.1
    [InlineData(13, 13)]   // CONFIG_ARCH_FORCE_MAX_ORDER is MAX_ORDER itself in 6.1: orders 0 … 12
    public void Linux61_BuddyOrderCount_IsTheConfiguredMaxOrder(int? configured, int orders) =>
        Assert.Equal(orders, KernelVersionPolicies.For(KernelVersion.Linux6_1).BuddyOrderCount(configured));

    [Fact]
    public void Linux61_ParserTakesOrdersFromForceMaxOrder()
    {
        var dir = TestData.Path("realboot", "kernels", "6.1.0-56-arm64");
        var symbols = KernelProfileParser.ParseSystemMap(File.ReadAllText(Path.Combine(dir, "kernel-symbols.txt")), "map");
        var config = new Dictionary<string, string>(KernelProfileParser.ParseConfig(File.ReadAllText(Path.Combine(dir, "config-memory.txt")), "config"))
        {
            ["ARCH_FORCE_MAX_ORDER"] = "13",
        };
        Assert.Equal(13, KernelProfileParser.Build("x", symbols, config).MaxOrder);
        config.Remove("ARCH_FORCE_MAX_ORDER");
        config.Remove("FORCE_MAX_ZONEORDER");
        Assert.Equal(11, KernelProfileParser.Build("x", symbols, config).MaxOrder);
    }

    [Fact]
    public void Linux61_CmaAlignment_IsOnePageblock()
    {
        var p = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64);
        Assert.Equal(p.PageSize << p.PageblockOrder, KernelVersionPolicies.For(p.Version).CmaAlignment(p));
        Assert.Equal(2UL << 20, KernelVersionPolicies.For(p.Version).CmaAlignment(p));
    }
}
