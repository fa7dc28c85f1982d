using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.DeviceTreeScan;

/// <summary>
/// The cores of a tree's cpu nodes decide which kernels can run on it: ARMv7 and older cores only a 32-bit ARM kernel,
/// ARMv8-A cores with AArch64 an arm64 one. Without --kernel the boot picks the matching Debian profile; with a
/// mismatching profile it warns (BootWarning) and is not exact.
/// </summary>
public sealed class CpuArchitectureTests
{
    private static FlattenedDeviceTree Tree(string path) => FlattenedDeviceTree.Parse(File.ReadAllBytes(path).AsMemory());

    public static TheoryData<string> Armhf() => Files("armhf");

    public static TheoryData<string> Arm64() => Files("arm64");

    private static TheoryData<string> Files(string arch)
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestData.Path("dtbs", arch), "*.dtb", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(TestData.Path("dtbs"), f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Armhf))]
    public void DebiansArmhfTrees_HaveCoresThatNeedA32BitKernel(string file)
    {
        var cpus = CpuArchitecture.Of(BootScanner.Scan(Tree(TestData.Path("dtbs", file))).Cpus);
        // A tree without cpu nodes tells nothing; every other one of Debian's armhf trees is 32-bit.
        if (cpus is not null)
            Assert.Equal(KernelArch.Arm, cpus.Arch);
    }

    [Theory]
    [MemberData(nameof(Arm64))]
    public void DebiansArm64Trees_HaveCoresThatRunArm64(string file)
    {
        var cpus = CpuArchitecture.Of(BootScanner.Scan(Tree(TestData.Path("dtbs", file))).Cpus);
        if (cpus is not null)
            Assert.Equal(KernelArch.Arm64, cpus.Arch);
    }

    [Fact]
    public void MostTreesAreRecognised()
    {
        int known = 0, total = 0;
        foreach (var f in new[] { "arm64", "armhf" }.SelectMany(a => Directory.GetFiles(TestData.Path("dtbs", a), "*.dtb", SearchOption.AllDirectories)))
        {
            var scan = BootScanner.Scan(Tree(f));
            if (scan.Cpus.Count == 0)
                continue;
            total++;
            if (CpuArchitecture.Of(scan.Cpus) is not null)
                known++;
        }
        Assert.True(known >= total * 9 / 10, $"{known} of {total} trees with cpu nodes recognised");
    }

    [Theory]
    [InlineData("arm,cortex-a7", KernelArch.Arm)]
    [InlineData("arm,cortex-a5", KernelArch.Arm)]
    [InlineData("arm,cortex-a32", KernelArch.Arm)]     // ARMv8 without AArch64
    [InlineData("arm,arm1176jzf-s", KernelArch.Arm)]
    [InlineData("marvell,sheeva-v7", KernelArch.Arm)]
    [InlineData("arm,cortex-a53", KernelArch.Arm64)]
    [InlineData("arm,cortex-a55", KernelArch.Arm64)]
    [InlineData("arm,cortex-a72", KernelArch.Arm64)]
    [InlineData("arm,armv8", KernelArch.Arm64)]
    [InlineData("qcom,kryo", KernelArch.Arm64)]
    [InlineData("ARM,Cortex-A57", KernelArch.Arm64)]  // compared case-insensitively, as the kernel does
    [InlineData("arm,cortex-a", null)]
    [InlineData("riscv", null)]
    public void Classify_KnowsTheCores(string compatible, KernelArch? expected)
    {
        Assert.Equal(expected, CpuArchitecture.Classify(compatible));
    }

    [Fact]
    public void WithoutAChoice_A32BitTree_GetsTheArmmpProfileOfTheSameRelease()
    {
        byte[] dtb = File.ReadAllBytes(TestData.Path("params", "sun7i-a20-olinuxino-micro.dtb"));
        Assert.Equal(BuiltInProfiles.DebianArmmpLpae, BuiltInProfiles.ForDeviceTree(BuiltInProfiles.DebianArm64, dtb, out var cpus));
        Assert.Equal("arm,cortex-a7", cpus!.Evidence);
        Assert.Equal(BuiltInProfiles.DebianArmmpLpaeV612, BuiltInProfiles.ForDeviceTree(BuiltInProfiles.DebianArm64V612, dtb, out _));
        Assert.Equal(BuiltInProfiles.DebianArmmpLpae, BuiltInProfiles.ForDeviceTree(BuiltInProfiles.DebianArmmpLpae, dtb, out _));
    }

    [Theory]
    [InlineData("exynos4210-origen.dtb", "arm,cortex-a9", false, BuiltInProfiles.DebianArmmp)]   // Cortex-A9: no LPAE
    [InlineData("imx6q-prtwd2.dtb", "arm,cortex-a9", false, BuiltInProfiles.DebianArmmp)]
    [InlineData("imx6ul-tqma6ul1-mba6ulx.dtb", "arm,cortex-a7", true, BuiltInProfiles.DebianArmmpLpae)]
    public void CoresWithoutLpae_GetThePlainArmmpProfile(string file, string evidence, bool lpae, string profile)
    {
        string path = Directory.GetFiles(TestData.Path("dtbs", "armhf"), file, SearchOption.AllDirectories).Single();
        byte[] dtb = File.ReadAllBytes(path);
        Assert.Equal(profile, BuiltInProfiles.ForDeviceTree(BuiltInProfiles.DebianArm64, dtb, out var cpus));
        Assert.Equal(evidence, cpus!.Evidence);
        Assert.Equal(lpae, cpus.Lpae);
    }

    [Fact]
    public void WithoutAChoice_A64BitTree_KeepsTheDefault()
    {
        byte[] dtb = File.ReadAllBytes(TestData.Path("params", "bcm2711-rpi-4-b.dtb"));
        Assert.Equal(BuiltInProfiles.DebianArm64, BuiltInProfiles.ForDeviceTree(BuiltInProfiles.DebianArm64, dtb, out var cpus));
        Assert.Equal(KernelArch.Arm64, cpus!.Arch);
        Assert.Equal(BuiltInProfiles.DebianCloudArm64, BuiltInProfiles.ForDeviceTree(BuiltInProfiles.DebianCloudArm64, dtb, out _));
    }

    [Fact]
    public void A32BitTree_WithAnArm64Profile_Warns()
    {
        var r = BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64),
            Dtb = File.ReadAllBytes(TestData.Path("params", "sun7i-a20-olinuxino-micro.dtb")),
            Ram = [(0x40000000, 1UL << 30)],
        });
        var warning = Assert.Single(r.Warnings);
        Assert.Equal("device tree CPUs", warning.Subject);
        Assert.Contains("arm,cortex-a7", warning.Message, StringComparison.Ordinal);
        Assert.Contains("32-bit", warning.Message, StringComparison.Ordinal);
        Assert.False(r.Exact);
    }

    [Fact]
    public void A64BitTree_WithAnArmProfile_Warns_AndAMatchingProfileDoesNot()
    {
        BootResult Run(string profile) => BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(profile),
            Dtb = File.ReadAllBytes(TestData.Path("params", "bcm2711-rpi-4-b.dtb")),
            Ram = [(0, 0x3b400000)],
        });
        var warning = Assert.Single(Run(BuiltInProfiles.DebianArmmpLpae).Warnings);
        Assert.Contains("64-bit", warning.Message, StringComparison.Ordinal);
        Assert.Empty(Run(BuiltInProfiles.DebianArm64).Warnings);
    }
}
