using System.Globalization;
using System.Text.RegularExpressions;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using Xunit.Abstractions;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// The recorded Linux 6.12 boots (tests/data/realboot-6.12), simulated from their board.dtb, command line and the
/// built-in 6.12 profile, against what the kernel printed and left in debugfs.
/// </summary>
public sealed partial class RealBoot612SimulationTests(ITestOutputHelper output)
{
    // The boots the 6.12 flow reproduces exactly (MemTotal, Memory: line, zones, reserved table, trace): all 18.
    private static readonly string[] Exact =
    [
        "virt-arm64-1G", "virt-arm64-1G-crashkernel128M", "virt-arm64-1G-memreserve", "virt-arm64-1G-minimal-cmdline",
        "virt-arm64-1G-reserved-memory", "virt-arm64-256M", "virt-arm64-2G", "virt-arm64-2G-cma64M", "virt-arm64-2G-mem1G",
        "virt-arm64-3G-numa-2G-1G", "virt-arm64-4G", "virt-arm64-512M", "virt-arm64cloud-1G", "virt-armhf-2G-highmem",
        "virt-armhf-512M", "virt-arm64-16k-1G", "virt-arm64-16k-4G",
        "virt-arm64-2G-uefi-dt",
    ];

    public static TheoryData<string> ExactCases() => new(Exact);

    public static TheoryData<string> ExactTracedCases() =>
        new(Exact.Where(n => RealBootCase.Load(RealBootCase.Set612, n).CommandLine.Contains("memblock=debug", StringComparison.Ordinal)));

    private static BootResult Simulate(RealBootCase c, bool trace = false) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(c.ProfileName),
        Dtb = File.ReadAllBytes(c.File("board.dtb")),
        CommandLine = c.CommandLine,
        EfiLog = c.IsUefi ? c.Log : null,
        Trace = trace,
    });

    [Fact]
    public void EveryRecordedBoot_IsListedAsExactOrNamedAsNot()
    {
        var all = RealBootCase.Names(RealBootCase.Set612).ToList();
        Assert.Equal(18, all.Count);
        Assert.All(Exact, n => Assert.Contains(n, all));
        Assert.Equal(all.Order(StringComparer.Ordinal), Exact.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ExactCases))]
    public void MemTotal_IsExact(string name)
    {
        var c = RealBootCase.Load(RealBootCase.Set612, name);
        var result = Simulate(c);
        output.WriteLine($"predicted {result.MemTotalKb} kB, real {c.MemTotalKb} kB");
        Assert.Equal(c.MemTotalKb, result.MemTotalKb);
    }

    [Theory]
    [MemberData(nameof(ExactCases))]
    public void MemoryLine_IsExactBeyondTheFreeFigure(string name)
    {
        // 6.12 prints the line late with nr_free_pages(): the pages the slab and other allocators took after
        // memblock_free_all are not modelled, so the first figure is an upper bound; every other figure is exact.
        var c = RealBootCase.Load(RealBootCase.Set612, name);
        var result = Simulate(c);
        output.WriteLine($"predicted: {result.MemoryLine}\nreal:      {c.MemoryLine}");
        var predicted = FreeFigure().Match(result.MemoryLine);
        var real = FreeFigure().Match(c.MemoryLine);
        Assert.Equal(real.Groups[2].Value, predicted.Groups[2].Value);
        ulong freeReal = ulong.Parse(real.Groups[1].Value, CultureInfo.InvariantCulture);
        ulong freeBound = ulong.Parse(predicted.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(freeReal, freeBound - Math.Min(freeBound, 16UL << 10), freeBound);
    }

    [Theory]
    [MemberData(nameof(ExactCases))]
    public void Zones_SpannedPresentManaged_AreExact(string name)
    {
        var c = RealBootCase.Load(RealBootCase.Set612, name);
        var result = Simulate(c);
        var real = c.Zones();
        Assert.Equal(real.Count, result.Zones.Count);
        foreach (var (node, zone, spanned, present, managed) in real)
        {
            var z = Assert.Single(result.Zones, z => z.Node == node && z.Name == zone);
            Assert.Equal((spanned, present, managed), (z.Spanned, z.Present, z.Managed));
        }
    }

    [Theory]
    [MemberData(nameof(ExactCases))]
    public void ReservedTable_AfterBoot_MatchesDebugfs(string name)
    {
        // debugfs after boot: the initrd is freed and, on arm64 6.12, the init sections too. The 6.12 lines end with the
        // node and the flags; the ranges are compared here.
        var c = RealBootCase.Load(RealBootCase.Set612, name);
        var result = Simulate(c);
        var expected = File.ReadAllLines(c.File("memblock-reserved.txt")).Select(l => l[..44]).ToList();
        var lines = result.ReservedAfterBoot.Select((r, i) => $"{i,4}: 0x{r.Base:x16}..0x{r.End - 1:x16}").ToList();
        Assert.Equal(expected, lines);
    }

    [Theory]
    [MemberData(nameof(ExactTracedCases))]
    public void Trace_EveryMemblockDebugLine_MatchesTheKernelLog(string name)
    {
        // Callers are left out (the kernel prints symbol+offset and inlines some); the lines before memblock=debug is
        // parsed are not in the log.
        var c = RealBootCase.Load(RealBootCase.Set612, name);
        var result = Simulate(c, trace: true);
        static string WithoutCaller(string line) => line[..line.LastIndexOf(' ')];
        var real = TraceLines(c.Log).Select(WithoutCaller).ToList();
        bool debugParsed = false;
        var simulated = result.Trace
            .Where(l =>
            {
                debugParsed |= !l.EndsWith(" early_init_dt_add_memory_arch", StringComparison.Ordinal) && !l.EndsWith(" fixmap_remap_fdt", StringComparison.Ordinal);
                return debugParsed;
            })
            .Select(WithoutCaller).ToList();
        Assert.Equal(real, simulated);
    }

    // The memblock=debug lines of a log, once: console.log repeats the ring buffer after the boot (the /init dump).
    private static List<string> TraceLines(string log)
    {
        var lines = new List<string>();
        double last = -1;
        foreach (var raw in log.Split('\n'))
        {
            var m = Stamp().Match(raw);
            if (!m.Success)
                continue;
            double t = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (t < last)
                break; // the second copy starts again at 0
            last = t;
            string l = raw[m.Length..];
            if (l.StartsWith("memblock_", StringComparison.Ordinal) && l.Contains(": ", StringComparison.Ordinal))
                lines.Add(l);
        }
        return lines;
    }

    [GeneratedRegex(@"^(\d+)K/(\d+K available .*)$")]
    private static partial Regex FreeFigure();

    [GeneratedRegex(@"^\[\s*(\d+\.\d+)\] ")]
    private static partial Regex Stamp();
}
