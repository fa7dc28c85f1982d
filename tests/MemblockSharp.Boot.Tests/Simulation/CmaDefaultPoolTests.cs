using System.Globalization;
using System.Text.RegularExpressions;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// <c>cma=</c> next to a device tree's <c>linux,cma-default</c> pool (kernel/dma/contiguous.c, drivers/of/of_reserved_mem.c):
/// the pool is allocated first (early_init_fdt_scan_reserved_mem); with <c>cma=</c> on the command line its handler
/// refuses it ("bypass"), so does the coherent-pool handler (it is reusable), and fdt_init_reserved_mem frees its memory
/// again ("compatible matching fail"). Then dma_contiguous_reserve reserves the command line's area, or none for cma=0.
/// Checked on the Raspberry Pi 3 B's own DTB, whose pool is a dynamic 64 MiB shared-dma-pool.
/// </summary>
public sealed partial class CmaDefaultPoolTests
{
    private const ulong M = 1UL << 20;

    [GeneratedRegex(@"(\d+)K reserved, (\d+)K cma-reserved")]
    private static partial Regex ReservedFigures();

    private static BootResult Boot(string profile, string cmdline) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(profile),
        Dtb = File.ReadAllBytes(TestData.Path("dtbs", "arm64", "broadcom", "bcm2837-rpi-3-b.dtb")),
        CommandLine = cmdline,
    });

    private static (ulong ReservedKb, ulong CmaKb) Figures(BootResult r)
    {
        var m = ReservedFigures().Match(r.MemoryLine);
        Assert.True(m.Success, r.MemoryLine);
        return (ulong.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), ulong.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    // The pool the DT-only boot created: "Reserved memory: created CMA memory pool at BASE, size N MiB".
    private static (ulong Base, ulong Size) CreatedPool(BootResult r)
    {
        string line = Assert.Single(r.Log, l => l.StartsWith("Reserved memory: created CMA memory pool at ", StringComparison.Ordinal));
        var m = Regex.Match(line, "at 0x([0-9a-f]+), size ([0-9]+) MiB");
        return (ulong.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * M);
    }

    private static ulong ReservedBytesIn(BootResult r, ulong @base, ulong size)
    {
        ulong total = 0;
        foreach (var x in r.Reserved)
        {
            if (x.End > @base && x.Base < @base + size)
                total += Math.Min(x.End, @base + size) - Math.Max(x.Base, @base);
        }
        return total;
    }

    [Theory]
    [InlineData("debian-6.1-arm64")]
    [InlineData("debian-6.12-arm64")]
    public void WithoutCmaParameter_TheDtPoolIsTheDefaultArea(string profile)
    {
        var r = Boot(profile, "console=ttyS0");
        var (@base, size) = CreatedPool(r);

        Assert.Equal(64 * M, size); // the DTB's size = <0x4000000>
        Assert.Equal(size / 1024, Figures(r).CmaKb);
        Assert.DoesNotContain(r.Log, l => l.StartsWith("cma: Reserved", StringComparison.Ordinal)); // no second area
        Assert.Equal(size, ReservedBytesIn(r, @base, size));
        Assert.True(r.Exact);
    }

    [Theory]
    [InlineData("debian-6.1-arm64")]
    [InlineData("debian-6.12-arm64")]
    public void CmaOnTheCommandLine_BypassesThePool_FreesIt_AndReservesOnlyItsOwnArea(string profile)
    {
        var plain = Boot(profile, "console=ttyS0");
        var (_, poolSize) = CreatedPool(plain);
        var r = Boot(profile, "console=ttyS0 cma=32M");

        Assert.Contains("Reserved memory: bypass linux,cma node, using cmdline CMA params instead", r.Log);
        Assert.Contains("OF: reserved mem: node linux,cma compatible matching fail", r.Log);
        Assert.Single(r.Log, l => l.StartsWith("cma: Reserved 32 MiB at ", StringComparison.Ordinal));
        Assert.Equal(32 * M / 1024, Figures(r).CmaKb);
        // The freed pool is memory again: the reservations that follow may reuse it (top-down, they do), so the whole
        // reserved table holds the new area and the other early allocations, not the old pool as well.
        ulong reservedTotal = 0, plainTotal = 0;
        foreach (var x in r.Reserved) reservedTotal += x.Size;
        foreach (var x in plain.Reserved) plainTotal += x.Size;
        Assert.InRange((long)reservedTotal - (long)plainTotal, -(long)(poolSize - 32 * M) - (long)M, -(long)(poolSize - 32 * M) + (long)M);
        // Nothing is lost: the memory outside CMA that the kernel keeps is what the DT-only boot keeps (give or take the
        // few pages the other early allocations move by), not 64 MiB more.
        Assert.InRange((long)Figures(r).ReservedKb - (long)Figures(plain).ReservedKb, -1024, 1024);
        Assert.True(r.Exact);
    }

    [Theory]
    [InlineData("debian-6.1-arm64")]
    [InlineData("debian-6.12-arm64")]
    public void CmaZero_DropsThePool_AndReservesNoArea(string profile)
    {
        var plain = Boot(profile, "console=ttyS0");
        var r = Boot(profile, "console=ttyS0 cma=0");

        Assert.Contains("Reserved memory: bypass linux,cma node, using cmdline CMA params instead", r.Log);
        Assert.Contains("OF: reserved mem: node linux,cma compatible matching fail", r.Log);
        Assert.DoesNotContain(r.Log, l => l.StartsWith("cma: ", StringComparison.Ordinal));
        Assert.Equal(0UL, Figures(r).CmaKb);
        Assert.InRange((long)Figures(r).ReservedKb - (long)Figures(plain).ReservedKb, -1024, 1024);
        // The pool's pages, CMA before, are now ordinary memory: MemTotal keeps them (CMA pages count in MemTotal too).
        Assert.InRange((long)r.MemTotalKb - (long)plain.MemTotalKb, -1024, 1024);
    }
}
