using System.IO.Compression;
using System.Text.RegularExpressions;
using MemblockSharp.Scripts;
using MemblockSharp.Testing;

namespace MemblockSharp.Tests.Scripts;

/// <summary>
/// The bench workloads must end in exactly the state the native Linux 6.1 memblock reached (BASELINE.md): counts, totals,
/// region sums and checksum. W1 is quadratic with the reference array core, so only the indexed core runs it here.
/// </summary>
public class BenchScriptTests
{
    private static OpScript Load(string name)
    {
        using var stream = new GZipStream(File.OpenRead(TestData.Path("bench", name + ".txt.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        return OpScript.Parse(reader);
    }

    /// <summary>Reads the baseline's recorded figures for one workload from BASELINE.md.</summary>
    private static Dictionary<string, string> Baseline(string workload)
    {
        var text = File.ReadAllText(TestData.Path("bench", "BASELINE.md"));
        var facts = new Dictionary<string, string>();
        foreach (var line in text.Split('\n'))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 4 || !cells[1].StartsWith(workload + " ", StringComparison.Ordinal) && cells[1] != workload)
                continue;
            if (cells.Length == 7 && cells[5].Contains('`'))
                facts["checksum"] = cells[5].Trim('`');
            else if (cells.Length == 10)
            {
                facts["memory"] = cells[2];
                facts["memory_total"] = cells[3];
                facts["reserved"] = cells[4];
                facts["reserved_total"] = cells[5];
                facts["alloc_sum"] = cells[6];
                facts["failed_allocs"] = cells[7];
                facts["failed_others"] = cells[8];
            }
            else if (cells.Length == 5)
            {
                facts["mem_sum"] = cells[2];
                facts["res_sum"] = cells[3];
            }
        }
        return facts;
    }

    // The indexed core also runs W2 and W4 with chunks of 3 regions, so that the tables span hundreds of chunks.
    [Theory]
    [InlineData("W1", RegionStorage.Indexed, MemblockOptions.DefaultIndexedChunkCapacity)]
    [InlineData("W2", RegionStorage.Indexed, MemblockOptions.DefaultIndexedChunkCapacity)]
    [InlineData("W3", RegionStorage.Indexed, MemblockOptions.DefaultIndexedChunkCapacity)]
    [InlineData("W4", RegionStorage.Indexed, MemblockOptions.DefaultIndexedChunkCapacity)]
    [InlineData("W2", RegionStorage.Indexed, 3)]
    [InlineData("W4", RegionStorage.Indexed, 3)]
    [InlineData("W2", RegionStorage.Array, MemblockOptions.DefaultIndexedChunkCapacity)]
    [InlineData("W4", RegionStorage.Array, MemblockOptions.DefaultIndexedChunkCapacity)]
    public void Workload_EndsInTheNativeBaselineState(string workload, RegionStorage storage, int chunkCapacity)
    {
        var expected = Baseline(workload);
        Assert.Equal(10, expected.Count);
        var result = OpScriptRunner.Run(Load(workload),
            OpScriptRunner.BaselineOptions with { Storage = storage, IndexedChunkCapacity = chunkCapacity });
        var m = result.Memblock;

        Assert.Equal(expected["checksum"], $"0x{result.Checksum:x16}");
        Assert.Equal(expected["memory"], $"{m.Memory.Count} / {m.Memory.Capacity}");
        Assert.Equal(expected["reserved"], $"{m.Reserved.Count} / {m.Reserved.Capacity}");
        Assert.Equal(expected["memory_total"], $"0x{m.Memory.TotalSize:x}");
        Assert.Equal(expected["reserved_total"], $"0x{m.Reserved.TotalSize:x}");
        Assert.Equal(expected["alloc_sum"], $"0x{result.AllocSum:x}");
        Assert.Equal(expected["failed_allocs"], result.FailedAllocs.ToString());
        Assert.Equal(expected["failed_others"], result.FailedOthers.ToString());
        Assert.Equal(expected["mem_sum"], $"0x{result.MemorySum:x}");
        Assert.Equal(expected["res_sum"], $"0x{result.ReservedSum:x}");
    }

    [Theory]
    [InlineData("add 0x1000", 1, "expected 'add BASE SIZE [NID]'")]
    [InlineData("# c\nreserve 0x1000 4096", 2, "'4096' is not a 0x-prefixed 64-bit hex number")]
    [InlineData("alloc 0x10 0x0 0x0 0x0 -2", 1, "is not a node id")]
    [InlineData("resize maybe", 1, "expected 'on' or 'off'")]
    [InlineData("grow 0x1 0x2", 1, "unknown op 'grow'")]
    [InlineData("add 0x10000000000000000 0x1", 1, "not a 0x-prefixed 64-bit hex number")]
    public void Parse_BadLine_SaysWhichLineAndWhat(string text, int line, string message)
    {
        var ex = Assert.Throws<OpScriptFormatException>(() => OpScript.Parse(new StringReader(text)));
        Assert.Equal(line, ex.LineNumber);
        Assert.Contains(message, ex.Message);
        Assert.Matches(new Regex($"^line {line}: "), ex.Message);
    }
}
