using MemblockSharp.Boot.Comparison;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Boot.Sweep;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Tests.Sweep;

/// <summary>
/// The sweep runner: each row is what a plain boot with the same inputs gives (built here independently of the
/// runner), rows come in the grid's order whatever the threads, and a boot that cannot be made says why in its row.
/// </summary>
public sealed class SweepRunnerTests
{
    private const ulong MiB = 1UL << 20;
    private const ulong VirtRamBase = 0x4000_0000; // the bundled board's /memory base

    private static SweepInput Bundled(string? cmdline = null) => new()
    {
        Dtb = BundledBoards.VirtArm64(),
        Title = BundledBoards.VirtArm64Name,
        CommandLine = cmdline,
    };

    [Fact]
    public void EveryRow_EqualsAPlainBoot_WithTheSameRamKernelAndCommandLine()
    {
        var grid = SweepGrid.Parse(["512M,1G,3G", "0x80000000:2G"], [$"{BuiltInProfiles.DebianArm64},{BuiltInProfiles.DebianCloudArm64}"],
            ["none", "cma=256M crashkernel=128M"]);
        var result = SweepRunner.Run(grid, Bundled(), threads: 2);
        string bootargs = BootSimulator.Run(new BootOptions { Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64), Dtb = BundledBoards.VirtArm64() }).CommandLine;
        Assert.Contains("memblock=debug", bootargs, StringComparison.Ordinal); // the bundled board's /chosen/bootargs

        Assert.Equal(grid.Count, result.Rows.Count);
        foreach (var row in result.Rows)
        {
            Assert.True(row.Booted, row.Error);
            var profile = BuiltInProfiles.Get(row.Kernel);
            ulong @base = row.Index % 4 == 3 ? 0x8000_0000 : VirtRamBase;
            string cmdline = row.Parameters == "none" ? bootargs : CommandLineOverride.Parse(row.Parameters).ApplyTo(bootargs);
            var plain = BootSimulator.Run(new BootOptions { Profile = profile, Dtb = BundledBoards.VirtArm64(), Ram = [(@base, row.RamSize)], CommandLine = cmdline });
            Assert.Equal(@base, row.RamBase);
            Assert.Equal(plain.CommandLine, row.CommandLine);
            Assert.Equal(plain.RamBytes, row.RamBytes);
            Assert.Equal(plain.MemTotalKb, row.MemTotalKb);
            Assert.Equal(plain.MemoryLine, row.MemoryLine);
            Assert.Equal(plain.Costs, row.Costs);
            Assert.Equal((long)(plain.RamBytes / 1024) - (long)plain.MemTotalKb, row.NotInMemTotalKb);
        }
        // The parameter sets make a difference where they should: the crash kernel's 128 MiB leave MemTotal.
        var withCrash = result.Rows.Single(r => r.Kernel == BuiltInProfiles.DebianArm64 && r.Parameters != "none" && r.RamSize == 3072 * MiB);
        var without = result.Rows.Single(r => r.Kernel == BuiltInProfiles.DebianArm64 && r.Parameters == "none" && r.RamSize == 3072 * MiB);
        Assert.Equal(128 * 1024, (long)without.MemTotalKb - (long)withCrash.MemTotalKb);
        Assert.Equal(128L * (long)MiB, withCrash.CostOf("crash kernel"));
    }

    [Fact]
    public void Rows_ComeInGridOrder_AndAreTheSameOnOneThreadAndOnMany()
    {
        var grid = SweepGrid.Parse(["256M..2G/64M"], [], ["none", "cma=32M"]);
        var one = SweepRunner.Run(grid, Bundled(), threads: 1);
        var many = SweepRunner.Run(grid, Bundled(), threads: 4);
        Assert.Equal(Enumerable.Range(0, grid.Count), many.Rows.Select(r => r.Index));
        Assert.Equal(one.Rows.Select(r => (r.Index, r.RamSize, r.Parameters, r.MemTotalKb)), many.Rows.Select(r => (r.Index, r.RamSize, r.Parameters, r.MemTotalKb)));
        Assert.Equal(1, one.Threads);
        Assert.Equal(4, many.Threads);
        Assert.True(many.BootsPerSecond > 0);
    }

    [Fact]
    public void ABootThatCannotBeMade_SaysWhyInItsRow_AndTheOthersGoOn()
    {
        var result = SweepRunner.Run(SweepGrid.Parse(["8M,1G"], [], []), Bundled());
        var failed = result.Rows[0];
        Assert.False(failed.Booted);
        var expected = Assert.Throws<BootInputException>(() => BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64), Dtb = BundledBoards.VirtArm64(), Ram = [(VirtRamBase, 8 * MiB)],
        }));
        Assert.Equal(expected.Message, failed.Error);
        Assert.Equal(0UL, failed.MemTotalKb);
        Assert.Empty(failed.Costs);
        Assert.True(result.Rows[1].Booted);
        Assert.Equal(1, result.Failed);
        Assert.False(result.AllFailed);
        Assert.True(SweepRunner.Run(SweepGrid.Parse(["8M"], [], []), Bundled()).AllFailed);
    }

    [Fact]
    public void WithoutRam_EveryBootUsesTheDeviceTreesMemory_AndTheCommandLineReplacesBootargs()
    {
        var result = SweepRunner.Run(SweepGrid.Parse([], [], ["none", "mem=512M"]), Bundled("console=ttyAMA0"));
        var plain = BootSimulator.Run(new BootOptions { Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64), Dtb = BundledBoards.VirtArm64(), CommandLine = "console=ttyAMA0" });
        Assert.Equal(plain.MemTotalKb, result.Rows[0].MemTotalKb);
        Assert.False(result.Rows[0].RamGiven);
        Assert.Equal(1UL << 30, result.Rows[0].RamSize); // the bundled board's one 1 GiB bank
        Assert.Equal("console=ttyAMA0 mem=512M", result.Rows[1].CommandLine);
        Assert.True(result.Rows[1].RamBytes <= 512 * MiB);
    }

    [Fact]
    public void ASizeWithoutBase_OnATreeWithoutMemory_IsBadInput()
    {
        var w = new FdtWriter();
        w.BeginNode("").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2).BeginNode("chosen").EndNode().EndNode();
        var input = new SweepInput { Dtb = w.Finish(), Title = "no-memory.dtb" };
        var ex = Assert.Throws<BootInputException>(() => SweepRunner.Run(SweepGrid.Parse(["1G"], [], []), input));
        Assert.Contains("no-memory.dtb: the device tree has no /memory bank", ex.Message, StringComparison.Ordinal);
        // With a base, it boots.
        Assert.True(SweepRunner.Run(SweepGrid.Parse(["0x40000000:1G"], [], []), input).Rows[0].Booted);
    }

    [Fact]
    public void Categories_AreEveryCategorySeen_AndTheLargestComesFirstBySize()
    {
        var result = SweepRunner.Run(SweepGrid.Parse(["1G,4G"], [], ["none", "crashkernel=256M"]), Bundled());
        var seen = result.Rows.SelectMany(r => r.Costs.Select(c => c.Category)).Distinct().ToList();
        Assert.Equal(seen, result.Categories);
        Assert.Contains("crash kernel", result.Categories);
        Assert.Equal(seen.Order(StringComparer.Ordinal), result.CategoriesBySize.Order(StringComparer.Ordinal));
        var totals = result.CategoriesBySize.Select(c => result.Rows.Sum(r => r.CostOf(c))).ToList();
        Assert.Equal(totals.OrderByDescending(t => t), totals);
    }
}
