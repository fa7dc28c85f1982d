using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.DeviceTree.Tests;

public sealed class WriterTests
{
    [Fact]
    public void Write_BuiltTree_PrintsAsExpected()
    {
        var blob = new FdtWriter()
            .AddReservation(0x4a000000, 0x100000)
            .BeginNode("")
            .PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2)
            .PropertyStrings("compatible", "linux,dummy-virt")
            .BeginNode("memory@40000000").PropertyStrings("device_type", "memory").PropertyCells("reg", 0, 0x40000000, 0, 0x40000000).EndNode()
            .BeginNode("reserved-memory").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2).Property("ranges")
            .BeginNode("linux,cma").PropertyStrings("compatible", "shared-dma-pool").Property("reusable").PropertyU64("size", 0x2000000).EndNode()
            .EndNode()
            .EndNode()
            .Finish(bootCpuId: 3);
        var tree = FlattenedDeviceTree.Parse(blob.AsMemory());
        Assert.Equal(17u, tree.Header.Version);
        Assert.Equal(16u, tree.Header.LastCompatibleVersion);
        Assert.Equal(3u, tree.Header.BootCpuId);
        const string expected = """
            /dts-v1/;

            /memreserve/	0x000000004a000000 0x0000000000100000;
            / {
            	#address-cells = <0x02>;
            	#size-cells = <0x02>;
            	compatible = "linux,dummy-virt";

            	memory@40000000 {
            		device_type = "memory";
            		reg = <0x00 0x40000000 0x00 0x40000000>;
            	};

            	reserved-memory {
            		#address-cells = <0x02>;
            		#size-cells = <0x02>;
            		ranges;

            		linux,cma {
            			compatible = "shared-dma-pool";
            			reusable;
            			size = <0x00 0x2000000>;
            		};
            	};
            };

            """;
        Assert.Equal(expected.Replace("\r\n", "\n"), DtsPrinter.Print(tree));
    }

    [Fact]
    public void Write_StringsBlock_StoresEachNameOnce()
    {
        var blob = new FdtWriter().BeginNode("")
            .BeginNode("a").PropertyCells("reg", 1).EndNode()
            .BeginNode("b").PropertyCells("reg", 2).EndNode()
            .EndNode().Finish();
        var tree = FlattenedDeviceTree.Parse(blob.AsMemory());
        Assert.Equal(4u, tree.Header.SizeStrings); // "reg\0"
    }

    [Fact]
    public void Write_Misuse_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new FdtWriter().Property("x"));
        Assert.Throws<InvalidOperationException>(() => new FdtWriter().EndNode());
        Assert.Throws<InvalidOperationException>(() => new FdtWriter().Finish());
        Assert.Throws<InvalidOperationException>(() => new FdtWriter().BeginNode("").Finish());
        Assert.Throws<ArgumentException>(() => new FdtWriter().BeginNode("root"));
        Assert.Throws<ArgumentException>(() => new FdtWriter().BeginNode("").BeginNode("a/b"));
        Assert.Throws<ArgumentException>(() => new FdtWriter().BeginNode("").Property("bad\0name"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FdtWriter().AddReservation(1, 0));
        Assert.Throws<InvalidOperationException>(() => new FdtWriter().BeginNode("").EndNode().BeginNode(""));
        var w = new FdtWriter().BeginNode("").EndNode();
        w.Finish();
        Assert.Throws<InvalidOperationException>(() => w.Finish());
    }

    public static TheoryData<string> AcceptedBlobs()
    {
        var data = new TheoryData<string>();
        foreach (var row in DtcTestsCorpusTests.ReadIndex().Where(r => r.Verdict == "OK"))
            data.Add(System.IO.Path.Combine("dtbs", "dtc-tests", row.File));
        foreach (var f in BoardCorpusTests.AllBoardDtbs())
            data.Add(f);
        return data;
    }

    [Theory]
    [MemberData(nameof(AcceptedBlobs))]
    public void Write_RoundTrip_KeepsTreeAndReservations(string relative)
    {
        var original = FlattenedDeviceTree.Parse(File.ReadAllBytes(TestData.Path(relative)).AsMemory());
        var blob = FdtWriter.Write(original);
        var copy = FlattenedDeviceTree.Parse(blob.AsMemory());
        Assert.Equal(17u, copy.Header.Version);
        Assert.Equal(original.Header.BootCpuId, copy.Header.BootCpuId);
        Assert.Equal(original.MemoryReservations, copy.MemoryReservations);
        Assert.Equal(DtsPrinter.Print(original), DtsPrinter.Print(copy));
        Assert.Equal(blob, FdtWriter.Write(copy));
    }
}
