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
    /// <summary>Runs every step of <paramref name="case"/> from a fresh memblock configured by its setup.</summary>
    /// <param name="case">A parsed case.</param>
    /// <param name="storage">How the tables are stored: the indexed core (default) or the reference array.</param>
    /// <param name="indexedChunkCapacity">The chunk size of the indexed core (<see cref="MemblockOptions.IndexedChunkCapacity"/>); only the cost changes.</param>
    /// <returns>The outcome, with the first divergence if any.</returns>
    public static ConformanceOutcome Run(ConformanceCase @case, RegionStorage storage = RegionStorage.Indexed,
        int indexedChunkCapacity = MemblockOptions.DefaultIndexedChunkCapacity)
    {
        var memblock = ConformanceSetup.Create(@case.Setup, storage, indexedChunkCapacity);
        for (int i = 0; i < @case.Steps.Count; i++)
        {
            var step = @case.Steps[i];
            var result = ConformanceOps.Run(memblock, step.Op, step.Args);

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
        }
        return new ConformanceOutcome(@case, null);
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
