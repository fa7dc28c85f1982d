namespace MemblockSharp;

/// <summary>The kernel's number parsing, byte for byte: <c>simple_strtoull</c> with base 0 and <c>memparse</c>.</summary>
internal static class KernelNumbers
{
    /// <summary>
    /// <c>memparse</c>: a <c>simple_strtoull(…, 0)</c> number, then an optional K, M, G, T, P or E (either case) that
    /// shifts it by 10, 20, ... bits. <paramref name="position"/> moves past what was read (not at all when no digit was).
    /// </summary>
    /// <param name="text">The bytes.</param>
    /// <param name="position">Where to start; on return, where the number ended.</param>
    /// <returns>The value, wrapping on overflow as the kernel's does.</returns>
    public static ulong Memparse(ReadOnlySpan<byte> text, ref int position)
    {
        ulong value = SimpleStrtoull(text, ref position);
        int shift = (position < text.Length ? (char)text[position] : '\0') switch
        {
            'E' or 'e' => 60,
            'P' or 'p' => 50,
            'T' or 't' => 40,
            'G' or 'g' => 30,
            'M' or 'm' => 20,
            'K' or 'k' => 10,
            _ => 0,
        };
        if (shift != 0)
        {
            value <<= shift;
            position++;
        }
        return value;
    }

    /// <summary>
    /// <c>simple_strtoull(s, &amp;end, 0)</c>: base 16 after <c>0x</c> followed by a hex digit, base 8 after a leading
    /// <c>0</c>, else base 10; no sign and no leading space. Reads digits of the base and stops at the first other byte.
    /// </summary>
    /// <param name="text">The bytes.</param>
    /// <param name="position">Where to start; on return, where the digits ended (past a <c>0x</c> prefix even with no digit after it).</param>
    /// <returns>The value, wrapping on overflow as the kernel's does.</returns>
    public static ulong SimpleStrtoull(ReadOnlySpan<byte> text, ref int position)
    {
        int p = position;
        uint radix;
        if (At(text, p) == '0')
        {
            radix = (At(text, p + 1) | 0x20) == 'x' && IsHexDigit(At(text, p + 2)) ? 16u : 8u;
        }
        else
        {
            radix = 10;
        }
        if (radix == 16)
            p += 2;
        ulong result = 0;
        while (p < text.Length)
        {
            uint c = text[p];
            uint lower = c | 0x20;
            uint digit;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (lower >= 'a' && lower <= 'f')
                digit = lower - 'a' + 10;
            else
                break;
            if (digit >= radix)
                break;
            result = unchecked(result * radix + digit);
            p++;
        }
        position = p;
        return result;
    }

    /// <summary>The kernel's <c>isspace</c> (its ctype table): tab, newline, vertical tab, form feed, carriage return, space, and 0xa0.</summary>
    /// <param name="b">A byte.</param>
    /// <returns>True for white space.</returns>
    public static bool IsSpace(byte b) => b is (>= 9 and <= 13) or 32 or 0xa0;

    private static byte At(ReadOnlySpan<byte> text, int i) => i < text.Length ? text[i] : (byte)0;

    private static bool IsHexDigit(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');
}
