using System.Globalization;
using System.Text.RegularExpressions;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// The BCM2711 boards (Raspberry Pi 4 B, 400, CM4): their <c>/soc</c> <c>dma-ranges</c> reach only the first GiB, so arm64's
/// <c>zone_sizes_init</c> ends ZONE_DMA there, and swiotlb, the crash kernel and a command-line CMA area go below it.
/// Checked against the kernel's rule (arch/arm64/mm/init.c of 6.1 and 6.12) and two real Raspberry Pi 4 boots
/// (tests/data/params/SOURCES.md: a 2 GiB board on 6.1.72 and a 4 GiB board on 6.1.61 print the same zone table and a
/// 64 MiB bounce buffer below 1 GiB).
/// </summary>
public sealed partial class DmaRangesBootTests
{
    public static readonly TheoryData<string> Boards = new() { "bcm2711-rpi-4-b.dtb", "bcm2711-rpi-400.dtb", "bcm2711-rpi-cm4-io.dtb" };

    // The banks the Raspberry Pi firmware writes into /memory for each size (the GPU's share ends the first bank at
    // 0x3b400000; the 4 and 8 GiB boards lose 0xfc000000-0xffffffff to peripherals).
    private static (ulong, ulong)[] Banks(int gib) => gib switch
    {
        1 => [(0, 0x3b400000)],
        2 => [(0, 0x3b400000), (0x40000000, 0x40000000)],
        4 => [(0, 0x3b400000), (0x40000000, 0xbc000000)],
        8 => [(0, 0x3b400000), (0x40000000, 0xbc000000), (0x1_0000_0000, 0x1_0000_0000)],
        _ => throw new ArgumentOutOfRangeException(nameof(gib)),
    };

