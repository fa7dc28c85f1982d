using MemblockSharp.Boot.Replay;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Explain;

/// <summary>How a category of reserved memory is known.</summary>
public enum CategoryStatus
{
    /// <summary>The log states its size (a kernel line prints it).</summary>
    Logged,
    /// <summary>The boot simulation placed it and every fact the log states about it agrees.</summary>
    Simulated,
    /// <summary>The simulation places it differently from what the log states (see the checks).</summary>
    SimulatedInconsistent,
    /// <summary>Computed by the kernel's rule from figures the log states (e.g. the memmap from the page count); not printed by the kernel.</summary>
    Estimated,
    /// <summary>The rest: reserved memory that neither the log nor the simulation accounts for.</summary>
    Unexplained,
}

/// <summary>One category of the memory that is not in MemTotal.</summary>
/// <param name="Name">What took it (kernel image, CMA, swiotlb, ...).</param>
/// <param name="Bytes">How much.</param>
/// <param name="Status">How it is known.</param>
/// <param name="Evidence">The log lines or the rule behind the figure.</param>
public sealed record ExplainCategory(string Name, long Bytes, CategoryStatus Status, string Evidence);

/// <summary>A fact the log states, compared with the simulated boot.</summary>
/// <param name="Fact">What is compared (the Memory: line, where CMA landed, ...).</param>
/// <param name="Logged">What the log says.</param>
/// <param name="Simulated">What the simulation gives.</param>
/// <param name="Agrees">True when they are equal.</param>
public sealed record ExplainCheck(string Fact, string Logged, string Simulated, bool Agrees);

/// <summary>The figures of the log's <c>Memory:</c> line, in KiB.</summary>
/// <param name="LineNumber">Its line.</param>
/// <param name="Legacy">True for the form before 3.13 (<c>Memory: Nk/Nk available, Nk reserved, NK highmem</c>).</param>
/// <param name="TotalKiB">The RAM the line counts: present pages (new form), or the pages in the memory map (legacy: available + reserved).</param>
/// <param name="AvailableKiB">The first figure (free pages at the line).</param>
/// <param name="ReservedKiB">The "reserved" figure.</param>
/// <param name="CmaKiB">The "cma-reserved" figure (0 when not printed).</param>
/// <param name="HasCmaField">True when the line prints "cma-reserved" (3.19 and later).</param>
/// <param name="HighmemKiB">The "highmem" figure (0 when not printed).</param>
/// <param name="Sections">The kernel image sections it prints (kernel code, rwdata, rodata, init, bss), KiB.</param>
public sealed record MemoryLineFacts(int LineNumber, bool Legacy, long TotalKiB, long AvailableKiB, long ReservedKiB, long CmaKiB, bool HasCmaField,
    long HighmemKiB, IReadOnlyDictionary<string, long> Sections);

/// <summary>Everything <see cref="LogExplainer"/> found: the kernel, the path from RAM to MemTotal, where the reserved memory went.</summary>
public sealed class ExplainResult
{
    internal ExplainResult(KernelLog.KernelLogDocument log, KernelIdentity kernel)
    {
        Log = log;
        Kernel = kernel;
    }

    /// <summary>The log as read (leniently: its notes name every line skipped).</summary>
    public KernelLog.KernelLogDocument Log { get; }

    /// <summary>The kernel that printed it.</summary>
    public KernelIdentity Kernel { get; }

    /// <summary>The kernel profile the boot was simulated with, or null (no DTB, or no profile for the architecture).</summary>
    public string? Profile { get; internal set; }

    /// <summary>
    /// The release whose debugfs format the simulated tables print in (<see cref="LogExplainer.DebugfsText(IReadOnlyList{MemblockRegion}, MemblockVersion, int)"/>):
    /// the simulated profile's, 6.1 without a simulation.
    /// </summary>
    public MemblockVersion TableFormat { get; internal set; } = MemblockVersion.Linux6_1;

    /// <summary>How the profile was chosen (<c>--kernel</c>, the banner, the closest built-in, ...).</summary>
    public string? ProfileReason { get; internal set; }

    /// <summary>The <c>Memory:</c> line's figures, or null when the log has none.</summary>
    public MemoryLineFacts? MemoryLine { get; internal set; }

    /// <summary>The path from physical RAM to MemTotal (empty without a <c>Memory:</c> line).</summary>
    public IReadOnlyList<PathStep> Path { get; internal set; } = [];

    /// <summary>The MemTotal the path arrives at, KiB; null without a <c>Memory:</c> line.</summary>
    public long? MemTotalKiB { get; internal set; }

    /// <summary>The MemTotal of <c>/proc/meminfo</c> when one was given (live mode), KiB.</summary>
    public long? MeminfoMemTotalKiB { get; internal set; }

    /// <summary>What <see cref="ReservedBytes"/> is: the <c>Memory:</c> line's "reserved" figure (log alone), or RAM minus MemTotal (simulated).</summary>
    public string AccountBasis { get; internal set; } = "";

    /// <summary>The amount the categories divide up, bytes (see <see cref="AccountBasis"/>).</summary>
    public long ReservedBytes { get; internal set; }

    /// <summary>The categories of <see cref="ReservedBytes"/>; with <see cref="UnexplainedBytes"/> they sum to it.</summary>
    public IReadOnlyList<ExplainCategory> Categories { get; internal set; } = [];

    /// <summary>Memory outside the "reserved" figure that is still worth naming (CMA, which comes back to MemTotal; highmem).</summary>
    public IReadOnlyList<ExplainCategory> Outside { get; internal set; } = [];

    /// <summary>The part of <see cref="ReservedBytes"/> no category accounts for (negative when the categories overlap or over-count).</summary>
    public long UnexplainedBytes { get; internal set; }

    /// <summary>Each logged fact compared with the simulated boot (empty without a simulation).</summary>
    public IReadOnlyList<ExplainCheck> Checks { get; internal set; } = [];

    /// <summary>What was not modelled or could not be used, in words.</summary>
    public IReadOnlyList<string> Warnings { get; internal set; } = [];

    /// <summary>The simulated boot, when a DTB and a profile were available.</summary>
    public BootResult? Simulation { get; internal set; }

    /// <summary>True when a simulation ran and every check agrees.</summary>
    public bool Consistent => Simulation is not null && Checks.All(c => c.Agrees);
}
