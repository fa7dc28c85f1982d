using System.Globalization;

namespace MemblockSharp.Boot.Profiles;

/// <summary>
/// The kernel release a profile models (major.minor: <c>6.1</c>, <c>6.12</c>). It decides which rules the boot, the
/// memblock core and the log formats follow; patch levels within one long-term series do not change them.
/// </summary>
/// <param name="Major">The major number (6).</param>
/// <param name="Minor">The minor number (1, 12).</param>
public readonly record struct KernelVersion(int Major, int Minor) : IComparable<KernelVersion>
{
    /// <summary>Linux 6.1 (LTS).</summary>
    public static KernelVersion V6_1 { get; } = new(6, 1);

    /// <summary>Linux 6.12 (LTS).</summary>
    public static KernelVersion V6_12 { get; } = new(6, 12);

    /// <summary>Whether this release is <paramref name="other"/> or later.</summary>
    /// <param name="other">The release to compare with.</param>
    /// <returns>True when this is the same release or a newer one.</returns>
    public bool AtLeast(KernelVersion other) => CompareTo(other) >= 0;

    /// <inheritdoc/>
    public int CompareTo(KernelVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <summary>Reads the leading <c>MAJOR.MINOR</c> of a release string (<c>6.12.118+deb12-arm64</c>, <c>6.1.0-56-arm64</c>).</summary>
    /// <param name="text">The release or version text.</param>
    /// <param name="version">The version when one was found.</param>
    /// <returns>Whether the text starts with <c>MAJOR.MINOR</c>.</returns>
    public static bool TryParse(string? text, out KernelVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text))
            return false;
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !int.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int major))
            return false;
        int end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
            end++;
        if (end == dot + 1 || !int.TryParse(text.AsSpan(dot + 1, end - dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int minor))
            return false;
        version = new KernelVersion(major, minor);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Major}.{Minor}";

    /// <summary>Orders two versions.</summary>
    public static bool operator <(KernelVersion a, KernelVersion b) => a.CompareTo(b) < 0;

    /// <summary>Orders two versions.</summary>
    public static bool operator >(KernelVersion a, KernelVersion b) => a.CompareTo(b) > 0;

    /// <summary>Orders two versions.</summary>
    public static bool operator <=(KernelVersion a, KernelVersion b) => a.CompareTo(b) <= 0;

    /// <summary>Orders two versions.</summary>
    public static bool operator >=(KernelVersion a, KernelVersion b) => a.CompareTo(b) >= 0;
}
