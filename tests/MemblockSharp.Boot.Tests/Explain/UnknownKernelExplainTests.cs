using MemblockSharp.Boot.Explain;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Explain;

/// <summary>
/// A kernel that is not built in (a vendor's or a self-built one) is explained with the built-in profile of the nearest
/// release and the log's own image: the section sizes of its <c>Memory:</c> line. A recorded Debian boot whose banner
/// names a kernel we do not have must therefore come out as before: the tables byte for byte, every fact agreeing.
/// </summary>
public sealed class UnknownKernelExplainTests
{
    [Theory]
    [InlineData("realboot", "virt-arm64-1G", "6.1.0-56-arm64", "6.1.55-vendor", "debian-6.1-arm64")]
    [InlineData("realboot-6.12", "virt-arm64-1G", "6.12.118+deb12-arm64", "6.9.0-vendor", "debian-6.12-arm64")]
    public void NotBuiltIn_NearestRelease_WithTheLogsOwnImageSections(string root, string @case, string release, string renamed, string nearest)
    {
        string dir = TestData.Path(root, @case);
        string log = File.ReadAllText(Path.Combine(dir, "kernel-log-full.txt")).Replace("Linux version " + release, "Linux version " + renamed, StringComparison.Ordinal);
        var r = LogExplainer.Explain(log, @case, new ExplainOptions { Dtb = File.ReadAllBytes(Path.Combine(dir, "board.dtb")) });

        Assert.Equal(nearest, r.Profile);
        Assert.Contains("the image sections are the log's own (Memory: line", r.ProfileReason, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "memblock-reserved.txt")), LogExplainer.DebugfsText(r.Simulation!.ReservedAfterBoot, r.TableFormat));
        Assert.All(r.Checks, c => Assert.True(c.Agrees, $"{c.Fact}: log {c.Logged}, simulated {c.Simulated}"));
    }

    [Fact]
    public void TheLogsOwnSections_MoveTheSimulatedImage()
    {
        string dir = TestData.Path("realboot", "virt-arm64-1G");
        string log = File.ReadAllText(Path.Combine(dir, "kernel-log-full.txt")).Replace("Linux version 6.1.0-56-arm64", "Linux version 6.1.55-vendor", StringComparison.Ordinal);
        var dtb = File.ReadAllBytes(Path.Combine(dir, "board.dtb"));
        var same = LogExplainer.Explain(log, "same", new ExplainOptions { Dtb = dtb });
        var bigger = LogExplainer.Explain(log.Replace("(13248K kernel code,", "(14272K kernel code,", StringComparison.Ordinal), "bigger", new ExplainOptions { Dtb = dtb });

        ulong Image(ExplainResult e) => (ulong)e.Simulation!.Costs.Where(c => c.Category == "kernel image").Sum(c => c.Bytes);
        Assert.Equal(Image(same) + 1024 * 1024, Image(bigger));
    }
}
