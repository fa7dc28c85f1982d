using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.DeviceTree.Tests;

/// <summary>
/// dtc's own test trees (tests/data/dtbs/dtc-tests) with libfdt's verdict on each: rejected trees must be
/// rejected with the matching libfdt error, accepted trees must parse and print as their expected .dts.
/// </summary>
public sealed class DtcTestsCorpusTests
{
    private static readonly string Dir = TestData.Path("dtbs", "dtc-tests");

    public sealed record Row(string File, string Verdict, string ExpectedDts, string DtsSource)
    {
        public override string ToString() => File;
    }

    private static readonly HashSet<string> KnownDtsSources =
    [
        "dtc 1.6.1", "dtc 1.6.1 -f (refused without -f)", "dtc 1.8.1 (1.6.1 failed)",
        "same as base tree (NOPs dropped; dtc cannot print it)", "-",
    ];

    public static TheoryData<Row> Rows()
    {
        var data = new TheoryData<Row>();
        foreach (var row in ReadIndex())
            data.Add(row);
        return data;
    }

    internal static IEnumerable<Row> ReadIndex()
    {
        var lines = File.ReadAllLines(System.IO.Path.Combine(Dir, "INDEX.tsv"));
        var header = lines[0].Split('\t');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException("INDEX.tsv lacks column " + name);
        int file = Col("file"), verdict = Col("fdt_check_full"), dts = Col("expected_dts"), source = Col("dts_source");
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
                continue;
            var f = line.Split('\t');
            yield return new Row(f[file], f[verdict], f[dts], f[source]);
        }
    }

    [Fact]
    public void Index_HasTheDocumentedCounts()
    {
        var rows = ReadIndex().ToList();
        Assert.Equal(162, rows.Count);
        Assert.Equal(152, rows.Count(r => r.Verdict == "OK"));
        Assert.All(rows, r => Assert.Contains(r.DtsSource, KnownDtsSources));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Blob_FollowsLibfdtVerdict_AndPrintsAsDtc(Row row)
    {
        var bytes = File.ReadAllBytes(System.IO.Path.Combine(Dir, row.File));
        if (row.Verdict != "OK")
        {
            Assert.StartsWith("FDT_ERR_", row.Verdict);
            var ex = Assert.Throws<FdtException>(() => FlattenedDeviceTree.Parse(bytes.AsMemory()));
            Assert.Equal(row.Verdict, ex.Kind.ToLibfdtError());
            Assert.InRange(ex.Offset, 0, bytes.Length);
            Assert.Throws<FdtException>(() => FdtReader.Validate(bytes));
            return;
        }

        var tree = FlattenedDeviceTree.Parse(bytes.AsMemory());
        FdtReader.Validate(bytes);
        if (row.ExpectedDts == "-")
            return;
        var expected = File.ReadAllText(System.IO.Path.Combine(Dir, row.ExpectedDts));
        var actual = DtsPrinter.Print(tree);
        Assert.Equal(expected, actual);
    }
}
