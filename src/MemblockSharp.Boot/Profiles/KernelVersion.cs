using System.Globalization;

namespace MemblockSharp.Boot.Profiles;

/// <summary>
/// The Linux release a <see cref="KernelProfile"/> describes (major and minor: <c>6.1</c>, <c>6.12</c>). The boot
/// asks the rules of this version wherever two releases behave differently (see docs/architecture.md).
/// </summary>
/// <param name="Major">The major number (6).</param>
/// <param name="Minor">The minor number (1, 12).</param>
public readonly record struct KernelVersion(int Major, int Minor) : IComparable<KernelVersion>
{
    /// <summary>Linux 6.1 (the recorded Debian 6.1 boots; the default of every profile).</summary>
    public static KernelVersion Linux6_1 { get; } = new(6, 1);

    /// <summary>Linux 6.12.</summary>
    public static KernelVersion Linux6_12 { get; } = new(6, 12);

    /// <summary>Reads <c>MAJOR.MINOR</c>, also with a patch level or a suffix (<c>6.1.0-56-arm64</c> is 6.1).</summary>
    /// <param name="text">The version text.</param>
    /// <param name="version">The version when it parsed.</param>
    /// <returns>Whether <paramref name="text"/> starts with <c>MAJOR.MINOR</c>.</returns>
    public static bool TryParse(string? text, out KernelVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.AsSpan().Trim();
        int dot = s.IndexOf('.');
        if (dot <= 0)
            return false;
        int end = dot + 1;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
            end++;
        if (end == dot + 1
            || !int.TryParse(s[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out int major)
            || !int.TryParse(s[(dot + 1)..end], NumberStyles.None, CultureInfo.InvariantCulture, out int minor))
            return false;
        version = new KernelVersion(major, minor);
        return true;
    }

    /// <summary>Reads <c>MAJOR.MINOR</c> like <see cref="TryParse"/>.</summary>
    /// <param name="text">The version text.</param>
    /// <returns>The version.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> does not start with <c>MAJOR.MINOR</c>.</exception>
    public static KernelVersion Parse(string text) =>
        TryParse(text, out var version) ? version
            : throw new FormatException($"'{text}' is not a kernel version (expected MAJOR.MINOR, e.g. 6.1 or 6.12)");

    /// <summary>Whether this release is <paramref name="other"/> or later.</summary>
    /// <param name="other">The release to compare with.</param>
    /// <returns>True when this is the same release or a newer one.</returns>
    public bool AtLeast(KernelVersion other) => CompareTo(other) >= 0;

    /// <inheritdoc />
    public int CompareTo(KernelVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <summary>Whether <paramref name="left"/> is an older release than <paramref name="right"/>.</summary>
    /// <param name="left">A version.</param>
    /// <param name="right">A version.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <(KernelVersion left, KernelVersion right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is a newer release than <paramref name="right"/>.</summary>
    /// <param name="left">A version.</param>
    /// <param name="right">A version.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >(KernelVersion left, KernelVersion right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is <paramref name="right"/> or older.</summary>
    /// <param name="left">A version.</param>
    /// <param name="right">A version.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <=(KernelVersion left, KernelVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is <paramref name="right"/> or newer.</summary>
    /// <param name="left">A version.</param>
    /// <param name="right">A version.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >=(KernelVersion left, KernelVersion right) => left.CompareTo(right) >= 0;

    /// <summary><c>MAJOR.MINOR</c>.</summary>
    /// <returns>The version text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");
}
