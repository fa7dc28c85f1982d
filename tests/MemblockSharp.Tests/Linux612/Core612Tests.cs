using MemblockSharp.Text;
using static MemblockSharp.Tests.Unit.TableAssert;

namespace MemblockSharp.Tests.Linux612;

/// <summary>The rules in which Linux 6.12's memblock differs from 6.1's, each on the smallest table that shows it.</summary>
public class Core612Tests
{
    private static Memblock New612(int initialRegions = 128, bool resize = false)
    {
        var mb = new Memblock(new MemblockOptions { KernelVersion = MemblockVersion.Linux6_12, InitialRegions = initialRegions });
        mb.SetResizeAllowed(resize);
        return mb;
    }

    // Expect both tables to start with cnt 0 and no entry, an add to make cnt 1, and removing the last region to go back
    // to cnt 0 (6.1 keeps cnt 1 with a dummy entry throughout).
    [Fact]
    public void EmptyTable_HasCountZero_BeforeAndAfterItsRegions()
    {
        var mb = New612();
        Table(mb.Memory, 0, 128, 0);
        Table(mb.Reserved, 0, 128, 0);
        mb.Add(0x1000, 0x1000);
        Table(mb.Memory, 1, 128, 0x1000, R(0x1000, 0x1000));
        mb.Remove(0x1000, 0x1000);
        Table(mb.Memory, 0, 128, 0);
        Assert.Empty(mb.MemRanges());
        Assert.Empty(mb.ReservedRanges());
        Assert.Equal(0UL, mb.StartOfDram());
        Assert.True(mb.EndOfDramIsUndefined);

        var mb61 = new Memblock();
        Assert.Equal([new MemblockRange(0, 0, 0)], mb61.ReservedRanges());
    }

    //  memory:  [0x1000 ...................... 0x5000)   after isolate: [a][b][c][d], then mark_nomap on d
    // Expect 6.12 to merge only around d: a, b and c stay apart (6.1's whole-array merge joins a, b and c again).
    [Fact]
    public void FlagChange_MergesOnlyAroundTheTouchedRegions()
    {
        foreach (var version in new[] { MemblockVersion.Linux6_1, MemblockVersion.Linux6_12 })
        {
            var mb = new Memblock(new MemblockOptions { KernelVersion = version });
            mb.Add(0x1000, 0x4000);
            mb.Isolate(mb.Memory, 0x2000, 0x2000, out _, out _);
            mb.Isolate(mb.Memory, 0x3000, 0x1000, out _, out _);
            Assert.Equal(4, mb.Memory.Count);
            Assert.Equal(0, mb.MarkNoMap(0x4000, 0x1000));
            if (version == MemblockVersion.Linux6_12)
                Table(mb.Memory, 4, 128, 0x4000, R(0x1000, 0x1000), R(0x2000, 0x1000), R(0x3000, 0x1000), R(0x4000, 0x1000, MemblockFlags.NoMap));
            else
                Table(mb.Memory, 2, 128, 0x4000, R(0x1000, 0x3000), R(0x4000, 0x1000, MemblockFlags.NoMap));
        }
    }

    //  memory:  [a][b][c] after isolate; add [0x5000, 0x6000) touching c
    // Expect 6.12's add to merge the new piece with c only; a and b stay apart.
    [Fact]
    public void Add_MergesTheNewPieceWithItsNeighboursOnly()
    {
        var mb = New612();
        mb.Add(0x1000, 0x3000);
        mb.Isolate(mb.Memory, 0x2000, 0x1000, out _, out _);
        mb.Add(0x4000, 0x1000);
        Table(mb.Memory, 3, 128, 0x4000, R(0x1000, 0x1000), R(0x2000, 0x1000), R(0x3000, 0x2000));
    }

    // Expect a full reserved array with resizing off to panic with the kernel's message and leave the table as it was
    // (6.1 returns -ENOMEM instead); with resizing on the array doubles.
    [Fact]
    public void FullArray_ResizeOff_Panics_ResizeOn_Doubles()
    {
        var mb = New612(initialRegions: 4);
        mb.Add(0, 0x100_0000);
        for (ulong i = 0; i < 4; i++)
            Assert.Equal(0, mb.Reserve(0x10_0000 + i * 0x2000, 0x1000));
        string before = MemblockSharp.Conformance.ConformanceRunner.Canonical(mb.Reserved);
        var panic = Assert.Throws<MemblockPanicException>(() => mb.Reserve(0x20_0000, 0x1000));
        Assert.Equal("memblock: cannot resize reserved array", panic.Message);
        Assert.Equal(before, MemblockSharp.Conformance.ConformanceRunner.Canonical(mb.Reserved));
        // Every split needs two spare entries first: a free inside the full table panics too.
        Assert.Throws<MemblockPanicException>(() => mb.PhysFree(0x10_0000, 0x800));

        var mb61 = new Memblock(new MemblockOptions { InitialRegions = 4 });
        mb61.Add(0, 0x100_0000);
        for (ulong i = 0; i < 4; i++)
            Assert.Equal(0, mb61.Reserve(0x10_0000 + i * 0x2000, 0x1000));
        Assert.Equal(Memblock.ENOMEM, mb61.Reserve(0x20_0000, 0x1000));

        var grows = New612(initialRegions: 4, resize: true);
        grows.Add(0, 0x100_0000);
        for (ulong i = 0; i < 5; i++)
            Assert.Equal(0, grows.Reserve(0x10_0000 + i * 0x2000, 0x1000));
        Assert.Equal(8, grows.Reserved.Capacity);
    }

