using System.Globalization;
using System.Text.RegularExpressions;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Sweep;

/// <summary>
/// One RAM size of a sweep: a single memory bank of <see cref="Size"/> bytes that replaces the device tree's
/// <c>/memory</c> nodes, at <see cref="Base"/>, or at the device tree's lowest memory base when that is null.
/// </summary>
/// <param name="Base">The bank's physical base, or null for the device tree's memory base.</param>
/// <param name="Size">The bank's size in bytes (not zero).</param>
public readonly partial record struct SweepRam(ulong? Base, ulong Size)
{
    /// <summary>The most RAM sizes one <c>--ram</c> list (ranges included) may expand to.</summary>
    public const int MaxSizes = 100_000;

    /// <summary>The size as given, in the largest binary unit that divides it (<c>512M</c>, <c>1G</c>), with <c>BASE:</c> when a base was given.</summary>
    public string Label => Base is { } b ? $"0x{b.ToString("x", CultureInfo.InvariantCulture)}:{SizeText(Size)}" : SizeText(Size);

    /// <summary>
    /// Parses a comma-separated list of RAM sizes: <c>SIZE</c> (at the device tree's memory base), <c>BASE:SIZE</c>, or a
    /// range <c>FROM..TO/STEP</c> (every size from FROM up to and including TO in steps of STEP; a <c>BASE:</c> may
    /// precede it). Numbers are read as the kernel's <c>memparse</c> reads them (decimal, <c>0x</c> hex, K/M/G/T suffixes).
    /// </summary>
    /// <param name="text">The list, e.g. <c>512M,1G,2G,4G</c> or <c>0x80000000:256M..4G/256M</c>.</param>
    /// <returns>The sizes in the order given.</returns>
    /// <exception cref="FormatException">An empty item, a number that is not one, a zero size or step, a range that runs backwards, or more than <see cref="MaxSizes"/> sizes (the message quotes the item).</exception>
    public static IReadOnlyList<SweepRam> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sizes = new List<SweepRam>();
        foreach (var raw in text.Split(','))
        {
            string item = raw.Trim();
            if (item.Length == 0)
                throw new FormatException($"--ram '{text}': an empty item (expected e.g. 512M,1G,2G or 0x40000000:1G)");
            ulong? @base = null;
            string span = item;
            int colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                @base = Number(item[..colon], item);
                span = item[(colon + 1)..];
            }
            int dots = span.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0)
            {
                sizes.Add(new SweepRam(@base, NonZero(Number(span, item), item)));
            }
            else
            {
                int slash = span.IndexOf('/', dots);
                if (slash < 0)
                    throw new FormatException($"--ram '{item}': a range needs a step, e.g. 256M..4G/256M");
                ulong from = NonZero(Number(span[..dots], item), item);
                ulong to = Number(span[(dots + 2)..slash], item);
                ulong step = Number(span[(slash + 1)..], item);
                if (step == 0)
                    throw new FormatException($"--ram '{item}': the step is zero");
                if (to < from)
                    throw new FormatException($"--ram '{item}': the range runs backwards");
                if ((to - from) / step >= MaxSizes)
                    throw new FormatException($"--ram '{item}': more than {MaxSizes} sizes");
                for (ulong s = from; s <= to; s += step)
                {
                    sizes.Add(new SweepRam(@base, s));
                    if (ulong.MaxValue - s < step)
                        break;
                }
            }
            if (sizes.Count > MaxSizes)
                throw new FormatException($"--ram '{text}': more than {MaxSizes} sizes");
        }
        return sizes;
    }

    /// <summary>A size in the largest of T, G, M, K that divides it, else in bytes.</summary>
    /// <param name="bytes">The size.</param>
    /// <returns>E.g. <c>512M</c>, <c>1G</c>, <c>1536M</c>, <c>4097</c>.</returns>
    public static string SizeText(ulong bytes)
    {
        foreach (var (unit, shift) in new[] { ("T", 40), ("G", 30), ("M", 20), ("K", 10) })
        {
            ulong one = 1UL << shift;
            if (bytes >= one && bytes % one == 0)
                return (bytes >> shift).ToString(CultureInfo.InvariantCulture) + unit;
        }
        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    private static ulong Number(string text, string item)
    {
        // memparse stops at the first character it does not read; a sweep item must be all number.
        return OptionSize.Parse(text, $"--ram '{item}'");
    }

    private static ulong NonZero(ulong size, string item) =>
        size != 0 ? size : throw new FormatException($"--ram '{item}': a RAM size of zero");
}
