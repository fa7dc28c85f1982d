using System.Text.RegularExpressions;
using MemblockSharp.Boot.Lint;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Lint;

/// <summary>
/// The linter's reserved map and the boot simulator are written separately; on every arm64 corpus board with memory they
/// must agree on which no-map regions the kernel refuses and which dynamic regions it cannot allocate.
/// </summary>
public sealed partial class LintSimulatorAgreementTests
{
    [Fact]
    public void Corpus_Arm64Boards_RefusalsAndAllocationFailuresMatchTheSimulatedBootLog()
    {
        var profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64);
        int compared = 0;
        foreach (var file in Directory.EnumerateFiles(TestData.Path("dtbs", "arm64"), "*.dtb", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var dtb = File.ReadAllBytes(file);
            var report = DtbLinter.Lint(dtb, new LintOptions { Profile = profile });
            if (!report.Layout.HasMemory)
                continue;
            var log = BootSimulator.Run(new BootOptions { Profile = profile, Dtb = dtb }).Log;
            // The same line reports a reg entry of size 0 (MB015): those are not refusals.
            var zeroSized = report.OfRule("MB015").Select(f => f.NodePath[(f.NodePath.LastIndexOf('/') + 1)..]).ToHashSet(StringComparer.Ordinal);
            var refusedInLog = log.Select(l => RefusedLine().Match(l)).Where(m => m.Success && !zeroSized.Contains(m.Groups[1].Value))
                .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
            var unplacedInLog = log.Select(l => UnplacedLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
            Assert.Equal(refusedInLog, report.Layout.Refused.Select(r => r.Region.Label).Order(StringComparer.Ordinal));
            Assert.Equal(unplacedInLog, report.Layout.Unplaced.Select(u => u.Request.Name).Order(StringComparer.Ordinal));
            compared++;
        }
        Assert.Equal(79, compared); // 118 boards, 39 without memory
    }

    [GeneratedRegex(@"failed to reserve memory for node '([^']+)'")]
    private static partial Regex RefusedLine();

    [GeneratedRegex(@"failed to allocate memory for node '([^']+)'")]
    private static partial Regex UnplacedLine();
}
