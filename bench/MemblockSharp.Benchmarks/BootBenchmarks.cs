using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Benchmarks;

/// <summary>
/// <c>memblock boot</c>'s work, without the process start: one simulated boot of a recorded QEMU board, from its DTB
/// and command line to the <c>Memory:</c> line and MemTotal.
/// </summary>
[MemoryDiagnoser]
public class BootBenchmarks
{
    private BootOptions _options = null!;

    /// <summary>The realboot case whose DTB and command line are booted.</summary>
    [Params("virt-arm64-1G", "virt-arm64-4G", "virt-arm64-3G-numa-2G-1G", "virt-armhf-2G-highmem")]
    public string Case { get; set; } = "virt-arm64-1G";

    /// <summary>Reads the case's DTB and case.json once.</summary>
    [GlobalSetup]
    public void Load()
    {
        string folder = Path.Combine(Repository.Root(), "tests", "data", "realboot", Case);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "case.json")));
        string release = json.RootElement.GetProperty("kernel_release").GetString()!;
        _options = new BootOptions
        {
            Profile = BuiltInProfiles.Get(ProfileFor(release)),
            Dtb = File.ReadAllBytes(Path.Combine(folder, "board.dtb")),
            CommandLine = json.RootElement.GetProperty("kernel_cmdline").GetString(),
        };
    }

    /// <summary>One boot; returns MemTotal so the work cannot be dropped.</summary>
    [Benchmark]
    public ulong Boot() => BootSimulator.Run(_options).MemTotalKb;

    private static string ProfileFor(string kernelRelease) => kernelRelease switch
    {
        _ when kernelRelease.EndsWith("-cloud-arm64", StringComparison.Ordinal) => BuiltInProfiles.DebianCloudArm64,
        _ when kernelRelease.EndsWith("-arm64", StringComparison.Ordinal) => BuiltInProfiles.DebianArm64,
        _ when kernelRelease.EndsWith("-armmp-lpae", StringComparison.Ordinal) => BuiltInProfiles.DebianArmmpLpae,
        _ => throw new InvalidOperationException("no built-in profile for kernel " + kernelRelease),
    };
}
