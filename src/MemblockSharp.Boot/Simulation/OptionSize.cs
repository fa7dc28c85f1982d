using System.Globalization;
using System.Text.RegularExpressions;

namespace MemblockSharp.Boot.Simulation;

/// <summary>
/// Addresses and sizes given as command-line options of the tools (<c>--ram</c>, <c>--kernel-addr</c>, <c>--initrd</c>,
/// …): the kernel's <c>memparse</c> forms (decimal, <c>0x</c> hex, one K/M/G/T/P/E suffix), but the whole text must be
/// the number, so <c>1.5G</c> or <c>2GB</c> is an error that names the option, not the 1 byte memparse would read.
/// </summary>
public static partial class OptionSize
{
    /// <summary>Parses one address or size.</summary>
    /// <param name="text">The number, e.g. <c>0x40000000</c>, <c>512M</c>, <c>4096</c>.</param>
    /// <param name="option">The option and its whole value as given, for the message (e.g. <c>--ram '0x40000000:1.5G'</c>).</param>
    /// <returns>The value in bytes.</returns>
    /// <exception cref="FormatException">The text is not a whole number with an optional suffix, or it overflows 64 bits; the message names <paramref name="option"/> and the text.</exception>
    public static ulong Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(option);
        string t = text.Trim();
        if (t.Length == 0)
            throw new FormatException($"{option}: a number is missing");
        if (FractionPattern().Match(t) is { Success: true } fraction)
            throw new FormatException($"{option}: '{t}' is a fraction; sizes are whole numbers{WholeEquivalent(fraction)}");
        var m = SizePattern().Match(t);
        if (!m.Success)
            throw new FormatException($"{option}: '{t}' is not a size (a number, decimal or 0x hex, with an optional K, M, G or T suffix)");
        string digits = m.Groups["n"].Value;
        bool hex = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (!ulong.TryParse(hex ? digits.AsSpan(2) : digits.AsSpan(), hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out ulong n))
            throw new FormatException($"{option}: '{t}' does not fit in 64 bits");
        int shift = m.Groups["s"].Value.ToUpperInvariant() switch { "K" => 10, "M" => 20, "G" => 30, "T" => 40, "P" => 50, "E" => 60, _ => 0 };
        if (shift > 0 && n > ulong.MaxValue >> shift)
            throw new FormatException($"{option}: '{t}' does not fit in 64 bits");
        return n << shift;
    }

    // " (1536M for 1.5G)" when the fraction is a whole number of bytes, else "".
    private static string WholeEquivalent(Match fraction)
    {
        string number = fraction.Groups["n"].Value.Replace(',', '.');
        string suffix = fraction.Groups["s"].Value;
        int shift = suffix.ToUpperInvariant() switch { "K" => 10, "M" => 20, "G" => 30, "T" => 40, _ => -1 };
        if (shift < 0 || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal n))
            return "";
        decimal bytes = n * (1UL << shift);
        if (bytes != decimal.Truncate(bytes) || bytes == 0)
            return "";
        return $" ({Sweep.SweepRam.SizeText((ulong)bytes)} for {fraction.Value})";
    }

    [GeneratedRegex("^(?<n>0[xX][0-9a-fA-F]+|[0-9]+)(?<s>[KMGTPEkmgtpe]?)$")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"^(?<n>[0-9]*[.,][0-9]+)(?<s>[KMGTPEkmgtpe]?)$")]
    private static partial Regex FractionPattern();
}
