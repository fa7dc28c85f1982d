using System.Globalization;
using MemblockSharp.Boot.Explain;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The text report of <c>memblock explain</c>.</summary>
public static class ExplainText
{
    /// <summary>Writes the report.</summary>
    /// <param name="w">The output.</param>
    /// <param name="r">The explanation.</param>
    /// <param name="unreadable">Live files that could not be read.</param>
    public static void Write(TextWriter w, ExplainResult r, IReadOnlyList<string> unreadable)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(unreadable);
        var k = r.Kernel;
        w.WriteLine($"# explain {r.Log.Source}: Linux {k.Release ?? "(no banner)"} ({k.Version}), {k.Arch}" + (k.Model is null ? "" : $", {k.Model}"));
        w.WriteLine($"command line: {k.CommandLine ?? "(not in the log)"}");
        w.WriteLine(r.Profile is null ? "simulated: no" + (r.ProfileReason is null ? " (no DTB)" : $" ({r.ProfileReason})") : $"simulated: yes, profile {r.Profile} ({r.ProfileReason})");
        if (r.MemoryLine is { } m)
        {
            w.WriteLine();
            w.WriteLine($"from physical RAM to MemTotal ({(m.Legacy ? "Memory: line of the form before 3.13" : "Memory: line of 3.13 and later")}):");
            foreach (var s in r.Path)
                w.WriteLine(s.Label == "MemTotal"
                    ? $"  = {s.KiB,10} kB  MemTotal"
                    : $"  {(s.KiB < 0 ? "-" : "+")} {Math.Abs(s.KiB),10} kB  {s.Label} ({s.Source})");
            if (r.MeminfoMemTotalKiB is { } known)
                w.WriteLine($"  /proc/meminfo MemTotal: {known} kB" + (known == r.MemTotalKiB ? " (the same)" : $" ({known - r.MemTotalKiB:+#;-#;0} kB)"));
            w.WriteLine();
            w.WriteLine($"where {Kib(r.ReservedBytes)} went ({r.AccountBasis}):");
            foreach (var c in r.Categories)
                w.WriteLine($"  {Kib(c.Bytes),12}  {Status(c.Status),-24} {c.Name}  [{c.Evidence}]");
            w.WriteLine($"  {Kib(r.UnexplainedBytes),12}  {"unexplained",-24} what neither the log nor " + (r.Simulation is null ? "a rule" : "the simulation") + " accounts for");
            foreach (var c in r.Outside)
                w.WriteLine($"  {Kib(c.Bytes),12}  {Status(c.Status),-24} {c.Name}  [{c.Evidence}]");
        }
        if (r.Checks.Count > 0)
        {
            w.WriteLine();
            w.WriteLine($"logged facts against the simulated boot ({r.Checks.Count(c => c.Agrees)}/{r.Checks.Count} agree):");
            foreach (var c in r.Checks)
            {
                w.WriteLine($"  {(c.Agrees ? "ok  " : "DIFF")} {c.Fact}: log {c.Logged}");
                if (!c.Agrees)
                    w.WriteLine($"       simulated {c.Simulated}");
            }
        }
        var notes = r.Log.Notes.Where(n => n.Kind is not Boot.KernelLog.LogNoteKind.NoMemblockDebug).ToList();
        if (notes.Count > 0 || r.Warnings.Count > 0 || unreadable.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("notes:");
            foreach (var n in notes)
                w.WriteLine($"  {n.Kind}: {n.Message}");
            foreach (var s in r.Warnings)
                w.WriteLine($"  warning: {s}");
            foreach (var s in unreadable)
                w.WriteLine($"  unreadable: {s}");
        }
    }

    private static string Status(CategoryStatus s) => s switch
    {
        CategoryStatus.Logged => "logged",
        CategoryStatus.Simulated => "simulated, consistent",
        CategoryStatus.SimulatedInconsistent => "simulated, INCONSISTENT",
        CategoryStatus.Estimated => "estimated (kernel rule)",
        _ => "unexplained",
    };

    private static string Kib(long bytes) => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " kB";
}
