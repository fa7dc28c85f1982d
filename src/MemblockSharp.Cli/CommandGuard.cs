namespace MemblockSharp.Cli;

/// <summary>
/// The one error policy of the CLI: bad input (any <see cref="FormatException"/>, which every reader's
/// exception derives from, or an I/O failure) becomes one line on stderr and exit code 2; anything
/// else is an internal error, reported briefly without a stack trace unless <c>--verbose</c> asked for it.
/// </summary>
public static class CommandGuard
{
    /// <summary>The <c>--verbose</c> of the command line being run (set by <see cref="Program.Run"/> around the invocation).</summary>
    private static readonly AsyncLocal<bool> AmbientVerbose = new();

    /// <summary>Runs <paramref name="body"/> and maps its failures to exit codes.</summary>
    /// <param name="stderr">Where the one-line error goes.</param>
    /// <param name="body">The command's work; returns its exit code.</param>
    /// <param name="verbose">Print the trace of an internal error; also on when the command line has <c>--verbose</c>.</param>
    /// <returns>The body's exit code, or <see cref="ExitCodes.BadInput"/> when it failed.</returns>
    public static int Run(TextWriter stderr, Func<int> body, bool verbose = false)
    {
        verbose |= AmbientVerbose.Value;
        try
        {
            return body();
        }
        catch (FormatException ex)
        {
            stderr.WriteLine($"memblock: error: {OneLine(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"memblock: error: {OneLine(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"memblock: internal error: {ex.GetType().Name}: {OneLine(ex.Message)}");
            stderr.WriteLine(verbose ? ex.ToString() : "This is a bug in memblock; please report it with the input that caused it (--verbose shows the trace).");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>Runs <paramref name="body"/> with <c>--verbose</c> on or off for every guard it reaches.</summary>
    /// <param name="verbose">The command line's <c>--verbose</c>.</param>
    /// <param name="body">The invocation.</param>
    /// <returns>What <paramref name="body"/> returns.</returns>
    public static int WithVerbosity(bool verbose, Func<int> body)
    {
        bool saved = AmbientVerbose.Value;
        AmbientVerbose.Value = verbose;
        try
        {
            return body();
        }
        finally
        {
            AmbientVerbose.Value = saved;
        }
    }

    /// <summary>A message on one line: data quoted into a message (a garbled log line) may carry line breaks.</summary>
    private static string OneLine(string message) =>
        message.Contains('\n') || message.Contains('\r') ? message.Replace("\r", "\\r").Replace("\n", "\\n") : message;
}
