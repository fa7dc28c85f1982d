using System.Diagnostics;
using System.IO.Compression;
using MemblockSharp;
using MemblockSharp.Bench;
using MemblockSharp.Scripts;

// Usage:
//   MemblockSharp.Bench scripts DIR [W1 W2 ...] [--indexed-only] [--cpu] [--chunk=N]
//                                                 time the op scripts (best of 5) with both storages, print ns/op and checksums
//   MemblockSharp.Bench differential OPS [SEED] [6.1|6.12]
//                                                 compare the indexed core with the reference array core on random ops,
//                                                 with the rules of one kernel release (both, one after the other, by default)
//   MemblockSharp.Bench scale [RUNS]              boot a synthetic 16 TiB, 1024-bank, 16-node device tree
switch (args.FirstOrDefault())
{
    case "differential":
    {
        long ops = args.Length > 1 ? long.Parse(args[1]) : 1_000_000;
        int seed = args.Length > 2 ? int.Parse(args[2]) : 20261126;
        MemblockVersion[] versions = args.Length > 3
            ? [MemblockVersions.TryParse(args[3], out var chosen) ? chosen : throw new ArgumentException($"not a modelled kernel: {args[3]}")]
            : [MemblockVersion.Linux6_1, MemblockVersion.Linux6_12];
        int exit = 0;
        foreach (var version in versions)
        {
            var watch = Stopwatch.StartNew();
            var difference = DifferentialRunner.Run(ops, seed, version: version);
            string kernel = MemblockVersions.Name(version);
            Console.WriteLine(difference is null
                ? $"differential ({kernel}): {ops} random operations (seed {seed}), no difference ({watch.Elapsed.TotalSeconds:F1} s)"
                : $"differential ({kernel}): DIFFERENCE at op {difference.OpIndex} {difference.Op}\n  indexed:   {difference.Indexed}\n  reference: {difference.Reference}\n  state before: {difference.StateBefore}");
            if (difference is not null)
                exit = 1;
        }
        return exit;
    }
    case "scripts":
    {
        string dir = args[1];
        // --indexed-only skips the reference array core (for profiling the default core alone).
        bool indexedOnly = args.Contains("--indexed-only");
        // --chunk=N sets the indexed store's chunk capacity (for tuning).
        string? chunkArg = args.FirstOrDefault(a => a.StartsWith("--chunk="));
        int chunk = chunkArg is null ? MemblockOptions.Default.IndexedChunkCapacity : int.Parse(chunkArg["--chunk=".Length..]);
        var names = args.Length > 2 ? args[2..].Where(a => !a.StartsWith("--")).ToArray() : ["W1", "W2", "W3", "W4"];
        if (names.Length == 0)
            names = ["W1", "W2", "W3", "W4"];
        foreach (var name in names)
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(dir, name + ".txt.gz")), CompressionMode.Decompress));
            var script = OpScript.Parse(reader);
            foreach (var storage in new[] { RegionStorage.Indexed, RegionStorage.Array })
            {
                if (storage == RegionStorage.Array && (indexedOnly || (name == "W1" && !args.Contains("--with-array-w1"))))
                    continue;
                var timing = OpScriptBench.Time(script, OpScriptRunner.BaselineOptions with { Storage = storage, IndexedChunkCapacity = chunk });
                var (best, result) = (timing.Best, timing.Result);
                // --cpu adds the best thread CPU time of 5 more runs (steadier than wall time on a loaded machine).
                // --cpu=N takes N runs instead (for profiling the timed loop).
                string? cpuArg = args.FirstOrDefault(a => a == "--cpu" || a.StartsWith("--cpu="));
                int cpuRuns = cpuArg is null ? 0 : cpuArg == "--cpu" ? 5 : int.Parse(cpuArg["--cpu=".Length..]);
                string cpu = cpuRuns > 0
                    ? $" cpu {ThreadCpuTime.BestNanosecondsPerOp(script, OpScriptRunner.BaselineOptions with { Storage = storage, IndexedChunkCapacity = chunk }, cpuRuns),8:F1} ns/op alloc {ThreadCpuTime.LastRunAllocatedBytes / (double)Math.Max(1, script.Ops.Count):F1} B/op"
                    : "";
                Console.WriteLine($"{name,-3} {storage,-8} ops {script.Ops.Count,8} best {best.TotalMilliseconds,10:F3} ms {timing.NanosecondsPerOp,10:F1} ns/op checksum 0x{result.Checksum:x16}{cpu}");
            }
        }
        return 0;
    }
    case "scale":
        ScaleBoot.Run(args.Length > 1 ? int.Parse(args[1]) : 5,
            args.Length > 2 ? int.Parse(args[2]) : 16, args.Length > 3 ? int.Parse(args[3]) : 1024, args.Length > 4 ? int.Parse(args[4]) : 16);
        return 0;
    default:
        Console.Error.WriteLine("usage: MemblockSharp.Bench scripts DIR [W1 ...] | differential OPS [SEED] | scale [RUNS]");
        return 2;
}
