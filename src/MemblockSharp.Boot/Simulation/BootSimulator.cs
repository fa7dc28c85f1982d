using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Simulation;

/// <summary>
/// Simulates how a Linux 6.1 kernel brings up physical memory from a device tree: every memblock reservation of
/// the arm64 boot (docs/boot-flow-arm64.md), the hand-off to the buddy allocator, the <c>Memory:</c> line and MemTotal.
/// </summary>
public static class BootSimulator
{
    /// <summary>Runs one boot.</summary>
    /// <param name="options">DTB, kernel profile, command line and overrides.</param>
    /// <returns>The log, the memblock tables at the hand-off, the zones and MemTotal.</returns>
    /// <exception cref="MemblockSharp.DeviceTree.FdtException">The DTB is malformed.</exception>
    /// <exception cref="BootInputException">The inputs cannot boot (no memory, bad sizes, out of memory).</exception>
    public static BootResult Run(BootOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Run(options, FlattenedDeviceTree.Parse(options.Dtb));
    }

    /// <summary>Runs one boot of a device tree parsed already: many boots of one tree (a sweep) parse it once.</summary>
    /// <param name="options">DTB, kernel profile, command line and overrides.</param>
    /// <param name="tree">The tree parsed from <see cref="BootOptions.Dtb"/> (read, never changed, so boots on several threads may share it).</param>
    /// <returns>The log, the memblock tables at the hand-off, the zones and MemTotal.</returns>
    /// <exception cref="BootInputException">The inputs cannot boot (no memory, bad sizes, out of memory).</exception>
    public static BootResult Run(BootOptions options, FlattenedDeviceTree tree)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tree);
        return CreateFlow(options, tree).Run();
    }

    /// <summary>Runs one boot and hands back the boot's own record of who reserved what (for maps of boots too big to trace).</summary>
    /// <param name="options">DTB, kernel profile, command line and overrides.</param>
    /// <param name="ledger">Every owned range at the hand-off to the buddy allocator: base, end, cost category and the kernel function when known.</param>
    /// <returns>The boot's result.</returns>
    internal static BootResult RunRecorded(BootOptions options, out IReadOnlyList<(ulong Base, ulong End, string Category, string? Caller)> ledger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var flow = CreateFlow(options, FlattenedDeviceTree.Parse(options.Dtb));
        var result = flow.Run();
        ledger = flow.LedgerAtHandOff;
        return result;
    }

    // The early scan the architecture asks for (PHYS_OFFSET on 32-bit ARM depends on the lowest RAM), then the flow.
    private static BootFlow CreateFlow(BootOptions options, FlattenedDeviceTree tree)
    {
        var arch = Architectures.BootArchitectures.For(options.Profile);
        var scan = DeviceTreeScan.BootScanner.Scan(tree, arch.ScanOptions(options.Profile, LowestRam));
        return new BootFlow(options, tree, scan);

        ulong LowestRam()
        {
            if (options.Ram.Count > 0)
                return options.Ram.Min(r => r.Base);
            var banks = DeviceTreeScan.BootScanner.Scan(tree, DeviceTreeScan.BootScanOptions.Arm32Lpae(0)).AddedBanks.ToList();
            return banks.Count == 0 ? 0 : banks.Min(b => b.Base);
        }
    }
}
