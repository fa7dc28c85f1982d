using System.CommandLine;
using System.Globalization;
using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Boot.Maps;
using MemblockSharp.Cli.Rendering;
using MemblockSharp.DeviceTree;
using Spectre.Console;

namespace MemblockSharp.Cli.Commands;

/// <summary>
/// <c>memblock boot [DTB]</c>: simulates how a Linux 6.1 kernel brings up memory on a board and prints the memory
/// part of its boot log, then RAM, MemTotal and where the difference went (or one JSON object with <c>--json</c>).
/// Without a DTB it boots the bundled QEMU virt arm64 board.
/// </summary>
public static class BootCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dtb = new Argument<string?>("DTB") { Description = "a flattened device tree blob; default: the bundled QEMU virt arm64 1 GiB board", Arity = ArgumentArity.ZeroOrOne };
        var kernel = new Option<string>("--kernel") { Description = $"built-in kernel profile: {string.Join(", ", BuiltInProfiles.Names)}", DefaultValueFactory = _ => BuiltInProfiles.DebianArm64 };
        var systemMap = new Option<string?>("--system-map") { Description = "System.map of your own kernel (with --config; replaces --kernel)" };
        var config = new Option<string?>("--config") { Description = "the .config of your own kernel (with --system-map)" };
        var cmdline = new Option<string?>("--cmdline") { Description = "kernel command line (replaces /chosen/bootargs)" };
        var ram = new Option<string[]>("--ram") { Description = "BASE:SIZE memory bank (hex or K/M/G sizes), repeatable; replaces the DT's /memory nodes", AllowMultipleArgumentsPerToken = false };
        var efiLog = new Option<string?>("--efi-log") { Description = "boot log with efi=debug: memory comes from its UEFI memory map (efi: lines)" };
        var dtbAddr = new Option<string?>("--dtb-addr") { Description = "physical address the DTB was loaded at (default: as QEMU places it)" };
        var kernelAddr = new Option<string?>("--kernel-addr") { Description = "physical address of the kernel image (_text; default: RAM base + 2 MiB)" };
        var initrd = new Option<string?>("--initrd") { Description = "ADDR:SIZE of the initrd the boot loader loaded (what it writes to /chosen linux,initrd-start/-end; replaces those)" };
        var memoryLine = new Option<string?>("--memory-line") { Description = "the Memory: line an earlier boot of your kernel printed: its image section sizes (kernel code, rwdata, rodata, init, bss) replace the profile's" };
        var cmaDefault = new Option<string?>("--cma-default") { Description = "your kernel's built-in CMA size (CONFIG_CMA_SIZE_MBYTES, e.g. 64M; 0 for none), replacing the profile's" };
        var trace = new Option<bool>("--trace") { Description = "print every memblock call in the memblock=debug format" };
        var json = new Option<bool>("--json") { Description = "print one JSON object (memtotal_kb, memory_line, zones, memblock tables, costs, log)" };
        var whatIf = new Option<string?>("--what-if") { Description = "boot again with these kernel parameters on top of the command line (\"cma=128M crashkernel=256M mem=1G\", -NAME removes) and print before -> after (docs/json/diff.md)" };
        var whatIfKernel = new Option<string?>("--what-if-kernel") { Description = $"boot again with this built-in kernel profile (with --what-if's parameters, if given) and print before -> after: what an upgrade costs, e.g. {BuiltInProfiles.DebianArm64V612}" };
        var command = new Command("boot",
            "Simulate the boot of a Linux 6.1 kernel on a device tree: every memblock reservation, the hand-off to the buddy " +
            "allocator, the kernel's Memory: line and MemTotal, and where the rest of the RAM went.")
        {
            dtb, kernel, systemMap, config, cmdline, ram, efiLog, dtbAddr, kernelAddr, initrd, memoryLine, cmaDefault, trace, json, whatIf, whatIfKernel,
        };
        var maps = MapFileOptions.AddTo(command); // --svg / --html: the memory map picture
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            bool kernelGiven = parse.GetResult(kernel) is { Implicit: false };
            return CommandGuard.Run(stderr, () => Execute(parse.GetValue(dtb), parse.GetValue(kernel)!, kernelGiven, parse.GetValue(systemMap),
                parse.GetValue(config), parse.GetValue(cmdline), parse.GetValue(ram) ?? [], parse.GetValue(efiLog),
                MemoryArguments.Address(parse.GetValue(dtbAddr), "--dtb-addr"), MemoryArguments.Address(parse.GetValue(kernelAddr), "--kernel-addr"),
                MemoryArguments.Initrd(parse.GetValue(initrd)), new BuildFactArguments(parse.GetValue(memoryLine), MemoryArguments.Address(parse.GetValue(cmaDefault), "--cma-default")),
                parse.GetValue(trace), parse.GetValue(json), parse.GetValue(whatIf), parse.GetValue(whatIfKernel), stdout, stderr, maps.Get(parse),
                parse.GetValue(json) ? null : OutputMode.For(parse, stdout)));
        });
        return command;
    }

    /// <summary>One <c>memblock: warning:</c> line on stderr per input the boot does not model.</summary>
    /// <param name="stderr">Standard error.</param>
    /// <param name="warnings">The boot's warnings.</param>
    /// <param name="side">Which boot they belong to (<c>before</c>, <c>after</c>, a file), or null for a single boot.</param>
    internal static void WriteWarnings(TextWriter stderr, IReadOnlyList<BootWarning> warnings, string? side = null)
    {
        foreach (var warning in warnings)
            stderr.WriteLine(side is null ? $"memblock: warning: {warning}" : $"memblock: warning: {side}: {warning}");
    }

    // Without --kernel, the default profile unless the tree's cores need the other architecture (then say which is used).
    private static KernelProfile? ProfileForCores(string defaultName, byte[] blob, string dtbPath, TextWriter stderr)
    {
        string name;
        CpuArchitecture? cpus;
        try
        {
            name = BuiltInProfiles.ForDeviceTree(defaultName, blob, out cpus);
        }
        catch (FdtException)
        {
            return null; // the boot reports the malformed blob
        }
        if (name == defaultName || cpus is null)
            return null;
        string bits = cpus.Arch == KernelArch.Arm ? "32-bit" : "64-bit";
        stderr.WriteLine($"memblock: note: {dtbPath}: the cores ({cpus.Evidence}) are {bits}: booting {name} (give --kernel to choose)");
        return BuiltInProfiles.Get(name);
    }

    private static int Execute(string? dtbPath, string kernel, bool kernelGiven, string? systemMap, string? config, string? cmdline,
                               string[] ram, string? efiLog, ulong? dtbAddr, ulong? kernelAddr, (ulong Start, ulong Size)? initrd, BuildFactArguments facts, bool trace, bool json, string? whatIf, string? whatIfKernel,
                               TextWriter stdout, TextWriter stderr, MapFiles maps, IAnsiConsole? console)
    {
        KernelProfile profile;
        if (systemMap is not null || config is not null)
        {
            if (systemMap is null || config is null)
                throw new FormatException("--system-map and --config go together");
            InputFiles.CheckSize(systemMap, InputFiles.MaxTextBytes, "System.map");
            InputFiles.CheckSize(config, InputFiles.MaxTextBytes, "kernel .config");
            profile = KernelProfileParser.FromFiles(systemMap, config);
        }
        else if (!BuiltInProfiles.TryGet(kernel, out profile!))
        {
            throw new FormatException($"unknown kernel profile '{kernel}' (built in: {string.Join(", ", BuiltInProfiles.Names)})");
        }
        byte[] blob = dtbPath is null ? BundledBoards.VirtArm64() : InputFiles.ReadBytes(dtbPath, InputFiles.MaxDtbBytes, "device tree blob");
        if (!kernelGiven && systemMap is null && dtbPath is not null)
            profile = ProfileForCores(kernel, blob, dtbPath, stderr) ?? profile;
        if (facts.MemoryLine is { } line)
            profile = KernelBuildFacts.WithMemoryLine(profile, line);
        if (facts.CmaDefault is { } cma)
            profile = profile with { CmaDefaultBytes = cma };
        var options = new BootOptions
        {
            Profile = profile,
            ImageSectionsSource = facts.MemoryLine is null ? null : $"--memory-line (the gaps between sections are {profile.Name}'s)",
            CmaDefaultSource = facts.CmaDefault is null ? null : "--cma-default",
            Dtb = blob,
            CommandLine = cmdline,
            Ram = ram.Select(MemoryArguments.Bank).ToList(),
            EfiLog = efiLog is null ? null : InputFiles.ReadText(efiLog, KernelLogReader.MaxLogBytes),
            DtbAddress = dtbAddr,
            KernelAddress = kernelAddr,
            Initrd = initrd,
            Trace = trace,
        };
        string title = dtbPath ?? BundledBoards.VirtArm64Name;
        BootResult result;
        try
        {
            if (whatIf is not null || whatIfKernel is not null) // before -> after, in Commands/DiffCommand.cs
            {
                KernelProfile? afterProfile = whatIfKernel is null ? null
                    : BuiltInProfiles.TryGet(whatIfKernel, out var p) ? p
                    : throw new FormatException($"--what-if-kernel: unknown kernel profile '{whatIfKernel}' (built in: {string.Join(", ", BuiltInProfiles.Names)})");
                return DiffCommand.RunWhatIf(options, whatIf, title, json, stdout, maps, console, stderr, afterProfile);
            }
            result = BootSimulator.Run(options);
        }
        catch (FdtException ex) when (ex.FileName is null && dtbPath is not null)
        {
            throw new FdtException(ex.Kind, ex.Offset, ex.Detail, ex.NodePath, dtbPath);
        }
        catch (BootInputException ex) when (ex.InDeviceTree && dtbPath is not null)
        {
            throw new BootInputException($"{dtbPath}: {ex.Message}");
        }
        maps.Write(() => MemoryMapBuilder.FromBoot(options, result, title));
        if (json)
            stdout.Write(BootJson.Render(result, title));
        else if (console is not null)
            BootTerminal.Write(console, result, title);
        else
            stdout.Write(BootReport.Text(result, title));
        WriteWarnings(stderr, result.Warnings);
        return ExitCodes.Ok;
    }
}

/// <summary>The build facts given on the command line instead of a System.map.</summary>
/// <param name="MemoryLine">The <c>--memory-line</c> text, or null.</param>
/// <param name="CmaDefault">The <c>--cma-default</c> size in bytes, or null.</param>
internal sealed record BuildFactArguments(string? MemoryLine, ulong? CmaDefault);
