using MemblockSharp.Boot.Comparison;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Sweep;

namespace MemblockSharp.Boot.Tests.Sweep;

/// <summary>The sweep grid: the <c>--ram</c> lists, the kernels and parameter sets, and the fixed order of the points.</summary>
public sealed class SweepGridTests
{
    private const ulong MiB = 1UL << 20, GiB = 1UL << 30;

    [Fact]
    public void RamList_ReadsSizes_BasesAndRanges_InTheOrderGiven()
    {
        Assert.Equal([new SweepRam(null, 512 * MiB), new SweepRam(null, GiB), new SweepRam(null, 2 * GiB), new SweepRam(null, 4 * GiB)],
            SweepRam.ParseList("512M,1G,2G,4G"));
        Assert.Equal([new SweepRam(0x8000_0000, GiB), new SweepRam(null, 0x1000_0000)], SweepRam.ParseList("0x80000000:1G, 0x10000000"));
        Assert.Equal([256 * MiB, 512 * MiB, 768 * MiB, GiB], SweepRam.ParseList("256M..1G/256M").Select(r => r.Size));
        // A range whose step does not land on TO stops below it; a base applies to every size of the range.
        Assert.Equal([new SweepRam(0x4000_0000, GiB), new SweepRam(0x4000_0000, GiB + 300 * MiB)], SweepRam.ParseList("0x40000000:1G..1600M/300M"));
    }

    [Theory]
    [InlineData("", "an empty item")]
    [InlineData("1G,", "an empty item")]
    [InlineData("abc", "'abc' is not a size")]
    [InlineData("1GB", "'1GB' is not a size")]
    [InlineData("0", "a RAM size of zero")]
    [InlineData("0x40000000:", "a number is missing")]
    [InlineData("1G..512M/1M", "runs backwards")]
    [InlineData("1G..2G/0", "the step is zero")]
    [InlineData("1G..2G", "a range needs a step")]
    [InlineData("1M..1T/1M", "more than 100000 sizes")]
    public void RamList_RejectsMalformedItems_NamingThem(string text, string message)
    {
        var ex = Assert.ThrowsAny<FormatException>(() => SweepRam.ParseList(text));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("--ram '", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(512 * MiB, "512M")]
    [InlineData(GiB, "1G")]
    [InlineData(1536 * MiB, "1536M")]
    [InlineData(1UL << 40, "1T")]
    [InlineData(4097UL, "4097")]
    public void SizeText_UsesTheLargestUnitThatDividesTheSize(ulong bytes, string text) => Assert.Equal(text, SweepRam.SizeText(bytes));

    [Fact]
    public void Points_RunKernelThenParameterSetThenRam_AndPanelsPairKernelAndSet()
    {
        var grid = SweepGrid.Parse(["512M,1G", "2G"], [$"{BuiltInProfiles.DebianArm64},{BuiltInProfiles.DebianCloudArm64}"], ["cma=64M", "none"]);
        Assert.Equal(2 * 2 * 3, grid.Count);
        Assert.Equal(4, grid.PanelCount);
        var points = Enumerable.Range(0, grid.Count).Select(grid.Point).ToList();
        Assert.Equal(Enumerable.Range(0, grid.Count), points.Select(p => p.Index));
        Assert.Equal([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3], points.Select(p => p.Panel));
        Assert.Equal(Enumerable.Repeat(BuiltInProfiles.DebianArm64, 6).Concat(Enumerable.Repeat(BuiltInProfiles.DebianCloudArm64, 6)), points.Select(p => p.Kernel.Name));
        Assert.Equal(["cma=64M", "cma=64M", "cma=64M", "none", "none", "none"], points.Take(6).Select(p => p.Parameters.Text));
        Assert.Equal([512 * MiB, GiB, 2 * GiB], points.Take(3).Select(p => p.Ram.Size));
        Assert.Same(SweepParameters.AsGiven, points[3].Parameters);
    }

    [Fact]
    public void Defaults_AreTheDefaultKernel_TheCommandLineAsGiven_AndTheDeviceTreesMemory()
    {
        var grid = SweepGrid.Parse([], [], []);
        Assert.Equal(1, grid.Count);
        var point = grid.Point(0);
        Assert.Equal(BuiltInProfiles.DebianArm64, point.Kernel.Name);
        Assert.Same(SweepParameters.AsGiven, point.Parameters);
        Assert.Equal(0UL, point.Ram.Size);
    }

    [Fact]
    public void Parse_RejectsUnknownAndRepeatedProfiles_RepeatedSets_AndBadParameters()
    {
        Assert.Contains("unknown kernel profile 'debian-5.10'", Assert.ThrowsAny<FormatException>(() => SweepGrid.Parse(["1G"], ["debian-5.10"], [])).Message, StringComparison.Ordinal);
        Assert.Contains("listed twice", Assert.ThrowsAny<FormatException>(() => SweepGrid.Parse(["1G"], [BuiltInProfiles.DebianArm64, BuiltInProfiles.DebianArm64], [])).Message, StringComparison.Ordinal);
        Assert.Contains("given twice", Assert.ThrowsAny<FormatException>(() => SweepGrid.Parse(["1G"], [], ["cma=64M", " cma=64M "])).Message, StringComparison.Ordinal);
        Assert.Throws<CommandLineOverrideException>(() => SweepGrid.Parse(["1G"], [], ["cma=lots"]));
        Assert.Throws<CommandLineOverrideException>(() => SweepGrid.Parse(["1G"], [], ["  "]));
    }

    [Fact]
    public void Parse_RefusesAGridOfMoreThanAMillionBoots()
    {
        var ex = Assert.ThrowsAny<FormatException>(() => SweepGrid.Parse(["1M..100000M/1M"], [$"{BuiltInProfiles.DebianArm64},{BuiltInProfiles.DebianCloudArm64}"],
            Enumerable.Range(1, 6).Select(i => $"cma={i}M")));
        Assert.Contains("1200000 boots", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterSet_AppliesLikeWhatIf_AndNoneLeavesTheCommandLine()
    {
        const string cmdline = "console=ttyAMA0 cma=32M nokaslr";
        Assert.Equal(CommandLineOverride.Parse("cma=64M crashkernel=128M").ApplyTo(cmdline), SweepParameters.Parse("cma=64M crashkernel=128M").ApplyTo(cmdline));
        Assert.Equal("console=ttyAMA0 cma=64M nokaslr crashkernel=128M", SweepParameters.Parse(" cma=64M crashkernel=128M ").ApplyTo(cmdline));
        Assert.Equal(cmdline, SweepParameters.Parse("none").ApplyTo(cmdline));
    }
}
