using System.Globalization;
using System.Text.RegularExpressions;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>
/// <c>dhash_entries=</c>/<c>ihash_entries=</c> (alloc_large_system_hash from memblock), the hash sizes and pools
/// allocated only after MemTotal is fixed (<c>mhash_entries=</c>, <c>mphash_entries=</c>, <c>coherent_pool=</c>), and
/// the parameters whose handler these configs do not build (<c>memtest=</c>, <c>page_owner=</c>, <c>kfence.*</c>).
/// </summary>
public sealed partial class HashAndOtherParameterTests
{
    private static BootResult Boot(RealBootCase c, string cmdline) => BootSimulator.Run(new BootOptions
    {
        Profile = BuiltInProfiles.Get(c.ProfileName),
        Dtb = File.ReadAllBytes(c.File("board.dtb")),
        CommandLine = cmdline,
    });

    [GeneratedRegex(@"^\[[ .0-9]+\] (?<name>Dentry cache|Inode-cache) hash table entries: (?<n>\d+) \(order: \d+, (?<bytes>\d+) bytes, linear\)$", RegexOptions.Multiline)]
    private static partial Regex RecordedHashLine();

    // The hash table the recorded kernel allocated from memblock, from its own log line.
    private static ulong RecordedHashBytes(RealBootCase c, string name) =>
        ulong.Parse(RecordedHashLine().Matches(c.Log).First(m => m.Groups["name"].Value == name).Groups["bytes"].Value, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("dhash_entries=65536", "Dentry cache", 65536UL)]
    [InlineData("dhash_entries=0x10000", "Dentry cache", 65536UL)]
    [InlineData("dhash_entries=40000", "Dentry cache", 65536UL)] // rounded up to a power of two
    [InlineData("dhash_entries=1", "Dentry cache", 2UL)] // the dentry hash's low limit
    [InlineData("ihash_entries=1000", "Inode-cache", 1024UL)]
    [InlineData("ihash_entries=1", "Inode-cache", 1UL)]
    public void HashEntries_SizeTheTableFromMemblock(string parameter, string table, ulong entries)
    {
        var c = RealBootCase.Load("virt-arm64-1G");
        var p = BuiltInProfiles.Get(c.ProfileName);
        ulong bytes = entries * p.Sizes.Pointer;
        ulong order = 0;
        while ((p.PageSize << (int)order) < bytes)
            order++;
        ulong recorded = RecordedHashBytes(c, table);
        ulong pagesBefore = recorded / p.PageSize, pagesAfter = (bytes + p.PageSize - 1) / p.PageSize;

        var result = Boot(c, c.CommandLine + " " + parameter);

        Assert.Contains($"{table} hash table entries: {entries} (order: {order}, {bytes} bytes, linear)", result.Log);
        Assert.Equal(c.MemTotalKb + (pagesBefore - pagesAfter) * p.PageSize / 1024, result.MemTotalKb);
        Assert.True(result.Exact);
    }

    [Fact]
    public void HashEntries_AreCappedAtOneSixteenthOfMemory()
    {
        var c = RealBootCase.Load("virt-arm64-256M");
        var p = BuiltInProfiles.Get(c.ProfileName);
        // nr_all_pages: the pages of the zones less their memmap (a 64-byte struct page each); the cap is 1/16 of
        // them in buckets, and ilog2 of the capped count gives the entries.
        ulong pages = (256UL << 20) / p.PageSize;
        ulong nrAllPages = pages - pages * 64 / p.PageSize;
        ulong max = nrAllPages * p.PageSize / 16 / p.Sizes.Pointer;
        ulong entries = 1UL << (63 - (int)ulong.LeadingZeroCount(max));

        var result = Boot(c, c.CommandLine + " dhash_entries=0x40000000");

        Assert.Contains(result.Log, l => l.StartsWith($"Dentry cache hash table entries: {entries} ", StringComparison.Ordinal));
    }

    [Fact]
    public void AboveSixtyFourGiB_TheHashesGrowAQuarterAsFast()
    {
        // ADAPT_SCALE: from 64 GiB of kernel pages on, scale grows by one each time memory quadruples, so doubling
        // 64 GiB (just below the first step, once the memmap is taken off) to 128 GiB (one step) keeps the entries.
        static string Dentry(ulong gib) => BootSimulator.Run(new BootOptions
        {
            Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64),
            Dtb = BundledBoards.VirtArm64(),
            Ram = [(0x4000_0000UL, gib << 30)],
        }).Log.Single(l => l.StartsWith("Dentry cache hash table entries", StringComparison.Ordinal));

        string at32 = Dentry(32), at64 = Dentry(64), at128 = Dentry(128);

        Assert.NotEqual(at32, at64); // below 64 GiB the table follows memory
        Assert.Equal(at64, at128);
    }

    [Theory]
    [InlineData("mhash_entries=1024")]
    [InlineData("mphash_entries=1024")]
    [InlineData("coherent_pool=2M")]
    [InlineData("kfence.sample_interval=100")]
    [InlineData("efi=noruntime")]
    [InlineData("efi=nosoftreserve")]
    public void AfterMemTotalOrNotBuilt_ChangesNothing_AndIsKnown(string parameter)
    {
        var c = RealBootCase.Load("virt-arm64-1G");

        var result = Boot(c, c.CommandLine + " " + parameter);

        Assert.Equal(c.MemTotalKb, result.MemTotalKb);
        Assert.Equal(c.MemoryLine, result.MemoryLine);
        Assert.True(result.Exact);
        Assert.Contains("Unknown kernel command line parameters \"nokaslr\", will be passed to user space.", result.Log);
    }

    [Theory]
    [InlineData("realboot", "virt-arm64-1G")]
    [InlineData("realboot", "virt-armhf-512M")]
    [InlineData(RealBootCase.Set612, "virt-arm64-1G")]
    public void MemtestAndPageOwner_AreNotBuilt_SoTheKernelPassesThemOn(string set, string name)
    {
        var c = RealBootCase.Load(set, name);
        string bare = c.CommandLine.Contains("nokaslr", StringComparison.Ordinal) && !c.ProfileName.Contains("6.12", StringComparison.Ordinal) ? "nokaslr " : "";

        var result = Boot(c, c.CommandLine + " memtest=4 page_owner=on");

        Assert.Contains($"Unknown kernel command line parameters \"{bare}memtest=4 page_owner=on\", will be passed to user space.", result.Log);
        Assert.Equal(c.MemTotalKb, result.MemTotalKb);
        Assert.True(result.Exact);
    }

    [Fact]
    public void UnknownParameters_ArePrintedBareOnesFirst_AndALaterValueReplacesAnEarlierOne()
    {
        var c = RealBootCase.Load("virt-arm64-1G");

        var result = Boot(c, "console=ttyAMA0 foo=1 nokaslr page_owner=on bar foo=2 TERM=vt100 dhash_entries");

        Assert.Contains("Unknown kernel command line parameters \"nokaslr bar dhash_entries foo=2 page_owner=on\", will be passed to user space.", result.Log);
    }

    [Fact]
    public void In612_KfenceIsBuilt_SoANonZeroSampleIntervalIsNotModelled()
    {
        var c = RealBootCase.Load(RealBootCase.Set612, "virt-arm64-1G");

        var on = Boot(c, c.CommandLine + " kfence.sample_interval=100");
        var off = Boot(c, c.CommandLine + " kfence.sample_interval=0");

        Assert.False(on.Exact);
        Assert.Contains(on.Warnings, w => w.Subject == "kfence.sample_interval");
        Assert.True(off.Exact);
        Assert.Equal(c.MemTotalKb, off.MemTotalKb);
    }
}
