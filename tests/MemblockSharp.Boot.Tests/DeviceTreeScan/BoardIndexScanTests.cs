using System.Globalization;
using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.DeviceTreeScan;

/// <summary>
/// The scan of every board DTB in tests/data/dtbs against its row in INDEX.tsv (recorded when the corpus was
/// built): memory tuples, /reserved-memory children with static/dynamic and flags, /memreserve/ entries.
/// </summary>
public sealed class BoardIndexScanTests
{
    public sealed record Row(string File, string Banks, string Reserved, string MemReserve)
    {
        public override string ToString() => File;
    }

    public static TheoryData<Row> Rows()
    {
        var lines = File.ReadAllLines(TestData.Path("dtbs", "INDEX.tsv"));
        var header = lines[0].Split('\t');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException("INDEX.tsv lacks " + name);
        int file = Col("file"), banks = Col("banks(base+size)"), reserved = Col("reserved_memory_children_detail(name[static|dynamic,flags])"), memres = Col("memreserve(base+size)");
        var data = new TheoryData<Row>();
        foreach (var f in lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')))
            data.Add(new Row(f[file], f[banks], f[reserved], f[memres]));
        return data;
    }

    private static List<(ulong, ulong)> Pairs(string text) =>
        text == "-" ? [] : text.Split(';').Select(p => p.Split('+'))
            .Select(p => (ulong.Parse(p[0][2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture), ulong.Parse(p[1][2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture))).ToList();

    [Fact]
    public void Index_HasOneRowPerBoard() => Assert.Equal(181, Rows().Count);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Scan_MatchesIndex(Row row)
    {
        var scan = BootScanner.Scan(FlattenedDeviceTree.Load(TestData.Path(["dtbs", .. row.File.Split('/')])));
        // The index lists every tuple; the kernel skips zero-size ones (bootloaders fill them in).
        Assert.Equal(Pairs(row.Banks).Where(p => p.Item2 != 0), scan.Banks.Select(b => (b.RawBase, b.RawSize)));
        Assert.Equal(Pairs(row.MemReserve), scan.Reservations.Where(r => r.Source == ReservationSource.MemReserve).Select(r => (r.Base, r.Size)));
        var expected = row.Reserved == "-" ? [] : row.Reserved.Split(';').Order(StringComparer.Ordinal).ToList();
        var actual = scan.ReservedMemoryTable.Select(e =>
        {
            var flags = new[] { e.IsDynamic ? "dynamic" : "static", e.NoMap ? "no-map" : null, e.Reusable ? "reusable" : null, e.CmaDefault ? "linux,cma-default" : null };
            return $"{e.Name}[{string.Join(',', flags.Where(f => f is not null))}]";
        }).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        Assert.False(scan.ReservedMemoryIgnored);
    }
}
