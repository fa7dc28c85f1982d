using System.Diagnostics;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Bench;

/// <summary>
/// The scale benchmark: a synthetic device tree with 16 TiB of RAM in 1024 banks over 16 NUMA nodes (written with our own
/// FDT writer), booted with the built-in arm64 profile. Cost and memory must not grow with the RAM size.
/// </summary>
public static class ScaleBoot
{
    /// <summary>Builds the synthetic DTB: <paramref name="banks"/> memory nodes of equal size from 0x40000000, round-robin over nodes in blocks.</summary>
    public static byte[] BuildDtb(ulong totalBytes, int banks, int nodes, int cpus)
    {
        ulong bankSize = totalBytes / (ulong)banks;
        var w = new FdtWriter();
        w.BeginNode("");
        w.PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2);
        w.PropertyStrings("compatible", "linux,dummy-virt").PropertyStrings("model", "MemblockSharp synthetic 16 TiB NUMA");
        w.BeginNode("chosen").PropertyStrings("bootargs", "console=ttyAMA0").EndNode();
        w.BeginNode("cpus").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 0);
        for (int c = 0; c < cpus; c++)
        {
            w.BeginNode($"cpu@{c:x}").PropertyStrings("device_type", "cpu").PropertyStrings("compatible", "arm,cortex-a57")
             .PropertyCells("reg", (uint)c).PropertyCells("numa-node-id", (uint)(c * nodes / cpus)).EndNode();
        }
        w.EndNode();
        for (int b = 0; b < banks; b++)
        {
            ulong @base = 0x4000_0000UL + (ulong)b * bankSize;
            w.BeginNode($"memory@{@base:x}").PropertyStrings("device_type", "memory")
             .PropertyCells("reg", (uint)(@base >> 32), (uint)@base, (uint)(bankSize >> 32), (uint)bankSize)
             .PropertyCells("numa-node-id", (uint)(b * nodes / banks)).EndNode();
        }
        w.EndNode();
        return w.Finish();
    }

    /// <summary>Boots the synthetic tree <paramref name="runs"/> times and reports the best time and the managed memory used.</summary>
    public static void Run(int runs, int tebibytes = 16, int banks = 1024, int nodes = 16)
    {
        var dtb = BuildDtb((ulong)tebibytes << 40, banks, nodes, 16);
        var profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64);
        var options = new BootOptions { Profile = profile, Dtb = dtb };
        var best = TimeSpan.MaxValue;
        BootResult? result = null;
        long allocated = 0;
        for (int i = 0; i < runs; i++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            result = BootSimulator.Run(options);
            watch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            if (watch.Elapsed < best)
                best = watch.Elapsed;
        }
        Console.WriteLine($"scale boot: {tebibytes} TiB, {banks} banks, {nodes} nodes, DTB {dtb.Length} bytes; best of {runs}: {best.TotalMilliseconds:F1} ms, " +
                          $"{allocated / 1024.0 / 1024.0:F1} MiB allocated per boot, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
        Console.WriteLine($"  MemTotal {result!.MemTotalKb} kB; {result.MemoryLine}");
    }
}
