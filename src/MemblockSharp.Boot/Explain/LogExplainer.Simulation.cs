using System.Text.RegularExpressions;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Explain;

public static partial class LogExplainer
{
    /// <summary>
    /// The built-in profile for a banner: a Debian release <c>X.Y.Z-N-FLAVOR</c> (or <c>X.Y.Z+debN-FLAVOR</c>) names
    /// <c>debian-X.Y-FLAVOR</c> when that profile is built in.
    /// </summary>
    /// <param name="kernel">The kernel.</param>
    /// <returns>The profile name, or null.</returns>
    public static string? MatchProfile(KernelIdentity kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (kernel.Release is null || DebianRelease().Match(kernel.Release) is not { Success: true } m)
            return null;
        string name = $"debian-{m.Groups[1].Value}.{m.Groups[2].Value}-{m.Groups[3].Value}";
        return BuiltInProfiles.Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"^(\d+)\.(\d+)\.[0-9]+(?:\+deb\d+)?-(?:\d+-)?([a-z][a-z0-9-]*)$")]
    private static partial Regex DebianRelease();

    private static (string? Name, string Reason) ChooseProfile(KernelIdentity kernel, ExplainOptions options)
    {
        if (options.Profile is { } p)
        {
            if (!BuiltInProfiles.TryGet(p, out _))
                throw new FormatException($"--kernel: unknown kernel profile '{p}' (built in: {string.Join(", ", BuiltInProfiles.Names)})");
            return (p, "--kernel");
        }
        if (MatchProfile(kernel) is { } matched)
            return (matched, $"the banner's release {kernel.Release}");
        // The release nearest the banner's: 6.7 and later are closer to 6.12's rules than to 6.1's.
        bool v612 = kernel.Major > 0 && kernel.AtLeast(6, 7);
        string? closest = kernel.Arch switch
        {
            "arm64" => v612 ? BuiltInProfiles.DebianArm64V612 : BuiltInProfiles.DebianArm64,
            "arm" => v612 ? BuiltInProfiles.DebianArmmpLpaeV612 : BuiltInProfiles.DebianArmmpLpae,
            _ => null,
        };
        if (closest is null)
            return (null, $"no built-in profile for architecture {kernel.Arch}");
        return (closest, $"the closest built-in profile for {kernel.Arch}: kernel {kernel.Release ?? "(no banner)"} is not built in, so its image size, config and version rules are those of {closest}, not its own");
    }

    /// <summary>
    /// A kernel that is not built in keeps the closest profile's config and rules but gets its own image: the section
    /// sizes its <c>Memory:</c> line prints (<see cref="KernelBuildFacts.WithMemoryLine"/>), so the image reserved and
    /// the init memory freed are its own. A line without the figures (or that cannot be fitted) leaves the profile's, with a warning.
    /// </summary>
    private static KernelProfile OwnImageSections(KernelProfile profile, string reason, ExplainResult result, List<string> warnings)
    {
        if (!reason.StartsWith("the closest", StringComparison.Ordinal))
            return profile;
        var line = result.Log.Entries.OfType<ContextLine>().FirstOrDefault(c => c.Kind == ContextKind.MemoryInfo);
        if (line is null)
            return profile;
        try
        {
            var own = KernelBuildFacts.WithMemoryLine(profile, line.Text);
            result.ProfileReason = reason + $"; the image sections are the log's own (Memory: line, line {line.LineNumber})";
            return own;
        }
        catch (FormatException e)
        {
            warnings.Add($"profile: the image sections stay {profile.Name}'s: {e.Message}");
            return profile;
        }
    }

    /// <summary>Simulates the boot from the DTB and checks every logged fact against it.</summary>
    private static void Simulate(ExplainResult result, LogFacts facts, string text, byte[] dtb, ExplainOptions options, List<string> warnings)
    {
        var (name, reason) = ChooseProfile(result.Kernel, options);
        result.ProfileReason = reason;
        if (name is null)
        {
            warnings.Add($"the boot is not simulated: {reason}; the account comes from the log alone");
            return;
        }
        if (reason.StartsWith("the closest", StringComparison.Ordinal))
            warnings.Add("profile: " + reason);
        result.Profile = name;
        var profile = OwnImageSections(BuiltInProfiles.Get(name), reason, result, warnings);
        result.TableFormat = Versions.KernelVersionPolicies.For(profile.Version).MemblockCore;
        string? cmdline = result.Kernel.CommandLine ?? options.CommandLine;
        if (cmdline is null)
            warnings.Add("the log has no 'Kernel command line:' line: the DTB's /chosen/bootargs is used");
        bool uefi = result.Log.Context(ContextKind.EfiMemoryRange).Any();
        var sim = BootSimulator.Run(new BootOptions
        {
            Profile = profile,
            Dtb = dtb,
            CommandLine = cmdline,
            EfiLog = uefi ? text : null,
        });
        result.Simulation = sim;
        var simLog = KernelLogReader.Read(string.Join('\n', sim.Log), "simulation", lenient: true);
        var simFacts = LogFacts.From(simLog);
        var checks = new List<ExplainCheck>();
        var info = result.Log.Entries.OfType<ContextLine>().FirstOrDefault(c => c.Kind is ContextKind.MemoryInfo or ContextKind.MemoryInfoLegacy);
        if (info is not null)
        {
            string logged = info.Text.StartsWith("Memory: ", StringComparison.Ordinal) ? info.Text["Memory: ".Length..] : info.Text;
            if (profile.Rules.LateMemoryLine)
                checks.Add(new ExplainCheck("the Memory: line beyond its free-pages figure (6.12 prints it late, after allocations the simulation does not model)",
                    AfterFreeFigure(logged), AfterFreeFigure(sim.MemoryLine), AfterFreeFigure(logged) == AfterFreeFigure(sim.MemoryLine)));
            else
                checks.Add(new ExplainCheck("the Memory: line", logged, sim.MemoryLine, logged == sim.MemoryLine));
        }
        if (result.MemTotalKiB is { } memTotal)
            checks.Add(new ExplainCheck("MemTotal (kB)", Num(memTotal), Num((long)sim.MemTotalKb), memTotal == (long)sim.MemTotalKb));
        if (result.MeminfoMemTotalKiB is { } known)
            checks.Add(new ExplainCheck("MemTotal of /proc/meminfo (kB)", Num(known), Num((long)sim.MemTotalKb), known == (long)sim.MemTotalKb));
        Compare(checks, "CMA areas", facts.CmaAreas, simFacts.CmaAreas);
        Compare(checks, "reserved-memory regions", facts.ReservedMem, simFacts.ReservedMem);
        Compare(checks, "swiotlb", facts.Swiotlb, simFacts.Swiotlb);
        Compare(checks, "crash kernel", facts.CrashKernel, simFacts.CrashKernel);
        Compare(checks, "NODE_DATA", facts.NodeData, simFacts.NodeData);
        Compare(checks, "hash tables", facts.EarlyHashTables, simFacts.EarlyHashTables);
        if (facts.ZoneRanges.Count > 0)
            checks.Add(new ExplainCheck("Zone ranges", string.Join("; ", facts.ZoneRanges), string.Join("; ", simFacts.ZoneRanges), facts.ZoneRanges.SequenceEqual(simFacts.ZoneRanges)));
        if (facts.NodeRanges.Count > 0)
            checks.Add(new ExplainCheck("Early memory node ranges", string.Join("; ", facts.NodeRanges), string.Join("; ", simFacts.NodeRanges), facts.NodeRanges.SequenceEqual(simFacts.NodeRanges)));
        if (options.DebugfsMemory is { } dm)
            checks.Add(TableCheck("memblock/memory (debugfs)", dm, DebugfsText(sim.Memory, result.TableFormat, sim.PhysAddrBytes)));
        if (options.DebugfsReserved is { } dr)
            checks.Add(TableCheck("memblock/reserved (debugfs)", dr, DebugfsText(sim.ReservedAfterBoot, result.TableFormat, sim.PhysAddrBytes)));
        result.Checks = checks;
        UseSimulatedCategories(result, facts, sim);
    }

    private static ExplainCheck TableCheck(string fact, string real, string ours)
    {
        string a = real.Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n'), b = ours.TrimEnd('\n');
        int rows = a.Length == 0 ? 0 : a.Split('\n').Length;
        int ourRows = b.Length == 0 ? 0 : b.Split('\n').Length;
        return new ExplainCheck(fact, $"{rows} regions", $"{ourRows} regions" + (a == b ? ", byte for byte the same" : ", different"), a == b);
    }

    /// <summary>A table in Linux 6.1's debugfs format (<c>/sys/kernel/debug/memblock/memory|reserved</c>).</summary>
    /// <param name="regions">The regions.</param>
    /// <param name="physAddrBytes"><c>sizeof(phys_addr_t)</c> of the kernel (<see cref="BootResult.PhysAddrBytes"/>): 8 prints 16 hex digits, 4 prints 8.</param>
    /// <returns>The text, one line per region.</returns>
    public static string DebugfsText(IReadOnlyList<MemblockRegion> regions, int physAddrBytes = 8) => DebugfsText(regions, MemblockVersion.Linux6_1, physAddrBytes);

    /// <summary>
    /// A table in the debugfs format of <paramref name="format"/>'s kernel: 6.12's lines end with the node and the flag
    /// names (<see cref="MemblockSharp.Text.MemblockText.Debugfs(IReadOnlyList{MemblockRegion}, MemblockVersion, int, int)"/>).
    /// </summary>
    /// <param name="regions">The regions.</param>
    /// <param name="format">The release (<see cref="ExplainResult.TableFormat"/>).</param>
    /// <param name="physAddrBytes"><c>sizeof(phys_addr_t)</c> of the kernel (4 on 32-bit ARM without LPAE).</param>
    /// <returns>The text, one line per region.</returns>
    public static string DebugfsText(IReadOnlyList<MemblockRegion> regions, MemblockVersion format, int physAddrBytes = 8)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return MemblockSharp.Text.MemblockText.Debugfs(regions, format, MemblockOptions.Default.MaxNumNodes, physAddrBytes);
    }

    /// <summary>A <c>Memory:</c> line's text without its first (free-pages) figure: <c>/2162688K available (...)</c>.</summary>
    private static string AfterFreeFigure(string line)
    {
        int slash = line.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? line : line[slash..];
    }

    private static void Compare(List<ExplainCheck> checks, string fact, List<LoggedAmount> logged, List<LoggedAmount> simulated)
    {
        if (logged.Count == 0)
            return; // the log says nothing to check
        static string Show(List<LoggedAmount> list) => list.Count == 0 ? "(none)" :
            string.Join(", ", list.Select(a => (a.Start != 0 ? $"0x{a.Start:x} " : "") + $"{a.Bytes >> 10}K"));
        bool same = logged.Count == simulated.Count && logged.Zip(simulated).All(p => p.First.Start == p.Second.Start && p.First.Bytes == p.Second.Bytes);
        checks.Add(new ExplainCheck(fact, Show(logged), Show(simulated), same));
    }

    /// <summary>
    /// With a simulation the categories are the simulated costs (RAM not in MemTotal, CMA excluded); each is logged when the
    /// log states the same size, simulated when every check agrees; the remainder is logged RAM − logged MemTotal − the costs.
    /// </summary>
    private static void UseSimulatedCategories(ExplainResult result, LogFacts facts, BootResult sim)
    {
        if (facts.MemoryLine is not { } m || result.MemTotalKiB is not { } memTotal)
            return;
        bool consistent = result.Checks.All(c => c.Agrees);
        var logged = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["swiotlb"] = facts.Swiotlb.Sum(s => (long)s.Bytes),
            ["crash kernel"] = facts.CrashKernel.Sum(s => (long)s.Bytes),
            ["dentry/inode hash tables"] = facts.EarlyHashTables.Sum(s => (long)s.Bytes),
            ["log buffer"] = facts.LogBuffer is { } lb ? (long)lb.Bytes : 0,
        };
        var list = new List<ExplainCategory>();
        foreach (var cost in sim.Costs)
        {
            var status = consistent ? CategoryStatus.Simulated : CategoryStatus.SimulatedInconsistent;
            string evidence = consistent ? "simulated; every logged fact agrees" : "simulated; some logged facts disagree (see the checks)";
            if (logged.TryGetValue(cost.Category, out long b) && b == cost.Bytes && b != 0)
            {
                status = CategoryStatus.Logged;
                evidence = "the log states it; the simulation agrees";
            }
            list.Add(new ExplainCategory(cost.Category, cost.Bytes, status, evidence));
        }
        result.Categories = list;
        result.ReservedBytes = (m.TotalKiB - memTotal) << 10;
        result.AccountBasis = "physical RAM minus MemTotal (the Memory: line's present pages minus the path's MemTotal): what the simulated boot spends, CMA excluded";
        result.UnexplainedBytes = result.ReservedBytes - list.Sum(c => c.Bytes);
    }

    private static string Num(long v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
