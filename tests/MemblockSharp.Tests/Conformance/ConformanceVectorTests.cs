using System.IO.Compression;
using MemblockSharp.Conformance;
using MemblockSharp.Testing;

namespace MemblockSharp.Tests.Conformance;

/// <summary>Every recorded Linux 6.1 memblock case must replay exactly; a failure lists the case ids and divergences.</summary>
public class ConformanceVectorTests
{
    /// <summary>Each file on each core; the indexed core also with chunks of 2 regions, so that every table spans many chunks.</summary>
    public static TheoryData<string, RegionStorage, int> Files => new()
    {
        { "handcrafted.jsonl.gz", RegionStorage.Indexed, MemblockOptions.DefaultIndexedChunkCapacity },
        { "random.jsonl.gz", RegionStorage.Indexed, MemblockOptions.DefaultIndexedChunkCapacity },
        { "handcrafted.jsonl.gz", RegionStorage.Indexed, 2 },
        { "random.jsonl.gz", RegionStorage.Indexed, 2 },
        { "handcrafted.jsonl.gz", RegionStorage.Array, MemblockOptions.DefaultIndexedChunkCapacity },
        { "random.jsonl.gz", RegionStorage.Array, MemblockOptions.DefaultIndexedChunkCapacity },
    };

    internal static List<ConformanceCase> Load(string file)
    {
        using var stream = new GZipStream(File.OpenRead(TestData.Path("conformance", file)), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        return ConformanceReader.ReadAll(reader).ToList();
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryCase_ReplaysAsLinuxRecorded(string file, RegionStorage storage, int chunkCapacity)
    {
        var cases = Load(file);
        Assert.NotEmpty(cases);
        var failures = cases.Select(c => ConformanceRunner.Run(c, storage, chunkCapacity)).Where(o => !o.Passed)
            .Select(o => $"{o.Case.Id}: {o.Divergence}").ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public void SharedCorpus_HasAll272Cases()
    {
        Assert.Equal(272, Load("handcrafted.jsonl.gz").Count + Load("random.jsonl.gz").Count);
    }
}
