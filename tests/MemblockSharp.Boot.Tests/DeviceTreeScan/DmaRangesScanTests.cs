using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.DeviceTreeScan;

/// <summary>
/// <c>of_dma_get_max_cpu_address</c> (drivers/of/address.c): the lowest end of every available node's <c>dma-ranges</c>,
/// each range's parent address carried up through the ancestors' <c>dma-ranges</c>.
/// </summary>
public sealed class DmaRangesScanTests
{
    private static DmaRangesLimit Limit(Action<FdtWriter> body)
    {
        var w = new FdtWriter();
        w.BeginNode("").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 1);
        body(w);
        w.EndNode();
        return BootScanner.DmaLimit(FlattenedDeviceTree.Parse(w.Finish().AsMemory()));
    }

    private static byte[] Params(string file) => File.ReadAllBytes(TestData.Path("params", file));

    [Fact]
    public void NoDmaRanges_LimitsNothing()
    {
        var limit = Limit(w => w.BeginNode("soc").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 1).Property("ranges").EndNode());
        Assert.Equal(ulong.MaxValue, limit.MaxCpuAddress);
        Assert.Null(limit.LimitingNode);
    }

    [Fact]
    public void EmptyDmaRanges_IsOneToOne_AndLimitsNothing()
    {
        var limit = Limit(w => w.BeginNode("soc").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 1).Property("dma-ranges").EndNode());
        Assert.Equal(ulong.MaxValue, limit.MaxCpuAddress);
    }

    [Fact]
    public void OneRange_EndsAtItsLastCpuByte()
    {
        // bus 0xc0000000 -> cpu 0x0, 1 GiB (the BCM2711 /soc)
        var limit = Limit(w => w.BeginNode("soc").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 1)
            .PropertyCells("dma-ranges", 0xc0000000, 0, 0, 0x40000000).EndNode());
        Assert.Equal(0x3fffffffUL, limit.MaxCpuAddress);
        Assert.Equal("/soc", limit.LimitingNode);
    }

    [Fact]
    public void SeveralRanges_TheHighestEndCounts_AndTheLowestNodeWins()
    {
        var limit = Limit(w =>
        {
            w.BeginNode("a").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 1)
                .PropertyCells("dma-ranges", 0x0, 0, 0x0, 0x10000000, 0x80000000, 0, 0x80000000, 0x40000000).EndNode();
            w.BeginNode("b").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 1)
                .PropertyCells("dma-ranges", 0x0, 0, 0x0, 0xe0000000).EndNode();
        });
        Assert.Equal(0xbfffffffUL, limit.MaxCpuAddress);
        Assert.Equal("/a", limit.LimitingNode);
    }

    [Fact]
    public void DisabledNode_AndItsSubtree_AreSkipped()
    {
        var limit = Limit(w => w.BeginNode("soc").PropertyStrings("status", "disabled").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 1)
            .PropertyCells("dma-ranges", 0, 0, 0, 0x1000000).EndNode());
        Assert.Equal(ulong.MaxValue, limit.MaxCpuAddress);
    }

    [Fact]
    public void ChildRange_IsTranslatedThroughTheParentsDmaRanges()
    {
        // /bus maps its bus 0x0 to CPU 0x80000000 (2 GiB window); /bus/dev reaches bus 0..0x0fffffff -> CPU 0x8fffffff.
        var limit = Limit(w =>
        {
            w.BeginNode("bus").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 1)
                .PropertyCells("dma-ranges", 0x0, 0, 0x80000000, 0x80000000);
            w.BeginNode("dev").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 1)
                .PropertyCells("dma-ranges", 0x0, 0x0, 0x10000000).EndNode();
            w.EndNode();
        });
        Assert.Equal(0x8fffffffUL, limit.MaxCpuAddress);
        Assert.Equal("/bus/dev", limit.LimitingNode);
    }

    [Fact]
    public void ChildRangeOutsideTheParentsWindow_IsABadAddress_WhichWrapsAsInTheKernel()
    {
        // OF_BAD_ADDR (2^64 - 1) + size wraps to size - 1: that becomes the node's end.
        var limit = Limit(w =>
        {
            w.BeginNode("bus").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 1)
                .PropertyCells("dma-ranges", 0x0, 0, 0x80000000, 0x10000000);
            w.BeginNode("dev").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 1)
                .PropertyCells("dma-ranges", 0x0, 0x20000000, 0x1000).EndNode();
            w.EndNode();
        });
        Assert.Equal(0xffeUL, limit.MaxCpuAddress);
    }

    [Theory]
    [InlineData("bcm2711-rpi-4-b.dtb")]
    [InlineData("bcm2711-rpi-400.dtb")]
    [InlineData("bcm2711-rpi-cm4-io.dtb")]
    public void Bcm2711Boards_LimitDmaToTheFirstGiB(string dtb)
    {
        var limit = BootScanner.DmaLimit(FlattenedDeviceTree.Parse(Params(dtb).AsMemory()));
        Assert.Equal(0x3fffffffUL, limit.MaxCpuAddress);
        Assert.Equal("/soc", limit.LimitingNode);
    }

    [Fact]
    public void QemuVirt_LimitsNothing()
    {
        var scan = BootScanner.Scan(FlattenedDeviceTree.Parse(File.ReadAllBytes(TestData.Path("realboot", "virt-arm64-1G", "board.dtb")).AsMemory()));
        Assert.Equal(ulong.MaxValue, scan.DmaRanges.MaxCpuAddress);
    }
}
