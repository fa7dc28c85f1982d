using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Replay;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Maps;

/// <summary>Builds a <see cref="MemoryMap"/> from a simulated boot or from a replayed log.</summary>
public static class MemoryMapBuilder
{
    private const string NotAttributed = "(not attributed)";

    /// <summary>
    /// The longest trace a map reads back: past it (a bank of more than about 20 GiB of linear map, where the kernel
    /// logs a page-table page per 2 MiB), the map takes its owners from the boot's own record instead, so that a huge
    /// bank costs what an untraced boot costs, in time and memory.
    /// </summary>
    public const int MaxTraceLinesRead = 20_000;

    /// <summary>The map of a simulated boot: <c>memblock.memory</c> and <c>memblock.reserved</c> at the hand-off, the zones, RAM and MemTotal.</summary>
    /// <param name="options">The boot's inputs (the DTB names reserved-memory nodes; the profile gives the page size).</param>
    /// <param name="result">The boot's result. Without a whole trace (<see cref="BootOptions.Trace"/>) the boot is run again with one of at most
    /// <see cref="MaxTraceLinesRead"/> lines, to attribute every reservation; when even that is cut, every reservation is attributed from
    /// the simulation's own record of which step (cost category and kernel function) reserved it, and a note says so.</param>
    /// <param name="title">The map's title, or null for the profile name.</param>
    /// <returns>The map.</returns>
    /// <exception cref="BootInputException">The inputs cannot boot (only when the boot has to be run again).</exception>
    public static MemoryMap FromBoot(BootOptions options, BootResult result, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        DtbFacts? dtb = TryFacts(options.Dtb, options.Profile.PageSize);
        var notes = new List<string>();
        Ownership ownership;
        if (result.Trace.Count > 0 && result.Trace.Count <= options.MaxTraceLines)
        {
            ownership = FromTrace(result, dtb);
        }
        else
        {
            var rerun = options with { Trace = true, MaxTraceLines = MaxTraceLinesRead };
            var traced = BootSimulator.RunRecorded(rerun, out var ledger);
            if (traced.Trace.Count <= MaxTraceLinesRead)
            {
                ownership = FromTrace(traced, dtb);
            }
            else
            {
                ownership = ReservationAttribution.FromLedger(ledger);
                notes.Add($"the boot's memblock=debug trace is longer than {MaxTraceLinesRead} lines: reservations are attributed from the simulation's own record of which step made them, not from the trace");
            }
        }
        ulong page = options.Profile.PageSize;
        var zones = result.Zones.Where(z => z.Spanned > 0)
            .Select(z => new MapZone(z.Name, z.Node, z.StartPfn * page, z.Spanned * page)).ToList();
        var banks = result.Memory.Select(m => new MapBank(m.Base, m.Size, m.Nid, m.Flags) { Label = NoMapSource(m, dtb) }).ToList();
        var reserved = Regions(result.Reserved, ownership, dtb, out ulong unattributed);
        if (unattributed > 0)
            notes.Add($"{unattributed} reserved bytes have no known owner");
        return new MemoryMap(title ?? result.Profile, banks, zones, reserved, result.RamBytes, result.MemTotalKb, notes);
    }

