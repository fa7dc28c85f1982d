using System.Text.Json;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary>
/// Never silently wrong: a parameter that changes memory and is not modelled is named on stderr, in the summary and in
/// the JSON (<c>"exact": false</c>); a boot with only modelled inputs says it is exact and prints no warning.
/// </summary>
public class ExactnessTests
{
    private static string Board(string @case) => TestData.Path("realboot", @case, "board.dtb");

    [Fact]
    public void RecordedBoot_IsExact_WithNoWarning()
    {
        var r = CliRunner.Run("boot", Board("virt-arm64-1G"), "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.True(doc.RootElement.GetProperty("exact").GetBoolean());
        Assert.Equal(0, doc.RootElement.GetProperty("not_exact").GetArrayLength());
    }

    [Fact]
    public void UnmodelledParameter_IsNamed_OnStderr_InTheSummary_AndInTheJson()
    {
        var text = CliRunner.Run("boot", Board("virt-arm64-1G"), "--cmdline", "console=ttyAMA0 kernelcore=mirror");
        Assert.Equal(0, text.ExitCode);
        var warning = Assert.Single(text.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("memblock: warning: kernelcore=mirror: not modelled: ", warning);
        Assert.Contains("  Exact: no (1 input not modelled; the figures may differ from the kernel's)\n    kernelcore=mirror: not modelled: ", text.Stdout);

        var json = CliRunner.Run("boot", Board("virt-arm64-1G"), "--cmdline", "console=ttyAMA0 kernelcore=mirror", "--json");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.False(doc.RootElement.GetProperty("exact").GetBoolean());
        var entry = Assert.Single(doc.RootElement.GetProperty("not_exact").EnumerateArray());
        Assert.Equal("kernelcore=mirror", entry.GetProperty("subject").GetString());
        Assert.Contains("ZONE_MOVABLE", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_NamesTheSideThatIsNotExact()
    {
        var r = CliRunner.Run("boot", Board("virt-arm64-1G"), "--what-if", "kernelcore=mirror", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("memblock: warning: after: kernelcore=mirror: not modelled: ", r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.True(doc.RootElement.GetProperty("before").GetProperty("exact").GetBoolean());
        Assert.False(doc.RootElement.GetProperty("after").GetProperty("exact").GetBoolean());
    }

    [Fact]
    public void RealParameterWithoutMemoryEffect_IsAcceptedSilently()
    {
        var r = CliRunner.Run("boot", Board("virt-arm64-1G"), "--cmdline", "console=ttyAMA0 maxcpus=1 nokaslr quiet", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.True(doc.RootElement.GetProperty("exact").GetBoolean());
    }
}
