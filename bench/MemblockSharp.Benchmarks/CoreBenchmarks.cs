using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using MemblockSharp.Scripts;

namespace MemblockSharp.Benchmarks;

/// <summary>The core operations on a table that already holds many regions, for both storages.</summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private Memblock _memblock = null!;
    private ulong _next;

    /// <summary>How many reserved regions the table holds before the measured operation.</summary>
    [Params(100, 10_000)]
    public int Regions { get; set; }

    /// <summary>The storage under test.</summary>
    [Params(RegionStorage.Indexed, RegionStorage.Array)]
    public RegionStorage Storage { get; set; }

    [IterationSetup]
    public void Setup()
    {
        _memblock = new Memblock(new MemblockOptions { Storage = Storage, InitialRegions = 1 << 16 });
        _memblock.Add(0, 1UL << 40);
        for (int i = 0; i < Regions; i++)
            _memblock.Reserve((ulong)i * 0x10000 + 0x1000, 0x1000);
        _next = 0x8000;
    }

    /// <summary>A reserve that lands in the middle of the table and merges with nothing.</summary>
    [Benchmark]
    public int ReserveInTheMiddle() => _memblock.Reserve((ulong)Regions / 2 * 0x10000 + (_next += 0x10) , 0x8);

    /// <summary>A top-down page allocation below a limit in the middle of the reserved range.</summary>
    [Benchmark]
    public ulong AllocBelowLimit() => _memblock.AllocRangeNid(0x1000, 0x1000, 0, (ulong)Regions / 2 * 0x10000, Memblock.NumaNoNode, false);

    /// <summary>A point query.</summary>
    [Benchmark]
    public bool IsReserved() => _memblock.IsReserved((ulong)Regions / 3 * 0x10000 + 0x1800);
}

/// <summary>The bench workloads W2–W4 end to end (W1 takes seconds per run; time it with MemblockSharp.Bench).</summary>
public class WorkloadBenchmarks
{
    private OpScript _script = null!;

    /// <summary>The workload.</summary>
    [Params("W2", "W3", "W4")]
    public string Workload { get; set; } = "W2";

    [GlobalSetup]
    public void Load()
    {
        var path = Path.Combine(Repository.Root(), "tests", "data", "bench", Workload + ".txt.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        _script = OpScript.Parse(reader);
    }

    [Benchmark]
    public ulong Run() => OpScriptRunner.Run(_script).Checksum;
}
