using System.CommandLine;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Boot.Sweep;
using MemblockSharp.Cli.Rendering;
using MemblockSharp.DeviceTree;
using Spectre.Console;

namespace MemblockSharp.Cli.Commands;

/// <summary>
/// <c>memblock sweep [DTB]</c>: boots one device tree (or the bundled board) at every RAM size, with every kernel profile
/// and every <c>--what-if</c> parameter set, on every core, and prints one row per boot: a table, CSV, JSON, and an
/// SVG/HTML plot. The grid, the boots and the results are <see cref="SweepGrid"/> and <see cref="SweepRunner"/>.
/// </summary>
public static class SweepCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dtb = new Argument<string?>("DTB") { Description = "a flattened device tree blob; default: the bundled QEMU virt arm64 board", Arity = ArgumentArity.ZeroOrOne };
        var ram = new Option<string[]>("--ram") { Description = "RAM sizes: SIZE (at the DT's memory base), BASE:SIZE or FROM..TO/STEP, comma-separated, repeatable (default: the DT's own memory)", AllowMultipleArgumentsPerToken = false };
        var kernel = new Option<string[]>("--kernel") { Description = $"kernel profiles, comma-separated, repeatable: {string.Join(", ", BuiltInProfiles.Names)} (default {BuiltInProfiles.DebianArm64})", AllowMultipleArgumentsPerToken = false };
        var whatIf = new Option<string[]>("--what-if") { Description = "a parameter set applied on top of the command line (\"cma=64M crashkernel=128M\", -NAME removes; \"none\" = unchanged), repeatable (default: none)", AllowMultipleArgumentsPerToken = false };
        var cmdline = new Option<string?>("--cmdline") { Description = "kernel command line (replaces /chosen/bootargs); the parameter sets apply on top of it" };
        var initrd = new Option<string?>("--initrd") { Description = "ADDR:SIZE of the initrd the boot loader loaded, for every boot (replaces /chosen linux,initrd-start/-end)" };
        var csv = new Option<string?>("--csv") { Description = "write every row as CSV to FILE (- = standard output, instead of the table)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of the table (schema in docs/json/sweep.md)" };
        var svg = new Option<string?>("--svg") { Description = "write the plot (MemTotal and where the rest went, stacked against RAM, one panel per kernel and parameter set) as SVG to FILE" };
        var html = new Option<string?>("--html") { Description = "write the plot and the table as a self-contained HTML page to FILE" };
        var threads = new Option<int?>("--threads") { Description = "boots at once (default: one per processor)" };
        var command = new Command("sweep",
            "Boot one device tree across a grid of RAM sizes, kernel profiles and --what-if parameter sets, on every core: " +
            "MemTotal and where the rest of the RAM went for each, as a table, CSV, JSON or a plot.")
        {
            dtb, ram, kernel, whatIf, cmdline, initrd, csv, json, svg, html, threads,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var request = new SweepRequest(parse.GetValue(dtb), parse.GetValue(ram) ?? [], parse.GetValue(kernel) ?? [], parse.GetValue(whatIf) ?? [],
                parse.GetValue(cmdline), parse.GetValue(initrd), parse.GetValue(csv), parse.GetValue(json), parse.GetValue(svg), parse.GetValue(html), parse.GetValue(threads));
            bool plain = request.Json || request.Csv == "-";
            return CommandGuard.Run(stderr, () => Execute(request, stdout, stderr, plain ? null : OutputMode.For(parse, stdout)));
        });
        return command;
    }

    /// <summary>The command line's values.</summary>
    private sealed record SweepRequest(string? Dtb, string[] Ram, string[] Kernels, string[] WhatIfs, string? CommandLine,
                                       string? Initrd, string? Csv, bool Json, string? Svg, string? Html, int? Threads);

    private static int Execute(SweepRequest request, TextWriter stdout, TextWriter stderr, IAnsiConsole? console)
    {
        if (request.Json && request.Csv == "-")
            throw new FormatException("--json and --csv - both print to standard output: give --csv a file");
        if (request.Threads is < 1 or > 256)
            throw new FormatException($"--threads {request.Threads}: expected 1 to 256");
        var grid = SweepGrid.Parse(request.Ram, request.Kernels, request.WhatIfs);
        var input = new SweepInput
        {
            Dtb = request.Dtb is null ? BundledBoards.VirtArm64() : InputFiles.ReadBytes(request.Dtb, InputFiles.MaxDtbBytes, "device tree blob"),
            Title = request.Dtb ?? BundledBoards.VirtArm64Name,
            CommandLine = request.CommandLine,
            Initrd = MemoryArguments.Initrd(request.Initrd),
        };
        SweepResult result;
        try
        {
            result = Run(grid, input, request.Threads, console, stderr);
        }
        catch (FdtException ex) when (ex.FileName is null && request.Dtb is not null)
        {
            throw new FdtException(ex.Kind, ex.Offset, ex.Detail, ex.NodePath, request.Dtb);
        }
        int exit = result.AllFailed ? ExitCodes.Findings : ExitCodes.Ok;
        // Render every file first, then write each atomically.
        string? csvText = request.Csv is null ? null : SweepCsv.Render(result);
        string? svgText = request.Svg is null ? null : SweepSvg.Render(result);
        string? htmlText = request.Html is null ? null : SweepHtml.Render(result);
        if (request.Csv is { } csvPath && csvPath != "-")
            AtomicFile.WriteAllText(csvPath, csvText!);
        if (request.Svg is { } svgPath)
            AtomicFile.WriteAllText(svgPath, svgText!);
        if (request.Html is { } htmlPath)
            AtomicFile.WriteAllText(htmlPath, htmlText!);

        if (request.Json)
            stdout.Write(SweepJson.Render(result, exit));
        else if (request.Csv == "-")
            stdout.Write(csvText);
        else if (console is not null && result.Rows.Count <= SweepTerminal.MaxRows)
            SweepTerminal.Write(console, result);
        else
            stdout.Write(SweepText.Render(result));
        if (request.Json || request.Csv == "-")
            stderr.WriteLine($"memblock sweep: {SweepTable.Speed(result)}");
        if (result.AllFailed)
            stderr.WriteLine($"memblock sweep: every boot failed; the first: {result.Rows[0].Error}");
        return exit;
    }

    /// <summary>Runs the sweep under a progress bar: Spectre's on an interactive terminal, else a line on stderr when that is a terminal.</summary>
    private static SweepResult Run(SweepGrid grid, SweepInput input, int? threads, IAnsiConsole? console, TextWriter stderr)
    {
        var progress = new SweepProgress();
        bool spectre = console is not null && console.Profile.Capabilities.Interactive && grid.Count > 1;
        bool line = !spectre && grid.Count > 1 && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        if (!spectre && !line)
            return SweepRunner.Run(grid, input, progress, threads);
        var work = Task.Run(() => SweepRunner.Run(grid, input, progress, threads));
        if (spectre)
        {
            console!.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("booting", maxValue: grid.Count);
                    while (!work.Wait(100))
                        task.Value = progress.Done;
                    task.Value = grid.Count;
                });
        }
        else
        {
            while (!work.Wait(200))
                stderr.Write($"\rbooting {progress.Done}/{grid.Count}");
            stderr.Write("\r" + new string(' ', 40) + "\r");
        }
        return work.GetAwaiter().GetResult();
    }
}
