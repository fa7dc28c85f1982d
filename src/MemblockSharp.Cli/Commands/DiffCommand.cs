using System.CommandLine;
using MemblockSharp.Boot.Comparison;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Cli.Rendering;
using MemblockSharp.DeviceTree;
using Spectre.Console;

namespace MemblockSharp.Cli.Commands;

/// <summary>
/// <c>memblock diff A.dtb B.dtb</c>: boots both device trees with the same kernel and options and prints what moves and
/// what MemTotal does, by category, with signed deltas (or one JSON object with <c>--json</c>). Also runs
/// <c>memblock boot --what-if "..."</c> (<see cref="RunWhatIf"/>).
/// </summary>
public static class DiffCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var a = new Argument<string>("A") { Description = "the first device tree blob (before)" };
        var b = new Argument<string?>("B") { Description = "the second device tree blob (after); default: A again (compare two kernels or command lines on one board)", Arity = ArgumentArity.ZeroOrOne };
        var kernel = new Option<string>("--kernel") { Description = $"built-in kernel profile: {string.Join(", ", BuiltInProfiles.Names)}", DefaultValueFactory = _ => BuiltInProfiles.DebianArm64 };
        var kernelB = new Option<string?>("--kernel-b") { Description = "built-in kernel profile for B only (default: --kernel): what an upgrade, e.g. debian-6.1-arm64 -> debian-6.12-arm64, costs" };
        var cmdline = new Option<string?>("--cmdline") { Description = "kernel command line for both boots (replaces each DTB's /chosen/bootargs)" };
        var cmdlineB = new Option<string?>("--cmdline-b") { Description = "kernel command line for B only (default: --cmdline, else B's /chosen/bootargs); compare one DTB under two command lines" };
        var ram = new Option<string[]>("--ram") { Description = "BASE:SIZE memory bank (hex or K/M/G sizes), repeatable; replaces both DTs' /memory nodes", AllowMultipleArgumentsPerToken = false };
        var initrd = new Option<string?>("--initrd") { Description = "ADDR:SIZE of the initrd the boot loader loaded, for both boots (replaces /chosen linux,initrd-start/-end)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object {before, after, delta} (schema in docs/json/diff.md)" };
        var command = new Command("diff",
            "Boot two device trees with the same kernel and options and compare them: RAM, MemTotal and where the rest went " +
            "by category, the Memory: line, the zones, and every reservation that appeared, vanished, moved or changed size.")
        {
            a, b, kernel, kernelB, cmdline, cmdlineB, ram, initrd, json,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return CommandGuard.Run(stderr, () => Execute(parse.GetValue(a)!, parse.GetValue(b), parse.GetValue(kernel)!, parse.GetValue(kernelB),
                parse.GetValue(cmdline), parse.GetValue(cmdlineB), parse.GetValue(ram) ?? [], MemoryArguments.Initrd(parse.GetValue(initrd)), parse.GetValue(json), stdout, stderr,
                parse.GetValue(json) ? null : OutputMode.For(parse, stdout)));
        });
        return command;
    }

    /// <summary>
    /// <c>memblock boot --what-if "PARAMS"</c>: boots as asked, then with the parameters applied on top of the command
    /// line, and prints the comparison (text or JSON); the map files, when asked for, show the second boot.
    /// </summary>
    /// <param name="options">The boot as <c>memblock boot</c> would run it.</param>
    /// <param name="whatIf">The parameters (<c>cma=128M crashkernel=256M mem=1G</c>, <c>-NAME</c> removes), or null to change only the kernel.</param>
    /// <param name="title">What is booted.</param>
    /// <param name="json">Print JSON.</param>
    /// <param name="stdout">The output.</param>
    /// <param name="maps">The <c>--svg</c>/<c>--html</c> files.</param>
    /// <param name="console">The terminal to draw tables on (<see cref="OutputMode.For(System.CommandLine.ParseResult, TextWriter)"/>), or null for plain text.</param>
    /// <param name="stderr">Where the warnings of either boot go (one line each), or null for none.</param>
    /// <param name="afterProfile">The kernel of the second boot (<c>--what-if-kernel</c>), or null for the same kernel.</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="FormatException">A malformed parameter, <c>--trace</c> given too, or inputs that cannot boot.</exception>
    internal static int RunWhatIf(BootOptions options, string? whatIf, string title, bool json, TextWriter stdout, MapFiles maps,
                                  IAnsiConsole? console = null, TextWriter? stderr = null, KernelProfile? afterProfile = null)
    {
        if (options.Trace)
            throw new FormatException("--trace and --what-if do not go together (run the what-if's command line with --cmdline to trace it)");
        var change = whatIf is null ? null : CommandLineOverride.Parse(whatIf);
        var before = WithFileName(title, () => BootSide.Run(options, title));
        string kernelPart = afterProfile is null ? "" : $" --what-if-kernel {afterProfile.Name}";
        string paramPart = change is null ? "" : $" --what-if \"{string.Join(' ', change.Set.Concat(change.Removed.Select(n => "-" + n)))}\"";
        string described = $"{title} with{paramPart}{kernelPart}";
        var after = WithFileName(described, () => BootSide.Run(options with
        {
            Profile = afterProfile ?? options.Profile,
            CommandLine = change?.ApplyTo(before.Result.CommandLine) ?? before.Result.CommandLine,
        }, title));
        var comparison = BootComparison.Compare(before, after);
        maps.Write(() => comparison.After.Map);
        Print(comparison, json ? null : $"memblock boot{paramPart}{kernelPart}: {title}", change, stdout, console);
        WriteWarnings(stderr, comparison);
        return ExitCodes.Ok;
    }

    private static int Execute(string a, string? bArgument, string kernel, string? kernelB, string? cmdline, string? cmdlineB, string[] ram, (ulong Start, ulong Size)? initrd, bool json, TextWriter stdout,
                               TextWriter stderr, IAnsiConsole? console)
    {
        if (bArgument is null && kernelB is null && cmdlineB is null)
            throw new FormatException("diff needs a second side: B.dtb, or --kernel-b / --cmdline-b to boot A again with another kernel or command line");
        string b = bArgument ?? a;
        var profile = Profile(kernel, "--kernel");
        var profileB = kernelB is null ? profile : Profile(kernelB, "--kernel-b");
        var banks = ram.Select(MemoryArguments.Bank).ToList();
        BootOptions Options(string path, string? commandLine, KernelProfile p) => new()
        {
            Profile = p,
            Dtb = InputFiles.ReadBytes(path, InputFiles.MaxDtbBytes, "device tree blob"),
            CommandLine = commandLine,
            Ram = banks,
            Initrd = initrd,
        };
        var before = Options(a, cmdline, profile);
        var after = Options(b, cmdlineB ?? cmdline, profileB);
        var sideA = WithFileName(a, () => BootSide.Run(before, a));
        var sideB = WithFileName(b, () => BootSide.Run(after, b));
        var comparison = BootComparison.Compare(sideA, sideB);
        string heading = $"memblock diff: {a} -> {b}";
        Print(comparison, json ? null : heading, null, stdout, console);
        WriteWarnings(stderr, comparison);
        return ExitCodes.Ok;
    }

    private static void WriteWarnings(TextWriter? stderr, BootComparison comparison)
    {
        if (stderr is null)
            return;
        BootCommand.WriteWarnings(stderr, comparison.Before.Result.Warnings, "before");
        BootCommand.WriteWarnings(stderr, comparison.After.Result.Warnings, "after");
    }

    private static KernelProfile Profile(string name, string option) =>
        BuiltInProfiles.TryGet(name, out var profile) ? profile
            : throw new FormatException($"{option}: unknown kernel profile '{name}' (built in: {string.Join(", ", BuiltInProfiles.Names)})");

    /// <summary>JSON when <paramref name="heading"/> is null, else tables on a terminal or the plain text.</summary>
    private static void Print(BootComparison comparison, string? heading, CommandLineOverride? whatIf, TextWriter stdout, IAnsiConsole? console)
    {
        if (heading is null)
            stdout.Write(DiffJson.Render(comparison, whatIf));
        else if (console is not null)
            DiffTerminal.Write(console, comparison, heading);
        else
            stdout.Write(DiffText.Render(comparison, heading));
    }

    /// <summary>Runs a boot; a DTB error without a file name gets <paramref name="path"/>, and a boot error says which DTB.</summary>
    private static T WithFileName<T>(string path, Func<T> boot)
    {
        try
        {
            return boot();
        }
        catch (FdtException ex) when (ex.FileName is null)
        {
            throw new FdtException(ex.Kind, ex.Offset, ex.Detail, ex.NodePath, path);
        }
        catch (BootInputException ex)
        {
            throw new BootInputException($"{path}: {ex.Message}");
        }
    }
}
