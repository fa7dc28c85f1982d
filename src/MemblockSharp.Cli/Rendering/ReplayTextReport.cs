using System.Globalization;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Replay;
using MemblockSharp.Text;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The text report of <c>memblock replay</c>: tables in debugfs format, then the accounts, the path to MemTotal and the evidence.</summary>
public static class ReplayTextReport
{
    /// <summary>Writes the report.</summary>
    /// <param name="w">The output.</param>
    /// <param name="log">The log that was replayed.</param>
    /// <param name="r">The replay's result.</param>
    public static void Write(TextWriter w, KernelLogDocument log, ReplayResult r)
    {
        WriteTables(w, log, r);
        WriteAccounts(w, r);
        WritePath(w, r);
        WriteEvidence(w, log, r);
    }

    /// <summary>Writes the header line and the final tables in the debugfs format.</summary>
    /// <param name="w">The output.</param>
    /// <param name="log">The log that was replayed.</param>
    /// <param name="r">The replay's result.</param>
    public static void WriteTables(TextWriter w, KernelLogDocument log, ReplayResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteLine($"# replay of {log.Source}: {r.CallsReplayed} memblock calls replayed; allocations agreed {r.AllocationsAgreed}/{r.AllocationsChecked}" +
            (r.SilentAllocations > 0 ? $"; {r.SilentAllocations} reservations by allocators that do not print" +
                (r.SilentAllocationChecks.Count > 0 ? $", {r.SilentAllocationChecks.Count(c => c.Agrees)}/{r.SilentAllocationChecks.Count} of them (NODE_DATA) checked and agreed" : ", not checked") : ""));
        w.WriteLine(KernelLine(r.Kernel));
        w.WriteLine("memory:");
        w.Write(MemblockText.Debugfs(r.Memblock.Memory));
        w.WriteLine("reserved:");
        w.Write(MemblockText.Debugfs(r.Memblock.Reserved));
    }

    /// <summary>The line naming the release the log was replayed as: its memblock rules and its debugfs format.</summary>
    /// <param name="kernel">The release and its evidence.</param>
    /// <returns>The line, starting with <c># kernel:</c>.</returns>
    internal static string KernelLine(LogKernelVersion kernel) =>
        $"# kernel: Linux {kernel.Version} memblock rules and debugfs format, from {kernel.Evidence}";

    /// <summary>Writes reserved memory by category and by caller, each entry with bytes, KiB and its share.</summary>
    /// <param name="w">The output.</param>
    /// <param name="r">The replay's result.</param>
    public static void WriteAccounts(TextWriter w, ReplayResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        ulong total = r.Account.TotalBytes;
        w.WriteLine();
        w.WriteLine($"reserved memory by category (total {total} bytes, {Kib(total)}):");
        foreach (var e in r.Account.ByCategory)
            w.WriteLine(AccountLine(e, total));
        w.WriteLine();
        w.WriteLine("reserved memory by caller:");
        foreach (var e in r.Account.ByCaller)
            w.WriteLine(AccountLine(e, total));
    }

    /// <summary>Writes the path from physical RAM to MemTotal, when the log has a Memory: line.</summary>
    /// <param name="w">The output.</param>
    /// <param name="r">The replay's result.</param>
    public static void WritePath(TextWriter w, ReplayResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        if (r.Path is { } path)
        {
            w.WriteLine();
            w.WriteLine("from physical RAM to MemTotal:");
            for (int i = 0; i < path.Steps.Count; i++)
            {
                var s = path.Steps[i];
                string sign = Sign(i, path.Steps.Count, s.KiB);
                w.WriteLine($"  {sign} {Math.Abs(s.KiB),10} kB  {s.Label} ({s.Source})");
            }
            if (path.ReplayReservedKiB is { } ours)
                w.WriteLine(ReservedCheck(ours, path.LoggedReservedKiB));
        }
    }

