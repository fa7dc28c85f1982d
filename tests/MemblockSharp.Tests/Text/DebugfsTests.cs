using MemblockSharp.Testing;
using MemblockSharp.Text;

namespace MemblockSharp.Tests.Text;

/// <summary>
/// <see cref="MemblockText.Debugfs"/> against the real <c>/sys/kernel/debug/memblock/{memory,reserved}</c> files: the
/// regions of each file are loaded into a memblock and rendered back byte for byte.
/// </summary>
public class DebugfsTests
{
    public static TheoryData<string, string> Files()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in KernelLog.Cases())
        {
            data.Add(c, "memory");
            data.Add(c, "reserved");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Debugfs_RealBootFile_RendersByteIdentical(string caseName, string table)
    {
        string path = TestData.Path("realboot", caseName, $"memblock-{table}.txt");
        var options = KernelLog.Options(caseName);
        var regions = KernelLog.Debugfs(path);
        Assert.NotEmpty(regions);

        // debugfs shows no node or flags; touching regions only stay apart in the kernel because those differ, so take
        // them from the log's last MEMBLOCK configuration block where it lists the same region.
        var lastDump = KernelLog.Dumps(KernelLog.Lines(KernelLog.LogPath(caseName))).LastOrDefault();
        var known = (table == "memory" ? lastDump?.Memory : lastDump?.Reserved) ?? [];

        var mb = new Memblock(options);
        var type = table == "memory" ? mb.Memory : mb.Reserved;
        foreach (var (b, last) in regions)
        {
            var match = known.FirstOrDefault(r => r.Base == b && r.End == last);
            int nid = match?.Node ?? options.MaxNumNodes;
            var flags = (MemblockFlags)(match?.Flags ?? 0);
            Assert.Equal(0, mb.AddToTable(type, b, last - b + 1, nid, flags));
        }
        Assert.Equal(regions.Count, type.Count);
        Assert.Equal(File.ReadAllText(path), MemblockText.Debugfs(type));
    }

    // Expect an empty table to print its placeholder with the end wrapped to 2^64 - 1, as the kernel's %pa of base + size - 1 does.
    [Fact]
    public void Debugfs_EmptyTable_PrintsWrappedPlaceholder()
    {
        var mb = new Memblock();
        Assert.Equal("   0: 0x0000000000000000..0xffffffffffffffff\n", MemblockText.Debugfs(mb.Reserved));
    }

    // Expect the index column right-aligned to four characters (%4d) and growing past it.
    [Fact]
    public void Debugfs_ManyRegions_IndexIsPaddedToFour()
    {
        var mb = new Memblock(new MemblockOptions { InitialRegions = 2048 });
        for (ulong i = 0; i < 1001; i++)
            mb.Reserve(0x10_0000 + i * 0x2000, 0x1000);
        var lines = MemblockText.Debugfs(mb.Reserved).Split('\n');
        Assert.Equal("   9: 0x0000000000112000..0x0000000000112fff", lines[9]);
        Assert.Equal(" 999: 0x00000000008ce000..0x00000000008cefff", lines[999]);
        Assert.Equal("1000: 0x00000000008d0000..0x00000000008d0fff", lines[1000]);
    }
    //  memory: [0x1000] nid 0 | [0x2000] nid 1 NOMAP | [0x3000] no node DRIVER_MANAGED | [0x4000] no node HOTPLUG|NOMAP
    // Expect the later kernels' columns (memblock_debug_show since 6.4): after "%pa..%pa " the node as "%4d " or, for
    // MAX_NUMNODES, "%4c " with 'x'; then the name of the lowest flag set (HOTPLUG, MIRROR, NOMAP, DRV_MNG, RSV_NIT), or
    // NONE. Only one name is printed even when several flags are set.
    [Fact]
    public void Debugfs_WithNodeAndFlags_PrintsLaterKernelColumns()
    {
        var mb = new Memblock();
        mb.AddNode(0x1000, 0x1000, 0, MemblockFlags.None);
        mb.AddNode(0x2000, 0x1000, 1, MemblockFlags.NoMap);
        mb.AddNode(0x3000, 0x1000, 16, MemblockFlags.DriverManaged);
        mb.AddNode(0x4000, 0x1000, 16, MemblockFlags.Hotplug | MemblockFlags.NoMap);
        Assert.Equal(
            "   0: 0x0000000000001000..0x0000000000001fff    0 NONE\n" +
            "   1: 0x0000000000002000..0x0000000000002fff    1 NOMAP\n" +
            "   2: 0x0000000000003000..0x0000000000003fff    x DRV_MNG\n" +
            "   3: 0x0000000000004000..0x0000000000004fff    x HOTPLUG\n",
            MemblockText.Debugfs(mb.Memory, withNodeAndFlags: true));
    }
}
