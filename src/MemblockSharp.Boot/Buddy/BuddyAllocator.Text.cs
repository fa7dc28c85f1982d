using System.Globalization;
using System.Text;

namespace MemblockSharp.Boot.Buddy;

public sealed partial class BuddyAllocator
{
    /// <summary><c>/proc/buddyinfo</c>: one line per populated zone, free block counts per order.</summary>
    /// <returns>The text, each line ending in a newline.</returns>
    public string BuddyInfo()
    {
        var sb = new StringBuilder();
        foreach (var z in _zones.Where(z => z.IsPopulated))
        {
            sb.Append(CultureInfo.InvariantCulture, $"Node {z.Node}, zone {z.Name,8} ");
            foreach (var n in z.FreeCountsByOrder())
                sb.Append(CultureInfo.InvariantCulture, $"{n,6} ");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The zone part of <c>/proc/zoneinfo</c> for every zone: the <c>Node N, zone NAME</c> header and the
    /// <c>pages free</c> … <c>protection:</c> lines (the per-node and per-CPU statistics of the real file are not
    /// modelled).
    /// </summary>
    /// <returns>The text.</returns>
    public string ZoneInfo()
    {
        var sb = new StringBuilder();
        foreach (var z in _zones)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Node {z.Node}, zone {z.Name,8}\n");
            sb.Append(CultureInfo.InvariantCulture, $"  pages free     {z.FreePages}\n");
            sb.Append("        boost    0\n");
            sb.Append(CultureInfo.InvariantCulture, $"        min      {z.Watermarks.Min}\n");
            sb.Append(CultureInfo.InvariantCulture, $"        low      {z.Watermarks.Low}\n");
            sb.Append(CultureInfo.InvariantCulture, $"        high     {z.Watermarks.High}\n");
            sb.Append(CultureInfo.InvariantCulture, $"        spanned  {z.SpannedPages}\n");
            sb.Append(CultureInfo.InvariantCulture, $"        present  {z.PresentPages}\n");
            sb.Append(CultureInfo.InvariantCulture, $"        managed  {z.ManagedPages}\n");
            sb.Append(CultureInfo.InvariantCulture, $"        cma      {z.CmaPages}\n");
            sb.Append("        protection: (");
            sb.Append(string.Join(", ", z.LowmemReserve.Select(v => v.ToString(CultureInfo.InvariantCulture))));
            sb.Append(")\n");
        }
        return sb.ToString();
    }
}
