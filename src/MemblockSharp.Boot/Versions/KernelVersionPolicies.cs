using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Versions;

/// <summary>The one place that maps a kernel release to its rules.</summary>
internal static class KernelVersionPolicies
{
    private static readonly IKernelVersionPolicy[] Known = [Linux61Policy.Instance, Linux612Policy.Instance];

    /// <summary>The releases with rules.</summary>
    public static IReadOnlyList<KernelVersion> Supported { get; } = Known.Select(p => p.Version).ToArray();

    /// <summary>The rules of a release.</summary>
    /// <param name="version">The release.</param>
    /// <returns>Its rules.</returns>
    /// <exception cref="ArgumentException">The release is not modelled.</exception>
    public static IKernelVersionPolicy For(KernelVersion version) =>
        Array.Find(Known, p => p.Version == version)
        ?? throw new ArgumentException(
            $"Linux {version} is not modelled (rules exist for {string.Join(", ", Supported)})", nameof(version));
}
