using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Tests.Simulation;

public sealed class BootReportTests
{
    [Fact]
    public void BundledBoard_IsTheRecordedVirtArm64Dtb()
    {
        var c = RealBootCase.Load("virt-arm64-1G");
        Assert.Equal(File.ReadAllBytes(c.File("board.dtb")), BundledBoards.VirtArm64());
    }

    [Fact]
    public void Text_EndsWithTheSummary()
    {
        var result = BootSimulator.Run(new BootOptions { Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64), Dtb = BundledBoards.VirtArm64() });
        var text = BootReport.Text(result, "x");
        Assert.Contains("Memory: " + result.MemoryLine + "\n", text, StringComparison.Ordinal);
        Assert.Contains("  MemTotal                 982532 kB", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DtbWithoutMemoryAndNoRam_IsABootInputError()
    {
        // A board DTB whose RAM the bootloader fills in (INDEX.tsv: "no memory node").
        var dtb = File.ReadAllBytes(MemblockSharp.Testing.TestData.Path("dtbs", "arm64", "allwinner", "sun50i-a100-allwinner-perf1.dtb"));
        var options = new BootOptions { Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64), Dtb = dtb };
        var ex = Assert.Throws<BootInputException>(() => BootSimulator.Run(options));
        Assert.Contains("--ram", ex.Message, StringComparison.Ordinal);
        var booted = BootSimulator.Run(options with { Ram = [(0x4000_0000UL, 1UL << 30)], CommandLine = "console=ttyS0" });
        // Smaller than the recorded minimal boot of 1 GiB only by what it lacks (1 MiB padded DTB, initrd).
        Assert.InRange(booted.MemTotalKb, RealBootCase.Load("virt-arm64-1G-minimal-cmdline").MemTotalKb, 1UL << 20);
    }

    [Fact]
    public void Run_RamOverride_ReplacesTheDtMemory()
    {
        var result = BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64),
            Dtb = BundledBoards.VirtArm64(),
            Ram = [(0x4000_0000UL, 2UL << 30)],
        });
        // Same as the recorded 2 GiB boot, whose DTB differs only in its memory node and seeds.
        Assert.Equal(RealBootCase.Load("virt-arm64-2G").MemTotalKb, result.MemTotalKb);
    }
}

public sealed class ReservedMemoryBoardTests
{
    [Fact]
    public void StaticNodesWithOddAlignmentCells_AreStillReserved()
    {
        // TI's k3 boards give 1-cell 'alignment' to static nodes; only dynamic nodes read it.
        var path = Directory.GetFiles(MemblockSharp.Testing.TestData.Path("dtbs"), "k3-am654-base-board.dtb", SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(path);
        var tree = FlattenedDeviceTree.Parse(bytes);
        var statics = tree.FindNode("/reserved-memory")!.Children
            .Where(n => n.IsAvailable && n.HasProperty("reg"))
            .SelectMany(n => n.ReadReg().Select(r => (r.Address, r.Size, NoMap: n.HasProperty("no-map")))).ToList();
        Assert.NotEmpty(statics);
        var result = BootSimulator.Run(new BootOptions
        {
            Profile = MemblockSharp.Boot.Profiles.BuiltInProfiles.Get(MemblockSharp.Boot.Profiles.BuiltInProfiles.DebianArm64),
            Dtb = bytes,
            CommandLine = "console=ttyS2",
        });
        foreach (var reg in statics)
        {
            if (reg.NoMap)
                Assert.Contains(result.Memory, r => r.Flags.HasFlag(MemblockFlags.NoMap) && r.Base <= reg.Address && reg.Address + reg.Size <= r.End);
            else
                Assert.Contains(result.Reserved, r => r.Base <= reg.Address && reg.Address + reg.Size <= r.End);
        }
    }
}
