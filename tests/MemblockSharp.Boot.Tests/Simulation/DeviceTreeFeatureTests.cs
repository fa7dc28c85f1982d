using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// What the early boot reads from a device tree besides banks and reservations: /chosen linux,usable-memory-range is
/// modelled (checked against the kernel's rule: the boot equals one whose memory is those ranges), and the features the
/// boot does not model (a KASLR seed, a Xen host, a UEFI boot without its log) warn, naming the node or property.
/// </summary>
public sealed class DeviceTreeFeatureTests
{
    private const ulong RamBase = 0x4000_0000, RamSize = 0x4000_0000;

    private static uint[] Cells(params ulong[] values) => values.SelectMany(v => new[] { (uint)(v >> 32), (uint)v }).ToArray();

    // A 2/2-cell board with 1 GiB at 0x40000000, two CPUs and whatever the test puts into /chosen and the root.
    private static byte[] Board(Action<FdtWriter>? chosen = null, Action<FdtWriter>? root = null)
    {
        var w = new FdtWriter();
        w.BeginNode("").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2).PropertyStrings("model", "feature test board");
        w.BeginNode("chosen").PropertyStrings("bootargs", "console=ttyAMA0");
        chosen?.Invoke(w);
        w.EndNode();
        w.BeginNode($"memory@{RamBase:x}").PropertyStrings("device_type", "memory").PropertyCells("reg", Cells(RamBase, RamSize)).EndNode();
        w.BeginNode("cpus").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 0);
        for (uint cpu = 0; cpu < 2; cpu++)
            w.BeginNode($"cpu@{cpu}").PropertyStrings("device_type", "cpu").PropertyCells("reg", cpu).PropertyStrings("enable-method", "psci").EndNode();
        w.EndNode();
        root?.Invoke(w);
        w.EndNode();
        return w.Finish();
    }

    private static BootResult Boot(byte[] dtb, string profile = BuiltInProfiles.DebianArm64, string? cmdline = null,
        IReadOnlyList<(ulong, ulong)>? ram = null, ulong? kernelAddress = null, ulong? dtbAddress = null) =>
        BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(profile),
            Dtb = dtb,
            CommandLine = cmdline,
            Ram = ram ?? [],
            KernelAddress = kernelAddress,
            DtbAddress = dtbAddress,
        });

    private static void AssertAccountingCloses(BootResult r) =>
        Assert.Equal((long)(r.RamBytes - r.MemTotalKb * 1024), r.Costs.Sum(c => c.Bytes));

    [Theory]
    [InlineData(BuiltInProfiles.DebianArm64)]
    [InlineData(BuiltInProfiles.DebianCloudArm64)]
    [InlineData(BuiltInProfiles.DebianArm64V612)]
    public void UsableMemoryRange_BootsAsIfMemoryWereTheFirstRange(string profile)
    {
        const ulong usable = 0x6000_0000, usableSize = 0x1000_0000;
        var dtb = Board(chosen: w => w.PropertyCells("linux,usable-memory-range", Cells(usable, usableSize)));
        // A crash kernel is loaded inside its range; the DTB too.
        var kdump = Boot(dtb, profile, kernelAddress: usable + 0x20_0000, dtbAddress: usable + 0x800_0000);
        var plain = Boot(Board(), profile, ram: [(usable, usableSize)], kernelAddress: usable + 0x20_0000, dtbAddress: usable + 0x800_0000);

        Assert.Empty(kdump.Warnings);
        Assert.Equal(usableSize, kdump.RamBytes);
        var region = Assert.Single(kdump.Memory);
        Assert.Equal((usable, usable + usableSize), (region.Base, region.End));
        Assert.Equal(plain.MemTotalKb, kdump.MemTotalKb);
        Assert.Equal(plain.MemoryLine, kdump.MemoryLine);
        AssertAccountingCloses(kdump);
    }

    [Fact]
    public void UsableMemoryRange_SecondRangeIsAdded()
    {
        const ulong low = 0x4800_0000, lowSize = 0x0800_0000, high = 0x6000_0000, highSize = 0x1000_0000;
        var dtb = Board(chosen: w => w.PropertyCells("linux,usable-memory-range", Cells(high, highSize, low, lowSize)));
        var kdump = Boot(dtb, kernelAddress: high + 0x20_0000, dtbAddress: high + 0x800_0000);
        var plain = Boot(Board(), ram: [(low, lowSize), (high, highSize)], kernelAddress: high + 0x20_0000, dtbAddress: high + 0x800_0000);

        Assert.Equal(lowSize + highSize, kdump.RamBytes);
        Assert.Equal([(low, low + lowSize), (high, high + highSize)], kdump.Memory.Select(r => (r.Base, r.End)));
        Assert.Equal(plain.MemTotalKb, kdump.MemTotalKb);
        AssertAccountingCloses(kdump);
    }

    [Fact]
    public void KaslrSeed_OnArm64WithoutNokaslr_Warns_NamingTheProperty()
    {
        var dtb = Board(chosen: w => w.PropertyU64("kaslr-seed", 0x1234_5678_9abc_def0));
        var result = Boot(dtb);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("/chosen/kaslr-seed", warning.Subject);
        Assert.Contains("nokaslr", warning.Message, StringComparison.Ordinal);
        // It is a warning only: the figures are those of the boot without a seed.
        Assert.Equal(Boot(Board()).MemTotalKb, result.MemTotalKb);
    }

    [Theory]
    [InlineData(BuiltInProfiles.DebianArm64, "console=ttyAMA0 nokaslr", 0x1234UL)] // nokaslr anywhere on the command line
    [InlineData(BuiltInProfiles.DebianArm64, "console=ttyAMA0", 0UL)] // a zero seed: no KASLR
    [InlineData(BuiltInProfiles.DebianArmmpLpae, "console=ttyAMA0", 0x1234UL)] // 32-bit ARM has no KASLR
    public void KaslrSeed_ThatChangesNothing_DoesNotWarn(string profile, string cmdline, ulong seed)
    {
        var dtb = Board(chosen: w => w.PropertyU64("kaslr-seed", seed));
        Assert.Empty(Boot(dtb, profile, cmdline).Warnings);
    }

    [Fact]
    public void XenHypervisorNode_Warns()
    {
        var dtb = Board(root: w => w.BeginNode("hypervisor").PropertyStrings("compatible", "xen,xen-4.17", "xen,xen")
            .PropertyCells("reg", Cells(0x3800_0000, 0x10_0000)).EndNode());
        var warning = Assert.Single(Boot(dtb).Warnings);
        Assert.Equal("/hypervisor", warning.Subject);
        Assert.Contains("Xen", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UefiProperties_WithoutTheEfiLog_Warn()
    {
        var dtb = Board(chosen: w => w.PropertyU64("linux,uefi-system-table", 0x7fe0_0018).PropertyU64("linux,uefi-mmap-start", 0x7e00_0000)
            .PropertyCells("linux,uefi-mmap-size", 0x1000).PropertyCells("linux,uefi-mmap-desc-size", 0x30).PropertyCells("linux,uefi-mmap-desc-ver", 1));
        var warning = Assert.Single(Boot(dtb).Warnings);
        Assert.Equal("/chosen/linux,uefi-mmap-start", warning.Subject);
        Assert.Contains("--efi-log", warning.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> RecordedBoots()
    {
        var data = new TheoryData<string, string>();
        foreach (var set in new[] { "realboot", RealBootCase.Set612 })
            foreach (var name in RealBootCase.Names(set))
                data.Add(set, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(RecordedBoots))]
    public void RecordedBoots_GiveNoWarning(string set, string name)
    {
        // The real boots' DTBs carry kaslr-seed (with nokaslr on arm64), UEFI properties (with the efi=debug log) and
        // initrds: none of it is an unmodelled feature.
        var c = RealBootCase.Load(set, name);
        var result = BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(c.ProfileName),
            Dtb = File.ReadAllBytes(c.File("board.dtb")),
            CommandLine = c.CommandLine,
            EfiLog = c.IsUefi ? c.Log : null,
        });
        Assert.Empty(result.Warnings);
    }
}
