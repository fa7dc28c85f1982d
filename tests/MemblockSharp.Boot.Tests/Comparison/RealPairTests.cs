using System.Globalization;
using System.Text.RegularExpressions;
using MemblockSharp.Boot.Comparison;
using MemblockSharp.Boot.Maps;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Boot.Tests.Simulation;

namespace MemblockSharp.Boot.Tests.Comparison;

/// <summary>
/// The recorded real boots that differ by one thing, compared by <see cref="BootComparison"/>: what the comparison says
/// changed must be what changed between the two real kernels' logs, meminfo, zoneinfo and debugfs tables.
/// A what-if pair boots A's DTB with A's command line, then with the one parameter (or removal) that B differs by.
/// </summary>
public sealed partial class RealPairTests
{
    /// <summary>(case A, case B, the what-if that turns A's command line into B's, or null for a diff of the two DTBs).</summary>
    public static TheoryData<string, string, string?> Pairs() => new()
    {
        { "virt-arm64-1G", "virt-arm64-1G-crashkernel128M", "crashkernel=128M" },
        { "virt-arm64-2G", "virt-arm64-2G-cma64M", "cma=64M" },
        { "virt-arm64-2G", "virt-arm64-2G-mem1G", "mem=1G" },
        { "virt-arm64-1G", "virt-arm64-1G-minimal-cmdline", "-earlycon -memblock -loglevel -log_buf_len" },
        { "virt-arm64-1G", "virt-arm64-1G-memreserve", null },
        { "virt-arm64-1G", "virt-arm64-1G-reserved-memory", null },
    };

    private static BootOptions Options(RealBootCase c, string? cmdline) => new()
    {
        Profile = BuiltInProfiles.Get(c.ProfileName),
        Dtb = File.ReadAllBytes(c.File("board.dtb")),
        CommandLine = cmdline,
    };

    private static BootComparison Compare(RealBootCase a, RealBootCase b, string? whatIf) => whatIf is null
        ? BootComparison.Run(Options(a, a.CommandLine), a.Name, Options(b, b.CommandLine), b.Name)
        : BootComparison.WhatIf(Options(a, a.CommandLine), CommandLineOverride.Parse(whatIf), a.Name);

