using System.Text.RegularExpressions;
using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.DeviceTreeScan;

/// <summary>What the cpu nodes of a device tree say about the kernel that can run on it.</summary>
/// <param name="Arch">The architecture of kernel the cores need: <see cref="KernelArch.Arm"/> for cores without AArch64
/// (ARMv7 and older, Cortex-A32), <see cref="KernelArch.Arm64"/> for ARMv8-A cores with AArch64.</param>
/// <param name="Evidence">The cpu <c>compatible</c> strings that decided it, comma-separated.</param>
public sealed partial record CpuArchitecture(KernelArch Arch, string Evidence)
{
    /// <summary>
    /// For 32-bit cores: whether every one of them has the Large Physical Address Extension (ARMv7VE: Cortex-A7, A12, A15,
    /// A17, Brahma-B15, and the AArch32 Cortex-A32), so an LPAE kernel can run; Debian's installer then picks
    /// <c>-armmp-lpae</c>, else the plain <c>-armmp</c>. True for 64-bit cores.
    /// </summary>
    public bool Lpae { get; init; } = true;

    /// <summary>
    /// The architecture the usable cpu nodes' <c>compatible</c> strings agree on, or null when the tree has no cpu node,
    /// a core this table does not know, or cores of both kinds.
    /// </summary>
    /// <param name="cpus">The cpu nodes of the scan (<see cref="BootScanResult.Cpus"/>).</param>
    /// <returns>The architecture and the strings it was read from, or null.</returns>
    public static CpuArchitecture? Of(IReadOnlyList<CpuNode> cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        var kinds = new SortedSet<KernelArch>();
        var evidence = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cpu in cpus.Where(c => c.Usable))
        {
            var known = cpu.Compatible.Select(c => (Compatible: c, Arch: Classify(c))).FirstOrDefault(x => x.Arch is not null);
            if (known.Arch is not { } arch)
                return null;
            kinds.Add(arch);
            evidence.Add(known.Compatible);
        }
        if (kinds.Count != 1)
            return null;
        bool lpae = kinds.Min != KernelArch.Arm || evidence.All(c => LpaeCores().IsMatch(c.ToLowerInvariant()));
        return new CpuArchitecture(kinds.Min, string.Join(", ", evidence)) { Lpae = lpae };
    }

    /// <summary>Which kernel architecture a cpu <c>compatible</c> string needs, or null for a string this table does not know.</summary>
    /// <param name="compatible">One compatible string (e.g. <c>arm,cortex-a7</c>).</param>
    /// <returns>The architecture, or null.</returns>
    public static KernelArch? Classify(string compatible)
    {
        ArgumentNullException.ThrowIfNull(compatible);
        string c = compatible.ToLowerInvariant();
        if (Aarch32Only().IsMatch(c))
            return KernelArch.Arm;
        if (Aarch64().IsMatch(c))
            return KernelArch.Arm64;
        return null;
    }

    // ARMv4-v7 cores (arm,arm926ej-s, arm,arm1176jzf-s, Cortex-A5/7/8/9/12/15/17, Marvell PJ4/Sheeva v7, Qualcomm
    // Scorpion/Krait, Broadcom Brahma-B15) and the AArch32-only ARMv8 Cortex-A32.
    [GeneratedRegex(@"^(arm,arm\d|arm,cortex-a(5|7|8|9|12|15|17|32)$|marvell,(pj4|sheeva-v[57]|feroceon)|mrvl,pj4|qcom,(scorpion|krait)|brcm,brahma-b15|intel,xscale|faraday,fa)")]
    private static partial Regex Aarch32Only();

    // 32-bit cores with LPAE (ARMv7 with the virtualization extensions, and ARMv8's AArch32-only Cortex-A32).
    [GeneratedRegex(@"^(arm,cortex-a(7|12|15|17|32)$|brcm,brahma-b15)")]
    private static partial Regex LpaeCores();

    // ARMv8-A and later cores with AArch64 (Cortex-A34 and up, the X and Neoverse series, and the vendors' own cores).
    [GeneratedRegex(@"^(arm,armv8|arm,cortex-a(34|35|53|55|57|65|65ae|72|73|75|76|77|78|78ae|78c|510|520|710|715|720|725)$|arm,cortex-x\d|arm,neoverse|apple,|cavium,thunder|brcm,(vulcan|brahma-b53)|nvidia,(denver|carmel|tegra132-denver|tegra186-denver)|qcom,(kryo|falkor|oryon)|apm,(potenza|strega)|phytium,|fujitsu,a64fx|ampere,)")]
    private static partial Regex Aarch64();
}
