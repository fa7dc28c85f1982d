using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Replay;
using MemblockSharp.Cli.Rendering.Json;
using MemblockSharp.Text;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The JSON form of <c>memblock replay --json</c>; the schema is documented in <c>docs/json/replay.md</c>.</summary>
internal static class ReplayJson
{
    /// <summary>Writes the result as one indented JSON object followed by a newline.</summary>
    /// <param name="w">The output.</param>
    /// <param name="log">The log that was replayed.</param>
    /// <param name="r">The replay's result.</param>
    public static void Write(TextWriter w, KernelLogDocument log, ReplayResult r) =>
        JsonOutput.Write(w, Document(log, r), JsonOutput.Types.ReplayDocument);

    /// <summary>The replay as a document.</summary>
    /// <param name="log">The log that was replayed.</param>
    /// <param name="r">The replay's result.</param>
    /// <returns>The document.</returns>
    public static ReplayDocument Document(KernelLogDocument log, ReplayResult r)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(r);
        var logJson = new ReplayLogJson(log.Source, log.LineCount, log.HeadLost, log.HasMemblockDebug,
            [.. log.Notes.Select(n => new LogNoteJson(n.LineNumber, n.Kind.ToString(), n.Message))]);
        return new ReplayDocument(
            logJson,
            new ReplayKernelJson(r.Kernel.Version.ToString(), r.Kernel.Release, r.Kernel.Modelled, r.Kernel.Evidence),
            MemblockTablesJson.From(r.Memblock.Memory.Regions.ToArray(), r.Memblock.Reserved.Regions.ToArray()),
            State(r.Memblock),
            r.AllocationsChecked,
            r.AllocationsAgreed,
            r.SilentAllocations,
            r.SilentAllocationChecks.Count,
            r.SilentAllocationChecks.Count(c => c.Agrees),
            r.CallsReplayed,
            r.CallsNotReplayable,
            [.. r.FirstDisagreements.Select(a => new DisagreementJson(a.LineNumber, a.Function, a.Caller, a.Size, Hex.Format(a.Align), a.Nid,
                Hex.Format(a.MinAddr), Hex.Format(a.MaxAddr), Hex.Format(a.KernelAddress), Hex.Format(a.OurAddress)))],
            [.. r.Inferred.Select(c => new InferredCallJson(c.Kind.ToString(), Hex.Format(c.Base), c.Size, c.Value, c.BeforeLine, c.Reason))],
            [.. r.Dumps.Select(d => new DumpCheckJson(d.LineNumber, d.MemoryMatches, d.ReservedMatches, d.Detail))],
            r.Unseen,
            r.Account.TotalBytes,
            Account(r.Account.ByCaller),
            Account(r.Account.ByCategory),
            r.Path is { } p
                ? new MemTotalPathJson([.. p.Steps.Select(s => new PathStepJson(s.Label, s.KiB, s.Source))], p.MemTotalKiB, p.LoggedReservedKiB, p.ReplayReservedKiB)
                : null);
    }

    /// <summary>A memblock state: its two tables with their regions, the limit and the direction.</summary>
    /// <param name="mb">The state.</param>
    /// <returns>Its record.</returns>
    public static MemblockStateJson State(Memblock mb)
    {
        ArgumentNullException.ThrowIfNull(mb);
        return new(mb.BottomUp, Hex.Format(mb.CurrentLimit), Type(mb.Memory, mb.Options.MaxNumNodes), Type(mb.Reserved, mb.Options.MaxNumNodes));
    }

    private static MemblockTypeJson Type(MemblockType type, int maxNumNodes) =>
        new(type.Count, type.Capacity, type.TotalSize,
            [.. type.Regions.ToArray().Select(region => new MemblockStateRegionJson(Hex.Format(region.Base), Hex.Format(unchecked(region.Base + region.Size - 1)),
                region.Size, (uint)region.Flags, region.Nid == maxNumNodes ? null : region.Nid))]);

    private static List<AccountEntryJson> Account(IReadOnlyList<AccountEntry> entries) =>
        [.. entries.Select(e => new AccountEntryJson(e.Name, e.Bytes, e.Regions))];
}
