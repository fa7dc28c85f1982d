using System.Globalization;
using MemblockSharp.Boot.Sweep;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// The table of <c>memblock sweep</c>, shared by the plain text (<see cref="SweepText"/>) and the terminal
/// (<see cref="SweepTerminal"/>): the heading, the columns, one row of cells per boot, and the speed line.
/// </summary>
internal static class SweepTable
{
    /// <summary>How many of a boot's largest categories the last column names.</summary>
    public const int LargestCosts = 3;

    /// <summary>The column headings; <see cref="IsNumber"/> says which are right-aligned.</summary>
    public static readonly string[] Columns = ["kernel", "parameters", "RAM", "MemTotal kB", "not in MemTotal kB", "share", "largest (MiB), or why the boot failed"];

    /// <summary>Whether column <paramref name="i"/> holds numbers.</summary>
    public static bool IsNumber(int i) => i is 3 or 4 or 5;

    /// <summary>The line above the table.</summary>
    public static string Heading(SweepResult result)
    {
        var g = result.Grid;
        string ram = g.Ram.Count == 0 ? "the device tree's memory" : $"{g.Ram.Count} RAM size{(g.Ram.Count == 1 ? "" : "s")}";
        return $"memblock sweep: {result.Title}: {result.Rows.Count} boot{(result.Rows.Count == 1 ? "" : "s")} " +
               $"({g.Kernels.Count} kernel{(g.Kernels.Count == 1 ? "" : "s")} x {g.ParameterSets.Count} parameter set{(g.ParameterSets.Count == 1 ? "" : "s")} x {ram})";
    }

    /// <summary>The cells of one row.</summary>
    public static string[] Cells(SweepRow r)
    {
        string ram = SweepRam.SizeText(r.RamSize);
        if (!r.Booted)
            return [r.Kernel, r.Parameters, ram, "failed", "", "", r.Error ?? ""];
        ulong ramKb = r.RamBytes / 1024;
        string share = ramKb == 0 ? "" : (100.0 * r.NotInMemTotalKb / ramKb).ToString("F2", CultureInfo.InvariantCulture) + "%";
        string largest = string.Join(", ", r.Costs.Where(c => c.Bytes > 0).OrderByDescending(c => c.Bytes).Take(LargestCosts)
            .Select(c => c.Category + " " + (c.Bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture)));
        return [r.Kernel, r.Parameters, ram, N(r.MemTotalKb), N(r.NotInMemTotalKb), share, largest];
    }

    /// <summary>The line after the table: how many boots, how fast, how many failed.</summary>
    public static string Speed(SweepResult result) => string.Create(CultureInfo.InvariantCulture,
        $"{result.Rows.Count} boot{(result.Rows.Count == 1 ? "" : "s")} in {result.Elapsed.TotalSeconds:F3} s on {result.Threads} thread{(result.Threads == 1 ? "" : "s")}: " +
        $"{result.BootsPerSecond:N0} boots/s; {result.Failed} failed");

    private static string N(ulong v) => v.ToString(CultureInfo.InvariantCulture);

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
}
