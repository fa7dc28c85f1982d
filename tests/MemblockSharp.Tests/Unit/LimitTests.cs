using static MemblockSharp.Tests.Unit.TableAssert;

namespace MemblockSharp.Tests.Unit;

/// <summary>trim_memory, cap_memory_range, mem_limit_remove_map and enforce_memory_limit.</summary>
public class LimitTests
{
    //  |  +-|------------|-+      |
    //  |  | |     r1     | |      |   r1 = [0x1800, 0x4800), align 4 KiB
    //  +--+-+------------+-+------+
    //      0x2000     0x4000
    // Expect r1 shrunk to [0x2000, 0x4000) while total keeps the old 0x3000 (shrinking is not subtracted).
    [Fact]
    public void TrimMemory_UnalignedRegion_ShrinksButTotalNotReduced()
    {
        var mb = new Memblock();
        mb.Add(0x1800, 0x3000);
        mb.TrimMemory(SZ_4K);
        Table(mb.Memory, 1, 128, 0x3000, R(0x2000, 0x2000));
    }

    //  |  +--+        +--------+  |
    //  |  |r1|        |   r2   |  |   r1 = [0x1100, 0x1900) holds no whole 4 KiB block
    //  +--+--+--------+--------+--+
    // Expect r1 removed (total reduced by its size), r2 already aligned and kept.
    [Fact]
    public void TrimMemory_RegionSmallerThanAlignment_IsRemoved()
    {
        var mb = new Memblock();
        mb.Add(0x1100, 0x800);
        mb.Add(0x4000, 0x2000);
        mb.TrimMemory(SZ_4K);
        Table(mb.Memory, 1, 128, 0x2000, R(0x4000, 0x2000));
    }

    // Expect align 0 to remove every region (the mask formulas give start 0 and end 0), leaving the MAX_NUMNODES placeholder.
    [Fact]
    public void TrimMemory_AlignZero_RemovesEverything()
    {
        var mb = new Memblock();
        mb.Add(0x0, 0x4000);
        mb.Add(0x8000, 0x4000);
        mb.TrimMemory(0);
        Empty(mb.Memory, NoNode);
    }

