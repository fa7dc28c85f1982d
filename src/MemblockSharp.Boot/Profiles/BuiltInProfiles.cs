namespace MemblockSharp.Boot.Profiles;

/// <summary>
/// The kernels of the recorded boots, built in: Debian 6.1 and 6.12 <c>arm64</c>, <c>cloud-arm64</c> and 32-bit
/// <c>armmp-lpae</c> (and 6.1's non-LPAE <c>armmp</c>), and Debian 6.12's 16 KiB-page <c>arm64-16k</c>, made from their System.map and config lines
/// (embedded; nothing is read at run time). The default stays the 6.1 arm64 kernel.
/// </summary>
public static class BuiltInProfiles
{
    /// <summary>Name of the Debian 6.1.0-56 arm64 profile (the default).</summary>
    public const string DebianArm64 = "debian-6.1-arm64";

    /// <summary>Name of the Debian 6.1.0-56 cloud-arm64 profile.</summary>
    public const string DebianCloudArm64 = "debian-6.1-cloud-arm64";

    /// <summary>Name of the Debian 6.1.0-50 armmp-lpae (32-bit ARM) profile.</summary>
    public const string DebianArmmpLpae = "debian-6.1-armmp-lpae";

    /// <summary>
    /// Name of the Debian 6.1.0-50 armmp (32-bit ARM without LPAE: two-level page tables, 32-bit <c>phys_addr_t</c>)
    /// profile.
    /// </summary>
    public const string DebianArmmp = "debian-6.1-armmp";

    /// <summary>Name of the Debian 6.12.118 arm64 profile (4 KiB pages).</summary>
    public const string DebianArm64V612 = "debian-6.12-arm64";

    /// <summary>Name of the Debian 6.12.118 arm64-16k profile (16 KiB pages).</summary>
    public const string DebianArm64K16V612 = "debian-6.12-arm64-16k";

    /// <summary>Name of the Debian 6.12.118 cloud-arm64 profile.</summary>
    public const string DebianCloudArm64V612 = "debian-6.12-cloud-arm64";

    /// <summary>Name of the Debian 6.12.118 armmp-lpae (32-bit ARM) profile.</summary>
    public const string DebianArmmpLpaeV612 = "debian-6.12-armmp-lpae";

    private static readonly Lazy<IReadOnlyDictionary<string, KernelProfile>> All = new(Load);

    /// <summary>The names of every built-in profile.</summary>
    public static IReadOnlyList<string> Names { get; } = [
        DebianArm64, DebianCloudArm64, DebianArmmpLpae, DebianArmmp,
        DebianArm64V612, DebianArm64K16V612, DebianCloudArm64V612, DebianArmmpLpaeV612,
    ];

    /// <summary>Returns a built-in profile by name (case-insensitive).</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">No built-in profile has that name.</exception>
    public static KernelProfile Get(string name) =>
        TryGet(name, out var profile) ? profile
            : throw new ArgumentException($"unknown kernel profile '{name}' (built in: {string.Join(", ", Names)})", nameof(name));

    /// <summary>Looks a built-in profile up by name (case-insensitive).</summary>
    /// <param name="name">The profile name.</param>
    /// <param name="profile">The profile when found.</param>
    /// <returns>Whether it was found.</returns>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KernelProfile? profile) =>
        All.Value.TryGetValue(name, out profile);

    /// <summary>
    /// The built-in profile a boot of <paramref name="dtb"/> should use when the user named none: <paramref name="defaultName"/>,
    /// unless the tree's cpu nodes need a kernel of the other architecture (32-bit cores booted with the arm64 default),
    /// then Debian's profile of that architecture and the same release.
    /// </summary>
    /// <param name="defaultName">The profile used otherwise (one of <see cref="Names"/>).</param>
    /// <param name="dtb">The device tree blob.</param>
    /// <param name="cpus">What the cpu nodes say, or null when they do not tell.</param>
    /// <returns>A name of <see cref="Names"/>.</returns>
    /// <exception cref="MemblockSharp.DeviceTree.FdtException">The blob is malformed.</exception>
    public static string ForDeviceTree(string defaultName, ReadOnlyMemory<byte> dtb, out DeviceTreeScan.CpuArchitecture? cpus)
    {
        var fallback = Get(defaultName);
        cpus = DeviceTreeScan.CpuArchitecture.Of(DeviceTreeScan.BootScanner.Scan(MemblockSharp.DeviceTree.FlattenedDeviceTree.Parse(dtb)).Cpus);
        if (cpus is null || cpus.Arch == fallback.Arch)
            return fallback.Name;
        bool v612 = fallback.Version == KernelVersion.Linux6_12;
        if (cpus.Arch == KernelArch.Arm) // cores without LPAE need the plain armmp kernel (built in for 6.1 only)
            return v612 ? DebianArmmpLpaeV612 : cpus.Lpae ? DebianArmmpLpae : DebianArmmp;
        return v612 ? DebianArm64V612 : DebianArm64;
    }

    private static IReadOnlyDictionary<string, KernelProfile> Load()
    {
        static KernelProfile Make(string name, string map, string config, KernelVersion? version = null) => KernelProfileParser.Build(
            name, KernelProfileParser.ParseSystemMap(map, name + "/System.map"),
            KernelProfileParser.ParseConfig(config, name + "/config"), name + "/System.map", version);
        var v612 = KernelVersion.Linux6_12;
        return new Dictionary<string, KernelProfile>(StringComparer.OrdinalIgnoreCase)
        {
            [DebianArm64] = Make(DebianArm64, BuiltInProfileData.Arm64SystemMap, BuiltInProfileData.Arm64Config),
            [DebianCloudArm64] = Make(DebianCloudArm64, BuiltInProfileData.CloudArm64SystemMap, BuiltInProfileData.CloudArm64Config),
            [DebianArmmpLpae] = Make(DebianArmmpLpae, BuiltInProfileData.ArmmpLpaeSystemMap, BuiltInProfileData.ArmmpLpaeConfig),
            [DebianArmmp] = Make(DebianArmmp, BuiltInProfileData.ArmmpSystemMap, BuiltInProfileData.ArmmpConfig),
            [DebianArm64V612] = Make(DebianArm64V612, BuiltInProfileData612.Arm64V612SystemMap, BuiltInProfileData612.Arm64V612Config, v612),
            [DebianArm64K16V612] = Make(DebianArm64K16V612, BuiltInProfileData612.Arm64V612K16SystemMap, BuiltInProfileData612.Arm64V612K16Config, v612),
            [DebianCloudArm64V612] = Make(DebianCloudArm64V612, BuiltInProfileData612.CloudArm64V612SystemMap, BuiltInProfileData612.CloudArm64V612Config, v612),
            [DebianArmmpLpaeV612] = Make(DebianArmmpLpaeV612, BuiltInProfileData612.ArmmpLpaeV612SystemMap, BuiltInProfileData612.ArmmpLpaeV612Config, v612),
        };
    }
}
