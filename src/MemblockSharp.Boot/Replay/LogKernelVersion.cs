using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Versions;

namespace MemblockSharp.Boot.Replay;

/// <summary>Which kernel release printed a log, and so whose memblock rules and debugfs format a replay follows.</summary>
/// <param name="Version">The modelled release the replay follows (6.1 or 6.12).</param>
/// <param name="Release">The release of the <c>Linux version</c> banner, or null when the log lost it.</param>
/// <param name="Evidence">Where the choice came from (the banner's line, or the 6.12-only lines found), in words.</param>
/// <param name="Modelled">False when the log's release is neither 6.1 nor 6.12 and the nearest modelled one stands in for it.</param>
public sealed record LogKernelVersion(KernelVersion Version, string? Release, string Evidence, bool Modelled)
{
    /// <summary>The memblock core the replay runs: the one of <see cref="Version"/>.</summary>
    public MemblockVersion Memblock => Policy.MemblockCore;

    /// <summary>The rules of <see cref="Version"/>.</summary>
    internal IKernelVersionPolicy Policy => KernelVersionPolicies.For(Version);

    /// <summary>A release chosen by the caller instead of the log.</summary>
    /// <param name="version">The modelled release.</param>
    /// <returns>The choice, with that as its evidence.</returns>
    public static LogKernelVersion Chosen(KernelVersion version) =>
        new(KernelVersionPolicies.For(version).Version, null, $"chosen by the caller (Linux {version})", Modelled: true);

    /// <summary>
    /// Decides the release of a log. The banner (<c>Linux version 6.12.118...</c>) decides when present: 6.1 and 6.12
    /// are modelled; an earlier release is replayed with 6.1's rules and a later one with 6.12's, and <see cref="Modelled"/>
    /// is false for both. A log that lost its banner counts as 6.12 when it holds a line only 6.12 prints
    /// (<c>NODE_DATA(N) allocated</c>, <c>printk: legacy console</c>, a per-region <c>OF: reserved mem: A..B</c>, a
    /// <c>MEMBLOCK configuration</c> dump that prints nodes on reserved regions), else as 6.1.
    /// </summary>
    /// <param name="log">The log.</param>
    /// <returns>The release and the evidence.</returns>
    public static LogKernelVersion Of(KernelLogDocument log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Context(ContextKind.KernelVersion).FirstOrDefault() is { Name: { } release } banner)
            return FromBanner(release, banner.LineNumber);
        string? marker = Marker612(log);
        return marker is not null
            ? new LogKernelVersion(KernelVersion.Linux6_12, null, $"no 'Linux version' banner; {marker} is printed only by 6.12", Modelled: true)
            : new LogKernelVersion(KernelVersion.Linux6_1, null, "no 'Linux version' banner and no line only 6.12 prints: taken as 6.1", Modelled: true);
    }

    private static LogKernelVersion FromBanner(string release, int line)
    {
        if (KernelVersion.TryParse(release, out var banner) && KernelVersionPolicies.Supported.Contains(banner))
            return new LogKernelVersion(banner, release, $"the 'Linux version {release}' banner (line {line})", Modelled: true);
        var version = KernelVersion.TryParse(release, out banner) && banner > KernelVersion.Linux6_12 ? KernelVersion.Linux6_12 : KernelVersion.Linux6_1;
        return new LogKernelVersion(version, release,
            $"the 'Linux version {release}' banner (line {line}): not a modelled release, replayed with the rules of {version}, the nearest modelled one",
            Modelled: false);
    }

    /// <summary>The first line in the log that only 6.12 prints, described, or null.</summary>
    private static string? Marker612(KernelLogDocument log)
    {
        foreach (var entry in log.Entries)
        {
            switch (entry)
            {
                case ContextLine { Kind: ContextKind.NodeDataAllocated } c:
                    return $"'NODE_DATA({c.Node}) allocated' (line {c.LineNumber})";
                case ContextLine { Kind: ContextKind.ReservedMemRegion } c:
                    return $"the per-region 'OF: reserved mem:' line {c.LineNumber}";
                case ContextLine { Kind: ContextKind.ConsoleEnabled } c when c.Text.Contains("legacy console", StringComparison.Ordinal):
                    return $"'printk: legacy console' (line {c.LineNumber})";
                case MemblockDump d when d.Reserved.Any(r => r.Nid is not null):
                    return $"the MEMBLOCK configuration dump at line {d.LineNumber}, which prints nodes on reserved regions,";
            }
        }
        return null;
    }
}
