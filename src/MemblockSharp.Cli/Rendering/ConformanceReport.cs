using System.Globalization;
using MemblockSharp.Cli.Rendering.Json;
using MemblockSharp.Conformance;
using Spectre.Console;

namespace MemblockSharp.Cli.Rendering;

/// <summary>One failed conformance case: its id and the first divergence.</summary>
/// <param name="Id">The case id.</param>
/// <param name="Divergence">Step, op, what differed, expected and actual of the first divergence.</param>
public sealed record ConformanceFailure(string Id, ConformanceDivergence Divergence);

/// <summary>The outcome of one vector file.</summary>
/// <param name="Path">The file as given.</param>
/// <param name="Passed">Cases that passed.</param>
/// <param name="Failures">Cases that failed, in file order.</param>
public sealed record ConformanceFileResult(string Path, int Passed, IReadOnlyList<ConformanceFailure> Failures)
{
    /// <summary>The kernel releases (<c>6.1</c>, <c>6.12</c>) whose rules the file's cases ran with, in order.</summary>
    public IReadOnlyList<string> Kernels { get; init; } = [];

    /// <summary>Cases that failed.</summary>
    public int Failed => Failures.Count;
}

/// <summary>
/// The output of <c>memblock conformance</c>: plain (per failed case <c>FAIL id: divergence</c>, per file
/// <c>path: N passed, M failed</c>, then exactly <c>N passed, M failed</c>), or on a terminal a tally table.
/// </summary>
public static class ConformanceReport
{
    /// <summary>Writes the plain text.</summary>
    /// <param name="w">The output.</param>
    /// <param name="files">Each file's outcome, in the order given.</param>
    public static void WriteText(TextWriter w, IReadOnlyList<ConformanceFileResult> files)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(files);
        foreach (var f in files)
        {
            foreach (var x in f.Failures)
                w.WriteLine(FailLine(x));
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Path}: {Tally(f.Passed, f.Failed)}"));
        }
        w.WriteLine(Tally(files.Sum(f => f.Passed), files.Sum(f => f.Failed)));
    }

    /// <summary>
    /// Writes for a terminal: the failed cases in red, a table of files with their passed and failed counts and the
    /// total, then the closing <c>N passed, M failed</c> line (green when nothing failed).
    /// </summary>
    /// <param name="console">The terminal.</param>
    /// <param name="files">Each file's outcome, in the order given.</param>
    public static void WriteTerminal(IAnsiConsole console, IReadOnlyList<ConformanceFileResult> files)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(files);
        foreach (var x in files.SelectMany(f => f.Failures))
            TerminalText.Line(console, FailLine(x), TerminalText.Bad);
        int passed = files.Sum(f => f.Passed), failed = files.Sum(f => f.Failed);
        var table = TerminalText.NewTable("conformance")
            .AddTextColumn("file")
            .AddNumberColumn("passed")
            .AddNumberColumn("failed");
        foreach (var f in files)
            table.AddRow(TerminalText.Cell(f.Path), TerminalText.Count(f.Passed, TerminalText.Good), TerminalText.Count(f.Failed, TerminalText.Bad));
        table.Footer(TerminalText.Cell("total", TerminalText.Key), TerminalText.Count(passed, TerminalText.Good), TerminalText.Count(failed, TerminalText.Bad));
        console.Write(table);
        TerminalText.Line(console, Tally(passed, failed), failed > 0 ? TerminalText.Bad : TerminalText.Good);
    }

    /// <summary>Writes the JSON form (schema in <c>docs/json/conformance.md</c>): one indented object and a newline.</summary>
    /// <param name="w">The output.</param>
    /// <param name="files">Each file's outcome, in the order given.</param>
    public static void WriteJson(TextWriter w, IReadOnlyList<ConformanceFileResult> files)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(files);
        int passed = files.Sum(f => f.Passed), failed = files.Sum(f => f.Failed);
        var document = new ConformanceDocument(
            [.. files.Select(f => new ConformanceFileJson(f.Path, [.. f.Kernels], f.Passed + f.Failed, f.Passed, f.Failed,
                [.. f.Failures.Select(x => new ConformanceFailureJson(x.Id, x.Divergence.StepIndex, x.Divergence.Op, x.Divergence.What,
                    x.Divergence.Expected, x.Divergence.Actual))]))],
            passed + failed, passed, failed, failed > 0 ? ExitCodes.Findings : ExitCodes.Ok);
        JsonOutput.Write(w, document, JsonOutput.Types.ConformanceDocument);
    }

    private static string FailLine(ConformanceFailure x) => $"FAIL {x.Id}: {x.Divergence}";

    private static string Tally(int passed, int failed) => string.Create(CultureInfo.InvariantCulture, $"{passed} passed, {failed} failed");
}
