using System.CommandLine;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Maps;
using MemblockSharp.Boot.Replay;
using MemblockSharp.Cli.Rendering;
using MemblockSharp.Text;
using Spectre.Console;

namespace MemblockSharp.Cli.Commands;

/// <summary>
/// <c>memblock replay LOG [--dtb FILE] [--debugfs-out DIR] [--json]</c>: replays a <c>memblock=debug</c> boot log
/// through the memblock core and prints the final tables, the account of reserved memory and the path to MemTotal.
/// </summary>
public static class ReplayCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var log = new Argument<string>("LOG") { Description = "a kernel log booted with memblock=debug: dmesg output, a serial capture or a journal excerpt (plain or .gz)" };
        var dtb = new Option<string?>("--dtb") { Description = "the DTB the kernel booted with: its memory nodes and size name the calls made before memblock=debug took effect" };
        var debugfsOut = new Option<string?>("--debugfs-out") { Description = "write DIR/memory and DIR/reserved exactly as the kernel's /sys/kernel/debug/memblock files" };
        var json = new Option<bool>("--json") { Description = "print the result as one JSON object (see docs/json/replay.md)" };
        var command = new Command("replay",
            "Replay a memblock=debug boot log: rebuild the calls the log cannot show, run every logged call through the " +
            "memblock core, check each logged allocation against our own finder, and print the final tables (debugfs format), " +
            "reserved memory by caller and by category, and the path from physical RAM to MemTotal. " +
            "Exit 0 when every allocation agrees and every MEMBLOCK dump in the log is reproduced, 1 when not, 2 on bad input.")
        {
            log, dtb, debugfsOut, json,
        };
        var maps = MapFileOptions.AddTo(command); // --svg / --html: the memory map picture
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return CommandGuard.Run(stderr, () => Execute(parse.GetValue(log)!, parse.GetValue(dtb), parse.GetValue(debugfsOut), parse.GetValue(json), stdout, maps.Get(parse),
                parse.GetValue(json) ? null : OutputMode.For(parse, stdout)));
        });
        return command;
    }

    private static int Execute(string logPath, string? dtbPath, string? debugfsOut, bool json, TextWriter stdout, MapFiles maps,
                               IAnsiConsole? console)
    {
        var log = KernelLogReader.Read(InputFiles.ReadLogBytes(logPath), Path.GetFileName(logPath));
        DtbFacts? dtb = null;
        if (dtbPath is not null)
        {
            var blob = InputFiles.ReadBytes(dtbPath, InputFiles.MaxDtbBytes, "device tree blob");
            try
            {
                dtb = DtbFacts.FromBlob(blob);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{dtbPath}: {ex.Message}", ex);
            }
        }
        var result = LogReplayer.Replay(log, new ReplayOptions { Dtb = dtb });
        maps.Write(() => MemoryMapBuilder.FromReplay(log, result, dtb, Path.GetFileName(logPath)));

        if (debugfsOut is not null)
        {
            Directory.CreateDirectory(debugfsOut);
            AtomicFile.WriteAllText(Path.Combine(debugfsOut, "memory"), MemblockText.Debugfs(result.Memblock.Memory));
            AtomicFile.WriteAllText(Path.Combine(debugfsOut, "reserved"), MemblockText.Debugfs(result.Memblock.Reserved));
        }
        if (json)
            ReplayJson.Write(stdout, log, result);
        else if (console is not null)
            ReplayTerminal.Write(console, log, result);
        else
            ReplayTextReport.Write(stdout, log, result);
        bool findings = result.AllocationsAgreed != result.AllocationsChecked || result.Dumps.Any(d => !d.MemoryMatches || !d.ReservedMatches);
        return findings ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
