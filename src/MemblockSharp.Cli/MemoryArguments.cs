using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Cli;

/// <summary>The memory values commands take on their command line (<c>--ram BASE:SIZE</c>, <c>--kernel-addr</c>, …), parsed as the kernel's memparse reads sizes.</summary>
internal static class MemoryArguments
{
    /// <summary>An address option's value, or null when the option was not given.</summary>
    /// <param name="text">The option's text (hex, decimal, or with a K/M/G suffix).</param>
    /// <param name="option">The option's name, for the error message.</param>
    /// <returns>The address, or null.</returns>
    /// <exception cref="FormatException">The value is not a whole number (with an optional K/M/G/T suffix).</exception>
    public static ulong? Address(string? text, string option) => text is null ? null : OptionSize.Parse(text, $"{option} '{text}'");

    /// <summary>The <c>--initrd ADDR:SIZE</c> option: where a boot loader loaded the initrd, or null when not given.</summary>
    /// <param name="text">The option's text, e.g. <c>0x48000000:16M</c>, or null.</param>
    /// <returns>The initrd's start and size in bytes, or null.</returns>
    /// <exception cref="FormatException">The text is not ADDR:SIZE, either part is not a whole number, or the size is zero.</exception>
    public static (ulong Start, ulong Size)? Initrd(string? text)
    {
        if (text is null)
            return null;
        string option = $"--initrd '{text}'";
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
            throw new FormatException($"{option}: expected ADDR:SIZE, e.g. 0x48000000:16M (what a boot loader writes to /chosen linux,initrd-start/-end)");
        ulong start = OptionSize.Parse(text[..colon], option), size = OptionSize.Parse(text[(colon + 1)..], option);
        if (size == 0)
            throw new FormatException($"{option}: an initrd of size zero (leave --initrd out for none)");
        if (start > ulong.MaxValue - size)
            throw new FormatException($"{option}: the initrd runs past the end of the address space");
        return (start, size);
    }

    /// <summary>One <c>--ram BASE:SIZE</c> bank.</summary>
    /// <param name="text">The option's text, e.g. <c>0x40000000:1G</c>.</param>
    /// <returns>The bank's base and size.</returns>
    /// <exception cref="FormatException">The text is not BASE:SIZE, or either part is not a number.</exception>
    public static (ulong Base, ulong Size) Bank(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            OptionSize.Parse(text, $"--ram '{text}'"); // a lone fraction (1.5G) says so before the missing base
        if (colon <= 0 || colon == text.Length - 1)
            throw new FormatException($"--ram '{text}': expected BASE:SIZE, e.g. 0x40000000:1G");
        string option = $"--ram '{text}'";
        return (OptionSize.Parse(text[..colon], option), OptionSize.Parse(text[(colon + 1)..], option));
    }
}
