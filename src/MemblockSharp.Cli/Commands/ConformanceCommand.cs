using System.CommandLine;
using MemblockSharp;
using MemblockSharp.Cli.Rendering;
using MemblockSharp.Conformance;
using Spectre.Console;

namespace MemblockSharp.Cli.Commands;

/// <summary>
/// <c>memblock conformance FILE... [--kernel-version 6.1|6.12]</c>: replays recorded memblock vectors and checks every
/// result, each case with the core of the kernel it names (its <c>kernel</c> field) or the one asked for.
/// </summary>
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
        var kernelVersion = new Option<string?>("--kernel-version")
        {
            Description = "run every case with this kernel's memblock rules (6.1 or 6.12) instead of the one its \"kernel\" field names",
            HelpName = "6.1|6.12",
        };
        var command = new Command("conformance",
            "Replay memblock conformance vectors (JSON Lines, one case per line) and check every recorded return value " +
            "and table state against our memblock, each case with the rules of the kernel it names (6.1 or 6.12) unless " +
            "--kernel-version says otherwise. Prints per-file counts and the first divergence of each failed case; " +
            "the last line is 'N passed, M failed'. Exit 0 all passed, 1 some failed, 2 malformed file.")
        {
            files, json, kernelVersion,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return CommandGuard.Run(stderr, () => Execute(parse.GetValue(files)!, ParseVersion(parse.GetValue(kernelVersion)),
                parse.GetValue(json), stdout, parse.GetValue(json) ? null : OutputMode.For(parse, stdout)));
        });
        return command;
    }

    /// <summary>The release <c>--kernel-version</c> names, or null when it was not given.</summary>
    private static MemblockVersion? ParseVersion(string? text)
    {
        if (text is null)
            return null;
        return text is "6.1" or "6.12" && MemblockVersions.TryParse(text, out var version)
            ? version
            : throw new FormatException($"--kernel-version: \"{text}\" is not a modelled kernel (6.1 or 6.12)");
    }

    private static int Execute(string[] paths, MemblockVersion? version, bool json, TextWriter stdout, IAnsiConsole? console)
    {
        // Read and validate every file first, so a malformed file fails before any output claims a result.
        var loaded = new List<(string Path, List<ConformanceCase> Cases)>();
        foreach (var path in paths)
        {
            using var reader = InputFiles.OpenText(path);
            try
            {
                var cases = ConformanceReader.ReadAll(reader).ToList();
                foreach (var @case in cases)
                    ConformanceRunner.VersionOf(@case, version); // an unmodelled kernel is bad input, before any case runs
                loaded.Add((path, cases));
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
            var kernels = new SortedSet<MemblockVersion>();
            foreach (var @case in cases)
            {
                kernels.Add(ConformanceRunner.VersionOf(@case, version));
                ConformanceOutcome outcome;
                try
                {
                    outcome = ConformanceRunner.Run(@case, version: version);
                }
                catch (ConformanceFormatException ex)
                {
                    throw new FormatException($"{path}: {ex.Message}", ex);
                }
                if (outcome.Passed)
                    filePassed++;
                else
                    failures.Add(new ConformanceFailure(@case.Id, outcome.Divergence!));
            }
            results.Add(new ConformanceFileResult(path, filePassed, failures) { Kernels = kernels.Select(MemblockVersions.Name).ToList() });
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
