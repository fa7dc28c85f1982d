using System.Globalization;

namespace MemblockSharp.Text;

/// <summary>
/// The one hex form of addresses and sizes in every output: lower-case digits after <c>0x</c>, either as short as the
/// value (<c>0x40000000</c>, as the JSON and the lint and map texts print them) or padded to 16 digits
/// (<c>0x0000000040000000</c>, as the kernel's <c>%pa</c> prints a 64-bit <c>phys_addr_t</c>), or to 8 for a 32-bit one.
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

    /// <summary>
    /// The value as the kernel's <c>%pa</c> prints a <c>phys_addr_t</c> of <paramref name="physAddrBytes"/> bytes: cut
    /// to that width (a sum that wrapped in the kernel wraps here too) and padded to twice as many hex digits, so 8
    /// digits for the 32-bit <c>phys_addr_t</c> of a 32-bit ARM kernel without LPAE and 16 otherwise.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="physAddrBytes"><c>sizeof(phys_addr_t)</c>: 4 or 8.</param>
    /// <returns>The text.</returns>
    public static string FormatPhys(ulong value, int physAddrBytes) => physAddrBytes == 4
        ? "0x" + ((uint)value).ToString("x8", CultureInfo.InvariantCulture)
        : Format16(value);
}