    /// <summary>Writes the evidence: inferred calls, the MEMBLOCK dumps compared, disagreements and what the log did not show.</summary>
    /// <param name="w">The output.</param>
    /// <param name="log">The log that was replayed.</param>
    /// <param name="r">The replay's result.</param>
    public static void WriteEvidence(TextWriter w, KernelLogDocument log, ReplayResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(r);
        if (r.Inferred.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("inferred calls (not in the log):");
            var fromDump = r.Inferred.Where(c => c.Kind == InferredKind.StateFromDump).ToList();
            if (fromDump.Count > 0)
            {
                var owners = fromDump.Where(c => c.Value == 0 && c.Reason.Contains("attributed to", StringComparison.Ordinal)).ToList();
                w.WriteLine($"  {Where(fromDump[0].BeforeLine, log)}: the state of the first MEMBLOCK configuration dump, taken whole (the log lost its head): " +
                    $"{fromDump.Count - owners.Count} memory regions, {owners.Count} reserved ranges, each attributed to the visible line that reserved it where there is one (--json lists them)");
            }
            foreach (var c in r.Inferred.Where(c => c.Kind != InferredKind.StateFromDump))
                w.WriteLine($"  {Where(c.BeforeLine, log)}: {Describe(c)}: {c.Reason}");
        }
        if (r.Dumps.Count > 0)
            w.WriteLine();
        foreach (var d in r.Dumps)
            w.WriteLine(d.MemoryMatches && d.ReservedMatches
                ? $"MEMBLOCK configuration dump at line {d.LineNumber}: reproduced"
                : $"MEMBLOCK configuration dump at line {d.LineNumber}: DIFFERS: {d.Detail}");
        if (r.AllocationsAgreed != r.AllocationsChecked)
        {
            w.WriteLine();
            w.WriteLine("first disagreements:");
            foreach (var a in r.FirstDisagreements)
                w.WriteLine($"  line {a.LineNumber}: {a.Function} {a.Size} bytes align=0x{a.Align:x} nid={a.Nid} for {a.Caller}: kernel 0x{a.KernelAddress:x}, ours 0x{a.OurAddress:x}");
        }
        if (r.Unseen.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("not seen in the log:");
            foreach (var u in r.Unseen)
                w.WriteLine($"  - {u}");
        }
    }

    /// <summary>The line that compares the replayed reserved figure with the kernel's.</summary>
    /// <param name="ours">The replayed tables' reserved kB.</param>
    /// <param name="logged">The kernel's reserved kB.</param>
    /// <returns>The line, indented.</returns>
    internal static string ReservedCheck(long ours, long logged) =>
        $"  (the replayed tables give {ours} kB reserved at that line; the kernel printed {logged} kB)";

    private static string AccountLine(AccountEntry e, ulong total) =>
        string.Create(CultureInfo.InvariantCulture, $"  {e.Bytes,12} {Kib(e.Bytes),12} {Share(e.Bytes, total),7}  {e.Name}");

    /// <summary>A part of the total as a percentage with two decimals, e.g. <c>47.48%</c>.</summary>
    internal static string Share(ulong bytes, ulong total) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * bytes / Math.Max(1, total):F2}%");

    /// <summary>Bytes as KiB with one decimal, e.g. <c>65536.0 KiB</c>.</summary>
    internal static string Kib(ulong bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB");

    /// <summary>The operator before step <paramref name="i"/> of the path: none for the start, <c>=</c> for the result, else the sign.</summary>
    internal static string Sign(int i, int count, long kib) => i == 0 ? " " : i == count - 1 ? "=" : kib < 0 ? "-" : "+";

    private static string Where(int line, KernelLogDocument log) => line == 0 ? "at the start" : line > log.LineCount ? "at the end" : $"before line {line}";

    private static string Describe(InferredCall c) => c.Kind switch
    {
        InferredKind.SetCurrentLimit => $"set current limit 0x{c.Base:x}",
        InferredKind.SetNode => $"set node {c.Value} on [0x{c.Base:x}-0x{c.Base + c.Size - 1:x}]",
        InferredKind.SetFlags => $"set flags 0x{c.Value:x} on [0x{c.Base:x}-0x{c.Base + c.Size - 1:x}]",
        InferredKind.SetReservedNode => $"set reserved node {c.Value} on [0x{c.Base:x}-0x{c.Base + c.Size - 1:x}]",
        InferredKind.ReservedNodesFromMemory => "set reserved nodes from the memory regions",
        _ => $"{c.Kind} [0x{c.Base:x}-0x{c.Base + c.Size - 1:x}]",
    };
}
