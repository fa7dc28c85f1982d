namespace MemblockSharp;

/// <summary>
/// The kernel release whose <c>mm/memblock.c</c> an instance follows. Everything that differs between the releases is
/// asked of one <see cref="MemblockRules"/> object, chosen from this value.
/// </summary>
public enum MemblockVersion
{
    /// <summary>Linux 6.1 LTS (the default): empty tables hold one placeholder entry, every insert merges the whole array.</summary>
    Linux6_1,

    /// <summary>
    /// Linux 6.12 LTS: empty tables have <c>cnt</c> 0, merging covers only the touched regions, a full array with resizing
    /// off panics, every invalid node id means "any node", <c>MEMBLOCK_RSRV_NOINIT</c>, <c>reserve_mem=</c> and the
    /// debugfs lines with node and flag names.
    /// </summary>
    Linux6_12,
}

/// <summary>Names and parsing of <see cref="MemblockVersion"/> values.</summary>
public static class MemblockVersions
{
    /// <summary>The short name of a version: <c>6.1</c> or <c>6.12</c>.</summary>
    /// <param name="version">The version.</param>
    /// <returns>Its name.</returns>
    public static string Name(MemblockVersion version) => version switch
    {
        MemblockVersion.Linux6_1 => "6.1",
        MemblockVersion.Linux6_12 => "6.12",
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    /// <summary>
    /// Finds the modelled version of a kernel release string such as <c>6.1</c>, <c>6.12</c>, <c>6.1.192</c> or
    /// <c>6.12.118+deb12-arm64</c>: the major and minor number decide, the rest is ignored.
    /// </summary>
    /// <param name="release">The release text.</param>
    /// <param name="version">The version, when it is one this library models.</param>
    /// <returns>True when <paramref name="release"/> names 6.1 or 6.12.</returns>
    public static bool TryParse(string? release, out MemblockVersion version)
    {
        version = MemblockVersion.Linux6_1;
        if (string.IsNullOrEmpty(release))
            return false;
        var parts = release.Split('.', 3);
        if (parts.Length < 2 || parts[0] != "6")
            return false;
        string minor = new(parts[1].TakeWhile(char.IsAsciiDigit).ToArray());
        if (minor.Length < parts[1].Length && parts[1][minor.Length] is not ('-' or '+'))
            return false;
        switch (minor)
        {
            case "1":
                version = MemblockVersion.Linux6_1;
                return true;
            case "12":
                version = MemblockVersion.Linux6_12;
                return true;
            default:
                return false;
        }
    }
}
