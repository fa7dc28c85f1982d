using System.Globalization;
using MemblockSharp.Boot.Simulation;
using Spectre.Console;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// <c>memblock boot</c> on a terminal: the header and the kernel's own lines exactly as in the plain report
/// (<see cref="BootReport.Text"/>), then its "Summary" as tables: RAM, MemTotal and the difference, and where the
/// difference went by category. The figures and their formats are those of the plain summary.
/// </summary>
public static class BootTerminal
{
    /// <summary>Writes the report.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="result">The boot.</param>
    /// <param name="title">What was booted (the DTB's name).</param>
    public static void Write(IAnsiConsole console, BootResult result, string title)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var raw = console.Profile.Out.Writer;
        raw.Write(string.Create(CultureInfo.InvariantCulture, $"# memblock boot: {title}, kernel {result.Profile}\n"));
        foreach (var line in result.Log)
            raw.Write(line + "\n");
        raw.Write('\n');

        ulong ramKb = result.RamBytes / 1024;
        ulong lostKb = ramKb - result.MemTotalKb;
        var totals = TerminalText.NewTable("Summary")
            .AddTextColumn("")
            .AddNumberColumn("kB")
            .AddNumberColumn("MiB");
        totals.AddRow(TerminalText.Cell("RAM (present pages)"), TerminalText.Cell(Kb(ramKb)), TerminalText.Cell(Mib(result.RamBytes)));
        totals.AddRow(TerminalText.Cell("MemTotal", TerminalText.Key), TerminalText.Cell(Kb(result.MemTotalKb), TerminalText.Key),
            TerminalText.Cell(Mib(result.MemTotalKb * 1024), TerminalText.Key));
        totals.AddRow(TerminalText.Cell("not in MemTotal"), TerminalText.Cell(Kb(lostKb), TerminalText.Warn), TerminalText.Cell(Mib(lostKb * 1024), TerminalText.Warn));
        console.Write(totals);

        var costs = TerminalText.NewTable("not in MemTotal, by category")
            .AddTextColumn("category")
            .AddNumberColumn("kB")
            .AddNumberColumn("share");
        foreach (var cost in result.Costs.OrderByDescending(c => c.Bytes))
        {
            costs.AddRow(TerminalText.Cell(cost.Category), TerminalText.Cell(string.Create(CultureInfo.InvariantCulture, $"{cost.Bytes / 1024.0:F1}")),
                TerminalText.Cell(string.Create(CultureInfo.InvariantCulture, $"{100.0 * cost.Bytes / Math.Max(1.0, lostKb * 1024.0):F1}%"), TerminalText.Note));
        }
        console.Write(costs);
        Inputs(console, result.Inputs);
        Exactness(console, result.Warnings);
    }

    /// <summary>The boot's inputs as a table (what, value, where it came from), the assumed ones marked.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="inputs">The boot's inputs; nothing is drawn when empty.</param>
    public static void Inputs(IAnsiConsole console, IReadOnlyList<BootInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
            return;
        var table = TerminalText.NewTable("inputs (assumed: what the boot took because the input did not say)")
            .AddTextColumn("input")
            .AddTextColumn("value")
            .AddTextColumn("from");
        foreach (var input in inputs)
            table.AddRow(TerminalText.Cell(input.What), TerminalText.Cell(input.Value),
                input.Assumed ? TerminalText.Cell("assumed: " + input.Source, TerminalText.Warn) : TerminalText.Cell(input.Source, TerminalText.Note));
        console.Write(table);
    }

    /// <summary>Says whether the boot is exact; when it is not, one line per input that is not modelled.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="warnings">The boot's warnings.</param>
    public static void Exactness(IAnsiConsole console, IReadOnlyList<BootWarning> warnings)
    {
        if (warnings.Count == 0)
        {
            console.Write(new Markup("[green]Exact:[/] yes (every input of this boot is modelled)\n"));
            return;
        }
        console.Write(new Markup($"[yellow]Exact: no[/] ({warnings.Count} input{(warnings.Count == 1 ? "" : "s")} not modelled; the figures may differ from the kernel's)\n"));
        foreach (var warning in warnings)
            console.Write(new Spectre.Console.Text("  " + warning + "\n", TerminalText.Warn));
    }

    private static string Kb(ulong kb) => kb.ToString(CultureInfo.InvariantCulture);

    private static string Mib(ulong bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
}
