namespace MemblockSharp.Storage;

/// <summary>
/// How a <see cref="MemblockType"/> keeps its regions: an ordered sequence addressed by index, exactly the kernel's
/// array as far as anyone can observe. Implementations differ only in cost.
/// </summary>
/// <remarks>
/// Every region of a non-empty table has a positive size, so both bases and ends strictly increase with the index;
/// the two counting searches rely on that. Mutations go through <see cref="Set"/>, <see cref="Insert"/> and
/// <see cref="RemoveAt"/> so that a store can note where neighbours may have become mergeable.
/// </remarks>
internal interface IRegionStore
{
    /// <summary>The number of regions held.</summary>
    int Count { get; }

    /// <summary>The region at <paramref name="index"/>.</summary>
    MemblockRegion this[int index] { get; }

    /// <summary>Replaces the region at <paramref name="index"/>.</summary>
    void Set(int index, MemblockRegion region);

    /// <summary>Inserts <paramref name="region"/> before <paramref name="index"/>.</summary>
    void Insert(int index, MemblockRegion region);

    /// <summary>Deletes the region at <paramref name="index"/>.</summary>
    void RemoveAt(int index);

    /// <summary>Replaces the whole content with the single <paramref name="region"/>.</summary>
    void ResetTo(MemblockRegion region);

    /// <summary>The number of regions whose end is at most <paramref name="address"/>: the index of the first region ending above it.</summary>
    int CountEndsAtMost(ulong address);

    /// <summary>The number of regions whose base is at most <paramref name="address"/>: the index of the first region starting above it.</summary>
    int CountBasesAtMost(ulong address);

    /// <summary>Merges every pair of neighbours that touch and have equal node and flags (the kernel's whole-array merge).</summary>
    void MergeAll();

    /// <summary>The regions in order, as one span (may copy).</summary>
    ReadOnlySpan<MemblockRegion> AsSpan();

    /// <summary>
    /// The contiguous run of regions that holds <paramref name="index"/>: the array itself, the regions from global index
    /// <paramref name="start"/> being at positions 0 .. <paramref name="count"/> − 1. Valid until the next change.
    /// </summary>
    MemblockRegion[] ChunkContaining(int index, out int start, out int count);

    /// <summary>Prepares for a table of <paramref name="capacity"/> entries (the array store allocates them; others may ignore it).</summary>
    void EnsureCapacity(int capacity);
}

/// <summary>The rules both stores share: when neighbours merge, and how a sorted run is searched.</summary>
internal static class RegionRules
{
    /// <summary>Whether <paramref name="left"/> and its successor <paramref name="right"/> merge into one region.</summary>
    public static bool Mergeable(in MemblockRegion left, in MemblockRegion right) =>
        left.End == right.Base && left.Nid == right.Nid && left.Flags == right.Flags;

    /// <summary>The search key of a region: its end, or its base.</summary>
    public static ulong Key(in MemblockRegion region, bool byEnd) => byEnd ? region.End : region.Base;

    /// <summary>The number of leading regions of a sorted run whose key is at most <paramref name="address"/> (binary search).</summary>
    public static int CountKeysAtMost(ReadOnlySpan<MemblockRegion> regions, ulong address, bool byEnd)
    {
        int lo = 0, hi = regions.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Key(regions[mid], byEnd) <= address)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
