using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// <c>mem=</c> and <c>crashkernel=</c> on 32-bit ARM (arch/arm, 6.1), which handles both itself: <c>early_mem</c> replaces
/// the DT's banks, <c>reserve_crashkernel</c> runs after the CPUs are known and places the region 128 MiB aligned in lowmem.
/// </summary>
public sealed class Arm32CommandLineTests
{
    private static readonly RealBootCase Board2G = RealBootCase.Load("virt-armhf-2G-highmem");

    private static BootResult Boot(string extra) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(Board2G.ProfileName),
        Dtb = File.ReadAllBytes(Board2G.File("board.dtb")),
        CommandLine = (Board2G.CommandLine + " " + extra).Trim(),
    });

    [Fact]
    public void Mem512M_OnThe2GBoard_BootsAsTheReal512MBoard()
    {
        // QEMU places the kernel, initrd and DTB at the same addresses for 512 MiB and 2 GiB, so the 2 GiB board told
        // mem=512M must come up exactly as the recorded 512 MiB boot of the same kernel did.
        var real = RealBootCase.Load("virt-armhf-512M");
        Assert.Equal(Board2G.CommandLine, real.CommandLine);

        var result = Boot("mem=512M");

        Assert.Equal(real.MemoryLine, result.MemoryLine);
        Assert.Equal(real.MemTotalKb, result.MemTotalKb);
        var bank = Assert.Single(result.Memory);
        Assert.Equal((0x4000_0000UL, 512UL << 20), (bank.Base, bank.Size));
        Assert.Equal(real.Zones().Where(z => z.Present > 0).Select(z => (z.Zone, z.Spanned, z.Present, z.Managed)),
                     result.Zones.Where(z => z.Present > 0).Select(z => (z.Name, z.Spanned, z.Present, z.Managed)));
    }

    [Fact]
    public void MemWithStart_AddsThatBank_AndDropsMemoryBelowPhysOffset()
    {
        var result = Boot("mem=256M@0x50000000 mem=64M@0x30000000");

        var bank = Assert.Single(result.Memory);
        Assert.Equal((0x5000_0000UL, 256UL << 20), (bank.Base, bank.Size));
        Assert.Contains("Ignoring memory below PHYS_OFFSET: 0x30000000-0x34000000", result.Log);
    }

    [Fact]
    public void CrashKernel_Is128MAlignedInLowmem_AndCostsExactlyItsSize()
    {
        var plain = Boot("");
        var crash = Boot("crashkernel=64M");

        string line = Assert.Single(crash.Log, l => l.StartsWith("Reserving 64MB of memory at ", StringComparison.Ordinal));
        ulong atMb = ulong.Parse(line["Reserving 64MB of memory at ".Length..line.IndexOf("MB for", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        ulong @base = atMb << 20;
        Assert.Equal(0UL, @base % (128UL << 20));
        var lowmem = crash.Zones.Single(z => z.Name == "DMA"); // on this board lowmem is the DMA zone, the rest is HighMem
        ulong lowmemEnd = (lowmem.StartPfn + lowmem.Spanned) * 4096;
        Assert.True(@base >= 128UL << 20 && @base + (64UL << 20) <= lowmemEnd, $"crash kernel at {@base:x} is not inside lowmem");
        Assert.Contains(crash.Reserved, r => r.Base <= @base && r.End >= @base + (64UL << 20));
        Assert.EndsWith($"for crashkernel (System RAM: {lowmem.Spanned * 4096 >> 20}MB)", line, StringComparison.Ordinal);
        Assert.Equal(plain.MemTotalKb - 64 * 1024, crash.MemTotalKb);
    }

    [Fact]
    public void CrashKernelAtAFixedBase_GetsThatBase_OrSaysItIsInUse()
    {
        var placed = Boot("crashkernel=32M@0x50000000");
        Assert.Contains("Reserving 32MB of memory at 1280MB for crashkernel (System RAM: 768MB)", placed.Log);

        var clash = Boot("crashkernel=32M@0x40000000"); // the kernel image lives there
        Assert.Contains("crashkernel reservation failed - memory is in use.", clash.Log);
        Assert.Equal(Boot("").MemTotalKb, clash.MemTotalKb);
    }

    [Fact]
    public void CrashKernelHigh_IsNotAnArmForm_AndReservesNothing()
    {
        var high = Boot("crashkernel=64M,high");

        Assert.DoesNotContain(high.Log, l => l.Contains("crashkernel", StringComparison.Ordinal) && !l.StartsWith("Kernel command line", StringComparison.Ordinal));
        Assert.Equal(Boot("").MemTotalKb, high.MemTotalKb);
    }
}
