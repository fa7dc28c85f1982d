namespace MemblockSharp.Cli;

/// <summary>
/// The one error policy of the CLI: bad input (any <see cref="FormatException"/>, which every reader's
/// exception derives from, or an I/O failure) becomes one line on stderr and exit code 2; anything
/// else is an internal error, reported briefly without a stack trace unless <c>--verbose</c> asked for it.
/// </summary>
public static class CommandGuard
{
    /// <summary>Runs <paramref name="body"/> and maps its failures to exit codes.</summary>
    public static int Run(TextWriter stderr, Func<int> body, bool verbose = false)
    {
        try
        {
            return body();
        }
        catch (FormatException ex)
        {
            stderr.WriteLine($"memblock: error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"memblock: error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"memblock: internal error: {ex.GetType().Name}: {ex.Message}");
            stderr.WriteLine(verbose ? ex.ToString() : "This is a bug in memblock; please report it with the input that caused it (--verbose shows the trace).");
            return ExitCodes.BadInput;
        }
    }
}
