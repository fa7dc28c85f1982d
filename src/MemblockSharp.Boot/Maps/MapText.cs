using System.Globalization;
using System.Security;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Maps;

/// <summary>Number and text formatting shared by the map renderers.</summary>
internal static class MapText
{
    /// <summary>A size for people: bytes, KiB, MiB or GiB with at most one decimal.</summary>
    public static string Size(ulong bytes)
    {
        if (bytes < 1024)
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        string[] units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        double v = bytes / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }
        return v.ToString(v >= 100 || v == Math.Floor(v) ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + units[u];
    }

    public static string Range(ulong @base, ulong size) => $"{Hex.Format16(@base)}-{Hex.Format16(@base + size - 1)}";

    /// <summary>Text escaped for XML content and attribute values.</summary>
    public static string Esc(string s) => SecurityElement.Escape(s) ?? "";

    public static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Flags(MemblockFlags flags) => flags == MemblockFlags.None ? "none" : flags.ToString().Replace(", ", "|", StringComparison.Ordinal);

    /// <summary>The fill colour of a category.</summary>
    public static string Colour(ReservationCategory c) => c switch
    {
        ReservationCategory.KernelImage => "#d62728",
        ReservationCategory.Fdt => "#8c564b",
        ReservationCategory.Initrd => "#ff7f0e",
        ReservationCategory.PageTables => "#9467bd",
        ReservationCategory.Memmap => "#1f77b4",
        ReservationCategory.PerCpu => "#17becf",
        ReservationCategory.Cma => "#00a38a",
        ReservationCategory.Swiotlb => "#bcbd22",
        ReservationCategory.CrashKernel => "#e377c2",
        ReservationCategory.LogBuffer => "#393b79",
        ReservationCategory.ReservedMemoryNode => "#f4a582",
        _ => "#8a8a8a",
    };

    public const string FreeColour = "#e3f4dc";
}
