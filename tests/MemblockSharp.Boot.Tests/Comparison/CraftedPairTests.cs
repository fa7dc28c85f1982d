using MemblockSharp.Boot.Comparison;
using MemblockSharp.Boot.Maps;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using static MemblockSharp.Boot.Tests.Lint.LintTrees;

namespace MemblockSharp.Boot.Tests.Comparison;

/// <summary>
/// Two small boards whose /reserved-memory differs in every way a comparison names, to pin down how reservations
/// are paired: by node (unit address left out), then by place, size and base.
/// </summary>
public sealed class CraftedPairTests
{
    private const ulong MiB = 1 << 20;

    //  A: a@50000000 1M   b@52000000 2M   c@54000000 4M                 dyn 8M in [0x60000000, 0x70000000)
    //  B: a@50800000 1M   b@52000000 3M                  d@56000000 1M   dyn 16M in the same range
    //     moved           resized         vanished       appeared        placed top-down: moved and resized
    private static readonly byte[] BoardA = Board(ReservedMemory(
        Static("a", 0x5000_0000, 1 * MiB), Static("b", 0x5200_0000, 2 * MiB), Static("c", 0x5400_0000, 4 * MiB),
        Dynamic("dyn", 8 * MiB, 0, [(0x6000_0000, 0x1000_0000)])));

    private static readonly byte[] BoardB = Board(ReservedMemory(
        Static("a", 0x5080_0000, 1 * MiB), Static("b", 0x5200_0000, 3 * MiB), Static("d", 0x5600_0000, 1 * MiB),
        Dynamic("dyn", 16 * MiB, 0, [(0x6000_0000, 0x1000_0000)])));

    private static BootComparison Compare() => BootComparison.Run(
        new BootOptions { Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64), Dtb = BoardA, CommandLine = "" }, "A",
        new BootOptions { Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64), Dtb = BoardB, CommandLine = "" }, "B");

    [Fact]
    public void EveryReservedMemoryNode_GetsTheChangeItUnderwent()
    {
        var c = Compare();
        var nodes = c.Regions.Where(r => r.Category == ReservationCategory.ReservedMemoryNode)
            .ToDictionary(r => r.Label, r => r);
        Assert.Equal(["/reserved-memory/a@50800000", "/reserved-memory/b@52000000", "/reserved-memory/c@54000000", "/reserved-memory/d@56000000", "/reserved-memory/dyn"],
            nodes.Keys.Order(StringComparer.Ordinal));

        var a = nodes["/reserved-memory/a@50800000"];
        Assert.Equal(RegionChangeKind.Moved, a.Kind);
        Assert.Equal((0x5000_0000UL, MiB, 0x5080_0000UL, MiB), (a.Before!.Base, a.Before.Size, a.After!.Base, a.After.Size));

        var b = nodes["/reserved-memory/b@52000000"];
        Assert.Equal(RegionChangeKind.Resized, b.Kind);
        Assert.Equal((long)MiB, b.SizeDelta);

        var gone = nodes["/reserved-memory/c@54000000"];
        Assert.Equal(RegionChangeKind.Vanished, gone.Kind);
        Assert.Null(gone.After);
        Assert.Equal((0x5400_0000UL, 4 * MiB), (gone.Before!.Base, gone.Before.Size));

        var added = nodes["/reserved-memory/d@56000000"];
        Assert.Equal(RegionChangeKind.Appeared, added.Kind);
        Assert.Null(added.Before);

        var dyn = nodes["/reserved-memory/dyn"];
        Assert.Equal(RegionChangeKind.MovedAndResized, dyn.Kind);
        Assert.Equal((long)(8 * MiB), dyn.SizeDelta);
        Assert.Equal(0x7000_0000UL, dyn.Before!.End); // top-down in its alloc-range, both times
        Assert.Equal(0x7000_0000UL, dyn.After!.End);
    }

    [Fact]
    public void ReservedMemoryTotals_MoveByTheSumOfTheNodeChanges()
    {
        var c = Compare();
        long nodes = c.Regions.Where(r => r.Category == ReservationCategory.ReservedMemoryNode).Sum(r => r.SizeDelta);
        Assert.Equal((long)((1 - 4 + 1 + 8) * MiB), nodes);
        Assert.Equal(nodes, Assert.Single(c.ReservedByCategory, d => d.Category == ReservationCategory.ReservedMemoryNode.DisplayName()).DeltaBytes);
        Assert.Equal(nodes, Assert.Single(c.Costs, d => d.Category.StartsWith("DT reserved memory", StringComparison.Ordinal)).DeltaBytes);
    }
}