    /// <summary>The map of a replayed log: the final tables, zones from the log's <c>Zone ranges</c>, RAM and MemTotal from its <c>Memory:</c> line.</summary>
    /// <param name="log">The log that was replayed.</param>
    /// <param name="result">The replay's result.</param>
    /// <param name="dtb">The DTB's facts (names reserved-memory nodes), or null.</param>
    /// <param name="title">The map's title, or null for the log's name.</param>
    /// <returns>The map.</returns>
    public static MemoryMap FromReplay(KernelLogDocument log, ReplayResult result, DtbFacts? dtb = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(result);
        var ownership = ReservationAttribution.FromLog(log, dtb);
        foreach (var inferred in result.Inferred.Where(c => c.Kind == InferredKind.Reserve && c.Size > 0))
        {
            string category = inferred.Reason.Contains("FDT", StringComparison.OrdinalIgnoreCase) || inferred.Reason.Contains("DTB", StringComparison.OrdinalIgnoreCase)
                ? "FDT" : "other";
            ownership.Assign(inferred.Base, inferred.Base + inferred.Size, new Owner("inferred: " + inferred.Reason, category));
        }
        var banks = new List<MapBank>();
        foreach (var m in result.Memblock.Memory.Regions)
            banks.Add(new MapBank(m.Base, m.Size, m.Nid, m.Flags) { Label = NoMapSource(m, dtb) });
        var table = new List<MemblockRegion>();
        foreach (var r in result.Memblock.Reserved.Regions)
            table.Add(r);
        var reserved = Regions(table, ownership, dtb, out ulong unattributed);
        var zones = new List<MapZone>();
        foreach (var z in log.Entries.OfType<ContextLine>().Where(c => c.Kind == ContextKind.ZoneRange))
        {
            if (z.Start is { } s && z.End is { } e && e >= s && zones.All(x => x.Name != z.Name))
                zones.Add(new MapZone(z.Name ?? "zone", 0, s, e - s + 1));
        }
        ulong? ram = result.Path is { Steps.Count: > 0 } p ? (ulong)Math.Max(0, p.Steps[0].KiB) * 1024 : null;
        ulong? memTotal = result.Path is { } q ? (ulong)Math.Max(0, q.MemTotalKiB) : null;
        var notes = new List<string>(result.Unseen);
        if (unattributed > 0)
            notes.Add($"{unattributed} reserved bytes have no known owner");
        return new MemoryMap(title ?? log.Source, banks, zones, reserved, ram, memTotal, notes);
    }

    /// <summary>The owners of a traced boot's reservations, read from its log up to the <c>Memory:</c> line.</summary>
    private static Ownership FromTrace(BootResult traced, DtbFacts? dtb) =>
        ReservationAttribution.FromLog(KernelLogReader.Read(string.Join('\n', traced.Log), "boot"), dtb, untilMemoryInfo: true);

    /// <summary>The path of the no-map reserved-memory node a no-map bank comes from, or null.</summary>
    private static string? NoMapSource(MemblockRegion bank, DtbFacts? dtb)
    {
        if ((bank.Flags & MemblockFlags.NoMap) == 0 || dtb is null)
            return null;
        return dtb.ReservedNodes.FirstOrDefault(n => n.NoMap && n.Reg.Any(r => r.Address < bank.End && bank.Base < r.Address + r.Size))?.Path;
    }

    private static DtbFacts? TryFacts(ReadOnlyMemory<byte> blob, ulong pageSize)
    {
        try
        {
            return DtbFacts.FromBlob(blob, pageSize);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Splits each reserved region by owner; bytes no call explains become "(not attributed)" pieces of category other.</summary>
    private static List<MapReservedRegion> Regions(IReadOnlyList<MemblockRegion> table, Ownership ownership, DtbFacts? dtb, out ulong unattributed)
    {
        var regions = new List<MapReservedRegion>(table.Count);
        unattributed = 0;
        foreach (var region in table)
        {
            if (region.Size == 0)
                continue;
            var pieces = new List<MapReservation>();
            ulong cursor = region.Base;
            foreach (var (s, e, owner) in ownership.Within(region.Base, region.End))
            {
                if (s > cursor)
                {
                    pieces.Add(new MapReservation(cursor, s - cursor, ReservationCategory.Other, NotAttributed));
                    unattributed += s - cursor;
                }
                pieces.Add(Piece(s, e - s, owner, dtb));
                cursor = e;
            }
            if (cursor < region.End)
            {
                pieces.Add(new MapReservation(cursor, region.End - cursor, ReservationCategory.Other, NotAttributed));
                unattributed += region.End - cursor;
            }
            regions.Add(new MapReservedRegion(region.Base, region.Size, region.Flags, pieces));
        }
        return regions;
    }

    private static MapReservation Piece(ulong @base, ulong size, Owner owner, DtbFacts? dtb)
    {
        var category = ReservationCategories.FromAccount(owner.Category, owner.Caller);
        string label = owner.Caller;
        if (dtb is not null && category is ReservationCategory.Cma or ReservationCategory.ReservedMemoryNode)
        {
            var node = dtb.ReservedNodes.FirstOrDefault(n => n.Reg.Any(r => r.Address <= @base && @base < r.Address + r.Size))
                ?? dtb.ReservedNodes.FirstOrDefault(n => n.Reg.Count == 0 && n.Size == size);
            if (node is not null)
                label = node.Path;
            else if (owner.Category == "/memreserve/")
                label = "/memreserve/";
        }
        return new MapReservation(@base, size, category, label);
    }
}
