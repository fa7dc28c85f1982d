using MemblockSharp.Boot.Comparison;

namespace MemblockSharp.Boot.Sweep;

/// <summary>
/// One parameter set of a sweep: kernel parameters applied on top of the command line the boot would use
/// (<c>--cmdline</c>, else the device tree's <c>/chosen/bootargs</c>), exactly as <c>memblock boot --what-if</c> applies
/// them (<see cref="CommandLineOverride"/>), or <see cref="AsGiven"/>: the command line unchanged.
/// </summary>
public sealed class SweepParameters
{
    /// <summary>What names the unchanged command line on the command line (<c>--what-if none</c>) and in the output.</summary>
    public const string AsGivenText = "none";

    private readonly CommandLineOverride? _override;

    private SweepParameters(string text, CommandLineOverride? change)
    {
        Text = text;
        _override = change;
    }

    /// <summary>The command line as given, without changes.</summary>
    public static SweepParameters AsGiven { get; } = new(AsGivenText, null);

    /// <summary>The parameters as given, blanks trimmed (<c>cma=64M crashkernel=128M</c>), or <see cref="AsGivenText"/>.</summary>
    public string Text { get; }

    /// <summary>Parses one <c>--what-if</c> value.</summary>
    /// <param name="text">Kernel parameters (<c>cma=128M crashkernel=256M mem=1G</c>, <c>-NAME</c> removes), or <c>none</c> for the command line as given.</param>
    /// <returns>The parameter set.</returns>
    /// <exception cref="CommandLineOverrideException">A parameter the simulation does not know, a malformed value, an empty set.</exception>
    public static SweepParameters Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed == AsGivenText)
            return AsGiven;
        return new SweepParameters(trimmed, CommandLineOverride.Parse(trimmed));
    }

    /// <summary>The command line the boot gets.</summary>
    /// <param name="commandLine">The command line without these parameters.</param>
    /// <returns>The command line with them applied (unchanged for <see cref="AsGiven"/>).</returns>
    public string ApplyTo(string commandLine) => _override is null ? commandLine : _override.ApplyTo(commandLine);

    /// <inheritdoc/>
    public override string ToString() => Text;
}
