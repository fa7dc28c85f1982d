using MemblockSharp.Boot.Comparison;

namespace MemblockSharp.Boot.Tests.Comparison;

/// <summary><see cref="CommandLineOverride"/>: which parameters it accepts and how it edits a command line.</summary>
public sealed class CommandLineOverrideTests
{
    private const string Base = "console=ttyAMA0 cma=32M earlycon=pl011,0x9000000 nokaslr";

    [Theory]
    [InlineData("cma=128M", "console=ttyAMA0 cma=128M earlycon=pl011,0x9000000 nokaslr")]
    [InlineData("crashkernel=256M", "console=ttyAMA0 cma=32M earlycon=pl011,0x9000000 nokaslr crashkernel=256M")]
    [InlineData("mem=1G cma=64M", "console=ttyAMA0 cma=64M earlycon=pl011,0x9000000 nokaslr mem=1G")]
    [InlineData("-cma", "console=ttyAMA0 earlycon=pl011,0x9000000 nokaslr")]
    [InlineData("-earlycon  -nokaslr", "console=ttyAMA0 cma=32M")]
    [InlineData("crashkernel=256M,high crashkernel=64M,low", "console=ttyAMA0 cma=32M earlycon=pl011,0x9000000 nokaslr crashkernel=256M,high crashkernel=64M,low")]
    public void ApplyTo_ReplacesInPlace_AppendsNew_RemovesDashed(string whatIf, string expected) =>
        Assert.Equal(expected, CommandLineOverride.Parse(whatIf).ApplyTo(Base));

    [Fact]
    public void ApplyTo_ReplacesEveryOccurrence_AtTheFirst_AndKeepsQuotedTokensWhole()
    {
        var o = CommandLineOverride.Parse("cma=16M");
        Assert.Equal("a=\"x y\" cma=16M b", o.ApplyTo("a=\"x y\" cma=8M b cma=4M"));
    }

    [Fact]
    public void ApplyTo_EmptyCommandLine_GivesTheParameters() =>
        Assert.Equal("mem=512M log_buf_len=1M", CommandLineOverride.Parse("mem=512M log_buf_len=1M").ApplyTo(""));

    [Theory]
    [InlineData("mem=0x40000000")]
    [InlineData("cma=64M@0x40000000:0x80000000")]
    [InlineData("cma=0x4000000@0x50000000")]
    [InlineData("crashkernel=128M@0x60000000")]
    [InlineData("crashkernel=256M,high")]
    [InlineData("log_buf_len=4M")]
    [InlineData("memblock=debug")]
    [InlineData("console=ttyS0,115200")]
    [InlineData("\"mem=1G\"")]
    public void Parse_WellFormedParameter_IsAccepted(string token) =>
        Assert.Single(CommandLineOverride.Parse(token).Set);

    [Theory]
    [InlineData("cma=12Q", "cma=12Q")]
    [InlineData("cma=", "cma=")]
    [InlineData("mem", "'mem'")]
    [InlineData("mem=1G2", "mem=1G2")]
    [InlineData("mem=lots", "mem=lots")]
    [InlineData("mem=99999999999999999999", "mem=99999999999999999999")]
    [InlineData("mem=0xffffffffffffG", "mem=0xffffffffffffG")]
    [InlineData("cma=64M@", "cma=64M@")]
    [InlineData("cma=64M@1G:2G:3G", "cma=64M@1G:2G:3G")]
    [InlineData("crashkernel=512M-2G:64M", "crashkernel=512M-2G:64M")]
    [InlineData("crashkernel=,high", "crashkernel=,high")]
    [InlineData("memblock=verbose", "memblock=verbose")]
    [InlineData("frobnicate=1", "frobnicate")]
    [InlineData("=5", "=5")]
    [InlineData("-", "'-'")]
    [InlineData("-mem=1G", "-mem=1G")]
    [InlineData("mem=1G -mem", "'mem'")]
    [InlineData("console=\"ttyS0", "unterminated")]
    [InlineData("", "no kernel parameters")]
    [InlineData("   ", "no kernel parameters")]
    public void Parse_Malformed_ThrowsNamingTheToken(string whatIf, string named)
    {
        var e = Assert.Throws<CommandLineOverrideException>(() => CommandLineOverride.Parse(whatIf));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("--what-if", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetAndRemoved_ReportTheParameters()
    {
        var o = CommandLineOverride.Parse("cma=128M -crashkernel mem=1G");
        Assert.Equal(["cma=128M", "mem=1G"], o.Set);
        Assert.Equal(["crashkernel"], o.Removed);
    }
}
