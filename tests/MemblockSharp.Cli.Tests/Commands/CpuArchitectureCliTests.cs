using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary><c>memblock boot</c> on a tree whose cores need the other architecture: a profile chosen for it, or a warning.</summary>
public sealed class CpuArchitectureCliTests
{
    private static string Params(string file) => TestData.Path("params", file);

    [Fact]
    public void WithoutKernel_A32BitBoard_BootsTheArmmpProfile_AndSaysSo()
    {
        var r = CliRunner.Run("boot", Params("sun7i-a20-olinuxino-micro.dtb"), "--ram", "0x40000000:1G", "--color", "never");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("kernel debian-6.1-armmp-lpae", r.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains("memblock: note:", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("(arm,cortex-a7) are 32-bit: booting debian-6.1-armmp-lpae", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("Exact: yes", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void WithAnArm64Kernel_A32BitBoard_KeepsIt_AndWarns()
    {
        var r = CliRunner.Run("boot", Params("sun7i-a20-olinuxino-micro.dtb"), "--ram", "0x40000000:1G", "--kernel", "debian-6.1-arm64", "--color", "never");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("kernel debian-6.1-arm64", r.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains("memblock: warning: device tree CPUs: the cores (arm,cortex-a7) are 32-bit", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("Exact: no", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void WithAn32BitKernel_A64BitBoard_KeepsIt_AndWarns()
    {
        var r = CliRunner.Run("boot", Params("bcm2711-rpi-4-b.dtb"), "--ram", "0:0x3b400000", "--kernel", "debian-6.1-armmp-lpae", "--color", "never");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("memblock: warning: device tree CPUs: the cores (arm,cortex-a72) are 64-bit", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutKernel_A64BitBoard_KeepsTheDefault_Silently()
    {
        var r = CliRunner.Run("boot", Params("bcm2711-rpi-4-b.dtb"), "--ram", "0:0x3b400000", "--color", "never");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("kernel debian-6.1-arm64", r.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal("", r.Stderr);
    }
}

/// <summary><c>memblock dt --memory</c> names the DMA limit the tree's <c>dma-ranges</c> set.</summary>
public sealed class DtDmaRangesCliTests
{
    [Fact]
    public void DtMemory_ShowsTheDmaLimit_OfARaspberryPi4()
    {
        var r = CliRunner.Run("dt", TestData.Path("params", "bcm2711-rpi-4-b.dtb"), "--memory");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("dma-ranges: DMA reaches up to 0x3fffffff (/soc); arm64 ends ZONE_DMA there", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void DtMemory_SaysNothingOfDma_WhenNoBusLimitsIt()
    {
        var r = CliRunner.Run("dt", TestData.Path("realboot", "virt-arm64-1G", "board.dtb"), "--memory");
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("dma-ranges", r.Stdout, StringComparison.Ordinal);
    }
}
