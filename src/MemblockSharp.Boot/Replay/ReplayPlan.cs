namespace MemblockSharp.Boot.Replay;

/// <summary>An inferred call, placed before a log entry.</summary>
/// <param name="BeforeIndex">The index into the log's entries it runs before (the entry count = after everything).</param>
/// <param name="Call">The call and its evidence.</param>
/// <param name="Owner">For an inferred reservation, who owns it.</param>
internal sealed record PlannedOp(int BeforeIndex, InferredCall Call, Owner? Owner);

/// <summary>What the replay runs: the inferred calls woven into the logged ones, and where the logged ones start.</summary>
internal sealed class ReplayPlan
{
    /// <summary>The inferred calls, in insertion order (stable-sorted by position when run).</summary>
    public List<PlannedOp> Ops { get; } = [];

    /// <summary>Logged entries before this index are not replayed (their effect is in a dump the replay starts from).</summary>
    public int StartIndex { get; set; }

    /// <summary>False when the state the logged allocations ran on cannot be known (a log that lost its head and every dump).</summary>
    public bool CheckAllocations { get; set; } = true;

    /// <summary>The ops ordered for execution.</summary>
    public IEnumerable<PlannedOp> Ordered() => Ops.Select((op, seq) => (op, seq)).OrderBy(t => t.op.BeforeIndex).ThenBy(t => t.seq).Select(t => t.op);
}
