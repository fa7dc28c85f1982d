using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Architectures;

/// <summary>The one place that maps <see cref="KernelArch"/> to its implementation.</summary>
internal static class BootArchitectures
{
    /// <summary>The implementation of an architecture.</summary>
    /// <param name="arch">The architecture.</param>
    /// <returns>Its implementation.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a known architecture.</exception>
    public static IBootArchitecture For(KernelArch arch) => arch switch
    {
        KernelArch.Arm64 => Arm64Architecture.Instance,
        KernelArch.Arm => Arm32Architecture.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(arch), arch, "unknown architecture"),
    };

    /// <summary>The implementation for a kernel build.</summary>
    /// <param name="profile">The build.</param>
    /// <returns>Its architecture.</returns>
    public static IBootArchitecture For(KernelProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return For(profile.Arch);
    }
}
