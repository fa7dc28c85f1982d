namespace MemblockSharp.Boot.Simulation;

/// <summary>
/// One <c>swiotlb=[SLABS][,AREAS][,force|noforce]</c> as <c>setup_io_tlb_npages</c> (kernel/dma/swiotlb.c, the same in 6.1
/// and 6.12) reads it: numbers in C notation (<c>0x</c> hex, leading-zero octal, else decimal), each part optional.
/// </summary>
/// <param name="Slabs">The buffer size in 2 KiB slabs, rounded up to a whole segment of 128 slabs; null when not given.</param>
/// <param name="Areas">The area count as written (the boot rounds it to a power of two, 0 meaning 1); null when not given.</param>
/// <param name="Force">The text after the numbers is exactly <c>force</c>: the buffer is set up even when no device needs it.</param>
/// <param name="NoForce">The text after the numbers is exactly <c>noforce</c>: no buffer at all.</param>
public sealed record SwiotlbParameter(ulong? Slabs, ulong? Areas, bool Force, bool NoForce)
{
    /// <summary>IO_TLB_SEGSIZE: slabs come in segments of this many.</summary>
    public const ulong SegmentSlabs = 128;

    /// <summary>Reads the value after <c>swiotlb=</c>; the kernel rejects nothing, so neither does this.</summary>
    /// <param name="value">The value.</param>
    /// <returns>What it sets.</returns>
    public static SwiotlbParameter Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int at = 0;
        ulong? slabs = null, areas = null;
        if (at < value.Length && char.IsAsciiDigit(value[at]))
            slabs = unchecked((StrToUl(value, ref at) + SegmentSlabs - 1) & ~(SegmentSlabs - 1));
        if (at < value.Length && value[at] == ',')
            at++;
        if (at < value.Length && char.IsAsciiDigit(value[at]))
            areas = StrToUl(value, ref at);
        if (at < value.Length && value[at] == ',')
            at++;
        string rest = value[at..];
        return new SwiotlbParameter(slabs, areas, rest == "force", rest == "noforce");
    }

    // simple_strtoul(s, &end, 0): the radix from the prefix, digits until the first that does not belong, wrapping.
    private static ulong StrToUl(string s, ref int at)
    {
        uint radix = 10;
        if (s[at] == '0' && at + 2 < s.Length && (s[at + 1] | 0x20) == 'x' && Uri.IsHexDigit(s[at + 2]))
        {
            radix = 16;
            at += 2;
        }
        else if (s[at] == '0')
        {
            radix = 8;
        }
        ulong value = 0;
        for (; at < s.Length; at++)
        {
            int digit = char.IsAsciiDigit(s[at]) ? s[at] - '0' : char.IsAsciiLetter(s[at]) ? (s[at] | 0x20) - 'a' + 10 : 99;
            if (digit >= radix)
                break;
            value = unchecked(value * radix + (uint)digit);
        }
        return value;
    }
}
