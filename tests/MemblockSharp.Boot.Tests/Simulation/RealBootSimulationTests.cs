using MemblockSharp.Text;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using Xunit.Abstractions;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>Every recorded boot, simulated from its board.dtb, its command line and the built-in profile, against what the kernel printed.</summary>
public sealed class RealBootSimulationTests(ITestOutputHelper output)
{
    public static TheoryData<string> SimulatedCases() =>
        new(RealBootCase.Names());

    private static BootResult Simulate(RealBootCase c) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(c.ProfileName),
        Dtb = File.ReadAllBytes(c.File("board.dtb")),
        CommandLine = c.CommandLine,
        // UEFI boots: the memory map and the firmware's placements come from the efi=debug log.
        EfiLog = c.IsUefi ? c.Log : null,
    });

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void MemoryLine_IsExact(string name)
    {
        var c = RealBootCase.Load(name);
        var result = Simulate(c);
        output.WriteLine($"predicted: {result.MemoryLine}\nreal:      {c.MemoryLine}");
        Assert.Equal(c.MemoryLine, result.MemoryLine);
    }

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void MemTotal_IsExact(string name)
    {
        var c = RealBootCase.Load(name);
        var result = Simulate(c);
        output.WriteLine($"predicted {result.MemTotalKb} kB, real {c.MemTotalKb} kB, error {(long)result.MemTotalKb - (long)c.MemTotalKb} kB");
        Assert.Equal(c.MemTotalKb, result.MemTotalKb);
    }

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void Zones_SpannedPresentManaged_AreExact(string name)
    {
        var c = RealBootCase.Load(name);
        var result = Simulate(c);
        var real = c.Zones();
        Assert.Equal(real.Count, result.Zones.Count);
        foreach (var (node, zone, spanned, present, managed) in real)
        {
            var z = Assert.Single(result.Zones, z => z.Node == node && z.Name == zone);
            Assert.Equal((spanned, present), (z.Spanned, z.Present));
            Assert.Equal(managed, z.Managed);
        }
    }

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void ReservedTable_AfterBoot_MatchesDebugfs(string name)
    {
        // debugfs was read after boot: the initrd is freed, the init sections stay reserved.
        var c = RealBootCase.Load(name);
        var result = Simulate(c);
        var expected = File.ReadAllLines(c.File("memblock-reserved.txt"));
        var lines = new List<string>();
        var regions = result.ReservedAfterBoot;
        int width = BuiltInProfiles.Get(c.ProfileName).PhysAddrBytes;
        for (int i = 0; i < regions.Count; i++)
            lines.Add($"{i,4}: {Hex.FormatPhys(regions[i].Base, width)}..{Hex.FormatPhys(regions[i].End - 1, width)}");
        Assert.Equal(expected, lines);
    }

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void MemblockConfigurationDumps_MatchTheKernelLog(string name)
    {
        // Every "MEMBLOCK configuration:" block the simulation prints, line for line as in the kernel's log (with
        // memblock=debug the kernel prints the same blocks; %pa width and "on node" follow the kernel's config).
        var c = RealBootCase.Load(name);
        var result = Simulate(c);
        static List<List<string>> Blocks(IEnumerable<string> lines)
        {
            var blocks = new List<List<string>>();
            List<string>? open = null;
            foreach (var line in lines)
            {
                if (line == "MEMBLOCK configuration:") { open = [line]; blocks.Add(open); continue; }
                if (open is null) continue;
                if (line.StartsWith(' ') && (line.StartsWith(" memory", StringComparison.Ordinal) || line.StartsWith(" reserved", StringComparison.Ordinal)))
                    open.Add(line);
                else
                    open = null;
            }
            return blocks;
        }
        var real = Blocks(c.Log.Split('\n').Select(l => l.Length > 15 && l[0] == '[' ? l[(l.IndexOf(']', StringComparison.Ordinal) + 2)..] : l));
        var simulated = Blocks(result.Log);
        Assert.NotEmpty(simulated);
        if (!c.CommandLine.Contains("memblock=debug", StringComparison.Ordinal))
            return;
        // The console replays the ring buffer, so a block can appear twice in console.log: compare the distinct ones.
        var distinct = real.Select(b => string.Join("\n", b)).Distinct().ToList();
        Assert.Equal(distinct.Take(simulated.Count), simulated.Select(b => string.Join("\n", b)));
    }

    public static TheoryData<string> TracedCases() =>
        new(RealBootCase.Names().Select(RealBootCase.Load)
            .Where(c => c.CommandLine.Contains("memblock=debug", StringComparison.Ordinal)).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(TracedCases))]
    public void Trace_EveryMemblockDebugLine_MatchesTheKernelLog(string name)
    {
        // Callers are left out: the kernel prints symbol+offset and inlines some of them.
        var c = RealBootCase.Load(name);
        var result = BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(c.ProfileName),
            Dtb = File.ReadAllBytes(c.File("board.dtb")),
            CommandLine = c.CommandLine,
            EfiLog = c.IsUefi ? c.Log : null,
            Trace = true,
        });
        static string WithoutCaller(string line) => line[..line.LastIndexOf(' ')];
        var real = c.Log.Split('\n')
            .Select(l => l.Length > 15 && l[0] == '[' ? l[(l.IndexOf(']', StringComparison.Ordinal) + 2)..] : l)
            .Where(l => l.StartsWith("memblock_", StringComparison.Ordinal) && l.Contains(": ", StringComparison.Ordinal))
            .Select(WithoutCaller).ToList();
        // Before memblock=debug is parsed the kernel traces nothing: the DT memory banks and the FDT reservation
        // (the UEFI memory map, added later, is traced).
        bool debugParsed = false;
        var simulated = result.Trace
            .Where(l =>
            {
                debugParsed |= !l.EndsWith(" early_init_dt_add_memory_arch", StringComparison.Ordinal) && !l.EndsWith(" fixmap_remap_fdt", StringComparison.Ordinal);
                return debugParsed;
            })
            .Select(WithoutCaller).ToList();
        Assert.Equal(simulated, real.Take(simulated.Count));
        if (File.Exists(c.File("kernel-log-full.txt")))
            Assert.Equal(real.Count, simulated.Count);
    }

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void ZoneInfo_WatermarksAndProtection_MatchProcZoneinfo(string name)
    {
        // Free page counts moved after boot (the test's /init ran); everything else of the block is static.
        var c = RealBootCase.Load(name);
        var result = Simulate(c);
        var simulated = result.Buddy.ZoneInfo().TrimEnd('\n').Split('\n')
            .Select(l => l.StartsWith("  pages free", StringComparison.Ordinal) ? "  pages free     *" : l).ToList();
        Assert.Equal(c.ZoneInfoHeads(maskFree: true), simulated);
    }

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void BuddyInfo_HasTheKernelsZonesAndOrders(string name)
    {
        // The free counts moved while the test's /init ran; the lines, zones and order columns did not.
        var c = RealBootCase.Load(name);
        var result = Simulate(c);
        static IEnumerable<(string Zone, int Orders)> Shape(IEnumerable<string> lines) => lines
            .Where(l => l.Length > 0)
            .Select(l => (l[..l.IndexOf(" zone ", StringComparison.Ordinal)] + " " + l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3],
                          l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length - 4));
        Assert.Equal(Shape(File.ReadAllLines(c.File("buddyinfo.txt"))), Shape(result.Buddy.BuddyInfo().Split('\n')));
    }
}
