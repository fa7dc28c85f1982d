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

    /// <summary>Removes every region (the empty table of Linux 6.12, <c>cnt</c> 0).</summary>
    void Clear();

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
    /// <remarks>
    /// Written without a data-dependent branch in the loop (the comparison's 0/1 result scales the step), because a
    /// search over random addresses would mispredict about every second branch.
    /// </remarks>
    public static int CountKeysAtMost(ReadOnlySpan<MemblockRegion> regions, ulong address, bool byEnd) =>
        byEnd ? CountEndsAtMost(regions, address) : CountBasesAtMost(regions, address);

    /// <summary><see cref="CountKeysAtMost"/> by end.</summary>
    private static int CountEndsAtMost(ReadOnlySpan<MemblockRegion> regions, ulong address)
    {
        int n = regions.Length;
        if (n == 0)
            return 0;
        // Invariant: every region before lo has its key at most address; the answer lies in [lo, lo + n].
        int lo = 0;
        while (n > 1)
        {
            int half = n >>> 1;
            lo += half & -AtMost(regions[lo + half - 1].End, address);
            n -= half;
        }
        return lo + AtMost(regions[lo].End, address);
    }

    /// <summary><see cref="CountKeysAtMost"/> by base.</summary>
    private static int CountBasesAtMost(ReadOnlySpan<MemblockRegion> regions, ulong address)
    {
        int n = regions.Length;
        if (n == 0)
            return 0;
        int lo = 0;
        while (n > 1)
        {
            int half = n >>> 1;
            lo += half & -AtMost(regions[lo + half - 1].Base, address);
            n -= half;
        }
        return lo + AtMost(regions[lo].Base, address);
    }

    /// <summary>1 when <paramref name="key"/> ≤ <paramref name="address"/>, else 0 (a flag set, not a branch).</summary>
    private static int AtMost(ulong key, ulong address) => key <= address ? 1 : 0;
}
