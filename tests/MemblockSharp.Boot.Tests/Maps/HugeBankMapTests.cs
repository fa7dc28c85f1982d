using MemblockSharp.Boot.Maps;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Maps;

/// <summary>
/// The memory map of a boot too big to trace (one 200 TiB bank, clipped by arm64 to its 128 TiB linear map): the map
/// takes its owners from the boot's own record, so every reserved byte still has its owner and the categories add up
/// to what the boot's summary says. What is checked is the content, never the time.
/// </summary>
public sealed class HugeBankMapTests
{
    private const ulong TiB = 1UL << 40;

    private static BootOptions Options(ulong size) => new()
    {
        Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64),
        Dtb = BundledBoards.VirtArm64(),
        Ram = [(0x4000_0000, size)],
    };

    private static long CostOf(BootResult result, string category) => result.Costs.Where(c => c.Category == category).Sum(c => c.Bytes);

    private static ulong Bytes(MemoryMap map, ReservationCategory category) =>
        map.Reservations.Where(p => p.Category == category).Aggregate(0UL, (sum, p) => sum + p.Size);

    [Fact]
    public void A200TiBBank_MapsEveryReservedByte_ToTheOwnerTheBootRecorded()
    {
        var options = Options(200 * TiB);
        var result = BootSimulator.Run(options);
        var map = MemoryMapBuilder.FromBoot(options, result, "200 TiB");

        // The map covers exactly memblock.reserved at the hand-off, piece by piece.
        Assert.Equal(result.Reserved.Select(r => (r.Base, r.Size)), map.Reserved.Select(r => (r.Base, r.Size)));
        foreach (var region in map.Reserved)
        {
            Assert.Equal(region.Size, region.Pieces.Aggregate(0UL, (sum, p) => sum + p.Size));
            Assert.Equal(region.Base, region.Pieces[0].Base);
        }
        // The huge categories are where the summary puts them, to the byte.
        Assert.Equal((ulong)CostOf(result, "sparse memmap and section tables"), Bytes(map, ReservationCategory.Memmap));
        Assert.Equal((ulong)CostOf(result, "page tables"), Bytes(map, ReservationCategory.PageTables));
        Assert.True(Bytes(map, ReservationCategory.Memmap) > 2 * TiB); // 64 bytes of struct page per 4 KiB page of 128 TiB
        Assert.Contains(map.Reservations, p => p.Category == ReservationCategory.PageTables && p.Label == "early_pgtable_alloc");
        Assert.Contains(map.Reservations, p => p.Category == ReservationCategory.Initrd);
        Assert.Contains(map.Reservations, p => p.Category == ReservationCategory.KernelImage);
        Assert.DoesNotContain(map.Reservations, p => p.Label == "(not attributed)");
        Assert.Contains(map.Notes, n => n.Contains($"longer than {MemoryMapBuilder.MaxTraceLinesRead} lines", StringComparison.Ordinal));
        Assert.Equal(result.MemTotalKb, map.MemTotalKb);
        // The pictures render it.
        Assert.Contains("early_pgtable_alloc", MemoryMapHtml.Render(map), StringComparison.Ordinal);
    }

    [Fact]
    public void ABootWithAShortTrace_IsStillMappedFromItsTrace()
    {
        var options = Options(4UL << 30);
        var map = MemoryMapBuilder.FromBoot(options, BootSimulator.Run(options));
        Assert.DoesNotContain(map.Notes, n => n.Contains("longer than", StringComparison.Ordinal));
        Assert.DoesNotContain(map.Reservations, p => p.Label == "(not attributed)");
    }
}
