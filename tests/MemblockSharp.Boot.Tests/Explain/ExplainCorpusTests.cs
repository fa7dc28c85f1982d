using System.IO.Compression;
using MemblockSharp.Boot.Explain;
using MemblockSharp.Testing;
using Xunit.Abstractions;

namespace MemblockSharp.Boot.Tests.Explain;

/// <summary>
/// The real logs of tests/data/reallogs (public sources, listed in SOURCES.tsv) and the recorded real boots, explained:
/// every log is accepted, a Memory: line gives a path to MemTotal, the categories add up to the reserved figure, and
/// the MemTotal equals /proc/meminfo wherever the source gives it.
/// </summary>
public class ExplainCorpusTests(ITestOutputHelper output)
{
    private static string ReadText(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
            return File.ReadAllText(path);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd();
    }

    private static IEnumerable<string[]> Sources() =>
        File.ReadAllLines(TestData.Path("reallogs", "SOURCES.tsv")).Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Where(c => !c[0].Contains("meminfo", StringComparison.Ordinal));

    public static TheoryData<string> CorpusLogs()
    {
        var data = new TheoryData<string>();
        foreach (var c in Sources())
            data.Add(c[0]);
        return data;
    }

    [Fact]
    public void Corpus_HasAtLeastTwentyLogsEachListedWithItsOrigin()
    {
        var listed = Sources().ToList();
        Assert.True(listed.Count >= 20, $"{listed.Count} logs listed");
        foreach (var c in listed)
        {
            Assert.True(File.Exists(TestData.Path("reallogs", c[0])), c[0]);
            Assert.False(string.IsNullOrWhiteSpace(c[1]), $"{c[0]} has no origin");
        }
    }

    [Theory]
    [MemberData(nameof(CorpusLogs))]
    public void Explain_RealLog_IsAcceptedAndItsAccountCloses(string file)
    {
        var row = Sources().Single(c => c[0] == file);
        var result = LogExplainer.Explain(ReadText(TestData.Path("reallogs", file)), file);
        output.WriteLine($"{file}: kernel {result.Kernel.Release} MemTotal {result.MemTotalKiB} unexplained {result.UnexplainedBytes}");
        foreach (var w in result.Warnings)
            output.WriteLine("  " + w);

        if (result.MemoryLine is null)
        {
            Assert.Null(result.MemTotalKiB);
            Assert.Contains(result.Warnings, w => w.Contains("no 'Memory:", StringComparison.Ordinal));
            return;
        }
        Assert.NotNull(result.MemTotalKiB);
        Assert.NotEmpty(result.Path);
        // Every category is a non-negative share of the reserved figure, with the unexplained remainder they are exactly that figure.
        Assert.All(result.Categories, c => Assert.True(c.Bytes >= 0, $"{c.Name}: {c.Bytes}"));
        Assert.True(result.UnexplainedBytes >= 0);
        Assert.Equal(result.ReservedBytes, result.Categories.Sum(c => c.Bytes) + result.UnexplainedBytes);
        if (row.Length > 5 && long.TryParse(row[5], out long known))
            Assert.Equal(known, result.MemTotalKiB);
    }

    public static TheoryData<string> RealBoots()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(TestData.Path("realboot"), "virt-*").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    private static string DmesgOf(string @case)
    {
        string plain = TestData.Path("realboot", @case, "dmesg.txt");
        return File.Exists(plain) ? plain : plain + ".gz";
    }

    private static long MeminfoMemTotal(string @case) =>
        LogExplainer.MeminfoMemTotal(File.ReadAllText(TestData.Path("realboot", @case, "meminfo.txt")))
        ?? throw new InvalidDataException("no MemTotal in meminfo.txt");

    [Theory]
    [MemberData(nameof(RealBoots))]
    public void Explain_RecordedBootWithItsDtb_GivesTheRealMemTotal(string @case)
    {
        var options = new ExplainOptions { Dtb = File.ReadAllBytes(TestData.Path("realboot", @case, "board.dtb")) };
        var result = LogExplainer.Explain(ReadText(DmesgOf(@case)), @case, options);
        Assert.Equal(MeminfoMemTotal(@case), result.MemTotalKiB);
    }

    [Fact]
    public void Explain_BootWithoutMemblockDebug_RebuildsTheDebugfsTablesByteForByte()
    {
        const string Case = "virt-arm64-1G-minimal-cmdline";
        var options = new ExplainOptions { Dtb = File.ReadAllBytes(TestData.Path("realboot", Case, "board.dtb")) };
        var result = LogExplainer.Explain(ReadText(DmesgOf(Case)), Case, options);

        Assert.False(result.Log.HasMemblockDebug);
        Assert.True(result.Consistent, string.Join("; ", result.Checks.Where(c => !c.Agrees).Select(c => c.Fact)));
        Assert.Equal(0, result.UnexplainedBytes);
        var sim = Assert.IsType<MemblockSharp.Boot.Simulation.BootResult>(result.Simulation);
        string expectMemory = ReadText(TestData.Path("realboot", Case, "memblock-memory.txt"));
        string expectReserved = ReadText(TestData.Path("realboot", Case, "memblock-reserved.txt"));
        Assert.Equal(expectMemory, LogExplainer.DebugfsText(sim.Memory, sim.PhysAddrBytes));
        Assert.Equal(expectReserved, LogExplainer.DebugfsText(sim.ReservedAfterBoot, sim.PhysAddrBytes));
    }
}
