using System.CommandLine;
using MemblockSharp.Cli.Rendering;
using MemblockSharp.Conformance;
using Spectre.Console;

namespace MemblockSharp.Cli.Commands;

/// <summary><c>memblock conformance FILE...</c>: replays recorded Linux 6.1 memblock vectors and checks every result.</summary>
public static class ConformanceCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "JSON Lines vector files (plain or .gz) in the conformance schema",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "print one JSON object (schema in docs/json/conformance.md)" };
        var command = new Command("conformance",
            "Replay memblock conformance vectors (JSON Lines, one case per line) and check every recorded return value " +
            "and table state against our memblock. Prints per-file counts and the first divergence of each failed case; " +
            "the last line is 'N passed, M failed'. Exit 0 all passed, 1 some failed, 2 malformed file.")
        {
            files, json,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return CommandGuard.Run(stderr, () => Execute(parse.GetValue(files)!, parse.GetValue(json), stdout,
                parse.GetValue(json) ? null : OutputMode.For(parse, stdout)));
        });
        return command;
    }

    private static int Execute(string[] paths, bool json, TextWriter stdout, IAnsiConsole? console)
    {
        // Read and validate every file first, so a malformed file fails before any output claims a result.
        var loaded = new List<(string Path, List<ConformanceCase> Cases)>();
        foreach (var path in paths)
        {
            using var reader = InputFiles.OpenText(path);
            try
            {
                loaded.Add((path, ConformanceReader.ReadAll(reader).ToList()));
            }
            catch (ConformanceFormatException ex)
            {
                throw new FormatException($"{path}: {ex.Message}", ex);
            }
        }

        var results = new List<ConformanceFileResult>(loaded.Count);
        foreach (var (path, cases) in loaded)
        {
            int filePassed = 0;
            var failures = new List<ConformanceFailure>();
            foreach (var @case in cases)
            {
                var outcome = ConformanceRunner.Run(@case);
                if (outcome.Passed)
                    filePassed++;
                else
                    failures.Add(new ConformanceFailure(@case.Id, outcome.Divergence!));
            }
            results.Add(new ConformanceFileResult(path, filePassed, failures));
        }
        if (json)
            ConformanceReport.WriteJson(stdout, results);
        else if (console is null)
            ConformanceReport.WriteText(stdout, results);
        else
            ConformanceReport.WriteTerminal(console, results);
        return results.Any(r => r.Failed > 0) ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
