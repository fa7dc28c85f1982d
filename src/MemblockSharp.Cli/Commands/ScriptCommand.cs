using System.CommandLine;
using MemblockSharp.Cli.Rendering;
using MemblockSharp.Scripts;
using MemblockSharp.Text;
using Spectre.Console;

namespace MemblockSharp.Cli.Commands;

/// <summary><c>memblock script FILE</c>: runs a bench op script and prints the final state and checksum like the native baseline.</summary>
public static class ScriptCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "an op script (plain or .gz): resize/bottom_up/limit/add/reserve/remove/free/alloc lines" };
        var bench = new Option<bool>("--bench") { Description = $"after loading the script and warming up, time {OpScriptBench.TimedRuns} fresh runs and print the best and ns/op" };
        var tables = new Option<bool>("--tables") { Description = "also print the final memory and reserved tables in the debugfs format" };
        var json = new Option<bool>("--json") { Description = "print one JSON object (schema in docs/json/script.md)" };
        var command = new Command("script",
            "Run a memblock op script (the bench format) from a fresh memblock (tables of 128, top-down, no limit, no resize; " +
            "SMP_CACHE_BYTES 32 as in the native baseline) and print the final cnt/max/total of both tables, the region sums, " +
            "the alloc sum and failure counts, and the checksum, so the result can be compared with the native baseline.")
        {
            file, bench, tables, json,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return CommandGuard.Run(stderr, () => Execute(parse.GetValue(file)!, parse.GetValue(bench), parse.GetValue(tables), parse.GetValue(json), stdout,
                parse.GetValue(json) ? null : OutputMode.For(parse, stdout)));
        });
        return command;
    }

    private static int Execute(string path, bool bench, bool tables, bool json, TextWriter stdout, IAnsiConsole? console)
    {
        OpScript script;
        using (var reader = InputFiles.OpenText(path))
        {
            try
            {
                script = OpScript.Parse(reader);
            }
            catch (OpScriptFormatException ex)
            {
                throw new FormatException($"{path}: {ex.Message}", ex);
            }
        }

        OpScriptResult result;
        OpScriptTiming? timing = null;
        if (bench)
        {
            timing = OpScriptBench.Time(script);
            result = timing.Result;
            if (json)
                return Json(stdout, path, script, result, timing, tables);
            stdout.WriteLine($"# {script.Description}");
            stdout.WriteLine($"ops {timing.Ops} best of {timing.Runs} {timing.Best.TotalMilliseconds:F3} ms {timing.NanosecondsPerOp:F1} ns/op");
        }
        else
        {
            result = OpScriptRunner.Run(script);
        }
        if (json)
            return Json(stdout, path, script, result, timing, tables);

        if (console is null)
            ScriptReport.WriteText(stdout, result);
        else
            ScriptReport.WriteTerminal(console, result);
        if (tables)
        {
            stdout.WriteLine("memory:");
            stdout.Write(MemblockText.Debugfs(result.Memblock.Memory));
            stdout.WriteLine("reserved:");
            stdout.Write(MemblockText.Debugfs(result.Memblock.Reserved));
        }
        return ExitCodes.Ok;
    }

    private static int Json(TextWriter stdout, string path, OpScript script, OpScriptResult result, OpScriptTiming? timing, bool tables)
    {
        ScriptReport.WriteJson(stdout, path, script, result, timing, tables);
        return ExitCodes.Ok;
    }
}
