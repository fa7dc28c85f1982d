using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Replay;

namespace MemblockSharp.Boot.Tests.Replay;

/// <summary>Which release a log is replayed as: the banner decides, else the lines only 6.12 prints.</summary>
public class LogKernelVersionTests
{
    private static LogKernelVersion Of(params string[] lines) =>
        LogKernelVersion.Of(KernelLogReader.Read(string.Join('\n', lines.Select(l => "[    0.000000] " + l)) + "\n", lenient: true));

    private const string Booting = "Booting Linux on physical CPU 0x0000000000 [0x411fd070]";

    [Theory]
    [InlineData("6.1.0-31-arm64", "6.1", true)]
    [InlineData("6.12.118+deb12-arm64", "6.12", true)]
    [InlineData("6.6.30-v8+", "6.1", false)]
    [InlineData("5.10.0-21-arm64", "6.1", false)]
    [InlineData("6.15.2", "6.12", false)]
    public void Banner_Decides_AndAnUnmodelledReleaseSaysWhichStandsIn(string release, string expected, bool modelled)
    {
        var v = Of(Booting, $"Linux version {release} (builder@host) (gcc) #1 SMP");
        Assert.Equal(KernelVersion.Parse(expected), v.Version);
        Assert.Equal(release, v.Release);
        Assert.Equal(modelled, v.Modelled);
        Assert.Contains(release, v.Evidence, StringComparison.Ordinal);
        if (!modelled)
            Assert.Contains("nearest modelled", v.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NODE_DATA(0) allocated [mem 0x7fdfc8c0-0x7fdfffff]")]
    [InlineData("printk: legacy console [ttyAMA0] enabled")]
    [InlineData("OF: reserved mem: 0x0000000050000000..0x00000000503fffff (4096 KiB) nomap non-reusable static@50000000")]
    public void WithoutBanner_ALineOnly612Prints_Makes612(string line)
    {
        var v = Of("Machine model: linux,dummy-virt", line);
        Assert.Equal(KernelVersion.Linux6_12, v.Version);
        Assert.Null(v.Release);
        Assert.Contains("only by 6.12", v.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutBannerOr612Lines_Is61()
    {
        var v = Of("Machine model: linux,dummy-virt", "NUMA: NODE_DATA [mem 0x7fdfc8c0-0x7fdfffff]", "printk: console [ttyAMA0] enabled");
        Assert.Equal(KernelVersion.Linux6_1, v.Version);
        Assert.Null(v.Release);
    }
}
