using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.DeviceTree.Tests;

public sealed class ReaderApiTests
{
    private static FlattenedDeviceTree Load(params string[] parts) => FlattenedDeviceTree.Parse(File.ReadAllBytes(TestData.Path(parts)).AsMemory());

    [Fact]
    public void TestTree1_NodesPathsAndUnitAddresses()
    {
        var tree = Load("dtbs", "dtc-tests", "test_tree1.dtb");
        Assert.Equal(2, tree.MemoryReservations.Count);
        Assert.Equal(new MemoryReservation(0xdeadbeef00000000, 0x100000), tree.MemoryReservations[0]);
        var sub = tree.FindNode("/subnode@2/subsubnode@0");
        Assert.NotNull(sub);
        Assert.Equal("subsubnode@0", sub.Name);
        Assert.Equal("subsubnode", sub.BaseName);
        Assert.Equal("0", sub.UnitAddress);
        Assert.Equal("/subnode@2/subsubnode@0", sub.Path);
        Assert.Equal("subnode@2", sub.Parent!.Name);
        Assert.Same(sub, tree.FindNode("/subnode@2/subsubnode"));
        Assert.Same(tree.FindNode("/subnode@1"), tree.FindNode("/subnode"));
        Assert.Null(tree.FindNode("/nonexistent"));
        Assert.Same(tree.Root, tree.FindNode("/"));
        Assert.Equal(["subsubnode2", "subsubnode"], sub.GetProperty("compatible")!.AsStringList());
        Assert.True(sub.IsCompatible("SUBSUBNODE"));
        Assert.Equal(0xdeadbeefu, tree.Root.GetProperty("prop-int")!.AsU32());
        Assert.Equal(0xdeadbeef01abcdefUL, tree.Root.GetProperty("prop-int64")!.AsU64());
        Assert.Equal("hello world", tree.Root.GetProperty("prop-str")!.AsString());
        Assert.Equal([new RegEntry(2, 0)], tree.FindNode("/subnode@2")!.ReadReg());
    }

    [Fact]
    public void Phandles_ByPhandleAndLegacyLinuxPhandle()
    {
        var tree = Load("dtbs", "dtc-tests", "test_tree1.dtb");
        Assert.Equal("/subnode@2", tree.FindByPhandle(0x2000)!.Path);
        Assert.Equal("/subnode@2/subsubnode@0", tree.FindByPhandle(0x2001)!.Path);
        Assert.Null(tree.FindByPhandle(0x1234));
    }

    [Fact]
    public void Aliases_ResolveInFindNode()
    {
        var tree = Load("dtbs", "dtc-tests", "aliases.dtb");
        Assert.Equal("/subnode@1", tree.Aliases["s1"]);
        Assert.Same(tree.FindNode("/subnode@1/subsubnode"), tree.FindNode("ss1"));
        Assert.Same(tree.FindNode("/subnode@1/subsubnode/subsubsubnode"), tree.FindNode("s1/subsubnode/subsubsubnode"));
        Assert.NotNull(tree.FindNode("sss1"));
        // Aliases are followed once and must hold absolute paths: no alias-to-alias chains, so no loops.
        Assert.Null(tree.FindNode("relative"));
        Assert.Null(tree.FindNode("loop"));
        Assert.Null(tree.FindNode("nonull"));
        Assert.Null(tree.FindNode("empty"));
        Assert.Null(tree.FindNode("missing"));
    }

    [Fact]
    public void Addresses_RegUnderSeveralCellSizes()
    {
        var tree = Load("dtbs", "dtc-tests", "addresses.test.dtb");
        foreach (var node in tree.Nodes().Where(n => n.HasProperty("reg")))
        {
            var reg = node.ReadReg();
            var parent = node.Parent!;
            Assert.Equal(node.GetProperty("reg")!.Length / ((parent.AddressCells + parent.SizeCells) * 4), reg.Count);
        }
    }

    [Fact]
    public void Ranges_DecodeWithChildAndParentCells()
    {
        var tree = Load("realboot", "virt-arm64-1G", "board.dtb");
        var bus = tree.FindNode("/platform-bus@c000000")!;
        var ranges = bus.ReadRanges();
        Assert.Equal([new RangeEntry(0, 0xc000000, 0x2000000)], ranges);
        Assert.Empty(tree.FindNode("/reserved-memory")?.ReadRanges() ?? []);
    }

    [Fact]
    public void Parse_SpanOverload_CopiesTheBlob()
    {
        var bytes = File.ReadAllBytes(TestData.Path("dtbs", "dtc-tests", "test_tree1.dtb"));
        var tree = FlattenedDeviceTree.Parse((ReadOnlySpan<byte>)bytes);
        bytes.AsSpan().Clear();
        Assert.Equal("hello world", tree.Root.GetProperty("prop-str")!.AsString());
    }

    [Fact]
    public void TryParse_ReportsTheError()
    {
        Assert.False(FlattenedDeviceTree.TryParse(new byte[10], out var tree, out var error));
        Assert.Null(tree);
        Assert.Equal(FdtErrorKind.HeaderTruncated, error!.Kind);
        Assert.True(FlattenedDeviceTree.TryParse(File.ReadAllBytes(TestData.Path("dtbs", "dtc-tests", "test_tree1.dtb")), out tree, out error));
        Assert.NotNull(tree);
        Assert.Null(error);
    }

    [Fact]
    public void Load_MessageNamesTheFile()
    {
        var path = TestData.Path("dtbs", "dtc-tests", "truncated_memrsv.dtb");
        var ex = Assert.Throws<FdtException>(() => FlattenedDeviceTree.Load(path));
        Assert.Contains("truncated_memrsv.dtb", ex.Message);
        Assert.Contains("byte 0x", ex.Message);
    }

    [Fact]
    public void Nop_TagsAnywhere_AreIgnored()
    {
        var plain = Load("dtbs", "dtc-tests", "test_tree1.dtb");
        var noppy = Load("dtbs", "dtc-tests", "noppy.test_tree1.dtb");
        Assert.Equal(DtsPrinter.Print(plain), DtsPrinter.Print(noppy));
    }
}
