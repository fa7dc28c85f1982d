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
    [InlineData("debian-6.1-armmp", "6.1.0-50-armmp")]
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
    public void BuiltIn_ArmmpClassic_Has32BitPhysAddrAndTwoLevelTables()
    {
        // CONFIG_ARM_LPAE is not set: phys_addr_t is 32 bits, the MMU walks 2 levels, and without HUGETLB_PAGE a
        // pageblock is MAX_ORDER-1 (8 MiB), where the LPAE kernel's is 2 MiB.
        var p = BuiltInProfiles.Get(BuiltInProfiles.DebianArmmp);
        var lpae = BuiltInProfiles.Get(BuiltInProfiles.DebianArmmpLpae);
        Assert.Equal(KernelArch.Arm, p.Arch);
        Assert.False(p.Lpae);
        Assert.Equal((32, 4, 2), (p.PhysAddrBits, p.PhysAddrBytes, p.PageTableLevels));
        Assert.Equal((40, 8, 3), (lpae.PhysAddrBits, lpae.PhysAddrBytes, lpae.PageTableLevels));
        Assert.Equal((11, 9), (p.PageblockOrder, lpae.PageblockOrder));
        Assert.Equal((32UL, 40UL, 4UL), (p.Sizes.Resource, p.Sizes.StaticVm, p.Sizes.StaticVmAlign));
        Assert.Equal(0x40204000UL - 0x40000000UL, p.Image.SwapperPgDir - p.PageOffset);
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

/// <summary>The built-in Linux 6.12 profiles against their kernel files and the recorded 6.12 boots.</summary>
public sealed class KernelProfile612Tests
{
    public static TheoryData<string> Cases() => new(RealBootCase.Names(RealBootCase.Set612));

    [Theory]
    [MemberData(nameof(Cases))]
    public void BuiltIn_ImageFigures_MatchTheMemoryLine(string name)
    {
        var c = RealBootCase.Load(RealBootCase.Set612, name);
        var image = BuiltInProfiles.Get(c.ProfileName).Image;
        var m = Regex.Match(c.MemoryLine, @"\((\d+)K kernel code, (\d+)K rwdata, (\d+)K rodata, (\d+)K init, (\d+)K bss");
        Assert.True(m.Success);
        ulong K(int g) => ulong.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        Assert.Equal((K(1), K(2), K(3), K(4), K(5)),
            (image.CodeSize / 1024, image.DataSize / 1024, image.RodataSize / 1024, image.InitSize / 1024, image.BssSize / 1024));
    }

    [Theory]
    [InlineData("debian-6.12-arm64", "6.12.118+deb12-arm64")]
    [InlineData("debian-6.12-arm64-16k", "6.12.118+deb12-arm64-16k")]
    [InlineData("debian-6.12-cloud-arm64", "6.12.118+deb12-cloud-arm64")]
    [InlineData("debian-6.12-armmp-lpae", "6.12.118+deb12-armmp-lpae")]
    public void BuiltIn_EqualsProfileBuiltFromTheKernelFiles(string profile, string release)
    {
        var dir = TestData.Path(RealBootCase.Set612, "kernels", release);
        Assert.True(KernelVersion.TryParse(release, out var version));
        var fromFiles = KernelProfileParser.FromFiles(Path.Combine(dir, "kernel-symbols.txt"), Path.Combine(dir, "config-memory.txt"), profile, version);
        Assert.Equal(fromFiles, BuiltInProfiles.Get(profile));
        Assert.Equal(KernelVersion.Linux6_12, fromFiles.Version);
    }

    [Fact]
    public void Arm64_4K_6_12_HasElevenOrders_From_MaxPageOrder10()
    {
        // 6.12's CONFIG_ARCH_FORCE_MAX_ORDER=10 is MAX_PAGE_ORDER: orders 0..10, as 6.1's MAX_ORDER=11 gave.
        var p = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64V612);
        Assert.Equal((4096UL, 11, 9, 27), (p.PageSize, p.MaxOrder, p.PageblockOrder, p.SectionSizeBits));
        Assert.Equal((48, 48, 52), (p.PhysAddrBits, p.VaBits, p.VaBitsConfig));
        Assert.Equal(512, p.NrCpus);
        Assert.Equal(64UL, p.CpumaskBytes);
        Assert.True(p.ZoneDevice);
        Assert.Equal(101464UL, p.Image.PerCpuStaticSize);
    }

    [Fact]
    public void Arm64_16K_EveryPageSizeFigureFollowsThePageSize()
    {
        var p = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64K16V612);
        Assert.Equal(16384UL, p.PageSize);
        Assert.Equal(14, p.PageShift);
        Assert.Equal(25, p.PmdShift);                 // a PMD entry maps 32 MiB
        Assert.Equal(11, p.PageblockOrder);           // pageblock = HPAGE_PMD_ORDER = 32 MiB
        Assert.Equal(12, p.MaxOrder);                 // MAX_PAGE_ORDER 11: orders 0..11
        Assert.Equal(27, p.SectionSizeBits);          // 16K follows 4K: 128 MiB sections
        Assert.Equal(32UL << 20, p.CmaAlignment);
        Assert.Equal(2048UL, p.MaxOrderPages);
    }

    [Fact]
    public void BuiltIn_Names_KeepTheDefaultOn6_1()
    {
        Assert.Equal(8, BuiltInProfiles.Names.Count);
        Assert.Equal(KernelVersion.Linux6_1, BuiltInProfiles.Get(BuiltInProfiles.DebianArm64).Version);
        Assert.Equal(BuiltInProfiles.DebianArm64, BuiltInProfiles.Names[0]);
    }

    [Theory]
    [InlineData("6.12.118+deb12-arm64", 6, 12)]
    [InlineData("6.1.0-56-arm64", 6, 1)]
    [InlineData("5.15", 5, 15)]
    public void KernelVersion_ReadsMajorMinor(string text, int major, int minor)
    {
        Assert.True(KernelVersion.TryParse(text, out var v));
        Assert.Equal(new KernelVersion(major, minor), v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("six.one")]
    [InlineData("6.")]
    public void KernelVersion_RejectsOtherText(string text) => Assert.False(KernelVersion.TryParse(text, out _));

    [Fact]
    public void ConfigHeader_GivesTheVersion()
    {
        Assert.Equal(KernelVersion.Linux6_12, KernelProfileParser.ConfigHeaderVersion("#\n# Automatically generated file; DO NOT EDIT.\n# Linux/arm64 6.12.118 Kernel Configuration\n#\nCONFIG_X=y\n"));
        Assert.Null(KernelProfileParser.ConfigHeaderVersion("CONFIG_X=y\n"));
    }
}
