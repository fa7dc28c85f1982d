using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Replay;

/// <summary>
/// Replays a <c>memblock=debug</c> kernel log through the memblock core: rebuilds the calls the log cannot show
/// (memory banks and the FDT's reservation made before <c>memblock=debug</c> took effect, <c>no-map</c> marks,
/// NUMA node assignment, the 32-bit ARM lowmem limit, <c>mem=</c>), runs every logged call with its caller, checks
/// every logged allocation against our own finder, and accounts for every reserved byte.
/// </summary>
/// <remarks>
/// Silent calls are inferred from evidence, in this order of preference: the DTB (memory banks), the log's
/// <c>MEMBLOCK configuration</c> dumps (the replay compares its state with each dump and infers the calls that explain
/// any difference, placed as early as the log allows, then replays again), the <c>Early memory node ranges</c> and
/// zone lines. Every inferred call is listed in <see cref="ReplayResult.Inferred"/> with its evidence.
/// A log that lost its head is replayed from its first dump, whose state is taken whole.
/// </remarks>
public static partial class LogReplayer
{
    /// <summary>Replays a log.</summary>
    /// <param name="log">The log, as read by <see cref="KernelLogReader"/>.</param>
    /// <param name="options">The DTB and settings, or null.</param>
    /// <returns>The final state, the allocation checks, the inferred calls and the account.</returns>
    public static ReplayResult Replay(KernelLogDocument log, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= new ReplayOptions();
        var context = new ReplayContext(log, options.Dtb);
        var memblockOptions = new MemblockOptions { Numa = context.Numa, PageSize = options.PageSize, PhysAddrBytes = log.PhysAddrBytes };
        var engine = new ReplayEngine(context, memblockOptions);
        var plan = new ReplayPlan();
        var unseen = new List<string>();

        int firstDump = IndexOf(log, e => e is MemblockDump);
        if (log.HeadLost && firstDump >= 0)
            PlanFromDump(context, plan, firstDump, unseen);
        else
            PlanInitialState(context, plan, firstDump, unseen);
        if (log.HeadLost && firstDump < 0)
            PlanHeadAndDumpsLost(context, plan, unseen);
        PlanCurrentLimit(context, plan);
        PlanEfiNoMap(context, plan);
        PlanNodesWithoutDump(context, plan);
        if (!log.HasMemblockDebug)
            PlanFromContext(context, plan, unseen);
        else if (firstDump < 0)
            unseen.Add("the log has no MEMBLOCK configuration dump, so the reservations made before memblock=debug took effect (the FDT blob" +
                (options.Dtb is { } d ? $", {d.TotalSize} bytes by the DTB's header" : "") + ") cannot be placed and are missing from the reserved table");

        for (int round = 0; round < options.MaxRounds; round++)
        {
            var trial = engine.Run(plan, stopAtMismatch: true);
            var bad = trial.Dumps.FirstOrDefault(d => !d.Matches);
            if (bad is null || !InferFromDump(context, plan, trial, bad))
                break;
        }
        CoalesceNodeAssignments(plan);

        var run = engine.Run(plan, stopAtMismatch: false);
        foreach (var note in log.Notes.Where(n => n.Kind is LogNoteKind.TailMissing or LogNoteKind.UnknownMemblockLine or LogNoteKind.Gap))
            unseen.Add(note.LineNumber > 0 ? $"line {note.LineNumber}: {note.Message}" : note.Message);
        var dumps = run.Dumps.Select(d => new DumpCheck(d.Dump.LineNumber, d.MemoryEqual, d.ReservedEqual, Describe(d))).ToList();
        var inferred = plan.Ordered().Select(o => o.Call with { BeforeLine = LineOf(log, o.BeforeIndex) }).ToList();
        return new ReplayResult(run.Memblock, run.Checks, run.SilentChecks, run.SilentAllocations, inferred, dumps, unseen,
            Account(run), PathToMemTotal(log, run, options.PageSize, reproducible: log.HasMemblockDebug), run.Replayed, run.NotReplayable);
    }

    /// <summary>Joins inferred node assignments that touch, share a node and a position (they were found piece by piece).</summary>
    private static void CoalesceNodeAssignments(ReplayPlan plan)
    {
        var nodes = plan.Ops.Where(o => o.Call.Kind == InferredKind.SetNode).OrderBy(o => o.BeforeIndex).ThenBy(o => o.Call.Value).ThenBy(o => o.Call.Base).ToList();
        if (nodes.Count < 2)
            return;
        var merged = new List<PlannedOp>();
        foreach (var op in nodes)
        {
            if (merged.Count > 0 && merged[^1] is var last && last.BeforeIndex == op.BeforeIndex && last.Call.Value == op.Call.Value
                && last.Call.Base + last.Call.Size == op.Call.Base)
                merged[^1] = last with { Call = last.Call with { Size = last.Call.Size + op.Call.Size } };
            else
                merged.Add(op);
        }
        int at = plan.Ops.FindIndex(o => o.Call.Kind == InferredKind.SetNode);
        plan.Ops.RemoveAll(o => o.Call.Kind == InferredKind.SetNode);
        plan.Ops.InsertRange(Math.Min(at, plan.Ops.Count), merged);
    }

    private static int IndexOf(KernelLogDocument log, Func<LogEntry, bool> predicate)
    {
        for (int i = 0; i < log.Entries.Count; i++)
        {
            if (predicate(log.Entries[i]))
                return i;
        }
        return -1;
    }

    /// <summary>The log line an entry index stands for (0 = before everything, the last line + 1 = after everything).</summary>
    private static int LineOf(KernelLogDocument log, int index) =>
        index <= 0 ? 0 : index >= log.Entries.Count ? log.LineCount + 1 : log.Entries[index].LineNumber;

    private static string Range(ulong @base, ulong size) => $"[{Hex.Format(@base)}-{Hex.Format(@base + size - 1)}]";
}
