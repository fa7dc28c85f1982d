using System.CommandLine;
using MemblockSharp.Boot.Lint;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Cli.Rendering;
using Spectre.Console;

namespace MemblockSharp.Cli.Commands;

/// <summary>
/// <c>memblock lint FILE.dtb|DIR</c>: checks device trees for the reserved-memory and memory-bank mistakes that boot
/// anyway (rules MB001..., see <see cref="LintRules"/>); a directory is linted recursively (every <c>*.dtb</c>).
/// Exit 0 clean (warnings and info allowed), 1 error-level findings, 2 bad input (an unreadable or corrupt DTB is
/// reported with its location and the run goes on).
/// </summary>
public static class LintCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "a .dtb file, or a directory searched recursively for *.dtb" };
        var kernel = new Option<string>("--kernel") { Description = $"built-in kernel profile: {string.Join(", ", BuiltInProfiles.Names)}", DefaultValueFactory = _ => BuiltInProfiles.DebianArm64 };
        var ram = new Option<string[]>("--ram") { Description = "BASE:SIZE memory bank (hex or K/M/G sizes), repeatable; replaces the DT's /memory nodes (for boards whose bootloader fills memory in)", AllowMultipleArgumentsPerToken = false };
        var kernelAddr = new Option<string?>("--kernel-addr") { Description = "physical address of the kernel image (_text; default assumed: RAM base + 2 MiB on arm64)" };
        var dtbAddr = new Option<string?>("--dtb-addr") { Description = "physical address the DTB is loaded at (default assumed: as QEMU places it)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object (schema in docs/json/lint.md)" };
        var command = new Command("lint",
            "Check device trees for memory mistakes that boot anyway: reserved-memory nodes the kernel ignores or refuses, " +
            "overlaps, CMA pools that never become CMA, dynamic regions that cannot be placed, memory banks the kernel cuts.")
        {
            path, kernel, ram, kernelAddr, dtbAddr, json,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return CommandGuard.Run(stderr, () => Execute(parse.GetValue(path)!, parse.GetValue(kernel)!, parse.GetValue(ram) ?? [],
                MemoryArguments.Address(parse.GetValue(kernelAddr), "--kernel-addr"), MemoryArguments.Address(parse.GetValue(dtbAddr), "--dtb-addr"),
                parse.GetValue(json), stdout, stderr, OutputMode.For(parse, stdout)));
        });
        return command;
    }

    private static int Execute(string path, string kernel, string[] ram, ulong? kernelAddr, ulong? dtbAddr, bool json,
                               TextWriter stdout, TextWriter stderr, IAnsiConsole? terminal)
    {
        if (!BuiltInProfiles.TryGet(kernel, out var profile))
            throw new FormatException($"unknown kernel profile '{kernel}' (built in: {string.Join(", ", BuiltInProfiles.Names)})");
        var options = new LintOptions
        {
            Profile = profile,
            Ram = ram.Select(MemoryArguments.Bank).ToList(),
            KernelAddress = kernelAddr,
            DtbAddress = dtbAddr,
        };
        var files = Files(path);
        var console = json ? null : terminal;
        var results = console is not null && console.Profile.Capabilities.Interactive && files.Count > 1
            ? LintWithProgressBar(console, files, options, stderr)
            : LintPlain(files, options, json, stdout, stderr, console);
        var run = new LintRun(profile.Name, results);
        if (json)
            LintJson.Write(stdout, run);
        else if (console is not null)
            LintTerminal.WriteSummary(console, run);
        else
            LintText.WriteSummary(stdout, run);
        return run.ExitCode;
    }

    /// <summary>
    /// Lints the files on every core, printing each file's findings in file order as soon as it and the files before it are done (plain, or coloured on <paramref name="console"/>);
    /// with several files and stderr on the console, a one-line progress bar on stderr.
    /// </summary>
    private static List<LintFileResult> LintPlain(List<string> files, LintOptions options, bool json, TextWriter stdout, TextWriter stderr,
                                                  IAnsiConsole? console)
    {
        var progress = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected && files.Count > 1;
        var results = new List<LintFileResult>(files.Count);
        OrderedParallel.ForEach(files.Count, i => LintFile(files[i], options), (i, result) =>
        {
            if (progress)
                stderr.Write($"\r[{i + 1}/{files.Count}] {Bar(i, files.Count)} {Shorten(files[i], 50),-50}");
            results.Add(result);
            if (result.Error is { } error)
            {
                if (progress)
                    stderr.Write('\r' + new string(' ', 80) + '\r');
                stderr.WriteLine($"memblock: error: {error}");
            }
            if (!json && result.Report is { } report)
                WriteFindings(result.Path, report, stdout, console);
        });
        if (progress)
            stderr.Write('\r' + new string(' ', 80) + '\r');
        return results;
    }

    /// <summary>
    /// Lints a directory on every core under a Spectre progress bar on the terminal (cleared when done), then prints each file's
    /// findings and errors in order: the live bar and other output must not interleave.
    /// </summary>
    private static List<LintFileResult> LintWithProgressBar(IAnsiConsole console, List<string> files, LintOptions options, TextWriter stderr)
    {
        var results = new List<LintFileResult>(files.Count);
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("linting", maxValue: files.Count);
                OrderedParallel.ForEach(files.Count, i => LintFile(files[i], options), (i, result) =>
                {
                    task.Description = Markup.Escape(Shorten(files[i], 50));
                    results.Add(result);
                    task.Increment(1);
                });
            });
        foreach (var result in results)
        {
            if (result.Error is { } error)
                stderr.WriteLine($"memblock: error: {error}");
            if (result.Report is { } report)
                WriteFindings(result.Path, report, console.Profile.Out.Writer, console);
        }
        return results;
    }

    private static void WriteFindings(string path, LintReport report, TextWriter stdout, IAnsiConsole? console)
    {
        foreach (var f in report.Findings)
        {
            if (console is null)
                stdout.WriteLine(LintText.Line(path, f));
            else
                LintTerminal.Finding(console, path, f);
        }
    }

    private static LintFileResult LintFile(string file, LintOptions options)
    {
        try
        {
            return new LintFileResult(file, DtbLinter.Lint(InputFiles.ReadBytes(file, InputFiles.MaxDtbBytes, "device tree blob"), options), null);
        }
        catch (FormatException ex)
        {
            return new LintFileResult(file, null, ex.Message.StartsWith(file, StringComparison.Ordinal) ? ex.Message : $"{file}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LintFileResult(file, null, ex.Message.StartsWith(file, StringComparison.Ordinal) ? ex.Message : $"{file}: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug must not hide the other files of a directory run: the file counts as not linted (exit 2).
            return new LintFileResult(file, null, $"{file}: internal error while linting ({ex.GetType().Name}: {ex.Message}); this is a bug in memblock, please report it with this file");
        }
    }

    private static List<string> Files(string path)
    {
        if (Directory.Exists(path))
            return Directory.EnumerateFiles(path, "*.dtb", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (File.Exists(path))
            return [path];
        throw new FileNotFoundException($"{path}: no such file or directory");
    }

    private static string Bar(int done, int total)
    {
        const int width = 20;
        var filled = total == 0 ? width : done * width / total;
        return "[" + new string('#', filled) + new string('.', width - filled) + "]";
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : "..." + text[^(max - 3)..];
}
