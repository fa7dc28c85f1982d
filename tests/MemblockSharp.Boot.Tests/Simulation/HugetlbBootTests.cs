using System.Globalization;
using System.Text.RegularExpressions;
using MemblockSharp;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// hugepagesz=/hugepages=/default_hugepagesz= and hugetlb_cma= (mm/hugetlb.c, arch/arm64/mm/hugetlbpage.c): a gigantic
/// size (order at or above the buddy's order count) takes each page from memblock at parse time, aligned to its size;
/// 6.1 counts it in the Memory: line's reserved figure and gives it to totalram_pages later (hugetlb_init), 6.12 gives it
/// back before the line (and marks its tail MEMBLOCK_RSRV_NOINIT). MemTotal counts the pages on both. Smaller sizes come
/// from the buddy allocator after boot and change neither figure. Checked on the recorded 4 GiB and 1 GiB QEMU boards.
/// </summary>
public sealed partial class HugetlbBootTests
{
    private const ulong G = 1UL << 30, M = 1UL << 20;

    [GeneratedRegex(@"^Memory: (\d+)K/(\d+)K available .* (\d+)K reserved, (\d+)K cma-reserved")]
    private static partial Regex MemoryLine();

    private static BootResult Boot(string board, string profile, string extra)
    {
        var c = RealBootCase.Load(board);
        return BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(profile),
            Dtb = File.ReadAllBytes(c.File("board.dtb")),
            CommandLine = ("console=ttyAMA0 nokaslr " + extra).Trim(),
        });
    }

    private static (long Available, long Reserved, long Cma) Figures(BootResult r)
    {
        var m = MemoryLine().Match("Memory: " + r.MemoryLine);
        Assert.True(m.Success, r.MemoryLine);
        long N(int i) => long.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture);
        return (N(1), N(3), N(4));
    }

    [Fact]
    public void OneGigantic1G_On61_IsInTheReservedFigure_AndInMemTotal()
    {
        var plain = Boot("virt-arm64-4G", "debian-6.1-arm64", "");
        var huge = Boot("virt-arm64-4G", "debian-6.1-arm64", "hugepagesz=1G hugepages=1");

        Assert.Contains("HugeTLB: registered 1.00 GiB page size, pre-allocated 1 pages", huge.Log);
        Assert.Equal(Figures(plain).Reserved + (long)(G / 1024), Figures(huge).Reserved);
        Assert.Equal(Figures(plain).Available - (long)(G / 1024), Figures(huge).Available);
        Assert.Equal(plain.MemTotalKb, huge.MemTotalKb); // adjust_managed_page_count gives the page back to totalram
        // One raw memblock allocation, aligned to its size.
        Assert.Contains(huge.Reserved, x => x.Base % G == 0 && x.Size >= G);
        Assert.DoesNotContain(plain.Reserved, x => x.Base % G == 0 && x.Size >= G);
        Assert.True(huge.Exact);
    }

    [Fact]
    public void OneGigantic1G_On612_LeavesTheReservedFigure_AndIsNoInitBeyondItsHeadPage()
    {
        var plain = Boot("virt-arm64-4G", "debian-6.12-arm64", "");
        var huge = Boot("virt-arm64-4G", "debian-6.12-arm64", "hugepagesz=1G hugepages=1");

        Assert.Equal(Figures(plain).Reserved, Figures(huge).Reserved);
        Assert.Equal(Figures(plain).Available - (long)(G / 1024), Figures(huge).Available);
        Assert.Equal(plain.MemTotalKb, huge.MemTotalKb);
        var tail = Assert.Single(huge.Reserved, x => (x.Flags & MemblockFlags.ReservedNoInit) != 0);
        Assert.Equal(G - 4096, tail.Size);
        Assert.Equal(0UL, (tail.Base - 4096) % G);
        Assert.Contains(huge.Reserved, x => x.End == tail.Base && x.Flags == MemblockFlags.None); // the head page
        Assert.True(huge.Exact);
    }

    [Theory]
    [InlineData("debian-6.1-arm64")]
    [InlineData("debian-6.12-arm64")]
    public void MorePagesThanFit_AllocatesWhatFits_AndSaysSo(string profile)
    {
        // 4 GiB of RAM from 0x40000000: only 0x80000000-0xbfffffff is a whole free 1 GiB-aligned gigabyte (the image,
        // the DTB, CMA and the top-down allocations sit in the others).
        var r = Boot("virt-arm64-4G", profile, "hugepagesz=1G hugepages=4");

        Assert.Contains("HugeTLB: allocating 4 of page size 1.00 GiB failed.  Only allocated 1 hugepages.", r.Log);
        Assert.Contains("HugeTLB: registered 1.00 GiB page size, pre-allocated 1 pages", r.Log);
        Assert.Contains(r.Reserved, x => x.Base == 0x8000_0000UL);
    }

    [Fact]
    public void On1G_NoGigabyteIsFree_NothingIsTaken()
    {
        var plain = Boot("virt-arm64-1G", "debian-6.1-arm64", "");
        var r = Boot("virt-arm64-1G", "debian-6.1-arm64", "hugepagesz=1G hugepages=1");

        Assert.Contains("HugeTLB: allocating 1 of page size 1.00 GiB failed.  Only allocated 0 hugepages.", r.Log);
        Assert.Equal(plain.MemoryLine, r.MemoryLine);
        Assert.Equal(plain.MemTotalKb, r.MemTotalKb);
    }

    [Theory]
    [InlineData("debian-6.1-arm64", "hugepagesz=32M hugepages=3", 32UL)]
    [InlineData("debian-6.1-arm64", "hugepages=2 default_hugepagesz=1G", 1024UL)]
    [InlineData("debian-6.12-arm64", "default_hugepagesz=32M hugepages=3", 32UL)]
    public void OtherGiganticForms_TakeTheirPagesFromMemblock(string profile, string extra, ulong sizeMb)
    {
        var plain = Boot("virt-arm64-4G", profile, "");
        var r = Boot("virt-arm64-4G", profile, extra);
        ulong size = sizeMb * M;
        ulong count = sizeMb == 32 ? 3UL : 1UL; // 2 GiB pages do not fit: one does

        // 6.1: the pages are in the reserved figure (its available figure counts only the pages initialised before
        // deferred init); 6.12: out of the free pages, and not in the reserved figure.
        long taken = profile.Contains("6.12", StringComparison.Ordinal)
            ? Figures(plain).Available - Figures(r).Available
            : Figures(r).Reserved - Figures(plain).Reserved;
        Assert.Equal((long)(count * size / 1024), taken);
        Assert.Equal(plain.MemTotalKb, r.MemTotalKb);
    }

    [Theory]
    [InlineData("debian-6.1-arm64")]
    [InlineData("debian-6.12-arm64")]
    public void NonGiganticPages_ComeFromTheBuddyAllocator_AndChangeNoFigure(string profile)
    {
        var plain = Boot("virt-arm64-4G", profile, "");
        var r = Boot("virt-arm64-4G", profile, "hugepagesz=2M hugepages=100 hugepages=5");

        Assert.Equal(plain.MemoryLine, r.MemoryLine);
        Assert.Equal(plain.MemTotalKb, r.MemTotalKb);
        Assert.Contains("HugeTLB: registered 2.00 MiB page size, pre-allocated 100 pages", r.Log);
        Assert.Contains("HugeTLB: hugepages= specified twice without interleaving hugepagesz=, ignoring hugepages=5", r.Log);
        Assert.True(r.Exact);
    }

    [Fact]
    public void RegisteredSizes_FollowThePageSize_CommandLineSizesFirst()
    {
        var k4 = Boot("virt-arm64-4G", "debian-6.1-arm64", "hugepagesz=2M hugepages=1");
        Assert.Equal(["2.00 MiB", "1.00 GiB", "32.0 MiB", "64.0 KiB"], Registered(k4));

        var k16 = Boot("virt-arm64-4G", "debian-6.12-arm64-16k", "");
        Assert.Equal(["1.00 GiB", "32.0 MiB", "2.00 MiB"], Registered(k16)); // no PUD block; 32 MiB is order 11, not gigantic

        static List<string> Registered(BootResult r) => r.Log
            .Where(l => l.StartsWith("HugeTLB: registered ", StringComparison.Ordinal))
            .Select(l => l["HugeTLB: registered ".Length..l.IndexOf(" page size", StringComparison.Ordinal)]).ToList();
    }

    [Fact]
    public void UnsupportedSize_IsRefused_AndItsCountIgnored()
    {
        var plain = Boot("virt-arm64-4G", "debian-6.1-arm64", "");
        var r = Boot("virt-arm64-4G", "debian-6.1-arm64", "hugepagesz=4M hugepages=3");

        Assert.Contains("HugeTLB: unsupported hugepagesz=4M", r.Log);
        Assert.Contains("HugeTLB: hugepages=3 does not follow a valid hugepagesz, ignoring", r.Log);
        Assert.Equal(plain.MemoryLine, r.MemoryLine);
    }

    [Theory]
    [InlineData("debian-6.1-arm64", 2UL << 20)]   // 6.1 aligns the area to HPAGE_SIZE
    [InlineData("debian-6.12-arm64", 1UL << 30)]  // 6.12 to the gigantic page
    public void HugetlbCma_ReservesACmaAreaOfWholeGigabytes_AndSkipsBootTimeGiganticPages(string profile, ulong alignment)
    {
        var plain = Boot("virt-arm64-4G", profile, "");
        var r = Boot("virt-arm64-4G", profile, "hugetlb_cma=1500M hugepagesz=1G hugepages=1");

        Assert.Contains("hugetlb_cma: reserve 1500 MiB, up to 2048 MiB per node", r.Log);
        Assert.Contains("hugetlb_cma: reserved 2048 MiB on node 0", r.Log);
        Assert.Contains("HugeTLB: hugetlb_cma is enabled, skip boot time allocation", r.Log);
        string line = Assert.Single(r.Log, l => l.StartsWith("cma: Reserved 2048 MiB at ", StringComparison.Ordinal));
        ulong @base = ulong.Parse(line.Split(' ')[5][2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.Equal(0UL, @base % alignment);
        Assert.Equal(Figures(plain).Cma + 2048 * 1024, Figures(r).Cma);
        // CMA pages are managed (MemTotal) once activated: the area costs MemTotal nothing beyond where others moved.
        // 6.12 sizes the dentry/inode hashes from memblock's free pages, which the area's 2 GiB lowers: what the
        // hashes give back is MemTotal's gain.
        long hashes(BootResult b) => b.Costs.Where(c => c.Category == "dentry/inode hash tables").Sum(c => c.Bytes) / 1024;
        Assert.InRange((long)r.MemTotalKb - (long)plain.MemTotalKb - (hashes(plain) - hashes(r)), -1024, 1024);
        Assert.True(r.Exact);
    }

    [Fact]
    public void HugetlbCma_SmallerThanOneGiganticPage_IsRefused()
    {
        var plain = Boot("virt-arm64-4G", "debian-6.1-arm64", "");
        var r = Boot("virt-arm64-4G", "debian-6.1-arm64", "hugetlb_cma=512M");

        Assert.Contains("hugetlb_cma: cma area should be at least 1024 MiB", r.Log);
        Assert.Equal(plain.MemoryLine, r.MemoryLine);
    }

    [Fact]
    public void OnArm32_OnlyTwoMegabytePagesExist_AndNoneComeFromMemblock()
    {
        var c = RealBootCase.Load("virt-armhf-2G-highmem");
        BootResult Arm(string extra) => BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(c.ProfileName),
            Dtb = File.ReadAllBytes(c.File("board.dtb")),
            CommandLine = c.CommandLine + " " + extra,
        });
        var plain = Arm("");
        var r = Arm("hugepagesz=1G hugepages=1 hugepagesz=2M hugepages=8");

        Assert.Contains("HugeTLB: unsupported hugepagesz=1G", r.Log);
        Assert.Contains("HugeTLB: registered 2.00 MiB page size, pre-allocated 8 pages", r.Log);
        Assert.Equal(plain.MemoryLine, r.MemoryLine);
        Assert.Equal(plain.MemTotalKb, r.MemTotalKb);
    }
}
