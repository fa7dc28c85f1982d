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
        var tree = FlattenedDeviceTree.Parse(options.Dtb);
        var arch = Architectures.BootArchitectures.For(options.Profile);
        var scan = DeviceTreeScan.BootScanner.Scan(tree, arch.ScanOptions(options.Profile, LowestRam));
        return new BootFlow(options, tree, scan).Run();

        ulong LowestRam()
        {
            if (options.Ram.Count > 0)
                return options.Ram.Min(r => r.Base);
            var banks = DeviceTreeScan.BootScanner.Scan(tree, DeviceTreeScan.BootScanOptions.Arm32Lpae(0)).AddedBanks.ToList();
            return banks.Count == 0 ? 0 : banks.Min(b => b.Base);
        }
    }
}
