using System.IO.Compression;
using MemblockSharp.Conformance;
using MemblockSharp.Testing;

namespace MemblockSharp.Tests.Conformance;

/// <summary>
/// Every recorded memblock case must replay exactly: the Linux 6.1 files with the 6.1 core, the Linux 6.12 files with
/// the 6.12 core (chosen from each case's <c>kernel</c> field); a failure lists the case ids and divergences.
/// </summary>
public class ConformanceVectorTests
{
    /// <summary>The 6.1 files (tests/data/conformance) and the 6.12 files (tests/data/conformance/memblock-6.12).</summary>
    private static readonly string[] AllFiles =
    [
        "handcrafted.jsonl.gz", "random.jsonl.gz",
        "memblock-6.12/handcrafted.jsonl.gz", "memblock-6.12/random.jsonl.gz", "memblock-6.12/new-api.jsonl.gz",
    ];

    /// <summary>Each file on each core; the indexed core also with chunks of 2 regions, so that every table spans many chunks.</summary>
    public static TheoryData<string, RegionStorage, int> Files()
    {
        var data = new TheoryData<string, RegionStorage, int>();
        foreach (var file in AllFiles)
        {
            data.Add(file, RegionStorage.Indexed, MemblockOptions.DefaultIndexedChunkCapacity);
            data.Add(file, RegionStorage.Indexed, 2);
            data.Add(file, RegionStorage.Array, MemblockOptions.DefaultIndexedChunkCapacity);
        }
        return data;
    }

    internal static List<ConformanceCase> Load(string file)
    {
        using var stream = new GZipStream(File.OpenRead(TestData.Path(["conformance", .. file.Split('/')])), CompressionMode.Decompress);
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

    // Expect each file's cases to name their kernel: the 6.1 files 6.1.192, the 6.12 files 6.12.118, so that the runner
    // picks the right core for each without being told.
    [Theory]
    [InlineData("handcrafted.jsonl.gz", MemblockVersion.Linux6_1)]
    [InlineData("random.jsonl.gz", MemblockVersion.Linux6_1)]
    [InlineData("memblock-6.12/handcrafted.jsonl.gz", MemblockVersion.Linux6_12)]
    [InlineData("memblock-6.12/random.jsonl.gz", MemblockVersion.Linux6_12)]
    [InlineData("memblock-6.12/new-api.jsonl.gz", MemblockVersion.Linux6_12)]
    public void EveryCase_NamesItsKernel(string file, MemblockVersion expected)
    {
        Assert.All(Load(file), c => Assert.Equal(expected, ConformanceRunner.VersionOf(c)));
    }

    [Fact]
    public void SharedCorpus_HasAll272Cases()
    {
        Assert.Equal(272, Load("handcrafted.jsonl.gz").Count + Load("random.jsonl.gz").Count);
    }

    // Expect the 6.12 twins of the 272 shared cases (same ids, same order) and the 11 cases of functions 6.1 lacks.
    [Fact]
    public void SharedCorpus612_HasThe272TwinsAnd11NewApiCases()
    {
        var ids61 = Load("handcrafted.jsonl.gz").Concat(Load("random.jsonl.gz")).Select(c => c.Id).ToList();
        var ids612 = Load("memblock-6.12/handcrafted.jsonl.gz").Concat(Load("memblock-6.12/random.jsonl.gz")).Select(c => c.Id).ToList();
        Assert.Equal(ids61, ids612);
        Assert.Equal(11, Load("memblock-6.12/new-api.jsonl.gz").Count);
    }
}
