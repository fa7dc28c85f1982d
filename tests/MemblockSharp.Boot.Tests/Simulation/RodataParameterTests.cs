using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// <c>rodata=</c> on arm64: with rodata_full (CONFIG_RODATA_FULL_DEFAULT_ENABLED, <c>rodata=full</c>) map_mem maps the
/// linear map with pages only, a PTE table per 2 MiB and a PMD table per 1 GiB; <c>rodata=off</c> and <c>rodata=on</c>
/// clear rodata_full, so whole 1 GiB stretches become PUD blocks and whole 2 MiB chunks PMD blocks, and only the chunks
/// around the kernel's hole in the map (its <c>[_stext, __init_begin)</c> alias is mapped apart) need tables.
/// </summary>
public sealed class RodataParameterTests
{
    private const ulong SZ_2M = 2UL << 20, SZ_1G = 1UL << 30;

    private static BootResult Boot(RealBootCase c, string cmdline) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(c.ProfileName),
        Dtb = File.ReadAllBytes(c.File("board.dtb")),
        CommandLine = cmdline,
    });

    // The page-table pages map_mem takes below its PUD table for one bank [ram, ramEnd) (both 1 GiB aligned, as on
    // QEMU virt) holding the kernel's hole [hole, holeEnd), whose alias is mapped afterwards with blocks allowed: by
    // pages, every GiB and every 2 MiB chunk but those wholly inside the hole; by blocks, the GiB of the hole and the
    // chunks its two ends cut.
    private static ulong LinearMapTables(ulong ram, ulong ramEnd, ulong hole, ulong holeEnd, bool byPages)
    {
        if (byPages)
        {
            ulong insideHole = holeEnd / SZ_2M - (hole + SZ_2M - 1) / SZ_2M;
            return (ramEnd - ram) / SZ_2M - insideHole + (ramEnd - ram) / SZ_1G;
        }
        ulong cut = (hole % SZ_2M != 0 ? 1UL : 0) + (holeEnd % SZ_2M != 0 && holeEnd / SZ_2M != hole / SZ_2M ? 1UL : 0);
        return 1 + cut;
    }

    // QEMU loads the Image 2 MiB into RAM; the linear map leaves out [start, __init_begin) of it.
    private static (ulong Hole, ulong HoleEnd) KernelHole(KernelProfile p, ulong ram, ulong start)
    {
        ulong kernelPhys = ram + SZ_2M;
        return (start - p.Image.Text + kernelPhys, p.Image.InitBegin - p.Image.Text + kernelPhys);
    }

    [Theory]
    [InlineData("rodata=off")]
    [InlineData("rodata=on")]
    public void On4GiB_ClearingRodataFull_GivesBackThePageTablesOfTheBlockMappedLinearMap(string parameter)
    {
        var real = RealBootCase.Load("virt-arm64-4G");
        var p = BuiltInProfiles.Get(real.ProfileName);
        const ulong ram = 0x4000_0000, ramEnd = 0x1_4000_0000;
        var (hole, holeEnd) = KernelHole(p, ram, p.Image.SText);
        ulong saved = LinearMapTables(ram, ramEnd, hole, holeEnd, byPages: true) - LinearMapTables(ram, ramEnd, hole, holeEnd, byPages: false);

        var plain = Boot(real, real.CommandLine);
        var result = Boot(real, real.CommandLine + " " + parameter);

        Assert.Equal(real.MemTotalKb, plain.MemTotalKb);
        Assert.Equal(real.MemTotalKb + saved * p.PageSize / 1024, result.MemTotalKb);
        Assert.True(result.Exact);
    }

    [Fact]
    public void RodataFull_IsTheDefaultOfTheseKernels_AndChangesNothing()
    {
        var real = RealBootCase.Load("virt-arm64-2G");

        var result = Boot(real, real.CommandLine + " rodata=full");

        Assert.Equal(real.MemTotalKb, result.MemTotalKb);
        Assert.Equal(real.MemoryLine, result.MemoryLine);
    }

    [Fact]
    public void TheLastValueCounts()
    {
        var real = RealBootCase.Load("virt-arm64-2G");

        Assert.Equal(real.MemTotalKb, Boot(real, real.CommandLine + " rodata=off rodata=full").MemTotalKb);
        Assert.NotEqual(real.MemTotalKb, Boot(real, real.CommandLine + " rodata=full rodata=off").MemTotalKb);
    }

    [Fact]
    public void In61_CrashkernelKeepsTheLinearMapByPages_SoRodataOffChangesNothing()
    {
        // crash_mem_map: the reservation is deferred (ZONE_DMA/DMA32 are built), so map_mem cannot leave blocks out.
        var real = RealBootCase.Load("virt-arm64-1G-crashkernel128M");

        var result = Boot(real, real.CommandLine + " rodata=off");

        Assert.Equal(real.MemTotalKb, result.MemTotalKb);
        Assert.Equal(real.MemoryLine, result.MemoryLine);
    }

    [Fact]
    public void In612_CrashkernelNoLongerForcesPages_SoRodataOffGivesTheTablesBack()
    {
        var real = RealBootCase.Load(RealBootCase.Set612, "virt-arm64-1G-crashkernel128M");
        var p = BuiltInProfiles.Get(real.ProfileName);
        const ulong ram = 0x4000_0000, ramEnd = 0x8000_0000;
        var (hole, holeEnd) = KernelHole(p, ram, p.Image.Text); // 6.12 leaves out [_text, __init_begin)
        ulong saved = LinearMapTables(ram, ramEnd, hole, holeEnd, byPages: true) - LinearMapTables(ram, ramEnd, hole, holeEnd, byPages: false);

        var plain = Boot(real, real.CommandLine);
        var result = Boot(real, real.CommandLine + " rodata=off");

        Assert.Equal(plain.MemTotalKb + saved * p.PageSize / 1024, result.MemTotalKb);
    }

    [Theory]
    [InlineData("rodata=yes", "yes")]
    [InlineData("rodata", "(null)")]
    public void AnInvalidValue_IsReportedAsTheKernelDoes_AndChangesNothing(string parameter, string shown)
    {
        var real = RealBootCase.Load("virt-arm64-1G");

        var result = Boot(real, real.CommandLine + " " + parameter);

        Assert.Contains($"Invalid option string for rodata: '{shown}'", result.Log);
        Assert.Equal(real.MemTotalKb, result.MemTotalKb);
    }

    [Fact]
    public void OnArm32_RodataChangesNoMemory_AndFullIsNotAValue()
    {
        var real = RealBootCase.Load("virt-armhf-512M");

        var off = Boot(real, real.CommandLine + " rodata=off");
        var full = Boot(real, real.CommandLine + " rodata=full");

        Assert.Equal(real.MemTotalKb, off.MemTotalKb);
        Assert.DoesNotContain(off.Log, l => l.StartsWith("Invalid option string for rodata", StringComparison.Ordinal));
        Assert.Contains("Invalid option string for rodata: 'full'", full.Log);
        Assert.True(off.Exact);
    }
}
