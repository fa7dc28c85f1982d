using System.Globalization;
using System.Text;

namespace MemblockSharp.Boot.Simulation;

/// <summary>Renders a <see cref="BootResult"/> as the kernel's boot log plus a summary (the JSON form is the CLI's, docs/json/boot.md).</summary>
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
        AppendInputs(sb, result.Inputs);
        AppendExactness(sb, result.Warnings);
        return sb.ToString();
    }

    /// <summary>
    /// The summary's inputs: one line each for the RAM, the kernel image, the DTB, the initrd and the build facts, with
    /// where it came from; <c>assumed:</c> marks what the boot took by default because the input did not say.
    /// </summary>
    /// <param name="sb">Where to write.</param>
    /// <param name="inputs">The boot's inputs (<see cref="BootResult.Inputs"/>); nothing is written when empty.</param>
    public static void AppendInputs(StringBuilder sb, IReadOnlyList<BootInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
            return;
        sb.Append("  Inputs (assumed: what the boot took because the input did not say)\n");
        int width = inputs.Max(i => i.What.Length);
        foreach (var input in inputs)
            sb.Append(CultureInfo.InvariantCulture, $"    {input.What.PadRight(width)}  {input.Value}  {(input.Assumed ? "assumed: " : "")}{input.Source}\n");
    }

    /// <summary>
    /// The summary's last lines: <c>Exact: yes</c>, or <c>Exact: no</c> followed by one line per warning (what is not
    /// modelled and what it may change).
    /// </summary>
    /// <param name="sb">Where to write.</param>
    /// <param name="warnings">The boot's warnings.</param>
    public static void AppendExactness(StringBuilder sb, IReadOnlyList<BootWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(warnings);
        if (warnings.Count == 0)
        {
            sb.Append("  Exact: yes (every input of this boot is modelled)\n");
            return;
        }
        sb.Append(CultureInfo.InvariantCulture, $"  Exact: no ({warnings.Count} input{(warnings.Count == 1 ? "" : "s")} not modelled; the figures may differ from the kernel's)\n");
        foreach (var warning in warnings)
            sb.Append("    ").Append(warning).Append('\n');
    }

    private static string Mib(ulong bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
}
