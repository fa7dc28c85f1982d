using System.Globalization;
using System.Text.RegularExpressions;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// Every <c>crashkernel=</c> form on arm64 6.1 (arch/arm64/mm/init.c reserve_crashkernel) and 6.12 (kernel/crash_reserve.c
/// reserve_crashkernel_generic), and on 32-bit ARM (arch/arm/kernel/setup.c): which form wins, which window is searched,
/// and when a low part is added. 6.1 has no default low part and no fallback; 6.12 has both.
/// </summary>
public sealed partial class CrashKernelFormsTests
{
    private const ulong M = 1UL << 20, G = 1UL << 30, FourG = 4 * G;

    [GeneratedRegex(@"^crashkernel reserved: 0x([0-9a-f]{16}) - 0x([0-9a-f]{16}) \((\d+) MB\)$")]
    private static partial Regex ReservedLine();

    [GeneratedRegex(@"^crashkernel low memory reserved: 0x([0-9a-f]+) - 0x([0-9a-f]+) \((\d+) MB\)$")]
    private static partial Regex LowLine();

    // virt-arm64-4G: RAM 0x40000000-0x13fffffff, DMA limit 4 GiB.
    private static BootResult Boot4G(string profile, string extra)
    {
        var board = RealBootCase.Load("virt-arm64-4G");
        return BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(profile),
            Dtb = File.ReadAllBytes(board.File("board.dtb")),
            CommandLine = ("console=ttyAMA0 nokaslr " + extra).Trim(),
        });
    }

    // The same board given 8 GiB: 5 GiB above the DMA limit, under 3 GiB free below it.
    private static BootResult Boot8G(string profile, string extra) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(profile),
        Dtb = File.ReadAllBytes(RealBootCase.Load("virt-arm64-4G").File("board.dtb")),
        CommandLine = ("console=ttyAMA0 nokaslr " + extra).Trim(),
        Ram = [(0x4000_0000UL, 8 * G)],
    });

    private static (ulong Base, ulong End)? Region(BootResult r, Regex line)
    {
        foreach (var l in r.Log)
        {
            var m = line.Match(l);
            if (m.Success)
                return (ulong.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                        ulong.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
        return null;
    }

    private static long CrashBytes(BootResult r) => r.Costs.Where(c => c.Category == "crash kernel").Sum(c => c.Bytes);

    [Theory]
    [InlineData("debian-6.1-arm64", 0UL)]        // 6.1: ,high alone takes no low memory
    [InlineData("debian-6.12-arm64", 128UL)]     // 6.12: DEFAULT_CRASH_KERNEL_LOW_SIZE
    public void High_WithoutLow_TakesTheDefaultLowPartOfTheRelease(string profile, ulong lowMb)
    {
        var r = Boot4G(profile, "crashkernel=256M,high");

        var (b, e) = Region(r, ReservedLine()) ?? throw new Xunit.Sdk.XunitException("no crashkernel reserved line");
        Assert.Equal(256 * M, e - b);
        Assert.Equal(0UL, b % (2 * M));
        Assert.True(b >= FourG, $"0x{b:x} is below the DMA limit"); // the top of RAM is above 4 GiB on both releases
        var low = Region(r, LowLine());
        Assert.Equal(lowMb == 0, low is null);
        if (low is { } l)
        {
            Assert.Equal(lowMb * M, l.End - l.Base);
            Assert.True(l.End <= FourG);
        }
        Assert.Equal((long)((256 + lowMb) * M), CrashBytes(r));
        Assert.True(r.Exact);
    }

    [Theory]
    [InlineData("debian-6.1-arm64")]
    [InlineData("debian-6.12-arm64")]
    public void HighWithLow_TakesTheGivenLowPart(string profile)
    {
        var r = Boot4G(profile, "crashkernel=256M,high crashkernel=64M,low");

        var low = Region(r, LowLine()) ?? throw new Xunit.Sdk.XunitException("no low part");
        Assert.Equal(64 * M, low.End - low.Base);
        Assert.True(low.End <= FourG);
        Assert.Equal((long)(320 * M), CrashBytes(r));
    }

    [Theory]
    [InlineData("debian-6.1-arm64")]
    [InlineData("debian-6.12-arm64")]
    public void PlainForm_WinsOverHigh_AndStaysBelowTheDmaLimit(string profile)
    {
        var r = Boot4G(profile, "crashkernel=128M crashkernel=256M,high crashkernel=64M,low");

        var (b, e) = Region(r, ReservedLine()) ?? throw new Xunit.Sdk.XunitException("no crashkernel reserved line");
        Assert.Equal(128 * M, e - b);
        Assert.True(e <= FourG);
        Assert.Null(Region(r, LowLine()));
        Assert.Equal((long)(128 * M), CrashBytes(r));
    }

    [Theory]
    [InlineData("debian-6.1-arm64")]
    [InlineData("debian-6.12-arm64")]
    public void LowOnly_ReservesNothing(string profile)
    {
        var r = Boot4G(profile, "crashkernel=64M,low");

        Assert.DoesNotContain(r.Log, l => l.StartsWith("crashkernel", StringComparison.Ordinal));
        Assert.Equal(0, CrashBytes(r));
    }

    [Fact]
    public void PlainTooLargeForLowMemory_61Fails_612FallsBackAboveTheDmaLimitWithTheDefaultLowPart()
    {
        var old = Boot8G("debian-6.1-arm64", "crashkernel=3G");
        Assert.Contains("cannot allocate crashkernel (size:0xc0000000)", old.Log);
        Assert.Equal(0, CrashBytes(old));

        var now = Boot8G("debian-6.12-arm64", "crashkernel=3G");
        var (b, e) = Region(now, ReservedLine()) ?? throw new Xunit.Sdk.XunitException("no crashkernel reserved line");
        Assert.Equal(3 * G, e - b);
        Assert.True(b >= FourG);
        var low = Region(now, LowLine()) ?? throw new Xunit.Sdk.XunitException("no low part");
        Assert.Equal(128 * M, low.End - low.Base);
        Assert.Equal((long)(3 * G + 128 * M), CrashBytes(now));
    }

    [Theory]
    [InlineData("debian-6.1-arm64", "cannot allocate crashkernel (size:0x8000000)")]
    [InlineData("debian-6.12-arm64", "crashkernel reservation failed - memory is in use.")]
    public void FixedBaseInUse_FailsWithTheReleasesLine(string profile, string line)
    {
        // The kernel image sits at 0x40200000: a region there is taken.
        var r = Boot4G(profile, "crashkernel=128M@0x40000000");

        Assert.Contains(line, r.Log);
        Assert.Equal(0, CrashBytes(r));
    }

    [Theory]
    [InlineData("debian-6.1-arm64")]
    [InlineData("debian-6.12-arm64")]
    public void FixedBase_IsTakenExactly(string profile)
    {
        var r = Boot4G(profile, "crashkernel=128M@0x80000000");

        Assert.Equal((0x8000_0000UL, 0x8800_0000UL), Region(r, ReservedLine()));
    }

    [Theory]
    [InlineData("debian-6.1-armmp-lpae")]
    [InlineData("debian-6.12-armmp-lpae")]
    public void OnArm32_OnlyThePlainFormCounts(string profile)
    {
        var board = RealBootCase.Load("virt-armhf-2G-highmem");
        BootResult Boot(string extra) => BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(profile),
            Dtb = File.ReadAllBytes(board.File("board.dtb")),
            CommandLine = board.CommandLine + " " + extra,
        });

        Assert.Equal(0, CrashBytes(Boot("crashkernel=64M,high crashkernel=32M,low")));
        var both = Boot("crashkernel=64M crashkernel=128M,high");
        Assert.Contains(both.Log, l => l.StartsWith("Reserving 64MB of memory at ", StringComparison.Ordinal));
        Assert.Equal((long)(64 * M), CrashBytes(both));
    }

    [Fact]
    public void Ranges_MatchTheRamRoundedUpTo128M()
    {
        // parse_crashkernel_mem rounds the system RAM up to 128 MiB: 1 GiB less a page still picks the 1G- range.
        var cmd = KernelCommandLine.Parse("crashkernel=512M-1G:64M,1G-:128M");
        Assert.Equal((ulong?)(128 * M), cmd.CrashKernelSizeFor(G - 4096).Size);
        Assert.Equal((ulong?)(64 * M), cmd.CrashKernelSizeFor(1023 * M - 128 * M).Size);
    }
}
