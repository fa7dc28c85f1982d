using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MemblockSharp.Boot.Simulation;

/// <summary>Renders a <see cref="BootResult"/> as the kernel's boot log plus a summary, or as one JSON object.</summary>
public static class BootReport
{
    /// <summary>The text report: the memory part of the boot log, then RAM, MemTotal and where the difference went.</summary>
    /// <param name="result">The boot.</param>
    /// <param name="title">What was booted (the DTB's name).</param>
    /// <returns>The text, ending in a newline.</returns>
    public static string Text(BootResult result, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# memblock boot: {title}, kernel {result.Profile}\n");
        foreach (var line in result.Log)
            sb.Append(line).Append('\n');
        ulong ramKb = result.RamBytes / 1024;
        sb.Append('\n').Append("Summary\n");
        sb.Append(CultureInfo.InvariantCulture, $"  RAM (present pages)  {ramKb,10} kB  {Mib(result.RamBytes),9}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  MemTotal             {result.MemTotalKb,10} kB  {Mib(result.MemTotalKb * 1024),9}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  not in MemTotal      {ramKb - result.MemTotalKb,10} kB  {Mib((ramKb - result.MemTotalKb) * 1024),9}\n");
        foreach (var cost in result.Costs.OrderByDescending(c => c.Bytes))
            sb.Append(CultureInfo.InvariantCulture, $"    {cost.Category,-52} {cost.Bytes / 1024.0,10:F1} kB\n");
        return sb.ToString();
    }

    /// <summary>
    /// The JSON report (schema in docs/boot-flow-arm64.md): <c>memtotal_kb</c>, <c>memory_line</c>, <c>ram_kb</c>,
    /// <c>zones</c>, <c>memblock</c> (memory and reserved at the hand-off), <c>costs</c> and <c>log</c>.
    /// </summary>
    /// <param name="result">The boot.</param>
    /// <param name="title">What was booted.</param>
    /// <returns>Indented JSON with a trailing newline.</returns>
    public static string Json(BootResult result, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("dtb", title);
            w.WriteString("kernel", result.Profile);
            w.WriteString("cmdline", result.CommandLine);
            w.WriteNumber("ram_kb", result.RamBytes / 1024);
            w.WriteNumber("memtotal_kb", result.MemTotalKb);
            w.WriteString("memory_line", result.MemoryLine);
            w.WriteStartArray("zones");
            foreach (var z in result.Zones)
            {
                w.WriteStartObject();
                w.WriteNumber("node", z.Node);
                w.WriteString("name", z.Name);
                w.WriteNumber("start_pfn", z.StartPfn);
                w.WriteNumber("spanned", z.Spanned);
                w.WriteNumber("present", z.Present);
                w.WriteNumber("managed", z.Managed);
                w.WriteNumber("cma", z.Cma);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            MemblockJson.WriteTables(w, result.Memory, result.Reserved);
            w.WriteStartArray("costs");
            foreach (var c in result.Costs)
            {
                w.WriteStartObject();
                w.WriteString("category", c.Category);
                w.WriteNumber("bytes", c.Bytes);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("log");
            foreach (var line in result.Log)
                w.WriteStringValue(line);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Mib(ulong bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
}
