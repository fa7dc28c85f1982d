using System.Globalization;
using System.Text.RegularExpressions;
using MemblockSharp.Boot.Lint;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Lint;

/// <summary>Lint on the recorded boots (which booted clean) and on the 181 board DTBs of the corpus (INDEX.tsv).</summary>
public sealed partial class LintDataTests
{
    private static string ProfileFor(string path) =>
        path.Contains("armhf", StringComparison.Ordinal) ? BuiltInProfiles.DebianArmmpLpae : BuiltInProfiles.DebianArm64;

    public static TheoryData<string> RealbootCases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(TestData.Path("realboot"), "virt-*").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(RealbootCases))]
    public void Realboot_BootedClean_NoErrorLevelFinding(string name)
    {
        var dtb = File.ReadAllBytes(TestData.Path("realboot", name, "board.dtb"));
        var report = DtbLinter.Lint(dtb, LintTrees.Options(ProfileFor(name)));
        Assert.False(report.HasErrors, string.Join("\n", report.Findings.Select(f => $"{f.Id} {f.NodePath}: {f.Message}")));
    }

    [Fact]
    public void Realboot_ReservedMemoryCase_LayoutMatchesTheKernelLog()
    {
        // The kernel's own memblock=debug lines: the initrd and image reservations of arm64_memblock_init, then one
        // reservation per dynamic region (CMA first: both are at base 0 in the table and the heapsort puts it there).
        var dir = TestData.Path("realboot", "virt-arm64-1G-reserved-memory");
        var log = File.ReadAllLines(Path.Combine(dir, "kernel-log-full.txt"));
        var report = DtbLinter.Lint(File.ReadAllBytes(Path.Combine(dir, "board.dtb")), LintTrees.Options());

        var arch = log.Where(l => l.Contains("arm64_memblock_init", StringComparison.Ordinal) && l.Contains("memblock_reserve:", StringComparison.Ordinal))
            .Select(Range).ToList();
        var image = report.Layout.Regions.Single(r => r.Kind == LayoutRegionKind.KernelImage);
        var initrd = report.Layout.Regions.Single(r => r.Kind == LayoutRegionKind.Initrd);
        Assert.Equal(arch, [(initrd.Base, initrd.End - 1), (image.Base, image.End - 1)]);

        var dynamic = new List<(ulong, ulong)>();
        for (var i = 0; i + 1 < log.Length; i++)
        {
            if (log[i].Contains("early_init_dt_alloc_reserved_memory_arch", StringComparison.Ordinal))
                dynamic.Add(Range(log[i + 1]));
        }
        Assert.Equal(2, dynamic.Count);
        Assert.Equal(dynamic, report.Layout.Regions.Where(r => r.Kind == LayoutRegionKind.DynamicReservedMemory).Select(r => (r.Base, r.End - 1)));
        Assert.Empty(report.Findings);
    }

    private static (ulong, ulong) Range(string line)
    {
        var m = ReserveLine().Match(line);
        Assert.True(m.Success, line);
        return (ulong.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"memblock_reserve: \[0x([0-9a-f]+)-0x([0-9a-f]+)\]")]
    private static partial Regex ReserveLine();

    [Fact]
    public void Corpus_EveryIndexedBoard_LintsWithoutExceptions_AndMemoryRulesAgreeWithTheIndex()
    {
        // INDEX.tsv (made independently with dtc): declared_ram_bytes is 0 exactly when the board leaves RAM to the bootloader.
        var index = File.ReadAllLines(TestData.Path("dtbs", "INDEX.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .ToDictionary(c => c[0], c => ulong.Parse(c[5], CultureInfo.InvariantCulture));
        Assert.Equal(181, index.Count);
        var byRule = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (file, declared) in index)
        {
            var tree = FlattenedDeviceTree.Load(TestData.Path(["dtbs", .. file.Split('/')]));
            var report = DtbLinter.Lint(tree, LintTrees.Options(ProfileFor(file)));
            Assert.Equal(declared == 0, report.OfRule("MB021").Any());
            Assert.Equal(report.Layout.HasMemory, declared != 0);
            foreach (var f in report.Findings)
                byRule[f.Id] = byRule.GetValueOrDefault(f.Id) + 1;
        }
        Assert.NotEmpty(byRule);
    }

    [Fact]
    public void Corpus_LibretechAc_256MiBCmaCannotBePlacedIn512MiBSplitBySecmon()
    {
        // memory@0 is 512 MiB; secmon@10000000 (no-map, 2 MiB) splits it, so no free block reaches 256 MiB.
        var report = DtbLinter.Lint(File.ReadAllBytes(TestData.Path("dtbs", "arm64", "amlogic", "meson-gxl-s805x-libretech-ac.dtb")), LintTrees.Options());
        var f = Assert.Single(report.OfRule("MB013"));
        Assert.Equal("/reserved-memory/linux,cma", f.NodePath);
        Assert.Equal(LintSeverity.Error, f.Severity);
        Assert.Contains("the largest free block there is 254 MiB", f.Message);
    }

    [Fact]
    public void Corpus_DtcTestTrees_CorruptOnesThrowFdtException_OthersLint()
    {
        int linted = 0, corrupt = 0;
        foreach (var file in Directory.EnumerateFiles(TestData.Path("dtbs", "dtc-tests"), "*.dtb").Order(StringComparer.Ordinal))
        {
            var blob = File.ReadAllBytes(file);
            if (!FlattenedDeviceTree.TryParse(blob, out var tree, out _))
            {
                Assert.Throws<FdtException>(() => DtbLinter.Lint(blob, LintTrees.Options()));
                corrupt++;
                continue;
            }
            DtbLinter.Lint(tree!, LintTrees.Options());
            linted++;
        }
        Assert.True(linted > 100 && corrupt > 0, $"{linted} linted, {corrupt} corrupt");
    }
}