    internal static BootResult Boot(string dtb, int gib, string profile = BuiltInProfiles.DebianArm64, string cmdline = "console=ttyS0") =>
        BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(profile),
            Dtb = File.ReadAllBytes(TestData.Path("params", dtb)),
            Ram = Banks(gib),
            CommandLine = cmdline,
        });

    private static List<string> ZoneTable(BootResult r)
    {
        int at = r.Log.ToList().IndexOf("Zone ranges:");
        return r.Log.Skip(at + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
    }

    public static readonly TheoryData<string, int, string, string, string> ZoneTables = Tables();

    private static TheoryData<string, int, string, string, string> Tables()
    {
        var data = new TheoryData<string, int, string, string, string>();
        foreach (string dtb in new[] { "bcm2711-rpi-4-b.dtb", "bcm2711-rpi-400.dtb", "bcm2711-rpi-cm4-io.dtb" })
        {
            data.Add(dtb, 1, "  DMA      [mem 0x0000000000000000-0x000000003b3fffff]", "  DMA32    empty", "  Normal   empty");
            data.Add(dtb, 2, "  DMA      [mem 0x0000000000000000-0x000000003fffffff]", "  DMA32    [mem 0x0000000040000000-0x000000007fffffff]", "  Normal   empty");
            data.Add(dtb, 4, "  DMA      [mem 0x0000000000000000-0x000000003fffffff]", "  DMA32    [mem 0x0000000040000000-0x00000000fbffffff]", "  Normal   empty");
            data.Add(dtb, 8, "  DMA      [mem 0x0000000000000000-0x000000003fffffff]", "  DMA32    [mem 0x0000000040000000-0x00000000ffffffff]", "  Normal   [mem 0x0000000100000000-0x00000001ffffffff]");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ZoneTables))]
    public void ZoneTable_EndsDmaAtTheFirstGiB_BothReleases(string dtb, int gib, string dma, string dma32, string normal)
    {
        foreach (string profile in new[] { BuiltInProfiles.DebianArm64, BuiltInProfiles.DebianArm64V612 })
        {
            var table = ZoneTable(Boot(dtb, gib, profile));
            Assert.Equal([dma, dma32, normal], table.Take(3));
        }
    }

    [Fact]
    public void ZoneTable_MatchesTheRealRaspberryPi4Boots()
    {
        foreach (var (log, gib) in new[] { ("rpi4-2g-6.1.72-v8-dmesg.txt", 2), ("rpi4-4g-6.1.61-v8-dmesg.txt", 4) })
        {
            var real = File.ReadAllLines(TestData.Path("params", log)).Select(StripTime).ToList();
            int at = real.IndexOf("Zone ranges:");
            var expected = real.Skip(at + 1).Take(3).ToList();
            Assert.Equal(expected, ZoneTable(Boot("bcm2711-rpi-4-b.dtb", gib)).Take(3));
        }
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Swiotlb_Of64MiB_LiesBelowTheFirstGiB_From2GiB(string dtb)
    {
        foreach (int gib in new[] { 2, 4, 8 })
        {
            var (start, end, mb) = Swiotlb(Boot(dtb, gib));
            Assert.Equal(64UL, mb);
            Assert.True(end <= 0x4000_0000UL, $"{dtb} {gib} GiB: swiotlb ends at {end:x}");
            Assert.Equal(64UL << 20, end - start);
        }
    }

    [Fact]
    public void Swiotlb_Like_TheRealBoards_LiesRightBelowTheTopOfTheFirstBankNotTakenByCma()
    {
        // The real boards' vendor DT puts CMA elsewhere, so their buffer sits at the very top of the first bank
        // (0x37400000-0x3b400000); Debian's DT puts its 64 MiB CMA pool there, so the buffer lies right below it.
        var r = Boot("bcm2711-rpi-4-b.dtb", 4);
        Assert.Contains("Reserved memory: created CMA memory pool at 0x0000000037400000, size 64 MiB", r.Log);
        Assert.Equal((0x33400000UL, 0x37400000UL, 64UL), Swiotlb(r));
    }

    [Fact]
    public void Swiotlb_IsTheMemTotalDifference_AgainstADmaWindowThatCoversAllRam()
    {
        // The same 4 GiB board without its DMA limit (QEMU-like) needs no bounce buffer on 6.1: MemTotal is higher by
        // the buffer and its slot metadata (whole pages).
        var limited = Boot("bcm2711-rpi-4-b.dtb", 4);
        var swiotlbCost = limited.Costs.Where(c => c.Category == "swiotlb").Sum(c => (double)c.Bytes);
        Assert.True(swiotlbCost >= 64 << 20);
        var unlimited = BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64),
            Dtb = WithoutDmaRanges(File.ReadAllBytes(TestData.Path("params", "bcm2711-rpi-4-b.dtb"))),
            Ram = Banks(4),
            CommandLine = "console=ttyS0",
        });
        Assert.DoesNotContain(unlimited.Log, l => l.StartsWith("software IO TLB", StringComparison.Ordinal));
        Assert.Equal((ulong)Math.Round(swiotlbCost / 1024), unlimited.MemTotalKb - limited.MemTotalKb);
    }

    [Fact]
    public void Swiotlb_On1GiB_IsNotNeededOn61_AndShrinksTo1MiBPerGiBOn612()
    {
        var r61 = Boot("bcm2711-rpi-4-b.dtb", 1);
        Assert.DoesNotContain(r61.Log, l => l.StartsWith("software IO TLB", StringComparison.Ordinal));
        var r612 = Boot("bcm2711-rpi-4-b.dtb", 1, BuiltInProfiles.DebianArm64V612);
        Assert.Contains("software IO TLB: SWIOTLB bounce buffer size adjusted to 0MB", r612.Log);
    }

    [Theory]
    [InlineData(BuiltInProfiles.DebianArm64)]
    [InlineData(BuiltInProfiles.DebianArm64V612)]
    public void CrashKernel_GoesBelowTheDmaLimit(string profile)
    {
        var r = Boot("bcm2711-rpi-4-b.dtb", 4, profile, "console=ttyS0 crashkernel=256M");
        var line = r.Log.Single(l => l.StartsWith("crashkernel reserved:", StringComparison.Ordinal));
        var m = CrashLine().Match(line);
        Assert.True(m.Success, line);
        ulong end = ulong.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.True(end <= 0x4000_0000UL, line);
    }

    [Fact]
    public void CommandLineCma_ReplacesTheDtPool_AndGoesBelowTheDmaLimit()
    {
        var r = Boot("bcm2711-rpi-4-b.dtb", 4, cmdline: "console=ttyS0 cma=128M");
        Assert.Contains("Reserved memory: bypass linux,cma node, using cmdline CMA params instead", r.Log);
        var line = r.Log.Single(l => l.StartsWith("cma: Reserved 128 MiB at ", StringComparison.Ordinal));
        ulong at = ulong.Parse(line["cma: Reserved 128 MiB at 0x".Length..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.True(at + (128UL << 20) <= 0x4000_0000UL, line);
    }

    [Fact]
    public void On612_ADmaLimitThatIsNotAPowerOfTwo_IsKept_Where61RoundsItToBits()
    {
        // /soc reaching 0..0x2fffffff: 6.1 takes fls64 = 30 bits (1 GiB), 6.12 the address itself.
        byte[] dtb = WithDmaRangesSize(File.ReadAllBytes(TestData.Path("params", "bcm2711-rpi-4-b.dtb")), 0x30000000);
        BootResult Run(string profile) => BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(profile), Dtb = dtb, Ram = Banks(4), CommandLine = "console=ttyS0",
        });
        Assert.Equal("  DMA      [mem 0x0000000000000000-0x000000003fffffff]", ZoneTable(Run(BuiltInProfiles.DebianArm64))[0]);
        Assert.Equal("  DMA      [mem 0x0000000000000000-0x000000002fffffff]", ZoneTable(Run(BuiltInProfiles.DebianArm64V612))[0]);
    }

    private static (ulong Start, ulong End, ulong Mb) Swiotlb(BootResult r)
    {
        var line = r.Log.Single(l => l.StartsWith("software IO TLB: mapped", StringComparison.Ordinal));
        var m = SwiotlbLine().Match(line);
        Assert.True(m.Success, line);
        return (Hex(m.Groups[1].Value), Hex(m.Groups[2].Value), ulong.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    private static ulong Hex(string s) => ulong.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string StripTime(string line) => TimeStamp().Replace(line, "");

    // Every dma-ranges property renamed (same length), so no bus limits DMA.
    private static byte[] WithoutDmaRanges(byte[] dtb) => ReplaceAll(dtb, "dma-ranges\0"u8.ToArray(), "dmx-ranges\0"u8.ToArray());

    // /soc's dma-ranges <0xc0000000 0x0 0x0 0x40000000> with another size.
    private static byte[] WithDmaRangesSize(byte[] dtb, uint size)
    {
        byte[] from = [0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0];
        byte[] to = (byte[])from.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(to.AsSpan(12), size);
        byte[] result = ReplaceAll(dtb, from, to);
        Assert.NotEqual(dtb, result);
        return result;
    }

    private static byte[] ReplaceAll(byte[] data, byte[] from, byte[] to)
    {
        byte[] copy = (byte[])data.Clone();
        for (int i = 0; i + from.Length <= copy.Length; i++)
        {
            if (copy.AsSpan(i, from.Length).SequenceEqual(from))
                to.CopyTo(copy, i);
        }
        return copy;
    }

    [GeneratedRegex(@"mapped \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] \((\d+)MB\)")]
    private static partial Regex SwiotlbLine();

    [GeneratedRegex(@"crashkernel reserved: 0x([0-9a-f]+) - 0x([0-9a-f]+)")]
    private static partial Regex CrashLine();

    [GeneratedRegex(@"^\[\s*\d+\.\d+\]\s")]
    private static partial Regex TimeStamp();
}
