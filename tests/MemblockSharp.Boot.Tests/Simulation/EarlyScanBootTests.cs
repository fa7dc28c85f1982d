using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Boot.Tests.Lint;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>The boot reads the tree only through the early scan, and does what drivers/of/fdt.c does with what it read.</summary>
public sealed class EarlyScanBootTests
{
    private static BootResult Boot(byte[] dtb, string profile = BuiltInProfiles.DebianArm64) =>
        BootSimulator.Run(new BootOptions { Profile = BuiltInProfiles.Get(profile), Dtb = dtb });

    [Fact]
    public void ElfCoreHeader_IsReserved_AfterTheReservedMemoryNodes()
    {
        // fdt_reserve_elfcorehdr: memblock_reserve of linux,elfcorehdr, with its pr_info line.
        var dtb = LintTrees.Board(w => w.BeginNode("chosen").PropertyCells("linux,elfcorehdr", LintTrees.Cells(0x7000_0000, 0x1_0000)).EndNode());
        var boot = Boot(dtb);
        Assert.Contains("OF: fdt: Reserving 64 KiB of memory at 0x70000000 for elfcorehdr", boot.Log);
        Assert.Contains(boot.Reserved, r => r.Base <= 0x7000_0000 && r.Base + r.Size >= 0x7001_0000);
    }

    [Fact]
    public void ElfCoreHeader_OverAReservation_IsNotReservedAgain()
    {
        var dtb = LintTrees.Board(
            w => w.BeginNode("chosen").PropertyCells("linux,elfcorehdr", LintTrees.Cells(0x7000_0000, 0x1_0000)).EndNode(),
            reservations: w => w.AddReservation(0x7000_0000, 0x1000));
        var boot = Boot(dtb);
        Assert.Contains("OF: fdt: elfcorehdr is overlapped", boot.Log);
        Assert.DoesNotContain(boot.Log, l => l.Contains("for elfcorehdr", StringComparison.Ordinal));
    }

    [Fact]
    public void ReservedMemoryMessages_AreTheKernelsOwnWords_InScanOrder()
    {
        var dtb = LintTrees.Board(LintTrees.ReservedMemory(
            LintTrees.Child("bad@50000000", w => w.PropertyCells("reg", [0x5000_0000])),
            LintTrees.Static("zero", 0x5100_0000, 0),
            LintTrees.Dynamic("c", 0x10_0000, ranges: null, flags: []),
            LintTrees.Child("d", w => w.PropertyCells("size", [0x10_0000]))));
        var log = Boot(dtb).Log;
        int Index(string line)
        {
            int i = log.ToList().IndexOf(line);
            Assert.True(i >= 0, $"missing: {line}");
            return i;
        }
        int bad = Index("OF: fdt: Reserved memory: invalid reg property in 'bad@50000000', skipping node.");
        int zero = Index("OF: fdt: Reserved memory: failed to reserve memory for node 'zero@51000000': base 0x0000000051000000, size 0 MiB");
        int size = Index("OF: reserved mem: invalid size property in 'd' node.");
        Assert.True(bad < zero && zero < size);
    }

    [Fact]
    public void Arm64_PrintsNoMachineLine_WhenTheTreeNamesNoMachine()
    {
        var w = new DeviceTree.FdtWriter();
        w.BeginNode("").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2);
        w.BeginNode("memory@40000000").PropertyStrings("device_type", "memory").PropertyCells("reg", LintTrees.Cells(0x4000_0000, 0x4000_0000)).EndNode();
        w.EndNode();
        Assert.DoesNotContain(Boot(w.Finish()).Log, l => l.StartsWith("Machine model:", StringComparison.Ordinal));
        Assert.Contains("Machine model: lint test board", Boot(LintTrees.Board(_ => { })).Log);
    }
}
