using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// <c>vmalloc=</c> on 32-bit ARM (arch/arm/mm/mmu.c early_vmalloc, adjust_lowmem_bounds): lowmem ends where the vmalloc
/// area begins, VMALLOC_END − size − VMALLOC_OFFSET, so a larger area moves the lowmem/highmem line down. The size is
/// memparsed into a 32-bit unsigned long and clamped to [16 MiB, VMALLOC_END − (PAGE_OFFSET + 32 MiB + VMALLOC_OFFSET)].
/// The default (240 MiB) is the recorded virt-armhf-2G-highmem boot, whose zones the real-boot tests check exactly.
/// </summary>
public sealed class Arm32VmallocTests
{
    private const ulong M = 1UL << 20, VmallocEnd = 0xFF80_0000UL, VmallocOffset = 8 * M;

    private static readonly RealBootCase Board = RealBootCase.Load("virt-armhf-2G-highmem");

    private static BootResult Boot(string profile, string extra) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(profile),
        Dtb = File.ReadAllBytes(Board.File("board.dtb")),
        CommandLine = (Board.CommandLine + " " + extra).Trim(),
    });

    // The rule: lowmem ends at PHYS_OFFSET + (VMALLOC_END − size − VMALLOC_OFFSET − PAGE_OFFSET).
    private static ulong LowmemEnd(KernelProfile p, ulong size) => 0x4000_0000UL + (VmallocEnd - size - VmallocOffset - p.PageOffset);

    private static (ulong LowEnd, ulong HighStart) ZoneLine(BootResult r)
    {
        var dma = r.Zones.Single(z => z.Name == "DMA");
        var high = r.Zones.Single(z => z.Name == "HighMem");
        return ((dma.StartPfn + dma.Spanned) * 4096, high.StartPfn * 4096);
    }

    [Theory]
    [InlineData("debian-6.1-armmp-lpae", "", 240UL, null)]
    [InlineData("debian-6.1-armmp-lpae", "vmalloc=512M", 512UL, null)]
    [InlineData("debian-6.1-armmp-lpae", "vmalloc=900M", 900UL, null)]
    [InlineData("debian-6.1-armmp-lpae", "vmalloc=8M", 16UL, "vmalloc area is too small, limiting to 16MiB")]
    [InlineData("debian-6.1-armmp-lpae", "vmalloc=4G", 16UL, "vmalloc area is too small, limiting to 16MiB")] // 4G truncates to 0
    [InlineData("debian-6.1-armmp-lpae", "vmalloc=1G vmalloc=128M", 128UL, "vmalloc area is too big, limiting to 976MiB")] // each is parsed; the last counts
    [InlineData("debian-6.12-armmp-lpae", "vmalloc=512M", 512UL, null)]
    [InlineData("debian-6.12-armmp-lpae", "vmalloc=1M", 16UL, "vmalloc area is too small, limiting to 16MiB")]
    public void Vmalloc_MovesTheLowmemHighmemLine(string profile, string extra, ulong sizeMb, string? message)
    {
        var p = BuiltInProfiles.Get(profile);
        var r = Boot(profile, extra);

        ulong end = LowmemEnd(p, sizeMb * M);
        Assert.Equal((end, end), ZoneLine(r));
        Assert.Contains($"  DMA      [mem 0x{0x4000_0000UL:x16}-0x{end - 1:x16}]", r.Log);
        if (message is null)
            Assert.DoesNotContain(r.Log, l => l.StartsWith("vmalloc area is", StringComparison.Ordinal));
        else
            Assert.Contains(message, r.Log);
        Assert.True(r.Exact);
    }

    [Fact]
    public void Vmalloc_Default_IsTheRecordedBootsLine()
    {
        var r = Boot("debian-6.1-armmp-lpae", "");
        var real = Board.Zones().Single(z => z.Zone == "HighMem");
        Assert.Equal(LowmemEnd(BuiltInProfiles.Get("debian-6.1-armmp-lpae"), 240 * M), ZoneLine(r).HighStart);
        Assert.Equal(real.Spanned, r.Zones.Single(z => z.Name == "HighMem").Spanned);
    }

    [Fact]
    public void Vmalloc_TooBig_IsClampedTo976M_LeavingLowmemTooSmallForTheMemmap()
    {
        // 976 MiB leaves 32 MiB of lowmem; the image and the 18 MiB flat memmap of 2 GiB do not fit, and the kernel panics.
        var e = Assert.Throws<BootInputException>(() => Boot("debian-6.1-armmp-lpae", "vmalloc=2G"));
        Assert.Contains("memmap_alloc", e.Message, StringComparison.Ordinal);
        Assert.Equal(0x4200_0000UL, LowmemEnd(BuiltInProfiles.Get("debian-6.1-armmp-lpae"), 976 * M));
    }
}
