using System.Diagnostics;
using System.Runtime.ExceptionServices;
using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Sweep;

/// <summary>
/// Runs a sweep: every point of a <see cref="SweepGrid"/> is one <see cref="BootSimulator.Run(BootOptions, FlattenedDeviceTree)"/> with the same inputs
/// <c>memblock boot</c> would get (the RAM bank for <c>--ram</c>, the parameter set applied to the command line as
/// <c>--what-if</c> applies it). The boots are independent and run on every core; each writes its own row, so the
/// output order is the grid's whatever the scheduling.
/// </summary>
public static class SweepRunner
{
    /// <summary>Runs every boot of the grid.</summary>
    /// <param name="grid">The points.</param>
    /// <param name="input">The device tree and the command line.</param>
    /// <param name="progress">Counts finished boots as they finish, or null.</param>
    /// <param name="threads">The most boots at once; null = one per processor.</param>
    /// <returns>One row per point, in order. A boot the inputs cannot make (<see cref="BootInputException"/>: no room
    /// for a reservation, a size the kernel rejects) gets a row with its error; the other boots go on.</returns>
    /// <exception cref="MemblockSharp.DeviceTree.FdtException">The device tree is malformed (checked once, before any boot).</exception>
    /// <exception cref="BootInputException">A RAM size has no base and the device tree has no memory bank to take it from.</exception>
    public static SweepResult Run(SweepGrid grid, SweepInput input, SweepProgress? progress = null, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(input);
        int workers = Math.Clamp(threads ?? Environment.ProcessorCount, 1, 256);
        var tree = FlattenedDeviceTree.Parse(input.Dtb);
        var scan = BootScanner.Scan(tree);
        var banks = scan.AddedBanks.ToList();
        ulong? memoryBase = banks.Count > 0 ? banks.Min(b => b.Base) : null;
        ulong dtMemory = banks.Aggregate(0UL, (sum, b) => sum + b.Size);
        if (memoryBase is null && grid.Ram.Any(r => r.Base is null))
            throw new BootInputException($"{input.Title}: the device tree has no /memory bank to put the RAM at: give --ram BASE:SIZE");
        string commandLine = input.CommandLine ?? scan.Chosen.Bootargs ?? "";

        var rows = new SweepRow[grid.Count];
        var clock = Stopwatch.StartNew();
        try
        {
            Parallel.For(0, grid.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
            {
                rows[i] = Boot(grid.Point(i), input, tree, commandLine, memoryBase ?? 0, dtMemory);
                progress?.Advance();
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
        clock.Stop();
        return new SweepResult(grid, input, rows, clock.Elapsed, workers);
    }

    /// <summary>The options <c>memblock boot</c> would run this point with.</summary>
    /// <param name="point">The point.</param>
    /// <param name="input">The device tree and command line.</param>
    /// <param name="commandLine">The command line before the point's parameters (<c>--cmdline</c>, else <c>/chosen/bootargs</c>).</param>
    /// <param name="memoryBase">Where a RAM size without a base goes.</param>
    /// <returns>The boot's options.</returns>
    public static BootOptions OptionsFor(SweepPoint point, SweepInput input, string commandLine, ulong memoryBase)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(commandLine);
        bool asGiven = ReferenceEquals(point.Parameters, SweepParameters.AsGiven);
        return new BootOptions
        {
            Profile = point.Kernel,
            Dtb = input.Dtb,
            CommandLine = asGiven ? input.CommandLine : point.Parameters.ApplyTo(commandLine),
            Ram = point.Ram.Size == 0 ? [] : [(point.Ram.Base ?? memoryBase, point.Ram.Size)],
            Initrd = input.Initrd,
        };
    }

    private static SweepRow Boot(SweepPoint point, SweepInput input, FlattenedDeviceTree tree, string commandLine, ulong memoryBase, ulong dtMemory)
    {
        var options = OptionsFor(point, input, commandLine, memoryBase);
        var row = new SweepRow
        {
            Index = point.Index,
            Panel = point.Panel,
            Kernel = point.Kernel.Name,
            Parameters = point.Parameters.Text,
            RamBase = options.Ram.Count > 0 ? options.Ram[0].Base : memoryBase,
            RamSize = options.Ram.Count > 0 ? options.Ram[0].Size : dtMemory,
            RamGiven = options.Ram.Count > 0,
            CommandLine = options.CommandLine ?? commandLine,
        };
        try
        {
            var result = BootSimulator.Run(options, tree);
            return row with
            {
                CommandLine = result.CommandLine,
                RamBytes = result.RamBytes,
                MemTotalKb = result.MemTotalKb,
                MemoryLine = result.MemoryLine,
                Costs = result.Costs,
                Warnings = result.Warnings,
            };
        }
        catch (FormatException ex) // BootInputException, or a DTB fault only this boot's inputs reach
        {
            return row with { Error = ex.Message };
        }
    }
}
