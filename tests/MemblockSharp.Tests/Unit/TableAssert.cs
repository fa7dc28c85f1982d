namespace MemblockSharp.Tests.Unit;

/// <summary>Builders and exact-table assertions shared by the unit tests.</summary>
internal static class TableAssert
{
    /// <summary>The node plain <c>Add</c>/<c>Reserve</c> give (MAX_NUMNODES of the default options).</summary>
    public const int NoNode = 16;

    public const ulong SZ_256 = 0x100;
    public const ulong SZ_4K = 0x1000;
    public const ulong SZ_8K = 0x2000;
    public const ulong SZ_16K = 0x4000;
    public const ulong SZ_32K = 0x8000;
    public const ulong SZ_64K = 0x1_0000;
    public const ulong SZ_1M = 0x10_0000;

    /// <summary>A region as the tables hold it; node defaults to MAX_NUMNODES, flags to none.</summary>
    public static MemblockRegion R(ulong @base, ulong size, MemblockFlags flags = MemblockFlags.None, int nid = NoNode) =>
        new(@base, size, flags, nid);

    /// <summary>Asserts the whole table: cnt, max, total and every region in array order.</summary>
    public static void Table(MemblockType type, int cnt, int max, ulong total, params MemblockRegion[] regions)
    {
        Assert.Equal(cnt, regions.Length); // the expectation itself must be consistent
        var actual = type.Regions.ToArray();
        Assert.True(regions.SequenceEqual(actual),
            $"{type.Name}: expected [{Show(regions)}] but was [{Show(actual)}]");
        Assert.Equal(cnt, type.Count);
        Assert.Equal(max, type.Capacity);
        Assert.True(total == type.TotalSize, $"{type.Name}: expected total 0x{total:x} but was 0x{type.TotalSize:x}");
    }

    /// <summary>Asserts a table holds only its size-0 placeholder with the given node.</summary>
    public static void Empty(MemblockType type, int nid, int max = 128) =>
        Table(type, 1, max, 0, R(0, 0, MemblockFlags.None, nid));

    /// <summary>A snapshot of a table for "nothing changed" assertions.</summary>
    public static (MemblockRegion[] Regions, int Max, ulong Total) Snapshot(MemblockType type) =>
        (type.Regions.ToArray(), type.Capacity, type.TotalSize);

    public static void Unchanged((MemblockRegion[] Regions, int Max, ulong Total) before, MemblockType type)
    {
        var after = Snapshot(type);
        Assert.True(before.Regions.SequenceEqual(after.Regions), $"{type.Name} changed: [{Show(before.Regions)}] -> [{Show(after.Regions)}]");
        Assert.Equal(before.Max, after.Max);
        Assert.Equal(before.Total, after.Total);
    }

    public static string Show(IEnumerable<MemblockRegion> regions) =>
        string.Join(", ", regions.Select(r => $"(0x{r.Base:x}, 0x{r.Size:x}, {r.Flags}, {r.Nid})"));

    /// <summary>Fills a table with <paramref name="count"/> disjoint, non-touching regions of 4 KiB, 8 KiB apart from <paramref name="start"/>.</summary>
    public static void FillDisjoint(Memblock mb, MemblockType type, int count, ulong start)
    {
        for (int i = 0; i < count; i++)
            Assert.Equal(0, mb.AddToTable(type, start + (ulong)i * SZ_8K, SZ_4K, NoNode, MemblockFlags.None));
    }
}
