using System.CommandLine;
using MemblockSharp.Cli.Commands;

namespace MemblockSharp.Cli;

/// <summary>The <c>memblock</c> command: composes the sub-commands and nothing else.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code (0 ok, 1 findings or failures, 2 bad usage or bad input).</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>The global <c>--verbose</c> option: an internal error prints its full .NET trace.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "on an internal error, print the full .NET stack trace (for a bug report)",
        Recursive = true,
    };

    /// <summary>Runs the command line with the given output writers (used by tests).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildRoot();
        // Our guard, not System.CommandLine's default handler, owns failures: exit 2 and no trace without --verbose.
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        var parse = root.Parse(args);
        if (UsageError(parse) is { } usage)
        {
            stderr.WriteLine($"memblock: error: {usage}");
            return ExitCodes.BadInput;
        }
        bool verbose = parse.GetValue(Verbose);
        return CommandGuard.WithVerbosity(verbose, () => CommandGuard.Run(stderr, () => parse.Invoke(config), verbose));
    }

    /// <summary>
    /// What is wrong with the command line as one line (System.CommandLine's messages joined, with where to read the
    /// usage), or null when it parsed. A command's argument that looks like an option (<c>--bogus</c>) is an unknown
    /// option, not a file name (a file whose name starts with <c>-</c> is given as <c>./-name</c>).
    /// </summary>
    /// <param name="parse">The parsed command line.</param>
    /// <returns>The message without the <c>memblock: error: </c> prefix, or null.</returns>
    internal static string? UsageError(ParseResult parse)
    {
        var messages = parse.Errors.Select(e => e.Message.TrimEnd('.')).ToList();
        foreach (var child in parse.CommandResult.Children)
        {
            if (child is System.CommandLine.Parsing.ArgumentResult argument)
                messages.AddRange(argument.Tokens.Where(t => LooksLikeOption(t.Value)).Select(t => $"unknown option '{t.Value}'"));
        }
        if (messages.Count == 0)
            return null;
        if (messages.Count > 1) // "Unrecognized command 'x'" says it better than "Required command was not provided"
            messages.RemoveAll(m => m.StartsWith("Required command", StringComparison.Ordinal));
        string command = parse.CommandResult.Command is RootCommand ? "memblock" : $"memblock {parse.CommandResult.Command.Name}";
        return $"{string.Join("; ", messages.Distinct())} (see '{command} --help')";
    }

    private static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]);

    /// <summary>Builds the root command with every sub-command.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "memblock: re-creates how Linux 6.1 brings up physical memory at boot " +
            "(the memblock allocator, the device-tree scan, reservations, the buddy hand-off and MemTotal).");
        root.Options.Add(Verbose);
        root.Options.Add(Rendering.OutputMode.Color);
        root.Subcommands.Add(ConformanceCommand.Create());
        root.Subcommands.Add(ScriptCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(DtCommand.Create());
        root.Subcommands.Add(BootCommand.Create());
        root.Subcommands.Add(LintCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        return root;
    }
}
