using MemblockSharp.Boot.Architectures;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Architectures;

public sealed class BootArchitectureTests
{
    private static readonly KernelProfile Arm64 = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64);
    private static readonly KernelProfile Arm = BuiltInProfiles.Get(BuiltInProfiles.DebianArmmpLpae);

    [Fact]
    public void EachArch_HasItsOwnImplementation()
    {
        Assert.Same(Arm64Architecture.Instance, BootArchitectures.For(Arm64));
        Assert.Same(Arm32Architecture.Instance, BootArchitectures.For(Arm));
        Assert.Throws<ArgumentOutOfRangeException>(() => BootArchitectures.For((KernelArch)99));
    }

    [Theory]
    [InlineData(0x4000_0000UL, 0x4000_0000UL)]
    [InlineData(0x4810_0000UL, 0x4800_0000UL)] // AUTO_ZRELADDR: 128 MiB aligned
    [InlineData(0x4FFF_F000UL, 0x4800_0000UL)]
    public void Arm_PhysOffset_Is128MiBAlignedRamStart(ulong ramBase, ulong physOffset) =>
        Assert.Equal(physOffset, Arm32Architecture.Instance.PhysOffset(ramBase));

    [Fact]
    public void Arm64_KernelGoes2MiBPastThe2MiBAlignedRamStart()
    {
        Assert.Equal(0x4020_0000UL, Arm64Architecture.Instance.DefaultKernelAddress(Arm64, 0x4000_0000, 0));
        Assert.Equal(0x4040_0000UL, Arm64Architecture.Instance.DefaultKernelAddress(Arm64, 0x4010_0000, 0));
    }

    [Fact]
    public void Arm_KernelRunsAtItsLinkAddressOverPhysOffset()
    {
        ulong text = Arm.Image.Text;
        Assert.Equal(text - Arm.PageOffset + 0x4000_0000UL, Arm32Architecture.Instance.DefaultKernelAddress(Arm, 0x4000_0000, 0x4000_0000));
    }

    [Fact]
    public void BothArchitectures_ScanAndBootEndTheSameWay()
    {
        foreach (var arch in new IBootArchitecture[] { Arm64Architecture.Instance, Arm32Architecture.Instance })
        {
            Assert.Equal(BootStep.SetupMachineFdt, arch.Steps[0]);
            Assert.Equal(arch.Steps.Count, arch.Steps.Distinct().Count());
            Assert.Contains(BootStep.SetupPerCpuAreas, arch.Steps);
        }
        // 32-bit ARM reserves the crash kernel once the CPUs are known, arm64 in bootmem_init; only arm64 sets up swiotlb.
        var arm = Arm32Architecture.Instance.Steps.ToList();
        Assert.True(arm.IndexOf(BootStep.ArmReserveCrashkernel) > arm.IndexOf(BootStep.SmpInitCpus));
        Assert.DoesNotContain(BootStep.MemInit, arm);
        Assert.Contains(BootStep.MemInit, Arm64Architecture.Instance.Steps);
    }

    [Fact]
    public void ScanOptions_FollowTheArchitecture()
    {
        var arm64 = Arm64Architecture.Instance.ScanOptions(Arm64, () => throw new InvalidOperationException("arm64 has no PHYS_OFFSET"));
        Assert.False(arm64.Arm32);
        Assert.Equal(0UL, arm64.MinMemblockAddress);
        var arm = Arm32Architecture.Instance.ScanOptions(Arm, () => 0x4810_0000);
        Assert.True(arm.Arm32);
        Assert.Equal(0x4800_0000UL, arm.MinMemblockAddress);
        Assert.Equal(Arm.Lpae, arm.PhysAddr64Bit);
        Assert.Equal(1024, arm.CommandLineSize);
    }
}