    [Theory]
    [MemberData(nameof(Pairs))]
    public void MemTotalDelta_EqualsTheRealMeminfoDifference(string caseA, string caseB, string? whatIf)
    {
        var (a, b) = (RealBootCase.Load(caseA), RealBootCase.Load(caseB));
        var c = Compare(a, b, whatIf);
        long real = (long)MemInfoKb(b, "MemTotal") - (long)MemInfoKb(a, "MemTotal");
        Assert.Equal(real, c.MemTotalDeltaKb);
        Assert.Equal(real, Assert.Single(c.Figures, f => f.Name == "MemTotal").DeltaKb);
        // RAM − MemTotal moves by the RAM change minus the MemTotal change, and the categories add up to it.
        long ramDelta = Assert.Single(c.Figures, f => f.Name == "RAM").DeltaKb;
        Assert.Equal(ramDelta - real, Assert.Single(c.Figures, f => f.Name == "not in MemTotal").DeltaKb);
        Assert.Equal((ramDelta - real) * 1024, c.Costs.Sum(d => d.DeltaBytes));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void MemoryLineDeltas_EqualTheRealMemoryLinesDifference(string caseA, string caseB, string? whatIf)
    {
        var (a, b) = (RealBootCase.Load(caseA), RealBootCase.Load(caseB));
        var c = Compare(a, b, whatIf);
        var realA = MemoryLineFigures.Parse(a.MemoryLine);
        var realB = MemoryLineFigures.Parse(b.MemoryLine);
        Assert.Equal((long)realB.AvailableKb - (long)realA.AvailableKb, Figure(c, "available"));
        Assert.Equal((long)realB.TotalKb - (long)realA.TotalKb, Figure(c, "total"));
        Assert.Equal((long)realB.ReservedKb - (long)realA.ReservedKb, Figure(c, "reserved"));
        Assert.Equal((long)realB.CmaReservedKb - (long)realA.CmaReservedKb, Figure(c, "cma-reserved"));
        foreach (var (name, kb) in realB.Parts)
            Assert.Equal((long)kb - (long)(realA.Part(name) ?? 0), Figure(c, name));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void ZoneManagedDeltas_EqualTheRealZoneinfoDifference(string caseA, string caseB, string? whatIf)
    {
        var (a, b) = (RealBootCase.Load(caseA), RealBootCase.Load(caseB));
        var c = Compare(a, b, whatIf);
        var zonesA = a.Zones();
        foreach (var (node, zone, spanned, present, managed) in b.Zones())
        {
            var before = zonesA.Single(z => z.Node == node && z.Zone == zone);
            var d = Assert.Single(c.Zones, z => z.Node == node && z.Name == zone);
            Assert.Equal((long)managed - (long)before.Managed, d.ManagedDelta);
            Assert.Equal((long)present - (long)before.Present, d.PresentDelta);
            Assert.Equal((long)spanned - (long)before.Spanned, d.SpannedDelta);
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void BankChanges_TurnTheFirstRealMemoryTableIntoTheSecond(string caseA, string caseB, string? whatIf)
    {
        var (a, b) = (RealBootCase.Load(caseA), RealBootCase.Load(caseB));
        var c = Compare(a, b, whatIf);
        var banks = DebugfsRanges(a, "memblock-memory.txt");
        foreach (var change in c.Banks)
        {
            if (change.Before is { } old)
                Assert.True(banks.Remove((old.Base, old.End - 1)), $"{change.Kind}: {old} is not in {caseA}'s memblock.memory");
            if (change.After is { } now)
                banks.Add((now.Base, now.End - 1));
        }
        Assert.Equal(DebugfsRanges(b, "memblock-memory.txt"), banks.Order().ToList());
    }

    /// <summary>The what-if pairs of <see cref="Pairs"/>.</summary>
    public static TheoryData<string, string, string> WhatIfPairs() => new()
    {
        { "virt-arm64-1G", "virt-arm64-1G-crashkernel128M", "crashkernel=128M" },
        { "virt-arm64-2G", "virt-arm64-2G-cma64M", "cma=64M" },
        { "virt-arm64-2G", "virt-arm64-2G-mem1G", "mem=1G" },
        { "virt-arm64-1G", "virt-arm64-1G-minimal-cmdline", "-earlycon -memblock -loglevel -log_buf_len" },
    };

    [Theory]
    [MemberData(nameof(WhatIfPairs))]
    public void WhatIf_GivesTheSecondCaseCommandLine(string caseA, string caseB, string whatIf)
    {
        var (a, b) = (RealBootCase.Load(caseA), RealBootCase.Load(caseB));
        var c = Compare(a, b, whatIf);
        Assert.Equal(a.CommandLine, c.Before.Result.CommandLine);
        Assert.Equal(b.CommandLine, c.After.Result.CommandLine);
    }

    /// <summary>Every recorded boot against the next one by name (other RAM sizes, NUMA, UEFI, 32-bit): each with its own DTB, command line and kernel.</summary>
    public static TheoryData<string, string> ChainedCases()
    {
        var names = RealBootCase.Names().ToList();
        var data = new TheoryData<string, string>();
        for (int i = 0; i + 1 < names.Count; i++)
            data.Add(names[i], names[i + 1]);
        return data;
    }

    [Theory]
    [MemberData(nameof(ChainedCases))]
    public void AnyTwoRealBoots_DeltasEqualTheRealDifferences(string caseA, string caseB)
    {
        var (a, b) = (RealBootCase.Load(caseA), RealBootCase.Load(caseB));
        BootOptions Real(RealBootCase c) => Options(c, c.CommandLine) with { EfiLog = c.IsUefi ? c.Log : null };
        var c = BootComparison.Run(Real(a), a.Name, Real(b), b.Name);
        Assert.Equal((long)MemInfoKb(b, "MemTotal") - (long)MemInfoKb(a, "MemTotal"), c.MemTotalDeltaKb);
        var (realA, realB) = (MemoryLineFigures.Parse(a.MemoryLine), MemoryLineFigures.Parse(b.MemoryLine));
        Assert.Equal((long)realB.ReservedKb - (long)realA.ReservedKb, Figure(c, "reserved"));
        Assert.Equal((long)realB.CmaReservedKb - (long)realA.CmaReservedKb, Figure(c, "cma-reserved"));
        Assert.Equal((long)realB.AvailableKb - (long)realA.AvailableKb, Figure(c, "available"));
        long ramDelta = Assert.Single(c.Figures, f => f.Name == "RAM").DeltaKb;
        Assert.Equal((ramDelta - c.MemTotalDeltaKb) * 1024, c.Costs.Sum(d => d.DeltaBytes));
        // Every reservation of either boot is accounted for: unchanged, or in exactly one change.
        Assert.Equal(c.Before.Reservations.Count, c.UnchangedRegions + c.Regions.Count(r => r.Before is not null));
        Assert.Equal(c.After.Reservations.Count, c.UnchangedRegions + c.Regions.Count(r => r.After is not null));
    }

    [Fact]
    public void CrashKernel128M_AppearsAsOneNewRegion_WhereTheRealKernelPutIt()
    {
        var (a, b) = (RealBootCase.Load("virt-arm64-1G"), RealBootCase.Load("virt-arm64-1G-crashkernel128M"));
        var c = Compare(a, b, "crashkernel=128M");
        var m = CrashKernelLine().Match(b.Log);
        Assert.True(m.Success);
        ulong start = Hex(m.Groups[1].Value), end = Hex(m.Groups[2].Value);
        var crash = Assert.Single(c.Regions, r => r.Category == ReservationCategory.CrashKernel);
        Assert.Equal(RegionChangeKind.Appeared, crash.Kind);
        Assert.Equal((start, end - start), (crash.After!.Base, crash.After.Size));
        Assert.Equal(128L << 20, crash.SizeDelta);
        Assert.Equal(128L << 20, Assert.Single(c.Costs, d => d.Category == "crash kernel").DeltaBytes);
        Assert.Equal(128L << 20, Assert.Single(c.ReservedByCategory, d => d.Category == "crash kernel").DeltaBytes);
        // Nothing vanished: the crash kernel only pushed later top-down allocations lower.
        Assert.DoesNotContain(c.Regions, r => r.Kind == RegionChangeKind.Vanished);
    }

    [Theory]
    [InlineData("virt-arm64-1G-memreserve")]
    [InlineData("virt-arm64-1G-reserved-memory")]
    public void DeviceTreeReservations_AppearExactlyAsTheRealKernelReservedThem(string caseB)
    {
        var (a, b) = (RealBootCase.Load("virt-arm64-1G"), RealBootCase.Load(caseB));
        var c = Compare(a, b, null);
        var real = DeviceTreeReservations(b.Log);
        Assert.NotEmpty(real);
        var appeared = c.Regions.Where(r => r.Kind == RegionChangeKind.Appeared && r.Category is ReservationCategory.ReservedMemoryNode or ReservationCategory.Cma)
            .Select(r => (r.After!.Base, r.After.Size)).Order().ToList();
        Assert.Equal(real.Order().ToList(), appeared);
        Assert.All(c.Regions.Where(r => r.Kind == RegionChangeKind.Appeared && r.Category is ReservationCategory.ReservedMemoryNode or ReservationCategory.Cma),
            r => Assert.True(r.Label.StartsWith("/reserved-memory/", StringComparison.Ordinal) || r.Label == "/memreserve/", r.Label));
    }

    [Fact]
    public void ReservedMemoryCmaNode_ReplacesTheDefaultPool()
    {
        var (a, b) = (RealBootCase.Load("virt-arm64-1G"), RealBootCase.Load("virt-arm64-1G-reserved-memory"));
        var c = Compare(a, b, null);
        var vanished = Assert.Single(c.Regions, r => r.Kind == RegionChangeKind.Vanished && r.Category == ReservationCategory.Cma);
        Assert.Equal(64UL << 20, vanished.Before!.Size);
        var pool = Assert.Single(c.Regions, r => r.Kind == RegionChangeKind.Appeared && r.Category == ReservationCategory.Cma);
        Assert.Equal("/reserved-memory/linux,cma", pool.Label);
        var m = CmaPoolLine().Match(b.Log);
        Assert.True(m.Success);
        Assert.Equal(Hex(m.Groups[1].Value), pool.After!.Base);
        Assert.Equal(ulong.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) << 20, pool.After.Size);
    }

    [Fact]
    public void SameBootTwice_ChangesNothing()
    {
        var a = RealBootCase.Load("virt-arm64-4G");
        var c = BootComparison.Run(Options(a, a.CommandLine), "x", Options(a, a.CommandLine), "y");
        Assert.Empty(c.Regions);
        Assert.Empty(c.Banks);
        Assert.All(c.Figures.Concat(c.MemoryLine), f => Assert.Equal(0, f.DeltaKb));
        Assert.All(c.Costs.Concat(c.ReservedByCategory), d => Assert.Equal(0, d.DeltaBytes));
        Assert.Equal(c.Before.Reservations.Count, c.UnchangedRegions);
    }

    private static long Figure(BootComparison c, string name) => Assert.Single(c.MemoryLine, f => f.Name == name).DeltaKb;

    private static ulong MemInfoKb(RealBootCase c, string key)
    {
        foreach (var line in File.ReadLines(c.File("meminfo.txt")))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 2 && f[0] == key + ":")
                return ulong.Parse(f[1], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"{c.Name}: no {key} in meminfo.txt");
    }

    /// <summary>The inclusive ranges of a debugfs memblock file, sorted.</summary>
    private static List<(ulong First, ulong Last)> DebugfsRanges(RealBootCase c, string file) =>
        File.ReadLines(c.File(file)).Select(l => DebugfsLine().Match(l)).Where(m => m.Success)
            .Select(m => (Hex(m.Groups[1].Value), Hex(m.Groups[2].Value))).Order().ToList();

    /// <summary>
    /// What the real kernel reserved for the device tree: the reservations logged by the reserved-memory scan
    /// (static regions and /memreserve/) and those that follow its allocations of dynamic regions.
    /// </summary>
    private static List<(ulong Base, ulong Size)> DeviceTreeReservations(string log)
    {
        var list = new List<(ulong, ulong)>();
        bool dynamic = false;
        foreach (var line in log.Split('\n'))
        {
            if (line.Contains("early_init_dt_alloc_reserved_memory_arch", StringComparison.Ordinal))
            {
                dynamic = true;
                continue;
            }
            var m = ReserveLine().Match(line);
            if (!m.Success)
                continue;
            if (dynamic || line.Contains("early_init_fdt_scan_reserved_mem", StringComparison.Ordinal))
                list.Add((Hex(m.Groups[1].Value), Hex(m.Groups[2].Value) - Hex(m.Groups[1].Value) + 1));
            dynamic = false;
        }
        return list;
    }

    private static ulong Hex(string text) => ulong.Parse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"crashkernel reserved: (0x[0-9a-f]+) - (0x[0-9a-f]+)")]
    private static partial Regex CrashKernelLine();

    [GeneratedRegex(@"created CMA memory pool at (0x[0-9a-f]+), size (\d+) MiB")]
    private static partial Regex CmaPoolLine();

    [GeneratedRegex(@"memblock_reserve: \[(0x[0-9a-f]+)-(0x[0-9a-f]+)\]")]
    private static partial Regex ReserveLine();

    [GeneratedRegex(@"^\s*\d+: (0x[0-9a-f]+)\.\.(0x[0-9a-f]+)")]
    private static partial Regex DebugfsLine();
}
