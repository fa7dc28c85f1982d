using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary><c>crashkernel=START-[END]:SIZE,...</c>: the size is chosen by the system RAM the architecture reports.</summary>
public sealed class CrashKernelRangeTests
{
    private static BootResult Boot(RealBootCase c, string cmdline) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(c.ProfileName),
        Dtb = File.ReadAllBytes(c.File("board.dtb")),
        CommandLine = cmdline,
    });

    [Fact]
    public void RangeThatPicks128M_On1G_BootsAsTheRealCrashkernel128MBoot()
    {
        var real = RealBootCase.Load("virt-arm64-1G-crashkernel128M");
        string rangeForm = real.CommandLine.Replace("crashkernel=128M", "crashkernel=256M-1G:64M,1G-4G:128M,4G-:256M", StringComparison.Ordinal);
        Assert.NotEqual(real.CommandLine, rangeForm);

        var result = Boot(real, rangeForm);

        Assert.Equal(real.MemoryLine, result.MemoryLine);
        Assert.Equal(real.MemTotalKb, result.MemTotalKb);
    }

    [Fact]
    public void RangeThatMissesTheRam_ReservesNothing_AndSaysSo()
    {
        var c = RealBootCase.Load("virt-arm64-1G");
        var plain = Boot(c, c.CommandLine);

        var result = Boot(c, c.CommandLine + " crashkernel=2G-:256M");

        Assert.Contains("crashkernel size resulted in zero bytes", result.Log);
        Assert.Equal(plain.MemTotalKb, result.MemTotalKb);
    }

    [Fact]
    public void RangeWhoseSizeIsNotBelowTheRam_IsInvalid()
    {
        var c = RealBootCase.Load("virt-arm64-1G");

        var result = Boot(c, c.CommandLine + " crashkernel=0-:1G");

        Assert.Contains("crashkernel: invalid size", result.Log);
        Assert.Equal(Boot(c, c.CommandLine).MemTotalKb, result.MemTotalKb);
    }

    [Theory]
    [InlineData("crashkernel=1G:64M")]
    [InlineData("crashkernel=2G-1G:64M")]
    public void MalformedRange_IsABadInputNamingTheParameter(string parameter)
    {
        var ex = Assert.Throws<BootInputException>(() => KernelCommandLine.Parse("console=ttyAMA0 " + parameter));
        Assert.Contains(parameter, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnArm32_TheRangeIsMatchedAgainstLowmem()
    {
        var c = RealBootCase.Load("virt-armhf-2G-highmem"); // 768 MiB of lowmem, 2 GiB of RAM
        var result = Boot(c, c.CommandLine + " crashkernel=512M-1G:32M,1G-:64M");

        Assert.Contains(result.Log, l => l.StartsWith("Reserving 32MB of memory at ", StringComparison.Ordinal)
                                          && l.EndsWith("(System RAM: 768MB)", StringComparison.Ordinal));
    }
}
