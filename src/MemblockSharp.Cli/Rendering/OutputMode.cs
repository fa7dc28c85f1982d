using System.CommandLine;
using Spectre.Console;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// The one place that decides whether a command's output is for a person at a terminal (summaries as Spectre.Console
/// tables with colour) or plain text (exactly as documented and tested; for pipes, files, tests and CI).
/// The kernel-format parts of the output (memblock tables, the Memory: line, trace lines, DTS) are plain in both.
/// </summary>
public static class OutputMode
{
    /// <summary>The values of <c>--color</c>.</summary>
    public static readonly string[] ColorValues = ["auto", "always", "never"];

    /// <summary>Width used when the output is not a terminal that tells its own (<c>--color always</c> into a pipe).</summary>
    public const int DefaultWidth = 120;

    /// <summary>
    /// The global <c>--color auto|always|never</c> option. <c>auto</c> (the default) renders for a terminal only when
    /// <see cref="IsTerminal(TextWriter)"/> says so; <c>always</c> renders tables and ANSI colour even into a pipe;
    /// <c>never</c> prints the plain text.
    /// </summary>
    public static Option<string> Color { get; } = CreateColorOption();

    private static Option<string> CreateColorOption()
    {
        var option = new Option<string>("--color")
        {
            Description = "tables and colour for summaries: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never",
            Recursive = true,
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong(ColorValues);
        return option;
    }

    /// <summary>
    /// The automatic decision: <paramref name="writer"/> is this process's console output, that output is not redirected,
    /// <c>NO_COLOR</c> is unset (or empty) and <c>TERM</c> is not <c>dumb</c>.
    /// </summary>
    /// <param name="writer">The writer the command prints to.</param>
    /// <returns>True when the output goes to a person at a terminal.</returns>
    public static bool IsTerminal(TextWriter writer) =>
        Decide(ReferenceEquals(writer, Console.Out), Console.IsOutputRedirected,
               Environment.GetEnvironmentVariable("NO_COLOR"), Environment.GetEnvironmentVariable("TERM"));

    /// <summary>The rule behind <see cref="IsTerminal(TextWriter)"/>, over its inputs.</summary>
    /// <param name="isProcessConsole">The writer is <see cref="Console.Out"/>.</param>
    /// <param name="redirected">Standard output is redirected to a file or pipe.</param>
    /// <param name="noColor">The <c>NO_COLOR</c> environment variable, or null.</param>
    /// <param name="term">The <c>TERM</c> environment variable, or null.</param>
    /// <returns>True when the output should be rendered for a terminal.</returns>
    public static bool Decide(bool isProcessConsole, bool redirected, string? noColor, string? term) =>
        isProcessConsole && !redirected && string.IsNullOrEmpty(noColor) && !string.Equals(term, "dumb", StringComparison.Ordinal);

    /// <summary>The console to render summaries through for this command line, or null for plain text.</summary>
    /// <param name="parse">The parsed command line (for <c>--color</c>).</param>
    /// <param name="writer">The writer the command prints to.</param>
    /// <returns>A Spectre console writing to <paramref name="writer"/>, or null when the output is plain.</returns>
    public static IAnsiConsole? For(ParseResult parse, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return For(parse.GetValue(Color) ?? "auto", writer);
    }

    /// <summary>The console to render summaries through for a <c>--color</c> value, or null for plain text.</summary>
    /// <param name="color"><c>auto</c>, <c>always</c> or <c>never</c>.</param>
    /// <param name="writer">The writer the command prints to.</param>
    /// <returns>A Spectre console writing to <paramref name="writer"/>, or null when the output is plain.</returns>
    public static IAnsiConsole? For(string color, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        bool realTerminal = IsTerminal(writer);
        bool rich = color switch
        {
            "always" => true,
            "never" => false,
            _ => realTerminal,
        };
        if (!rich)
            return null;
        // On a real terminal Spectre measures the width and detects the colours; elsewhere (always into a pipe) fix both.
        return Create(writer, ansi: true, realTerminal ? null : DefaultWidth,
            realTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.Standard, interactive: realTerminal);
    }

    /// <summary>Creates a Spectre console over a writer (also used by tests with a <see cref="StringWriter"/>).</summary>
    /// <param name="writer">Where the console writes.</param>
    /// <param name="ansi">Emit ANSI escape sequences (colour, bold).</param>
    /// <param name="width">A fixed width in columns, or null to let Spectre measure the terminal.</param>
    /// <param name="colors">The colour system.</param>
    /// <param name="interactive">The console may redraw (a live progress bar); only for a real terminal.</param>
    /// <returns>The console.</returns>
    public static IAnsiConsole Create(TextWriter writer, bool ansi, int? width, ColorSystemSupport colors = ColorSystemSupport.Standard,
                                      bool interactive = false)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ansi ? colors : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (width is { } w)
            console.Profile.Width = w;
        return console;
    }
}
