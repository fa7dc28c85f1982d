using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Sweep;

/// <summary>
/// The boots of a sweep: every kernel profile with every parameter set at every RAM size. Points are numbered in a
/// fixed order (kernel, then parameter set, then RAM size, each as given), which is the order of every output.
/// </summary>
public sealed class SweepGrid
{
    /// <summary>The most boots one sweep may have.</summary>
    public const int MaxPoints = 1_000_000;

    /// <summary>Creates a grid.</summary>
    /// <param name="ram">The RAM sizes, in order; empty = one point per panel with the device tree's own memory.</param>
    /// <param name="kernels">The kernel profiles, in order (at least one).</param>
    /// <param name="parameterSets">The parameter sets, in order (at least one).</param>
    /// <exception cref="FormatException">No kernel or parameter set, or more than <see cref="MaxPoints"/> boots.</exception>
    public SweepGrid(IReadOnlyList<SweepRam> ram, IReadOnlyList<KernelProfile> kernels, IReadOnlyList<SweepParameters> parameterSets)
    {
        ArgumentNullException.ThrowIfNull(ram);
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentNullException.ThrowIfNull(parameterSets);
        if (kernels.Count == 0)
            throw new FormatException("a sweep needs at least one kernel profile");
        if (parameterSets.Count == 0)
            throw new FormatException("a sweep needs at least one parameter set");
        long count = (long)Math.Max(1, ram.Count) * kernels.Count * parameterSets.Count;
        if (count > MaxPoints)
            throw new FormatException($"the sweep has {count} boots ({kernels.Count} kernels x {parameterSets.Count} parameter sets x {ram.Count} RAM sizes); at most {MaxPoints}");
        Ram = ram;
        Kernels = kernels;
        ParameterSets = parameterSets;
        Count = (int)count;
    }

    /// <summary>The RAM sizes; empty when every boot uses the device tree's own memory.</summary>
    public IReadOnlyList<SweepRam> Ram { get; }

    /// <summary>The kernel profiles.</summary>
    public IReadOnlyList<KernelProfile> Kernels { get; }

    /// <summary>The parameter sets.</summary>
    public IReadOnlyList<SweepParameters> ParameterSets { get; }

    /// <summary>The number of boots.</summary>
    public int Count { get; }

    /// <summary>The number of (kernel, parameter set) pairs.</summary>
    public int PanelCount => Kernels.Count * ParameterSets.Count;

    /// <summary>The RAM sizes per panel (1 when the device tree's memory is used).</summary>
    public int PointsPerPanel => Math.Max(1, Ram.Count);

    /// <summary>The point at <paramref name="index"/> in the grid's order.</summary>
    /// <param name="index">0 to <see cref="Count"/> − 1.</param>
    /// <returns>The point; its <see cref="SweepPoint.Ram"/> is <c>default</c> (size 0) for the device tree's memory.</returns>
    public SweepPoint Point(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        int panel = index / PointsPerPanel;
        var ram = Ram.Count == 0 ? default : Ram[index % PointsPerPanel];
        return new SweepPoint(index, panel, Kernels[panel / ParameterSets.Count], ParameterSets[panel % ParameterSets.Count], ram);
    }

    /// <summary>Builds a grid from the command line's texts.</summary>
    /// <param name="ram">The <c>--ram</c> values (each a comma-separated list, see <see cref="SweepRam.ParseList"/>).</param>
    /// <param name="kernels">The <c>--kernel</c> values (each a comma-separated list of built-in profile names); empty = the default profile.</param>
    /// <param name="whatIfs">The <c>--what-if</c> values, one parameter set each (<c>none</c> = the command line as given); empty = only the command line as given.</param>
    /// <returns>The grid.</returns>
    /// <exception cref="FormatException">A malformed size, an unknown or repeated profile, a malformed parameter set, or too many boots.</exception>
    public static SweepGrid Parse(IEnumerable<string> ram, IEnumerable<string> kernels, IEnumerable<string> whatIfs)
    {
        ArgumentNullException.ThrowIfNull(ram);
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentNullException.ThrowIfNull(whatIfs);
        var sizes = new List<SweepRam>();
        foreach (var list in ram)
        {
            sizes.AddRange(SweepRam.ParseList(list));
            if (sizes.Count > SweepRam.MaxSizes)
                throw new FormatException($"--ram: more than {SweepRam.MaxSizes} sizes");
        }
        var profiles = new List<KernelProfile>();
        foreach (var name in kernels.SelectMany(k => k.Split(',')).Select(n => n.Trim()))
        {
            if (!BuiltInProfiles.TryGet(name, out var profile))
                throw new FormatException($"--kernel: unknown kernel profile '{name}' (built in: {string.Join(", ", BuiltInProfiles.Names)})");
            if (profiles.Any(p => p.Name == profile.Name))
                throw new FormatException($"--kernel: '{name}' is listed twice");
            profiles.Add(profile);
        }
        if (profiles.Count == 0)
            profiles.Add(BuiltInProfiles.Get(BuiltInProfiles.DebianArm64));
        var sets = new List<SweepParameters>();
        foreach (var text in whatIfs)
        {
            var set = SweepParameters.Parse(text);
            if (sets.Any(s => s.Text == set.Text))
                throw new FormatException($"--what-if: '{set.Text}' is given twice");
            sets.Add(set);
        }
        if (sets.Count == 0)
            sets.Add(SweepParameters.AsGiven);
        return new SweepGrid(sizes, profiles, sets);
    }
}
