using MemblockSharp.Conformance;

namespace MemblockSharp.Bench;

/// <summary>
/// Drives the indexed core and the reference array core with the same random operations and compares every return
/// value and, after every operation, both tables entry by entry. Small initial arrays with resizing on make the arrays
/// double (and place and reserve themselves) often. Runs with the rules of one kernel release; for 6.12 the mix adds
/// 6.12's own functions and more isolations (whose unmerged neighbours only 6.12's ranged merge keeps).
/// </summary>
public static class DifferentialRunner
{
    /// <summary>The first difference found, or null.</summary>
    public sealed record Difference(long OpIndex, string Op, string Indexed, string Reference, string StateBefore);

    /// <summary>Runs <paramref name="operations"/> random operations from <paramref name="seed"/>, restarting from fresh state every <paramref name="sequenceLength"/> operations.</summary>
    public static Difference? Run(long operations, int seed, int sequenceLength = 2000, MemblockVersion version = MemblockVersion.Linux6_1)
    {
        var random = new Random(seed);
        Memblock indexed = null!, reference = null!;
        string before = "";
        for (long i = 0; i < operations; i++)
        {
            if (i % sequenceLength == 0)
            {
                var options = new MemblockOptions
                {
                    InitialRegions = random.Next(0, 3) == 0 ? 128 : random.Next(4, 16),
                    SmpCacheBytes = random.Next(2) == 0 ? 32UL : 64UL,
                    KernelVersion = version,
                };
                // The indexed core with tiny chunks half the time, so that its chunk boundaries are crossed constantly.
                int chunkCapacity = random.Next(2) == 0 ? random.Next(2, 6) : MemblockOptions.DefaultIndexedChunkCapacity;
                indexed = Fresh(options with { Storage = RegionStorage.Indexed, IndexedChunkCapacity = chunkCapacity }, random.Next(3) == 0);
                reference = Fresh(options with { Storage = RegionStorage.Array }, false);
                reference.SetResizeAllowed(indexed.ResizeAllowed);
            }
            var (name, run) = NextOp(random, version);
            string a = Outcome(run, indexed), b = Outcome(run, reference);
            if (a != b)
                return new Difference(i, name, a, b, before);
            string sa = State(indexed), sb = State(reference);
            if (sa != sb)
                return new Difference(i, name + " (state)", sa, sb, before);
            before = $"limit {indexed.CurrentLimit:x} bottom_up {indexed.BottomUp} movable {indexed.MovableNode} {sa}";
        }
        return null;
    }

