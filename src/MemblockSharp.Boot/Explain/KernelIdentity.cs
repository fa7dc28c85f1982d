using System.Globalization;
using System.Text.RegularExpressions;

namespace MemblockSharp.Boot.Explain;

/// <summary>Which kernel printed a log: the release and version from the banner, the architecture, the command line.</summary>
/// <param name="Release">The release of the <c>Linux version RELEASE</c> banner, or null when the log lost it.</param>
/// <param name="Major">The version's major number (0 when unknown).</param>
/// <param name="Minor">The version's minor number.</param>
/// <param name="Arch">The architecture (<c>arm64</c>, <c>arm</c>, <c>riscv64</c>, <c>x86_64</c>, or <c>unknown</c>).</param>
/// <param name="ArchEvidence">The text the architecture was read from.</param>
/// <param name="CommandLine">The <c>Kernel command line:</c>, or null.</param>
/// <param name="Model">The <c>Machine model:</c> (or the older <c>Machine:</c>), or null.</param>
public sealed partial record KernelIdentity(string? Release, int Major, int Minor, string Arch, string ArchEvidence, string? CommandLine, string? Model)
{
    /// <summary>True when the banner's version is at least <paramref name="major"/>.<paramref name="minor"/> (unknown counts as new).</summary>
    /// <param name="major">The major number.</param>
    /// <param name="minor">The minor number.</param>
    /// <returns>Whether the kernel is that version or later.</returns>
    public bool AtLeast(int major, int minor) => Major == 0 || Major > major || (Major == major && Minor >= minor);

    /// <summary>The version as <c>X.Y</c>, or <c>unknown</c>.</summary>
    public string Version => Major == 0 ? "unknown" : $"{Major}.{Minor}";

    /// <summary>Reads the identity from the raw log text and the reader's records.</summary>
    /// <param name="text">The log text.</param>
    /// <param name="log">The log as read.</param>
    /// <returns>The identity.</returns>
    public static KernelIdentity From(string text, KernelLog.KernelLogDocument log)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(log);
        var banner = log.Context(KernelLog.ContextKind.KernelVersion).FirstOrDefault();
        string? release = banner?.Name;
        int major = 0, minor = 0;
        if (release is not null && VersionNumbers().Match(release) is { Success: true } v)
        {
            major = int.Parse(v.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            minor = int.Parse(v.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        }
        var (arch, evidence) = DetectArch(banner?.Text, text);
        string? cmdline = log.Context(KernelLog.ContextKind.CommandLine).FirstOrDefault()?.Name;
        string? model = log.Context(KernelLog.ContextKind.MachineModel).FirstOrDefault()?.Name;
        if (model is null && OldMachineLine().Match(text) is { Success: true } mm)
            model = mm.Groups[1].Value.Trim();
        return new KernelIdentity(release, major, minor, arch, evidence, cmdline, model);
    }

    private static (string Arch, string Evidence) DetectArch(string? banner, string text)
    {
        if (banner is not null)
        {
            foreach (var (needle, arch) in BannerHints)
            {
                if (banner.Contains(needle, StringComparison.Ordinal))
                    return (arch, $"'{needle}' in the banner");
            }
        }
        if (Arm64Mpidr().IsMatch(text))
            return ("arm64", "the 10-digit MPIDR of 'Booting Linux on physical CPU' (arm64 prints it so)");
        foreach (var (needle, arch) in LineHints)
        {
            if (text.Contains(needle, StringComparison.Ordinal))
                return (arch, $"the line '{needle}...'");
        }
        return ("unknown", "no banner or CPU line names it");
    }

    /// <summary>Banner words that name the architecture (the compiler triplet, Debian's flavours).</summary>
    private static readonly (string Needle, string Arch)[] BannerHints =
    [
        ("aarch64", "arm64"), ("-arm64", "arm64"), ("riscv64", "riscv64"), ("riscv", "riscv64"), ("x86_64", "x86_64"), ("x86-64", "x86_64"),
        ("armmp", "arm"), ("arm-linux", "arm"), ("armv7", "arm"), ("arm-none", "arm"), ("arm-openbmc", "arm"), ("-v7+", "arm"), ("-v7l+", "arm"),
    ];

    /// <summary>CPU lines every architecture prints early.</summary>
    private static readonly (string Needle, string Arch)[] LineHints =
    [
        ("Boot CPU: AArch64 Processor", "arm64"), ("CPU: AArch64", "arm64"), ("] CPU: ARMv", "arm"), ("CPU: ARMv", "arm"),
        ("SBI specification v", "riscv64"), ("riscv: ISA extensions", "riscv64"), ("riscv: base ISA", "riscv64"), ("BIOS-e820:", "x86_64"),
    ];

    [GeneratedRegex(@"^(\d{1,2})\.(\d{1,3})")]
    private static partial Regex VersionNumbers();

    [GeneratedRegex(@"Booting Linux on physical CPU 0x[0-9a-f]{10}\b")]
    private static partial Regex Arm64Mpidr();

    [GeneratedRegex(@"\] Machine: ([^\r\n]+)")]
    private static partial Regex OldMachineLine();
}
