using System.Globalization;
using System.Text.Json;
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
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteStartArray("files");
            foreach (var f in files)
            {
                j.WriteStartObject();
                j.WriteString("path", f.Path);
                j.WriteStartArray("kernels");
                foreach (var k in f.Kernels)
                    j.WriteStringValue(k);
                j.WriteEndArray();
                j.WriteNumber("cases", f.Passed + f.Failed);
                j.WriteNumber("passed", f.Passed);
                j.WriteNumber("failed", f.Failed);
                j.WriteStartArray("failures");
                foreach (var x in f.Failures)
                {
                    j.WriteStartObject();
                    j.WriteString("id", x.Id);
                    j.WriteNumber("step", x.Divergence.StepIndex);
                    j.WriteString("op", x.Divergence.Op);
                    j.WriteString("what", x.Divergence.What);
                    j.WriteString("expected", x.Divergence.Expected);
                    j.WriteString("actual", x.Divergence.Actual);
                    j.WriteEndObject();
                }
                j.WriteEndArray();
                j.WriteEndObject();
            }
            j.WriteEndArray();
            int passed = files.Sum(f => f.Passed), failed = files.Sum(f => f.Failed);
            j.WriteNumber("cases", passed + failed);
            j.WriteNumber("passed", passed);
            j.WriteNumber("failed", failed);
            j.WriteNumber("exit_code", failed > 0 ? ExitCodes.Findings : ExitCodes.Ok);
            j.WriteEndObject();
        }
        w.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        w.Write('\n');
    }

    private static string FailLine(ConformanceFailure x) => $"FAIL {x.Id}: {x.Divergence}";

    private static string Tally(int passed, int failed) => string.Create(CultureInfo.InvariantCulture, $"{passed} passed, {failed} failed");
}
