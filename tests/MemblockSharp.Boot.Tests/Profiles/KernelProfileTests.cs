using System.Globalization;
using System.Text.RegularExpressions;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Tests.Simulation;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Profiles;

public sealed class KernelProfileTests
{
    public static TheoryData<string> Cases() => new(RealBootCase.Names());

    [Theory]
    [MemberData(nameof(Cases))]
    public void BuiltIn_ImageFigures_MatchTheMemoryLine(string name)
    {
        var c = RealBootCase.Load(name);
        var image = BuiltInProfiles.Get(c.ProfileName).Image;
        var m = Regex.Match(c.MemoryLine, @"\((\d+)K kernel code, (\d+)K rwdata, (\d+)K rodata, (\d+)K init, (\d+)K bss");
        Assert.True(m.Success);
        ulong K(int g) => ulong.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        Assert.Equal(K(1), image.CodeSize / 1024);
        Assert.Equal(K(2), image.DataSize / 1024);
        Assert.Equal(K(3), image.RodataSize / 1024);
        Assert.Equal(K(4), image.InitSize / 1024);
        Assert.Equal(K(5), image.BssSize / 1024);
    }

    [Theory]
    [InlineData("debian-6.1-arm64", "6.1.0-56-arm64")]
    [InlineData("debian-6.1-cloud-arm64", "6.1.0-56-cloud-arm64")]
    [InlineData("debian-6.1-armmp-lpae", "6.1.0-50-armmp-lpae")]
    public void BuiltIn_EqualsProfileBuiltFromTheKernelFiles(string profile, string release)
    {
        var dir = TestData.Path("realboot", "kernels", release);
        var fromFiles = KernelProfileParser.FromFiles(Path.Combine(dir, "kernel-symbols.txt"), Path.Combine(dir, "config-memory.txt"), profile);
        Assert.Equal(fromFiles, BuiltInProfiles.Get(profile));
    }

    [Fact]
    public void BuiltIn_Arm64_ConfigDefaults()
    {
        var p = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64);
        Assert.Equal(KernelArch.Arm64, p.Arch);
        Assert.Equal(11, p.MaxOrder);
        Assert.Equal(9, p.PageblockOrder);
        Assert.Equal(256, p.NrCpus);
        Assert.Equal(16, p.MaxNumNodes);
        Assert.Equal(64UL << 20, p.CmaDefaultBytes);
        Assert.Equal(2UL << 20, p.CmaAlignment);
        Assert.True(p.DeferredStructPageInit);
        Assert.True(p.PageExtension);
        Assert.False(BuiltInProfiles.Get(BuiltInProfiles.DebianCloudArm64).PageExtension);
        Assert.Equal(87272UL, p.Image.PerCpuStaticSize);
    }

    [Fact]
    public void BuiltIn_Armhf_IsArm32WithHighmem()
    {
        var p = BuiltInProfiles.Get(BuiltInProfiles.DebianArmmpLpae);
        Assert.Equal(KernelArch.Arm, p.Arch);
        Assert.Equal(12, p.MaxOrder);
        Assert.True(p.Highmem);
        Assert.False(p.Sparsemem);
        Assert.Equal(16UL << 20, p.CmaDefaultBytes);
        Assert.Equal(2UL << 20, p.CmaAlignment);
        Assert.Equal(45204UL, p.Image.PerCpuStaticSize);
    }

    [Fact]
    public void ParseSystemMap_BadLine_SaysFileAndLine()
    {
        var ex = Assert.Throws<KernelProfileFormatException>(() => KernelProfileParser.ParseSystemMap("ffff0000 T _text\nnot a symbol line\n", "System.map"));
        Assert.Equal(2, ex.Line);
        Assert.StartsWith("System.map:2:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseConfig_BadLine_SaysFileAndLine()
    {
        var ex = Assert.Throws<KernelProfileFormatException>(() => KernelProfileParser.ParseConfig("CONFIG_A=y\n# comment\nA=3\n", ".config"));
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void Build_MissingSymbol_NamesIt()
    {
        var symbols = KernelProfileParser.ParseSystemMap("ffff800008000000 T _text\n", "map");
        var ex = Assert.Throws<KernelProfileFormatException>(() => KernelProfileParser.Build("x", symbols, new Dictionary<string, string>(), "map"));
        Assert.Contains("'_stext'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseConfig_NotSetAndQuoted()
    {
        var c = KernelProfileParser.ParseConfig("# CONFIG_NUMA is not set\nCONFIG_X=\"abc\"\n", "c");
        Assert.Equal("n", c["NUMA"]);
        Assert.Equal("abc", c["X"]);
    }
}
