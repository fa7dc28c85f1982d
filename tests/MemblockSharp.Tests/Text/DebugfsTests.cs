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
    //          | [0x5000] nid -1 MIRROR|0x40 | [0x6000] nid 99
    // Expect 6.12's columns (memblock_debug_show): after "%pa..%pa " the node as "%4d " or, for an id that is not a valid
    // node (16, -1, 99), "%4c " with 'x'; then every flag set, lowest bit first, joined by '|' (HOTPLUG, MIRROR, NOMAP,
    // DRV_MNG, RSV_NIT, UNKNOWN above those), or NONE.
    [Fact]
    public void Debugfs612_PrintsNodeAndEveryFlagName()
    {
        var mb = new Memblock(new MemblockOptions { KernelVersion = MemblockVersion.Linux6_12 });
        mb.AddNode(0x1000, 0x1000, 0, MemblockFlags.None);
        mb.AddNode(0x2000, 0x1000, 1, MemblockFlags.NoMap);
        mb.AddNode(0x3000, 0x1000, 16, MemblockFlags.DriverManaged);
        mb.AddNode(0x4000, 0x1000, 16, MemblockFlags.Hotplug | MemblockFlags.NoMap);
        mb.AddNode(0x5000, 0x1000, -1, MemblockFlags.Mirror | (MemblockFlags)0x40);
        mb.AddNode(0x6000, 0x1000, 99, MemblockFlags.None);
        Assert.Equal(
            "   0: 0x0000000000001000..0x0000000000001fff    0 NONE\n" +
            "   1: 0x0000000000002000..0x0000000000002fff    1 NOMAP\n" +
            "   2: 0x0000000000003000..0x0000000000003fff    x DRV_MNG\n" +
            "   3: 0x0000000000004000..0x0000000000004fff    x HOTPLUG|NOMAP\n" +
            "   4: 0x0000000000005000..0x0000000000005fff    x MIRROR|UNKNOWN\n" +
            "   5: 0x0000000000006000..0x0000000000006fff    x NONE\n",
            MemblockText.Debugfs(mb.Memory));
    }

    //  reserved: [0x1000 plain][0x2000 NOINIT][0x3000 plain] (the NOINIT part never merges with its neighbours)
    // Expect RSV_NIT on the middle line, and the same table printed in 6.1's format when asked for it.
    [Fact]
    public void Debugfs612_NoInitRegion_PrintsRsvNit_And61FormatOnRequest()
    {
        var mb = new Memblock(new MemblockOptions { KernelVersion = MemblockVersion.Linux6_12 });
        mb.Reserve(0x1000, 0x3000);
        Assert.Equal(0, mb.ReservedMarkNoInit(0x2000, 0x1000));
        Assert.Equal(
            "   0: 0x0000000000001000..0x0000000000001fff    x NONE\n" +
            "   1: 0x0000000000002000..0x0000000000002fff    x RSV_NIT\n" +
            "   2: 0x0000000000003000..0x0000000000003fff    x NONE\n",
            MemblockText.Debugfs(mb.Reserved));
        Assert.Equal(
            "   0: 0x0000000000001000..0x0000000000001fff\n" +
            "   1: 0x0000000000002000..0x0000000000002fff\n" +
            "   2: 0x0000000000003000..0x0000000000003fff\n",
            MemblockText.Debugfs(mb.Reserved, MemblockVersion.Linux6_1));
    }

    // Expect an empty 6.12 table (cnt 0) to print no line at all, where 6.1 prints its placeholder.
    [Fact]
    public void Debugfs612_EmptyTable_PrintsNothing()
    {
        var mb = new Memblock(new MemblockOptions { KernelVersion = MemblockVersion.Linux6_12 });
        Assert.Equal("", MemblockText.Debugfs(mb.Reserved));
        mb.Reserve(0x1000, 0x1000);
        mb.PhysFree(0x1000, 0x1000);
        Assert.Equal("", MemblockText.Debugfs(mb.Reserved));
    }
}
