using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Simulation;

/// <summary>One recorded boot of tests/data/realboot (Linux 6.1) or tests/data/realboot-6.12, with the truths read from its files.</summary>
internal sealed partial class RealBootCase
{
    /// <summary>The folder of the Linux 6.12 boots under tests/data.</summary>
    public const string Set612 = "realboot-6.12";

    private RealBootCase(string set, string name)
    {
        Name = name;
        Set = set;
        Folder = TestData.Path(set, name);
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(Folder, "case.json")));
        var root = doc.RootElement;
        KernelRelease = root.GetProperty("kernel_release").GetString()!;
        CommandLine = root.GetProperty("kernel_cmdline").GetString()!;
        MemTotalKb = root.GetProperty("memtotal_kb").GetUInt64();
        MemoryLine = root.GetProperty("dmesg_memory_line").GetString()!["Memory: ".Length..];
        QemuArgs = root.GetProperty("qemu_memory_smp_numa_args").GetString()!;
    }

    public string Name { get; }
    public string Set { get; }
    public string Folder { get; }
    public string KernelRelease { get; }
    public string CommandLine { get; }
    public ulong MemTotalKb { get; }
    public string MemoryLine { get; }
    public string QemuArgs { get; }
    public bool IsUefi => Name.Contains("uefi", StringComparison.Ordinal);
    public bool IsArm32 => KernelRelease.Contains("armmp", StringComparison.Ordinal);

    public string File(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>The zone blocks of zoneinfo.txt as the simulator prints them: header and pages free … protection, "pages free" masked.</summary>
    public IReadOnlyList<string> ZoneInfoHeads(bool maskFree)
    {
        var lines = new List<string>();
        bool inBlock = false;
        foreach (var line in System.IO.File.ReadLines(File("zoneinfo.txt")))
        {
            if (ZoneHeader().IsMatch(line)) { lines.Add(line); continue; }
            if (line.StartsWith("  pages free", StringComparison.Ordinal)) { inBlock = true; lines.Add(maskFree ? "  pages free     *" : line); continue; }
            if (!inBlock) continue;
            lines.Add(line);
            if (line.TrimStart().StartsWith("protection:", StringComparison.Ordinal)) inBlock = false;
        }
        return lines;
    }

    /// <summary>The built-in profile that matches this case's kernel.</summary>
    public string ProfileName => KernelRelease switch
    {
        "6.1.0-56-arm64" => "debian-6.1-arm64",
        "6.1.0-56-cloud-arm64" => "debian-6.1-cloud-arm64",
        "6.1.0-50-armmp-lpae" => "debian-6.1-armmp-lpae",
        "6.1.0-50-armmp" => "debian-6.1-armmp",
        "6.12.118+deb12-arm64" => "debian-6.12-arm64",
        "6.12.118+deb12-arm64-16k" => "debian-6.12-arm64-16k",
        "6.12.118+deb12-cloud-arm64" => "debian-6.12-cloud-arm64",
        "6.12.118+deb12-armmp-lpae" => "debian-6.12-armmp-lpae",
        _ => throw new InvalidOperationException("no profile for " + KernelRelease),
    };

    /// <summary>The complete kernel log (kernel-log-full.txt where dmesg.txt is incomplete, else console.log).</summary>
    public string Log => System.IO.File.ReadAllText(System.IO.File.Exists(File("kernel-log-full.txt")) ? File("kernel-log-full.txt") : File("console.log"));

    /// <summary>(node, zone name, spanned, present, managed) from zoneinfo.txt, populated or not.</summary>
    public IReadOnlyList<(int Node, string Zone, ulong Spanned, ulong Present, ulong Managed)> Zones()
    {
        var list = new List<(int, string, ulong, ulong, ulong)>();
        int node = -1; string zone = ""; ulong spanned = 0, present = 0;
        foreach (var line in System.IO.File.ReadLines(File("zoneinfo.txt")))
        {
            var m = ZoneHeader().Match(line);
            if (m.Success) { node = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture); zone = m.Groups[2].Value; continue; }
            var f = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 2 && f[0] == "spanned") spanned = ulong.Parse(f[1], CultureInfo.InvariantCulture);
            else if (f.Length == 2 && f[0] == "present") present = ulong.Parse(f[1], CultureInfo.InvariantCulture);
            else if (f.Length == 2 && f[0] == "managed") list.Add((node, zone, spanned, present, ulong.Parse(f[1], CultureInfo.InvariantCulture)));
        }
        return list;
    }

    public static IEnumerable<string> Names(string set = "realboot") =>
        Directory.GetDirectories(TestData.Path(set), "virt-*").Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static RealBootCase Load(string name) => new("realboot", name);

    public static RealBootCase Load(string set, string name) => new(set, name);

    [GeneratedRegex(@"^Node (\d+), zone\s+(\w+)")]
    private static partial Regex ZoneHeader();
}