    // r1 = [0x1000, 0xa000), align 0x3000 (not a power of two).
    // Expect the kernel's mask arithmetic: round_up(0x1000) = 0x3000, round_down(0xa000) = 0xa000 & ~0x2fff = 0x8000.
    [Fact]
    public void TrimMemory_NonPowerOfTwoAlign_UsesMaskArithmetic()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x9000);
        mb.TrimMemory(0x3000);
        Table(mb.Memory, 1, 128, 0x9000, R(0x3000, 0x5000));
    }

    //  |  +------+----+-------+-+  |
    //  |  |  a   | b  |   c   | |  |   a, b, c: isolated pieces of one region, c = [0x4000, 0x5800)
    //  +--+------+----+-------+-+--+
    // Expect c trimmed to [0x4000, 0x5000) and the three equal pieces left unmerged (trim never merges).
    [Fact]
    public void TrimMemory_DoesNotMergeEqualPieces()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x4800);
        mb.Isolate(mb.Memory, 0x3000, 0x1000, out _, out _);
        mb.TrimMemory(SZ_4K);
        Table(mb.Memory, 3, 128, 0x4800, R(0x1000, 0x2000), R(0x3000, 0x1000), R(0x4000, 0x1000));
    }

    //  memory:   |NM|-----------------+      keep [0x3000, 0x7000)
    //            +--+--+=========+----+
    //         0x1000 0x2000   0x7000 0x9000
    //  reserved:  [0x1000,0x2000) [0x4000,0x5000) [0x6800,0x7800)
    // Expect memory outside the range gone except the NOMAP region; reserved cut to [base, base + size).
    [Fact]
    public void CapMemoryRange_RemovesOutsideButNoMapSurvives_CutsReserved()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x8000);
        mb.MarkNoMap(0x1000, 0x1000);
        mb.Reserve(0x1000, 0x1000);
        mb.Reserve(0x4000, 0x1000);
        mb.Reserve(0x6800, 0x1000);
        mb.CapMemoryRange(0x3000, 0x4000);
        Table(mb.Memory, 2, 128, 0x5000, R(0x1000, 0x1000, MemblockFlags.NoMap), R(0x3000, 0x4000));
        Table(mb.Reserved, 2, 128, 0x1800, R(0x4000, 0x1000), R(0x6800, 0x800));
    }

    //  memory:   [2 GiB ------------- 6 GiB)     cap(4 GiB, ~0)
    //  reserved:   [x]  below 4G     [y] above 4G
    // Expect memory below 4 GiB gone; and because base + size wraps to 0xffffffff, the second reserved cut starts there
    // and removes the reservation above 4 GiB as well: reserved ends up empty.
    [Fact]
    public void CapMemoryRange_SizeWrapsPastTop_RemovesAllReservedAbove()
    {
        var mb = new Memblock();
        mb.Add(0x8000_0000, 0x1_0000_0000);
        mb.Reserve(0x9000_0000, 0x1000);
        mb.Reserve(0x1_2000_0000, 0x1000);
        mb.CapMemoryRange(0x1_0000_0000, ulong.MaxValue);
        Table(mb.Memory, 1, 128, 0x8000_0000, R(0x1_0000_0000, 0x8000_0000));
        Empty(mb.Reserved, NoNode);
    }

    // Expect size 0 to do nothing at all.
    [Fact]
    public void CapMemoryRange_SizeZero_DoesNothing()
    {
        var mb = new Memblock();
        mb.Add(0x1000, 0x4000);
        mb.Reserve(0x1000, 0x1000);
        mb.CapMemoryRange(0x8000, 0);
        Table(mb.Memory, 1, 128, 0x4000, R(0x1000, 0x4000));
        Table(mb.Reserved, 1, 128, 0x1000, R(0x1000, 0x1000));
    }

    // Expect no change, not even to reserved, while no memory is registered.
    [Fact]
    public void CapMemoryRange_NoMemory_LeavesReservedAlone()
    {
        var mb = new Memblock();
        mb.Reserve(0x1000, 0x1000);
        mb.CapMemoryRange(0x8000, 0x1000);
        Table(mb.Reserved, 1, 128, 0x1000, R(0x1000, 0x1000));
    }

    // memory [0x10000,0x20000) [0x30000,0x38000) [0x38000,0x40000)NOMAP; reserved 0x32000, 0x36000, 0x3a000 (4 KiB each).
    private static Memblock LimitFixture()
    {
        var mb = new Memblock();
        mb.Add(0x1_0000, 0x1_0000);        // [0x10000, 0x20000)
        mb.Add(0x3_0000, 0x1_0000);        // [0x30000, 0x40000)
        mb.MarkNoMap(0x3_8000, 0x8000);    // [0x38000, 0x40000) NOMAP
        mb.Reserve(0x3_2000, 0x1000);
        mb.Reserve(0x3_6000, 0x1000);
        mb.Reserve(0x3_a000, 0x1000);
        return mb;
    }

    //  memory:  [0x10000,0x20000)  [0x30000,0x38000)  [0x38000,0x40000)NOMAP
    //  limit 0x14000 = all of r1 + 0x4000 of r2 -> max_addr 0x34000
    // Expect cap(0, 0x34000): r2 cut at 0x34000, NOMAP region kept; reserved above 0x34000 removed.
    [Fact]
    public void MemLimitRemoveMap_CapsAtLimitAddress_NoMapSurvives()
    {
        var mb = LimitFixture();
        mb.MemLimitRemoveMap(0x1_4000);
        Table(mb.Memory, 3, 128, 0x1_c000,
            R(0x1_0000, 0x1_0000), R(0x3_0000, 0x4000), R(0x3_8000, 0x8000, MemblockFlags.NoMap));
        Table(mb.Reserved, 1, 128, 0x1000, R(0x3_2000, 0x1000));
    }

    // Expect enforce_memory_limit with the same limit to cut both tables at 0x34000, NOMAP memory included.
    [Fact]
    public void EnforceMemoryLimit_RemovesEverythingAboveLimitAddress()
    {
        var mb = LimitFixture();
        mb.EnforceMemoryLimit(0x1_4000);
        Table(mb.Memory, 2, 128, 0x1_4000, R(0x1_0000, 0x1_0000), R(0x3_0000, 0x4000));
        Table(mb.Reserved, 1, 128, 0x1000, R(0x3_2000, 0x1000));
    }

    //  memory: [0x10000,0x20000)NOMAP [0x30000,0x40000); limit 0x18000
    // Expect NOMAP memory to count toward the limit: max_addr = 0x30000 + 0x8000.
    [Fact]
    public void EnforceMemoryLimit_CountsNoMapRegions()
    {
        var mb = new Memblock();
        mb.Add(0x1_0000, 0x1_0000);
        mb.Add(0x3_0000, 0x1_0000);
        mb.MarkNoMap(0x1_0000, 0x1_0000);
        mb.EnforceMemoryLimit(0x1_8000);
        Table(mb.Memory, 2, 128, 0x1_8000, R(0x1_0000, 0x1_0000, MemblockFlags.NoMap), R(0x3_0000, 0x8000));
    }

    // Expect limit 0 and a limit at or beyond all memory to change nothing.
    [Theory]
    [InlineData(0UL)]
    [InlineData(0x2_0001UL)]
    public void Limits_ZeroOrAboveTotal_DoNothing(ulong limit)
    {
        var mb = LimitFixture();
        var memory = Snapshot(mb.Memory);
        var reserved = Snapshot(mb.Reserved);
        mb.EnforceMemoryLimit(limit);
        mb.MemLimitRemoveMap(limit);
        Unchanged(memory, mb.Memory);
        Unchanged(reserved, mb.Reserved);
    }
    //  memory |r1|                                         |r2|   r2 = [2^64 - 0xfff, 2^64 - 0x10)
    // Expect the kernel's round_up to wrap r2's start to 0 (((x - 1) | 0xfff) + 1 overflows), so r2 becomes
    // [0, 0xfffffffffffff000): larger, below r1 and overlapping it, exactly as the kernel leaves it; total unchanged.
    [Theory]
    [InlineData(RegionStorage.Indexed)]
    [InlineData(RegionStorage.Array)]
    public void TrimMemory_RegionAtTopOfAddressSpace_StartWrapsToZero(RegionStorage storage)
    {
        var mb = new Memblock(new MemblockOptions { Storage = storage });
        mb.Add(0x1000, 0x1000);
        mb.Add(0xffff_ffff_ffff_f001, 0xfef);
        mb.TrimMemory(SZ_4K);
        Table(mb.Memory, 2, 128, 0x1fef, R(0x1000, 0x1000), R(0, 0xffff_ffff_ffff_f000));
    }
}
