using System.Globalization;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Replay;
using Spectre.Console;

namespace MemblockSharp.Cli.Rendering;

/// <summary>
/// <c>memblock replay</c> on a terminal: the header and the debugfs tables exactly as in the plain report, then
/// "where did my RAM go" as tables (reserved memory by category and by caller, the path from RAM to MemTotal), then the
/// evidence as in the plain report. The figures and their formats are those of <see cref="ReplayTextReport"/>.
/// </summary>
public static class ReplayTerminal
{
    /// <summary>Writes the report.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="log">The log that was replayed.</param>
    /// <param name="r">The replay's result.</param>
    public static void Write(IAnsiConsole console, KernelLogDocument log, ReplayResult r)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(r);
        var raw = console.Profile.Out.Writer;
        ReplayTextReport.WriteTables(raw, log, r);
        raw.WriteLine();
        console.Write(Account(string.Create(CultureInfo.InvariantCulture, $"reserved memory by category (total {r.Account.TotalBytes} bytes)"),
            "category", r.Account.ByCategory, r.Account.TotalBytes));
        console.Write(Account("reserved memory by caller", "caller", r.Account.ByCaller, r.Account.TotalBytes));
        if (r.Path is { } path)
        {
            var table = TerminalText.NewTable("from physical RAM to MemTotal")
                .AddTextColumn("", noWrap: true)
                .AddNumberColumn("kB")
                .AddTextColumn("step")
                .AddTextColumn("source", noWrap: true);
            for (int i = 0; i < path.Steps.Count; i++)
            {
                var s = path.Steps[i];
                bool last = i == path.Steps.Count - 1;
                var style = last ? TerminalText.Key : (Style?)null;
                table.AddRow(TerminalText.Cell(ReplayTextReport.Sign(i, path.Steps.Count, s.KiB), style), TerminalText.Cell(Math.Abs(s.KiB), style),
                    TerminalText.Cell(s.Label, style), TerminalText.Cell(s.Source, TerminalText.Note));
            }
            console.Write(table);
            if (path.ReplayReservedKiB is { } ours)
                TerminalText.Line(console, ReplayTextReport.ReservedCheck(ours, path.LoggedReservedKiB),
                    ours == path.LoggedReservedKiB ? TerminalText.Good : TerminalText.Bad);
        }
        ReplayTextReport.WriteEvidence(raw, log, r);
    }

    private static Table Account(string title, string what, IReadOnlyList<AccountEntry> entries, ulong total)
    {
        var table = TerminalText.NewTable(title)
            .AddNumberColumn("bytes")
            .AddNumberColumn("KiB")
            .AddNumberColumn("share")
            .AddNumberColumn("regions")
            .AddTextColumn(what);
        foreach (var e in entries)
        {
            table.AddRow(TerminalText.Cell(e.Bytes.ToString(CultureInfo.InvariantCulture)), TerminalText.Cell(ReplayTextReport.Kib(e.Bytes)),
                TerminalText.Cell(ReplayTextReport.Share(e.Bytes, total)), TerminalText.Cell(e.Regions), TerminalText.Cell(e.Name));
        }
        table.Footer(TerminalText.Cell(total.ToString(CultureInfo.InvariantCulture), TerminalText.Key), TerminalText.Cell(ReplayTextReport.Kib(total), TerminalText.Key),
            TerminalText.Cell(""), TerminalText.Cell(entries.Sum(e => (long)e.Regions), TerminalText.Key), TerminalText.Cell("total", TerminalText.Key));
        return table;
    }
}
