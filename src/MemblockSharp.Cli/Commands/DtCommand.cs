using System.CommandLine;
using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.Cli.Rendering;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Cli.Commands;

/// <summary>
/// <c>memblock dt FILE [PATH]</c>: prints a DTB (or one node) as DTS text the way <c>dtc -I dtb -O dts</c> does;
/// <c>memblock dt FILE --memory</c>: prints what Linux 6.1's early scan reads from it (banks, reservations,
/// reserved-memory requests, /chosen, CPUs, kernel messages).
/// </summary>
public static class DtCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "a flattened device tree blob (.dtb, or /sys/firmware/fdt)" };
        var path = new Argument<string?>("PATH") { Description = "print only this node: an absolute path (/reserved-memory) or an alias", Arity = ArgumentArity.ZeroOrOne };
        var memory = new Option<bool>("--memory") { Description = "print the Linux 6.1 boot-time scan (memory banks, reservations, /chosen, CPUs) as tables" };
        var arch = new Option<string>("--arch") { Description = "kernel for --memory: arm64 (default) or arm32-lpae", DefaultValueFactory = _ => "arm64" };
        arch.AcceptOnlyFromAmong("arm64", "arm32-lpae");
        var physOffset = new Option<string?>("--phys-offset") { Description = "arm32-lpae PHYS_OFFSET in hex (default: the lowest memory bank's base)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object: the tree (or node), or with --memory the scan (schema in docs/json/dt.md)" };
        var command = new Command("dt",
            "Print a device tree blob as DTS (exactly as dtc 1.6.1 -I dtb -O dts prints it), one node of it, " +
            "or with --memory what Linux 6.1's early device-tree scan reads from it.")
        {
            file, path, memory, arch, physOffset, json,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return CommandGuard.Run(stderr, () => Execute(parse.GetValue(file)!, parse.GetValue(path), parse.GetValue(memory),
                parse.GetValue(arch)!, parse.GetValue(physOffset), parse.GetValue(json), stdout, stderr));
        });
        return command;
    }

    private static int Execute(string file, string? path, bool memory, string arch, string? physOffset, bool json, TextWriter stdout, TextWriter stderr)
    {
        InputFiles.CheckSize(file, InputFiles.MaxDtbBytes, "device tree blob");
        var tree = FlattenedDeviceTree.Load(file);
        if (memory && json)
        {
            DtJson.WriteScan(stdout, file, tree, arch, BootScanner.Scan(tree, Options(tree, arch, physOffset)));
            return ExitCodes.Ok;
        }
        if (memory)
        {
            stdout.Write($"{file}: version {tree.Header.Version}, {tree.Header.TotalSize} bytes, {tree.NodeCount} nodes\n");
            stdout.Write(BootScanText.Format(BootScanner.Scan(tree, Options(tree, arch, physOffset))));
            return ExitCodes.Ok;
        }
        if (path is null)
        {
            if (json)
                DtJson.WriteTree(stdout, file, tree, tree.Root);
            else
                stdout.Write(DtsPrinter.Print(tree));
            return ExitCodes.Ok;
        }
        var node = tree.FindNode(path);
        if (node is null)
        {
            stderr.WriteLine($"memblock: error: {file}: no node '{path}'");
            return ExitCodes.BadInput;
        }
        if (json)
            DtJson.WriteTree(stdout, file, tree, node);
        else
            stdout.Write(DtsPrinter.Print(node));
        return ExitCodes.Ok;
    }

    private static BootScanOptions Options(FlattenedDeviceTree tree, string arch, string? physOffset)
    {
        if (arch == "arm64")
            return BootScanOptions.Arm64;
        ulong offset;
        if (physOffset is not null)
        {
            var text = physOffset.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? physOffset[2..] : physOffset;
            if (!ulong.TryParse(text, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out offset))
                throw new FormatException($"--phys-offset '{physOffset}' is not a hex number");
        }
        else
        {
            var banks = BootScanner.Scan(tree, BootScanOptions.Arm32Lpae(0)).AddedBanks.ToList();
            offset = banks.Count == 0 ? 0 : banks.Min(b => b.Base);
        }
        return BootScanOptions.Arm32Lpae(offset);
    }
}
