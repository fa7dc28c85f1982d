using System.Globalization;
using System.Text.RegularExpressions;
using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.DeviceTreeScan;

/// <summary>
/// The scan of every realboot board.dtb against what the real kernel printed while booting it: the memory node
/// ranges ("Early memory node ranges"), the /memreserve/ and /reserved-memory reservations
/// (memblock_reserve lines from early_init_fdt_scan_reserved_mem, no-map flags in the MEMBLOCK dump), the dynamic
/// allocations (memblock_phys_alloc_range from early_init_dt_alloc_reserved_memory_arch), the
/// "OF: reserved mem: initialized node" and CMA pool lines, and the CPU count. All parsed from the logs here.
/// </summary>
public sealed partial class RealbootScanTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(TestData.Path("realboot"), "virt-*").Order(StringComparer.Ordinal))
            data.Add(System.IO.Path.GetFileName(dir));
        return data;
    }

    private static string[] Log(string name)
    {
        var full = TestData.Path("realboot", name, "kernel-log-full.txt");
        return File.ReadAllLines(File.Exists(full) ? full : TestData.Path("realboot", name, "dmesg.txt"));
    }

    private static BootScanResult ScanCase(string name)
    {
        var tree = FlattenedDeviceTree.Load(TestData.Path("realboot", name, "board.dtb"));
        // 32-bit ARM: the case's own kernel decides the CMA alignment (pageblock order) and the phys_addr_t width.
        var profile = MemblockSharp.Boot.Profiles.BuiltInProfiles.Get(Simulation.RealBootCase.Load(name).ProfileName);
        var options = name.Contains("armhf", StringComparison.Ordinal)
            ? BootScanOptions.Arm32Lpae(0x40000000) with { CmaMinAlignment = profile.CmaAlignment, PhysAddr64Bit = profile.Lpae }
            : BootScanOptions.Arm64;
        return BootScanner.Scan(tree, options);
    }

    private static ulong Hex(string s) => ulong.Parse(s.StartsWith("0x", StringComparison.Ordinal) ? s[2..] : s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[[ \d.]+\]\s+node\s+(\d+): \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]")]
    private static partial Regex NodeRange();

    [GeneratedRegex(@"memblock_reserve: \[(0x[0-9a-f]+)-(0x[0-9a-f]+)\] early_init_fdt_scan_reserved_mem\+")]
    private static partial Regex FdtReserve();

    [GeneratedRegex(@"memblock_phys_alloc_range: (\d+) bytes align=(0x[0-9a-f]+) from=(0x[0-9a-f]+) max_addr=(0x[0-9a-f]+) early_init_dt_alloc_reserved_memory_arch\+")]
    private static partial Regex DynamicAlloc();

    [GeneratedRegex(@"OF: reserved mem: initialized node (\S+), compatible id (\S+)")]
    private static partial Regex InitializedNode();

    [GeneratedRegex(@"^\[[ \d.]+\]\s+memory\[0x[0-9a-f]+\]\s+\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\], 0x[0-9a-f]+ bytes(?: on node \d+)? flags: (0x[0-9a-f]+)")]
    private static partial Regex DumpMemory();

    [GeneratedRegex(@"smp: Brought up \d+ nodes?, (\d+) CPUs?")]
    private static partial Regex BroughtUp();

    [GeneratedRegex(@"(?:^| )mem=(\d+)([KMG]?)(?: |$)")]
    private static partial Regex MemLimit();

    /// <summary>Merges touching [start, end] ranges of the same node.</summary>
    private static List<(int Nid, ulong Start, ulong End)> Merge(IEnumerable<(int Nid, ulong Start, ulong End)> ranges)
    {
        var list = new List<(int Nid, ulong Start, ulong End)>();
        foreach (var r in ranges.OrderBy(r => r.Start))
        {
            if (list.Count > 0 && list[^1].Nid == r.Nid && list[^1].End + 1 == r.Start)
                list[^1] = (r.Nid, list[^1].Start, r.End);
            else
                list.Add(r);
        }
        return list;
    }

    /// <summary>memblock_mem_limit_remove_map: keep the lowest <paramref name="limit"/> bytes of memory.</summary>
    private static List<(int Nid, ulong Start, ulong End)> Limit(List<(int Nid, ulong Start, ulong End)> ranges, ulong limit)
    {
        var kept = new List<(int, ulong, ulong)>();
        foreach (var (nid, start, end) in ranges)
        {
            if (limit == 0)
                break;
            var size = Math.Min(end - start + 1, limit);
            kept.Add((nid, start, start + size - 1));
            limit -= size;
        }
        return kept;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Banks_MatchEarlyMemoryNodeRanges(string name)
    {
        var scan = ScanCase(name);
        var log = Log(name);
        var logged = Merge(log.Select(l => NodeRange().Match(l)).Where(m => m.Success)
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Hex(m.Groups[2].Value), Hex(m.Groups[3].Value))));
        Assert.NotEmpty(logged);
        var expected = Merge(scan.AddedBanks.Select(b => (b.NumaNodeId ?? 0, b.Base, b.Base + b.Size - 1)));
        if (scan.IsUefiBoot)
        {
            // An EFI boot replaces the DT banks by the UEFI memory map (which here also maps the flash); the RAM
            // bank of the tree must still be one of the ranges the kernel ends up with.
            Assert.Contains(log, l => l.Contains("efi: Processing EFI memory map", StringComparison.Ordinal));
            Assert.NotEmpty(expected);
            Assert.Subset(logged.ToHashSet(), expected.ToHashSet());
            return;
        }
        if (MemLimit().Match(scan.Chosen.Bootargs ?? "") is { Success: true } mem)
        {
            var shift = mem.Groups[2].Value switch { "K" => 10, "M" => 20, "G" => 30, _ => 0 };
            expected = Limit(expected, ulong.Parse(mem.Groups[1].Value, CultureInfo.InvariantCulture) << shift);
        }
        Assert.Equal(expected, logged);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StaticReservations_MatchTheKernelsReserveCallsAndNoMapFlags(string name)
    {
        var scan = ScanCase(name);
        var log = Log(name);
        var reserved = log.Select(l => FdtReserve().Match(l)).Where(m => m.Success)
            .Select(m => (Hex(m.Groups[1].Value), Hex(m.Groups[2].Value) - Hex(m.Groups[1].Value) + 1)).ToList();
        var expected = scan.Reservations.Where(r => !r.NoMap).Select(r => (r.Base, r.Size)).ToList();
        if ((scan.Chosen.Bootargs ?? "").Contains("memblock=debug", StringComparison.Ordinal))
            Assert.Equal(expected, reserved);
        else
            Assert.Empty(reserved); // no memblock=debug, no trace lines to compare

        var dump = log.SkipWhile(l => !l.Contains("MEMBLOCK configuration:", StringComparison.Ordinal))
            .Select(l => DumpMemory().Match(l)).Where(m => m.Success)
            .Select(m => (Start: Hex(m.Groups[1].Value), End: Hex(m.Groups[2].Value), Flags: Hex(m.Groups[3].Value))).ToList();
        foreach (var noMap in scan.Reservations.Where(r => r.NoMap))
        {
            Assert.NotEmpty(dump);
            Assert.Contains((noMap.Base, noMap.Base + noMap.Size - 1, 0x4UL), dump);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DynamicRequests_MatchTheKernelsAllocationsInOrder(string name)
    {
        var scan = ScanCase(name);
        var log = Log(name);
        var allocs = log.Select(l => DynamicAlloc().Match(l)).Where(m => m.Success)
            .Select(m => (ulong.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Hex(m.Groups[2].Value), Hex(m.Groups[3].Value), Hex(m.Groups[4].Value)))
            .ToList();
        // A 32-bit phys_addr_t prints MEMBLOCK_ALLOC_ANYWHERE ((phys_addr_t)~0) as 0xffffffff.
        ulong widthMask = MemblockSharp.Boot.Profiles.BuiltInProfiles.Get(Simulation.RealBootCase.Load(name).ProfileName).PhysAddrBytes == 8 ? ulong.MaxValue : uint.MaxValue;
        var expected = scan.DynamicRequests.Select(r => (r.Size, r.Alignment, r.Ranges[0].Start, r.Ranges[0].End & widthMask)).ToList();
        if ((scan.Chosen.Bootargs ?? "").Contains("memblock=debug", StringComparison.Ordinal))
            Assert.Equal(expected, allocs);

        var initialized = log.Select(l => InitializedNode().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        var pools = scan.ReservedMemoryTable.Where(e => e.Pool is ReservedMemoryPool.Cma or ReservedMemoryPool.DmaCoherent)
            .Select(e => (e.Name, "shared-dma-pool")).ToList();
        Assert.Equal(pools, initialized);

        var cmaLines = log.Where(l => l.Contains("Reserved memory: created CMA memory pool", StringComparison.Ordinal)).ToList();
        var cma = scan.DynamicRequests.Where(r => r.Entry.Pool == ReservedMemoryPool.Cma).ToList();
        Assert.Equal(cma.Count, cmaLines.Count);
        for (var i = 0; i < cma.Count; i++)
            Assert.EndsWith($"size {cma[i].Size >> 20} MiB", cmaLines[i]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cpus_MatchSmpBringUp(string name)
    {
        var scan = ScanCase(name);
        var up = Log(name).Select(l => BroughtUp().Match(l)).First(m => m.Success);
        Assert.Equal(int.Parse(up.Groups[1].Value, CultureInfo.InvariantCulture), scan.CpuCount);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Chosen_BootargsAreTheKernelCommandLine(string name)
    {
        var scan = ScanCase(name);
        var cmdline = File.ReadAllText(TestData.Path("realboot", name, "cmdline.txt")).Trim();
        Assert.Equal(cmdline, scan.Chosen.Bootargs);
        Assert.Empty(scan.Diagnostics);
    }

    [Fact]
    public void ReservedMemoryCase_HasTheFourNodesOfInputDts()
    {
        var scan = ScanCase("virt-arm64-1G-reserved-memory");
        Assert.Equal(["firmware@50000000", "buffer@51000000"], scan.Reservations.Select(r => r.Name!));
        Assert.True(scan.Reservations[0].NoMap);
        Assert.False(scan.Reservations[1].NoMap);
        // The kernel's heapsort puts linux,cma before dynamic-region (both at base 0): the log allocates it first.
        Assert.Equal(["linux,cma", "dynamic-region", "firmware@50000000", "buffer@51000000"], scan.ReservedMemoryTable.Select(e => e.Name));
        var dyn = scan.DynamicRequests.Single(r => r.Name == "dynamic-region");
        Assert.Equal([new AllocRange(0x60000000, 0x70000000)], dyn.Ranges);
        Assert.True(scan.DynamicRequests[0].Entry.CmaDefault);
    }
}
