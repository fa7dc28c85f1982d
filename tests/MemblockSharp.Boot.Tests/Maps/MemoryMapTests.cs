using System.Globalization;
using System.Xml.Linq;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Maps;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Replay;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Boot.Tests.Simulation;

namespace MemblockSharp.Boot.Tests.Maps;

public sealed class MemoryMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static (BootOptions Options, BootResult Result) Boot(string @case)
    {
        var c = RealBootCase.Load(@case);
        var options = new BootOptions
        {
            Profile = BuiltInProfiles.Get(c.ProfileName),
            Dtb = File.ReadAllBytes(c.File("board.dtb")),
            CommandLine = c.CommandLine,
        };
        return (options, BootSimulator.Run(options));
    }

    private static ulong Hex(string s) => ulong.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static List<XElement> Elements(XDocument doc, string @class) =>
        doc.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(@class) == true).ToList();

    /// <summary>The reserved regions the SVG carries, as (base, size) from its data attributes.</summary>
    private static List<(ulong, ulong)> SvgRegions(XDocument doc) =>
        Elements(doc, "reserved-region").Select(e => (Hex((string)e.Attribute("data-base")!), Hex((string)e.Attribute("data-size")!))).ToList();

    [Fact]
    public void Boot4G_Svg_IsWellFormed_AndCarriesEveryReservedRegionAndPiece()
    {
        var (options, result) = Boot("virt-arm64-4G");
        var map = MemoryMapBuilder.FromBoot(options, result, "virt-arm64-4G");
        var doc = XDocument.Parse(MemoryMapSvg.Render(map));
        Assert.Equal(Svg + "svg", doc.Root!.Name);

        Assert.Equal(result.Reserved.Where(r => r.Size > 0).Select(r => (r.Base, r.Size)).ToList(), SvgRegions(doc));
        // Every region's pieces tile it exactly, and every piece is drawn at least 2 px wide with a category and a label.
        foreach (var region in Elements(doc, "reserved-region"))
        {
            ulong cursor = Hex((string)region.Attribute("data-base")!), end = cursor + Hex((string)region.Attribute("data-size")!);
            foreach (var piece in region.Elements(Svg + "rect"))
            {
                Assert.Equal(cursor, Hex((string)piece.Attribute("data-base")!));
                cursor += Hex((string)piece.Attribute("data-size")!);
                Assert.True(double.Parse((string)piece.Attribute("width")!, CultureInfo.InvariantCulture) >= 2);
                Assert.True(Enum.IsDefined(Enum.Parse<ReservationCategory>((string)piece.Attribute("data-category")!)));
                Assert.False(string.IsNullOrEmpty((string?)piece.Attribute("data-label")));
                Assert.NotNull(piece.Element(Svg + "title"));
            }
            Assert.Equal(end, cursor);
        }
        // The boot's trace explains every reserved byte at the hand-off.
        Assert.Empty(map.Notes);
    }

    [Fact]
    public void Boot4G_Legend_ListsExactlyTheCategoriesPresent_AndCmaSitsWhereTheRealKernelPutIt()
    {
        var (options, result) = Boot("virt-arm64-4G");
        var map = MemoryMapBuilder.FromBoot(options, result);
        var doc = XDocument.Parse(MemoryMapSvg.Render(map));
        var legend = Elements(doc, "legend-item").Select(e => (string)e.Attribute("data-category")!).ToHashSet();
        var present = Elements(doc, "piece").Select(e => (string)e.Attribute("data-category")!).ToHashSet();
        Assert.Subset(legend, present);
        Assert.Contains("free", legend);
        Assert.Equal(present.Count + 2, legend.Count); // + free and hole; this board has no no-map memory

        // The recorded kernel says where CMA went: "cma: Reserved 64 MiB at 0x...".
        var log = KernelLogReader.ReadFile(RealBootCase.Load("virt-arm64-4G").File("kernel-log-full.txt"));
        var cma = log.Entries.OfType<ContextLine>().Single(c => c.Kind == ContextKind.CmaReserved);
        var piece = Assert.Single(map.Reservations, p => p.Category == ReservationCategory.Cma);
        Assert.Equal(cma.Start, piece.Base);
        Assert.Equal(cma.Value, piece.Size);
        // Title: RAM and MemTotal of the recorded boot.
        var title = string.Concat(doc.Root!.Elements(Svg + "text").Take(2).Select(t => t.Value));
        Assert.Contains($"({RealBootCase.Load("virt-arm64-4G").MemTotalKb} kB)", title, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_EmbedsTheSvg_AndListsEveryPiece()
    {
        var (options, result) = Boot("virt-arm64-4G");
        var map = MemoryMapBuilder.FromBoot(options, result);
        string html = MemoryMapHtml.Render(map);
        Assert.Contains(MemoryMapSvg.Render(map), html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        foreach (var p in map.Reservations)
            Assert.Contains($"<tr data-base=\"0x{p.Base:x}\" data-size=\"0x{p.Size:x}\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ReservedMemoryBoard_NoMapIsHatched_AndNodesAreLabelledByPath()
    {
        var (options, result) = Boot("virt-arm64-1G-reserved-memory");
        var map = MemoryMapBuilder.FromBoot(options, result);
        var dtb = DtbFacts.FromBlob(options.Dtb);
        var doc = XDocument.Parse(MemoryMapSvg.Render(map));
        // Every no-map memory region of the result is drawn hatched.
        var nomap = Elements(doc, "nomap").Select(e => (Hex((string)e.Attribute("data-base")!), Hex((string)e.Attribute("data-size")!))).ToList();
        Assert.NotEmpty(nomap);
        Assert.Equal(result.Memory.Where(m => (m.Flags & MemblockFlags.NoMap) != 0).Select(m => (m.Base, m.Size)).ToList(), nomap);
        Assert.All(Elements(doc, "nomap"), e => Assert.Equal("url(#nomap)", (string)e.Attribute("fill")!));
        // ... and labelled with the no-map node it comes from.
        string labels0 = string.Concat(Elements(doc, "lbl").Select(e => e.Value));
        foreach (var node in dtb.ReservedNodes.Where(n => n.NoMap))
            Assert.Contains("no-map " + node.Path, labels0, StringComparison.Ordinal);
        // Every reserved-memory node that is not no-map shows up as a piece labelled with its path.
        var labels = map.Reservations.Select(p => p.Label).ToHashSet();
        foreach (var node in dtb.ReservedNodes.Where(n => !n.NoMap))
            Assert.Contains(node.Path, labels);
        Assert.Equal(SvgRegions(doc), result.Reserved.Select(r => (r.Base, r.Size)).ToList());
    }

    [Fact]
    public void Replay4G_CarriesEveryRegionOfTheReplayedTable_AndTheRecordedMemTotal()
    {
        var c = RealBootCase.Load("virt-arm64-4G");
        var log = KernelLogReader.ReadFile(c.File("kernel-log-full.txt"));
        var dtb = DtbFacts.FromBlob(File.ReadAllBytes(c.File("board.dtb")));
        var result = LogReplayer.Replay(log, new ReplayOptions { Dtb = dtb });
        var map = MemoryMapBuilder.FromReplay(log, result, dtb);
        var doc = XDocument.Parse(MemoryMapSvg.Render(map));
        // The replayed table is what debugfs showed; the SVG carries each of its lines.
        var debugfs = File.ReadAllLines(c.File("memblock-reserved.txt")).Where(l => l.Contains("..", StringComparison.Ordinal))
            .Select(l => l.Split(':', 2)[1].Trim().Split(' ')[0].Split(".."))
            .Select(p => (Hex(p[0]), Hex(p[1]) - Hex(p[0]) + 1)).ToList();
        Assert.Equal(debugfs, SvgRegions(doc));
        Assert.Equal(c.MemTotalKb, map.MemTotalKb);
        Assert.Contains(map.Zones, z => z.Name == "Normal");
    }

    [Fact]
    public void SparseBanks_CollapseTheHole_IntoAMarkedBreak()
    {
        var c = RealBootCase.Load("virt-arm64-1G");
        var options = new BootOptions
        {
            Profile = BuiltInProfiles.Get(c.ProfileName),
            Dtb = File.ReadAllBytes(c.File("board.dtb")),
            CommandLine = c.CommandLine,
            Ram = [(0x40000000UL, 0x20000000UL), (0x8_8000_0000UL, 0x20000000UL)],
        };
        var result = BootSimulator.Run(options);
        var map = MemoryMapBuilder.FromBoot(options, result);
        var doc = XDocument.Parse(MemoryMapSvg.Render(map));
        var brk = Assert.Single(Elements(doc, "axis-break"));
        Assert.Equal(0x60000000UL, Hex((string)brk.Attribute("data-base")!));
        Assert.Equal(0x8_8000_0000UL - 0x60000000UL, Hex((string)brk.Attribute("data-size")!));
        // Both banks get a visible share of the width although the hole is 16 times the RAM.
        foreach (var bank in Elements(doc, "bank"))
            Assert.True(double.Parse((string)bank.Attribute("width")!, CultureInfo.InvariantCulture) >= 90);
    }
}
