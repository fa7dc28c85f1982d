using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Cli;

/// <summary>The memory values commands take on their command line (<c>--ram BASE:SIZE</c>, <c>--kernel-addr</c>, …), parsed as the kernel's memparse reads sizes.</summary>
internal static class MemoryArguments
{
    /// <summary>An address option's value, or null when the option was not given.</summary>
    /// <param name="text">The option's text (hex, decimal, or with a K/M/G suffix).</param>
    /// <param name="option">The option's name, for the error message.</param>
    /// <returns>The address, or null.</returns>
    /// <exception cref="BootInputException">The value is not a number.</exception>
    public static ulong? Address(string? text, string option) => text is null ? null : KernelCommandLine.MemParse(text, option + " " + text);

    /// <summary>One <c>--ram BASE:SIZE</c> bank.</summary>
    /// <param name="text">The option's text, e.g. <c>0x40000000:1G</c>.</param>
    /// <returns>The bank's base and size.</returns>
    /// <exception cref="FormatException">The text is not BASE:SIZE, or either part is not a number.</exception>
    public static (ulong Base, ulong Size) Bank(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
            throw new FormatException($"--ram '{text}': expected BASE:SIZE, e.g. 0x40000000:1G");
        return (KernelCommandLine.MemParse(text[..colon], "--ram " + text), KernelCommandLine.MemParse(text[(colon + 1)..], "--ram " + text));
    }
}
