using System.CommandLine;
using System.Diagnostics;
using System.Text;
using MemblockSharp.Boot.Explain;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Cli.Rendering;

namespace MemblockSharp.Cli.Commands;

/// <summary>
/// <c>memblock explain LOG [--dtb FILE] [--kernel P] [--json]</c> and <c>memblock explain --live [--root DIR]</c>:
/// explains an ordinary boot log (no <c>memblock=debug</c> needed): the path from RAM to MemTotal and where the reserved
/// memory went, each category logged, simulated or unexplained.
/// </summary>
public static class ExplainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var log = new Argument<string?>("LOG") { Description = "a boot log: dmesg, a serial capture, an e-mail or forum paste, a bundle with the dmesg as one section (plain or .gz)", Arity = ArgumentArity.ZeroOrOne };
        var dtb = new Option<string?>("--dtb") { Description = "the DTB the kernel booted with: the boot is simulated and every logged fact checked" };
        var kernel = new Option<string?>("--kernel") { Description = "the built-in kernel profile to simulate with (default: chosen from the log's banner)" };
        var live = new Option<bool>("--live") { Description = "explain the running system: /proc/cmdline, /sys/firmware/fdt, the kernel log, /proc/meminfo, /sys/kernel/debug/memblock/*" };
        var root = new Option<string?>("--root") { Description = "with --live: read those files under DIR (a copy taken from a board); the log is DIR/dev/kmsg (kmsg records or dmesg text)" };
        var debugfsOut = new Option<string?>("--debugfs-out") { Description = "with a DTB: write DIR/memory and DIR/reserved as the kernel's /sys/kernel/debug/memblock files of the simulated boot" };
        var json = new Option<bool>("--json") { Description = "print the result as one JSON object (see docs/json/explain.md)" };
        var command = new Command("explain",
            "Explain an ordinary boot log: the kernel and command line from the log, the path from physical RAM to MemTotal by the rule " +
            "of the log's era, and where the reserved memory went, each category logged, simulated (with --dtb) or estimated, with the " +
            "unexplained remainder as a number. Exit 0 when explained (and, with a DTB, every logged fact agrees with the simulated boot), " +
            "1 when a fact disagrees, 2 on bad input.")
        {
            log, dtb, kernel, live, root, debugfsOut, json,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return CommandGuard.Run(stderr, () => Execute(parse.GetValue(log), parse.GetValue(dtb), parse.GetValue(kernel), parse.GetValue(live),
                parse.GetValue(root), parse.GetValue(debugfsOut), parse.GetValue(json), stdout));
        });
        return command;
    }

    private static int Execute(string? logPath, string? dtbPath, string? profile, bool live, string? root, string? debugfsOut, bool json, TextWriter stdout)
    {
        if (root is not null && !live)
            throw new FormatException("--root needs --live");
        if (live == (logPath is not null))
            throw new FormatException(live ? "--live reads the running system's log: give no LOG" : "give a LOG file, or --live");
        string text, source;
        var unreadable = new List<string>();
        ExplainOptions options;
        if (live)
        {
            var snap = LiveSnapshot.Read(root ?? "/", root is null ? RunDmesg : null);
            text = snap.Log;
            source = snap.LogSource;
            unreadable.AddRange(snap.Unreadable);
            byte[]? blob = dtbPath is not null ? InputFiles.ReadBytes(dtbPath, InputFiles.MaxDtbBytes, "device tree blob") : snap.Fdt;
            options = new ExplainOptions
            {
                Dtb = blob,
                Profile = profile,
                Meminfo = snap.Meminfo,
                DebugfsMemory = snap.DebugfsMemory,
                DebugfsReserved = snap.DebugfsReserved,
                CommandLine = snap.CommandLine,
            };
        }
        else
        {
            text = ReadLog(logPath!);
            source = Path.GetFileName(logPath!);
            options = new ExplainOptions
            {
                Dtb = dtbPath is not null ? InputFiles.ReadBytes(dtbPath, InputFiles.MaxDtbBytes, "device tree blob") : null,
                Profile = profile,
            };
        }
        ExplainResult result;
        try
        {
            result = LogExplainer.Explain(text, source, options);
        }
        catch (MemblockSharp.DeviceTree.FdtException ex) when (dtbPath is not null)
        {
            throw new FormatException($"{dtbPath}: {ex.Message}", ex);
        }
        if (debugfsOut is not null)
        {
            if (result.Simulation is not { } sim)
                throw new FormatException("--debugfs-out needs a simulated boot (--dtb, and a profile for the log's architecture)");
            Directory.CreateDirectory(debugfsOut);
            AtomicFile.WriteAllText(Path.Combine(debugfsOut, "memory"), LogExplainer.DebugfsText(sim.Memory, sim.PhysAddrBytes));
            AtomicFile.WriteAllText(Path.Combine(debugfsOut, "reserved"), LogExplainer.DebugfsText(sim.ReservedAfterBoot, sim.PhysAddrBytes));
        }
        if (json)
            ExplainJson.Write(stdout, result, unreadable);
        else
            ExplainText.Write(stdout, result, unreadable);
        return result.Checks.All(c => c.Agrees) ? ExitCodes.Ok : ExitCodes.Findings;
    }

    private static string RunDmesg()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("dmesg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })
                ?? throw new IOException("dmesg: could not be started");
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new IOException($"dmesg: exit {p.ExitCode}: {p.StandardError.ReadToEnd().Trim()} (reading the kernel log may need root, or kernel.dmesg_restrict=0)");
            return output;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new IOException($"dmesg: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the log's text (<see cref="InputFiles.ReadLogBytes"/>): UTF-8, else Latin-1.</summary>
    private static string ReadLog(string path)
    {
        var bytes = InputFiles.ReadLogBytes(path);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes); // serial captures carry stray 8-bit bytes
        }
    }
}