    //  memory: [0x1000) node 0 | [0x2000) node 1 | [0x3000) node 99
    // Expect 6.12 to read every id outside 0..15 (-1, 16, 99) as "any node" in the free-range walk and in the pfn walk;
    // 6.1 turns only 16 into "any" for the walk, and for the pfn walk only 16 means all while 99 matches its own region.
    [Fact]
    public void InvalidNodes_MeanAnyNode_In612Only()
    {
        foreach (var version in new[] { MemblockVersion.Linux6_1, MemblockVersion.Linux6_12 })
        {
            var mb = new Memblock(new MemblockOptions { KernelVersion = version });
            mb.AddNode(0x1000, 0x1000, 0, MemblockFlags.None);
            mb.AddNode(0x3000, 0x1000, 1, MemblockFlags.None);
            mb.AddNode(0x5000, 0x1000, 99, MemblockFlags.None);
            int all612 = version == MemblockVersion.Linux6_12 ? 3 : 1;
            Assert.Equal(all612, mb.FreeMemRanges(99, MemblockFlags.None).Count());
            Assert.Equal(3, mb.FreeMemRanges(16, MemblockFlags.None).Count());
            Assert.Equal(version == MemblockVersion.Linux6_12 ? 3 : 0, mb.MemPfnRanges(-1).Count());
            Assert.Equal(3, mb.MemPfnRanges(16).Count());
            // An exact-node allocation on node 98, which has no memory: 6.12 reads 98 as "any node" and takes the highest
            // free page; 6.1 looks for node 98 only and fails.
            Assert.Equal(version == MemblockVersion.Linux6_12 ? 0x5000UL : 0UL, mb.AllocRangeNid(0x1000, 0x1000, 0, 0, 98, exactNid: true));
        }
    }

    //  reserved: [0x1000 ........ 0x4000)   mark_noinit [0x2000, 0x3000)
    // Expect the middle split off with RSV_NIT (never merging with the plain pieces), a reserve over it to add only the
    // uncovered part [0x4000, 0x4800) with flags 0 (which merges with the plain piece below it), and reserved iteration
    // to ignore the flag.
    [Fact]
    public void ReservedMarkNoInit_SplitsAndKeepsTheFlagApart()
    {
        var mb = New612();
        mb.Add(0, 0x10_0000);
        mb.Reserve(0x1000, 0x3000);
        Assert.Equal(0, mb.ReservedMarkNoInit(0x2000, 0x1000));
        Table(mb.Reserved, 3, 128, 0x3000, R(0x1000, 0x1000), R(0x2000, 0x1000, MemblockFlags.ReservedNoInit), R(0x3000, 0x1000));
        Assert.Equal(0, mb.Reserve(0x1800, 0x3000));
        Table(mb.Reserved, 3, 128, 0x3800,
            R(0x1000, 0x1000), R(0x2000, 0x1000, MemblockFlags.ReservedNoInit), R(0x3000, 0x1800));
        Assert.Equal(3, mb.ReservedRanges().Count());
        Assert.Equal(0, mb.ReservedMarkNoInit(0x8000, 0x1000)); // no reserved region there: nothing changes
        Assert.Equal(3, mb.Reserved.Count);
        Assert.Throws<NotSupportedException>(() => new Memblock().ReservedMarkNoInit(0x1000, 0x1000));
    }

    // Expect memparse numbers (decimal, 0x hex, 0-octal, K/M/G suffixes), alignment raised to SMP_CACHE_BYTES, the name
    // rules, the duplicate and table-full checks (full is checked before the syntax), and -ENOMEM when nothing fits.
    [Fact]
    public void ReserveMem_ParsesAllocatesAndNamesBlocks()
    {
        var mb = New612();
        mb.Add(0x4000_0000, 0x400_0000);
        Assert.Equal(1, mb.ReserveMem("1M:2M:first"));
        Assert.Equal(1, mb.ReserveMemFindByName("first", out ulong start, out ulong size));
        Assert.Equal((0x43e0_0000UL, 0x10_0000UL), (start, size));
        Assert.Equal(1, mb.ReserveMem("0x10:010:hex")); // 16 bytes, align 8 -> 64 (SMP_CACHE_BYTES)
        Assert.Equal(1, mb.ReserveMemFindByName("hex", out start, out size));
        Assert.Equal(0x10UL, size);
        Assert.Equal(0UL, start % 64);
        Assert.Equal(Memblock.EBUSY, mb.ReserveMem("4k:0:first"));
        Assert.Equal(Memblock.EINVAL, mb.ReserveMem("0x:4096:x"));      // "0x" with no digit: octal 0, size 0
        Assert.Equal(Memblock.EINVAL, mb.ReserveMem("1M:4096:" + new string('n', 16)));
        Assert.Equal(Memblock.EINVAL, mb.ReserveMem("1M:4096:\t \n"));
        Assert.Equal(Memblock.ENOMEM, mb.ReserveMem("1G:0:huge"));
        for (int i = 0; i < 6; i++)
            Assert.Equal(1, mb.ReserveMem($"4k:4k:n{i}"));
        Assert.Equal(8, mb.ReserveMemTable.Count);
        Assert.Equal(Memblock.EBUSY, mb.ReserveMem("garbage"));
        Assert.Equal(0, mb.ReserveMemFindByName("huge", out _, out _));
    }

