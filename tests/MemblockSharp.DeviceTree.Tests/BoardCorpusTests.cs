using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.DeviceTree.Tests;

/// <summary>
/// Every real board DTB (tests/data/dtbs) and every realboot DTB parses, and prints exactly as Debian's
/// dtc 1.6.1 printed it (golden files in tests/data/dtbs-dts, see its README).
/// </summary>
public sealed class BoardCorpusTests
{
    public static TheoryData<string> BoardDtbs()
    {
        var data = new TheoryData<string>();
        foreach (var f in AllBoardDtbs())
            data.Add(f);
        return data;
    }

    /// <summary>Relative paths under tests/data of every board DTB (dtc-tests excluded).</summary>
    internal static IEnumerable<string> AllBoardDtbs()
    {
        var root = TestData.Directory;
        var dtbs = Directory.EnumerateFiles(TestData.Path("dtbs"), "*.dtb", SearchOption.AllDirectories)
            .Where(f => !f.Contains("dtc-tests", StringComparison.Ordinal));
        var realboot = Directory.EnumerateFiles(TestData.Path("realboot"), "*.dtb", SearchOption.AllDirectories);
        return dtbs.Concat(realboot).Select(f => System.IO.Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal);
    }

    internal static string GoldenPath(string relative)
    {
        var parts = relative.Split(System.IO.Path.DirectorySeparatorChar);
        return parts[0] == "dtbs"
            ? TestData.Path(["dtbs-dts", .. parts[1..^1], System.IO.Path.ChangeExtension(parts[^1], ".dts")])
            : TestData.Path("dtbs-dts", "realboot", $"{parts[1]}.{System.IO.Path.GetFileNameWithoutExtension(parts[^1])}.dts");
    }

    [Fact]
    public void Corpus_HasEveryIndexedBoard()
    {
        var all = AllBoardDtbs().ToList();
        var indexed = File.ReadAllLines(TestData.Path("dtbs", "INDEX.tsv")).Skip(1).Where(l => l.Length > 0).Count();
        Assert.Equal(indexed, all.Count(f => f.StartsWith("dtbs", StringComparison.Ordinal)));
        Assert.True(all.Count(f => f.StartsWith("realboot", StringComparison.Ordinal)) >= 16);
    }

    [Theory]
    [MemberData(nameof(BoardDtbs))]
    public void BoardDtb_Parses_AndPrintsAsDtc161(string relative)
    {
        var bytes = File.ReadAllBytes(TestData.Path(relative));
        var tree = FlattenedDeviceTree.Parse(bytes.AsMemory());
        Assert.True(tree.NodeCount > 1);
        var golden = GoldenPath(relative);
        Assert.True(File.Exists(golden), "missing golden file " + golden);
        Assert.Equal(File.ReadAllText(golden), DtsPrinter.Print(tree));
    }
}
