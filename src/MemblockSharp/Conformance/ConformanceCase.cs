using System.Text.Json;

namespace MemblockSharp.Conformance;

/// <summary>One recorded case: a sequence of memblock calls with the results and states a Linux kernel produced.</summary>
/// <param name="Id">The case id, e.g. <c>hand-add-disjoint</c>.</param>
/// <param name="Family">The case family (<c>handcrafted</c>, <c>random</c>, <c>kselftest</c>).</param>
/// <param name="LineNumber">The 1-based line of the case in its file.</param>
/// <param name="Setup">The <c>setup</c> object.</param>
/// <param name="Steps">The steps in order.</param>
public sealed record ConformanceCase(string Id, string Family, int LineNumber, JsonElement Setup, IReadOnlyList<ConformanceStep> Steps)
{
    /// <summary>The case's <c>kernel</c> field (e.g. <c>6.12.118</c>), or null when it has none (then Linux 6.1 is assumed).</summary>
    public string? Kernel { get; init; }
}

/// <summary>One step of a case: the operation, its arguments and what the kernel recorded after it.</summary>
/// <param name="Op">The operation name, e.g. <c>reserve</c>.</param>
/// <param name="Args">The <c>args</c> object.</param>
/// <param name="Ret">The recorded return value.</param>
/// <param name="Out">The recorded out-parameters, when the op has any.</param>
/// <param name="Memory">The recorded memory table after the step, when recorded.</param>
/// <param name="Reserved">The recorded reserved table after the step, when recorded.</param>
public sealed record ConformanceStep(string Op, JsonElement Args, JsonElement Ret, JsonElement? Out, JsonElement? Memory, JsonElement? Reserved)
{
    /// <summary>The kernel's panic message when the step panicked (6.12; the case ends there), else null.</summary>
    public string? Panic { get; init; }

    /// <summary>Why the kernel's result is undefined on this step (its <c>ret</c> is then null), else null.</summary>
    public string? Undefined { get; init; }
}

/// <summary>Where a case first diverged from the recording.</summary>
/// <param name="StepIndex">The 0-based index of the step.</param>
/// <param name="Op">The step's operation.</param>
/// <param name="What">What differed: <c>ret</c>, <c>out</c>, <c>panic</c>, <c>undefined</c>, <c>memory</c> or <c>reserved</c>.</param>
/// <param name="Expected">The recorded value, in canonical text.</param>
/// <param name="Actual">Our value, in the same canonical text.</param>
public sealed record ConformanceDivergence(int StepIndex, string Op, string What, string Expected, string Actual)
{
    /// <inheritdoc />
    public override string ToString() => $"step {StepIndex} {Op}: {What} expected {Expected}, got {Actual}";
}

/// <summary>The outcome of running one case.</summary>
/// <param name="Case">The case.</param>
/// <param name="Divergence">The first divergence, or null when every check passed.</param>
public sealed record ConformanceOutcome(ConformanceCase Case, ConformanceDivergence? Divergence)
{
    /// <summary>True when every recorded value matched.</summary>
    public bool Passed => Divergence is null;
}