    // Expect the coverage check to count whole pages of memory without a valid node and, on failure, print the kernel's
    // "NUMA: no nodes coverage" line.
    [Fact]
    public void ValidateNumaCoverage_CountsPagesWithoutANode()
    {
        var lines = new List<string>();
        var mb = New612();
        mb.Trace = lines.Add;
        mb.AddNode(0, 0x1000_0000, 0, MemblockFlags.None);
        Assert.True(mb.ValidateNumaCoverage(0));
        mb.Add(0x1000_0000, 0x200_0800); // 32 MiB and half a page on no node: 32 MiB of whole pages
        Assert.False(mb.ValidateNumaCoverage(0x1ff_ffff));
        Assert.True(mb.ValidateNumaCoverage(0x200_0000));
        Assert.Contains("NUMA: no nodes coverage for 32MB of 288MB RAM", lines);
    }

    // Expect 6.12's dump to print " on node N" only for a valid node and no line for an empty table.
    [Fact]
    public void ConfigurationDump_NodeOnlyWhenValid_NoLineForEmptyTable()
    {
        var mb = New612();
        mb.AddNode(0x1000, 0x1000, 0, MemblockFlags.None);
        mb.AddNode(0x2000, 0x1000, -1, MemblockFlags.NoMap);
        Assert.Equal(
        [
            "MEMBLOCK configuration:",
            " memory size = 0x0000000000002000 reserved size = 0x0000000000000000",
            " memory.cnt  = 0x2",
            " memory[0x0]\t[0x0000000000001000-0x0000000000001fff], 0x0000000000001000 bytes on node 0 flags: 0x0",
            " memory[0x1]\t[0x0000000000002000-0x0000000000002fff], 0x0000000000001000 bytes flags: 0x4",
            " reserved.cnt  = 0x0",
        ], MemblockText.Configuration(mb));
        var mb61 = new Memblock();
        mb61.AddNode(0x2000, 0x1000, -1, MemblockFlags.NoMap);
        Assert.Contains(" on node -1 flags: 0x4", MemblockText.Configuration(mb61)[3]);
    }

    // Expect the release names the project meets to map onto the two modelled cores, and others to be refused.
    [Theory]
    [InlineData("6.1", true, MemblockVersion.Linux6_1)]
    [InlineData("6.1.192", true, MemblockVersion.Linux6_1)]
    [InlineData("6.12", true, MemblockVersion.Linux6_12)]
    [InlineData("6.12.118", true, MemblockVersion.Linux6_12)]
    [InlineData("6.12.118+deb12-arm64", true, MemblockVersion.Linux6_12)]
    [InlineData("6.12-rc3", true, MemblockVersion.Linux6_12)]
    [InlineData("6.6.50", false, MemblockVersion.Linux6_1)]
    [InlineData("6.10", false, MemblockVersion.Linux6_1)]
    [InlineData("5.15.0", false, MemblockVersion.Linux6_1)]
    [InlineData("6", false, MemblockVersion.Linux6_1)]
    [InlineData("", false, MemblockVersion.Linux6_1)]
    public void Versions_ParseModelledReleasesOnly(string text, bool ok, MemblockVersion expected)
    {
        Assert.Equal(ok, MemblockVersions.TryParse(text, out var version));
        Assert.Equal(expected, version);
    }

    // Expect the harness reset to keep a doubled array (the next doubling frees it) and the static-array reset to not.
    [Fact]
    public void Reset_KeepsTheDoubledArray_ResetInitialArrays_DropsIt()
    {
        var mb = New612(initialRegions: 4, resize: true);
        mb.Add(0, 0x100_0000);
        for (ulong i = 0; i < 5; i++)
            mb.Reserve(0x10_0000 + i * 0x2000, 0x1000);
        Assert.False(mb.Reserved.IsStaticArray);
        ulong address = mb.Reserved.ArrayAddress;
        mb.ResetRegions();
        Table(mb.Reserved, 0, 4, 0);
        Assert.Equal((false, address), (mb.Reserved.IsStaticArray, mb.Reserved.ArrayAddress));
        mb.ResetInitialArrays();
        Assert.Equal((true, 0UL), (mb.Reserved.IsStaticArray, mb.Reserved.ArrayAddress));
    }
}
