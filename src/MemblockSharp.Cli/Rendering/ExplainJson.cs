using MemblockSharp.Boot.Explain;
using MemblockSharp.Cli.Rendering.Json;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The JSON form of <c>memblock explain --json</c>; the schema is documented in <c>docs/json/explain.md</c>.</summary>
public static class ExplainJson
{
    /// <summary>Writes the explanation as one indented JSON object followed by a newline.</summary>
    /// <param name="w">The output.</param>
    /// <param name="r">The explanation.</param>
    /// <param name="unreadable">Live files that could not be read.</param>
    public static void Write(TextWriter w, ExplainResult r, IReadOnlyList<string> unreadable)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(unreadable);
        JsonOutput.Write(w, Document(r, unreadable), JsonOutput.Types.ExplainDocument);
    }

    private static ExplainDocument Document(ExplainResult r, IReadOnlyList<string> unreadable)
    {
        var log = new ExplainLogJson(r.Log.Source, r.Log.LineCount, r.Log.HeadLost, r.Log.HasMemblockDebug,
            [.. r.Log.Notes.Select(n => new ExplainNoteJson(n.LineNumber, n.Kind.ToString(), n.Message))]);
        var k = r.Kernel;
        var kernel = new ExplainKernelJson(k.Release, k.Version, k.Arch, k.ArchEvidence, k.CommandLine, k.Model);
        var memoryLine = r.MemoryLine is not { } m ? null
            : new ExplainMemoryLineJson(m.LineNumber, m.Legacy ? "legacy" : "modern", m.TotalKiB, m.AvailableKiB, m.ReservedKiB, m.CmaKiB,
                m.HighmemKiB, m.Sections.ToDictionary(s => s.Key, s => (long)s.Value, StringComparer.Ordinal));
        return new ExplainDocument(log, kernel, r.Profile, r.ProfileReason, memoryLine,
            [.. r.Path.Select(s => new ExplainPathStepJson(s.Label, s.KiB, s.Source))], r.MemTotalKiB, r.MeminfoMemTotalKiB,
            r.AccountBasis, r.ReservedBytes, Categories(r.Categories), r.UnexplainedBytes, Categories(r.Outside),
            [.. r.Checks.Select(c => new ExplainCheckJson(c.Fact, c.Logged, c.Simulated, c.Agrees))], r.Simulation is not null,
            r.Consistent, r.Warnings, unreadable);
    }

    private static IReadOnlyList<ExplainCategoryJson> Categories(IReadOnlyList<ExplainCategory> list) =>
        [.. list.Select(c => new ExplainCategoryJson(c.Name, c.Bytes, c.Status.ToString(), c.Evidence))];
}
