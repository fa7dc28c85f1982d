using System.Globalization;

namespace MemblockSharp.Text;

/// <summary>
/// The one hex form of addresses and sizes in every output: lower-case digits after <c>0x</c>, either as short as the
/// value (<c>0x40000000</c>, as the JSON and the lint and map texts print them) or padded to 16 digits
/// (<c>0x0000000040000000</c>, as the kernel's <c>%pa</c> prints a 64-bit <c>phys_addr_t</c>).
/// </summary>
public static class Hex
{
    /// <summary>The value with no leading zeros: <c>0x0</c>, <c>0x1000</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>The value padded to 16 hex digits, as the kernel prints a 64-bit physical address.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format16(ulong value) => "0x" + value.ToString("x16", CultureInfo.InvariantCulture);
}
