using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MemblockSharp.Conformance;

/// <summary>
/// Replays recorded cases through <see cref="Memblock"/> and reports the first place where our result or state differs
/// from what Linux recorded.
/// </summary>
public static class ConformanceRunner
{
    /// <summary>
    /// Runs every step of <paramref name="case"/> from a fresh memblock configured by its setup, with the rules of
    /// <paramref name="version"/>, or of the case's own <c>kernel</c> field when none is given (see <see cref="VersionOf"/>).
    /// </summary>
    /// <param name="case">A parsed case.</param>
    /// <param name="storage">How the tables are stored: the indexed core (default) or the reference array.</param>
    /// <param name="indexedChunkCapacity">The chunk size of the indexed core (<see cref="MemblockOptions.IndexedChunkCapacity"/>); only the cost changes.</param>
    /// <param name="version">The kernel release to follow; null to take it from the case.</param>
    /// <returns>The outcome, with the first divergence if any.</returns>
    /// <exception cref="ConformanceFormatException">The case names a kernel release that is not modelled (and no
    /// <paramref name="version"/> is given), or uses an op that the chosen release does not have.</exception>
    public static ConformanceOutcome Run(ConformanceCase @case, RegionStorage storage = RegionStorage.Indexed,
        int indexedChunkCapacity = MemblockOptions.DefaultIndexedChunkCapacity, MemblockVersion? version = null)
    {
        var kernel = VersionOf(@case, version);
        for (int i = 0; i < @case.Steps.Count; i++)
        {
            if (!ConformanceOps.ExistsIn(@case.Steps[i].Op, kernel))
                throw new ConformanceFormatException(@case.LineNumber,
                    $"case {@case.Id} step {i}: op \"{@case.Steps[i].Op}\" does not exist in Linux {MemblockVersions.Name(kernel)}");
        }

        var memblock = ConformanceSetup.Create(@case.Setup, storage, indexedChunkCapacity, kernel);
        for (int i = 0; i < @case.Steps.Count; i++)
        {
            var step = @case.Steps[i];
            ConformanceOps.Result result;
            string? panic = null;
            try
            {
                result = ConformanceOps.Run(memblock, step.Op, step.Args);
            }
            catch (MemblockPanicException ex)
            {
                panic = ex.Message;
                result = new ConformanceOps.Result("null");
            }

            if (step.Panic != panic)
                return Diverged(@case, i, step, "panic", step.Panic ?? "no panic", panic ?? "no panic");
            if ((step.Undefined is null) != (result.Undefined is null))
                return Diverged(@case, i, step, "undefined", step.Undefined ?? "a defined result", result.Undefined ?? "a defined result");
            string expectedRet = JsonValues.Canonical(step.Ret);
            if (expectedRet != result.Ret)
                return Diverged(@case, i, step, "ret", expectedRet, result.Ret);
            if (step.Out is { } expectedOut && result.Out is not null)
            {
                string canonical = JsonValues.Canonical(expectedOut);
                if (canonical != result.Out)
                    return Diverged(@case, i, step, "out", canonical, result.Out);
            }
            if (step.Memory is { } memory && Compare(memory, memblock.Memory) is { } memoryDiff)
                return Diverged(@case, i, step, "memory", memoryDiff.Expected, memoryDiff.Actual);
            if (step.Reserved is { } reserved && Compare(reserved, memblock.Reserved) is { } reservedDiff)
                return Diverged(@case, i, step, "reserved", reservedDiff.Expected, reservedDiff.Actual);
            if (panic is not null)
                break; // the kernel stops; the reader made sure no step follows a recorded panic
        }
        return new ConformanceOutcome(@case, null);
    }

    /// <summary>
    /// The kernel release a case runs with: <paramref name="requested"/> when given, else the case's <c>kernel</c> field
    /// (6.1.x or 6.12.x), else Linux 6.1 (the 6.1 vectors' schema has the field, older files may not).
    /// </summary>
    /// <param name="case">The case.</param>
    /// <param name="requested">A release chosen by the caller, overriding the case's.</param>
    /// <returns>The release.</returns>
    /// <exception cref="ConformanceFormatException">The case's release is not one this library models and none was requested.</exception>
    public static MemblockVersion VersionOf(ConformanceCase @case, MemblockVersion? requested = null)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (requested is { } v)
            return v;
        if (@case.Kernel is null)
            return MemblockVersion.Linux6_1;
        return MemblockVersions.TryParse(@case.Kernel, out var parsed)
            ? parsed
            : throw new ConformanceFormatException(@case.LineNumber,
                $"case {@case.Id}: kernel \"{@case.Kernel}\" is not a modelled release (6.1 or 6.12); choose one with --kernel-version");
    }

    private static ConformanceOutcome Diverged(ConformanceCase @case, int index, ConformanceStep step, string what, string expected, string actual) =>
        new(@case, new ConformanceDivergence(index, step.Op, what, expected, actual));

    /// <summary>Compares a recorded table with ours; null when equal, else both in canonical text.</summary>
    private static (string Expected, string Actual)? Compare(JsonElement recorded, MemblockType actual)
    {
        string expected = JsonValues.Canonical(recorded);
        string ours = Canonical(actual);
        return expected == ours ? null : (expected, ours);
    }

    /// <summary>
    /// A table in the canonical text of the vectors' <c>TYPE</c> object (<c>{cnt:..,max:..,regions:[..],total:..}</c>):
    /// two tables are identical exactly when their canonical texts are equal.
    /// </summary>
    /// <param name="type">The table.</param>
    /// <returns>Its canonical text.</returns>
    public static string Canonical(MemblockType type)
    {
        var sb = new StringBuilder();
        sb.Append("{cnt:").Append(type.Count.ToString(CultureInfo.InvariantCulture))
          .Append(",max:").Append(type.Capacity.ToString(CultureInfo.InvariantCulture))
          .Append(",regions:[");
        var regions = type.Regions;
        for (int i = 0; i < regions.Length; i++)
        {
            if (i > 0)
                sb.Append(',');
            var r = regions[i];
            sb.Append('[').Append(JsonValues.Hex(r.Base)).Append(',').Append(JsonValues.Hex(r.Size)).Append(',')
              .Append(((uint)r.Flags).ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(r.Nid.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        sb.Append("],total:").Append(JsonValues.Hex(type.TotalSize)).Append('}');
        return sb.ToString();
    }
}