    /// <summary>
    /// Runs one op and describes its result: what it returned, or the exception it threw (the kernel's BUG or an
    /// overflowing array becomes one), so that both cores must fail alike too.
    /// </summary>
    private static string Outcome(Func<Memblock, string> run, Memblock m)
    {
        try
        {
            return run(m);
        }
        catch (Exception e) when (e is InvalidOperationException or MemblockBugException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static Memblock Fresh(MemblockOptions options, bool noResize)
    {
        var m = new Memblock(options);
        if (!noResize)
            m.AllowResize();
        return m;
    }

    private static string State(Memblock m) =>
        ConformanceRunner.Canonical(m.Memory) + ConformanceRunner.Canonical(m.Reserved) + m.HasMirror
        + string.Concat(m.ReserveMemTable.Select(e => $" {e.Name}@{e.Start:x}+{e.Size:x}"));

    // Addresses live in a 1 GiB window with page-ish granularity, so ranges collide often; a few hit the 2^64 edge.
    private static ulong Addr(Random r) => r.Next(40) == 0 ? ulong.MaxValue - (ulong)r.Next(0, 1 << 20) : (ulong)r.Next(0, 1 << 18) << r.Next(8, 13);
    private static ulong Size(Random r) => r.Next(30) == 0 ? 0 : r.Next(40) == 0 ? ulong.MaxValue : (ulong)r.Next(1, 1 << 10) << r.Next(6, 13);
    private static ulong Align(Random r) => r.Next(10) == 0 ? 0 : 1UL << r.Next(0, 22);
    private static int Nid(Random r) => r.Next(8) switch { 0 => -1, 1 => 16, _ => r.Next(0, 4) };
    private static MemblockFlags Flags(Random r) => (MemblockFlags)(r.Next(8) == 0 ? r.Next(0, 16) : 0);

    private static (string, Func<Memblock, string>) NextOp(Random r, MemblockVersion version)
    {
        ulong a = Addr(r), s = Size(r), al = Align(r), lo = Addr(r), hi = r.Next(4) == 0 ? 0 : Addr(r);
        int nid = Nid(r);
        var flags = Flags(r);
        bool flag = r.Next(2) == 0;
        return r.Next(version == MemblockVersion.Linux6_12 ? 36 : 30) switch
        {
            30 or 31 => ("isolate", m => $"{m.Isolate(flag ? m.Memory : m.Reserved, a, s, out int i0, out int i1)} [{i0},{i1})"),
            32 => ("reserved_mark_noinit", m => m.ReservedMarkNoInit(a, s).ToString()),
            33 => ("reserve_mem", m => m.ReserveMem($"0x{s & 0xf_ffff:x}:0x{al:x}:n{nid & 7}").ToString()),
            34 => ("validate_numa_coverage", m => m.ValidateNumaCoverage(s).ToString()),
            35 => ("estimated_nr_free_pages", m => m.EstimatedNrFreePages().ToString("x")),
            0 or 1 or 2 => ("add", m => m.Add(a, s).ToString()),
            3 or 4 => ("add_node", m => m.AddNode(a, s, nid, flags).ToString()),
            5 or 6 or 7 or 8 => ("reserve", m => m.Reserve(a, s).ToString()),
            9 or 10 => ("phys_free", m => m.PhysFree(a, s).ToString()),
            11 => ("remove", m => m.Remove(a, s).ToString()),
            12 => ("mark_hotplug", m => m.MarkHotplug(a, s).ToString()),
            13 => ("clear_hotplug", m => m.ClearHotplug(a, s).ToString()),
            14 => ("mark_nomap", m => m.MarkNoMap(a, s).ToString()),
            15 => ("clear_nomap", m => m.ClearNoMap(a, s).ToString()),
            16 => ("mark_mirror", m => m.MarkMirror(a, s).ToString()),
            17 => ("set_node", m => m.SetNode(a, s, flag ? m.Memory : m.Reserved, nid).ToString()),
            18 or 19 or 20 => ("alloc_range_nid", m => m.AllocRangeNid(s & 0xffffff, al, lo, hi, nid, flag).ToString("x")),
            21 => ($"alloc_try_nid size {s & 0xffffff:x} align {al:x} min {lo:x} max {hi:x} nid {nid}", m => m.AllocTryNid(s & 0xffffff, al, lo, hi, nid).ToString("x")),
            22 => ("set_bottom_up", m => { m.BottomUp = flag; return ""; }),
            23 => ("free_ranges", m => string.Join(";", (flag ? m.FreeMemRanges(nid, flags) : m.FreeMemRangesReverse(nid, flags)).Take(64))),
            24 => ("queries", m => $"{m.IsReserved(a)}{m.IsMemory(a)}{m.IsMapMemory(a)}{m.IsRegionMemory(a, s)}{m.IsRegionReserved(a, s)}{m.OverlapsRegion(m.Memory, a, s)}{m.SearchPfnNid(a >> 12, out var x, out var y)}{x}{y}"),
            25 => r.Next(20) == 0 ? ("trim_memory", m => { m.TrimMemory(al); return ""; }) : ("mem_pfn_range", m => string.Join(";", m.MemPfnRanges(nid))),
            26 => r.Next(20) == 0 ? ("cap_memory_range", m => { m.CapMemoryRange(a, s); return ""; }) : ("reserved_ranges", m => string.Join(";", m.ReservedRanges().Take(64))),
            27 => r.Next(30) == 0 ? ("enforce_memory_limit", m => { m.EnforceMemoryLimit(s); return ""; }) : ("mem_ranges", m => string.Join(";", m.MemRangesReverse().Take(64))),
            28 => ("set_current_limit", m => { m.CurrentLimit = flag ? ulong.MaxValue : hi; return ""; }),
            _ => ("set_movable_node", m => { m.MovableNode = flag; return ""; }),
        };
    }
}
