using System.IO.Compression;
using MemblockSharp.Boot.Explain;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Explain;

/// <summary>Every public boot log of tests/data/reallogs (SOURCES.tsv), explained from the log alone.</summary>
public sealed class RealLogCorpusTests
{
    private sealed record Source(string File, string Kernel, string Arch, long? MemTotalKb);

    private static List<Source> Sources() => System.IO.File.ReadAllLines(TestData.Path("reallogs", "SOURCES.tsv")).Skip(1)
        .Select(l => l.Split('\t'))
        .Where(f => !f[0].Contains("meminfo", StringComparison.Ordinal))
        .Select(f => new Source(f[0], f[3], f[4], f[5].Length > 0 ? long.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture) : null))
        .ToList();

    public static TheoryData<string> Logs() => new(Sources().Select(s => s.File));

    private static string Text(string file)
    {
        string path = TestData.Path("reallogs", file);
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
            return System.IO.File.ReadAllText(path);
        using var gz = new GZipStream(System.IO.File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd();
    }

    [Fact]
    public void Corpus_HasAtLeastTwentyLogs_EachListedFileExists()
    {
        var sources = Sources();
        Assert.True(sources.Count >= 20, $"{sources.Count} logs");
        foreach (var s in sources)
            Assert.True(System.IO.File.Exists(TestData.Path("reallogs", s.File)), s.File);
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void Log_IsAccepted_KernelAndArchFromTheLog(string file)
    {
        var src = Sources().Single(s => s.File == file);
        var r = LogExplainer.Explain(Text(file), file);
        if (src.Kernel.Length > 0)
            Assert.Equal(src.Kernel.Split('-')[0].Split('+')[0], r.Kernel.Release!.Split('-')[0].Split('+')[0]);
        Assert.Equal(src.Arch, r.Kernel.Arch == "unknown" && src.Kernel.Length == 0 ? src.Arch : r.Kernel.Arch);
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void MemoryLine_GivesAPath_CategoriesAddUp(string file)
    {
        var text = Text(file);
        var r = LogExplainer.Explain(text, file);
        bool hasMemoryLine = text.Contains("] Memory: ", StringComparison.Ordinal) && text.Contains(" available", StringComparison.Ordinal);
        Assert.Equal(hasMemoryLine, r.MemoryLine is not null);
        if (r.MemoryLine is null)
            return;
        Assert.Equal("MemTotal", r.Path[^1].Label);
        Assert.Equal(r.MemTotalKiB, r.Path.Take(r.Path.Count - 1).Sum(s => s.KiB));
        Assert.Equal(r.ReservedBytes, r.Categories.Sum(c => c.Bytes) + r.UnexplainedBytes);
        Assert.True(r.MemTotalKiB > 0 && r.MemTotalKiB <= r.MemoryLine.TotalKiB + r.MemoryLine.CmaKiB);
        Assert.All(r.Categories, c => Assert.True(c.Bytes > 0, c.Name));
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void MemTotal_EqualsMeminfo_WhereTheSourceGivesIt(string file)
    {
        var src = Sources().Single(s => s.File == file);
        var r = LogExplainer.Explain(Text(file), file);
        if (src.MemTotalKb is not { } known || r.MemoryLine is null)
            return; // kobo-touch: /proc/meminfo known, but its log lost the Memory: line
        Assert.Equal(known, r.MemTotalKiB);
    }

    [Fact]
    public void MeminfoFiles_OfTheCorpus_MatchSourcesTsv()
    {
        Assert.Equal(1008528, LogExplainer.MeminfoMemTotal(System.IO.File.ReadAllText(TestData.Path("reallogs", "tegra3-tf201-2.6.36-meminfo.txt"))));
        Assert.Equal(254388, LogExplainer.MeminfoMemTotal(System.IO.File.ReadAllText(TestData.Path("reallogs", "kobo-touch-meminfo.txt"))));
    }

    [Fact]
    public void SixX_ReservedMemLines_DmaPoolSizeZero_ExactFromOfLine()
    {
        var r = LogExplainer.Explain(Text("orangepi-rv2-6.6.63-dmesg.txt"), "rv2");
        var dpu = Assert.Single(r.Categories, c => c.Name.Contains("dpu_reserved@2ff40000", StringComparison.Ordinal));
        Assert.Equal(768 * 1024, dpu.Bytes); // "created DMA memory pool ..., size 0 MiB": the OF line gives 768 KiB
        var cma = Assert.Single(r.Outside);
        Assert.Equal(393216L << 10, cma.Bytes);
    }

    [Fact]
    public void LegacyForm_CmaComesBackToMemTotal()
    {
        var r = LogExplainer.Explain(Text("odroid-c1plus-3.10.107-dmesg.log"), "odroid");
        Assert.True(r.MemoryLine!.Legacy);
        Assert.Contains(r.Path, s => s.Label.StartsWith("CMA areas", StringComparison.Ordinal) && s.KiB == (8 + 44) * 1024);
    }

    [Fact]
    public void EmailQuotedLog_IsRead_MemblockDebugLinesFound()
    {
        var r = LogExplainer.Explain(Text("rpi2-5.2.1-lpae-memblock-debug-email.txt"), "mail");
        Assert.True(r.Log.HasMemblockDebug);
        Assert.Equal("5.2.1-lpae", r.Kernel.Release);
        Assert.Contains(r.Log.Notes, n => n.Kind == Boot.KernelLog.LogNoteKind.EmailText);
    }

    [Fact]
    public void MatchProfile_DebianReleases()
    {
        Assert.Equal(BuiltInProfiles.DebianArm64, LogExplainer.MatchProfile(new KernelIdentity("6.1.0-56-arm64", 6, 1, "arm64", "", null, null)));
        Assert.Null(LogExplainer.MatchProfile(new KernelIdentity("6.1.0-rc3-gb466df90d48f-dirty", 6, 1, "riscv64", "", null, null)));
    }
}
