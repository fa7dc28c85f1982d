namespace MemblockSharp.Boot.Buddy;

public sealed partial class Zone
{
    /// <summary>The free blocks of every free list, ascending by pfn within each merge class.</summary>
    /// <returns>The blocks (Movable for ordinary pageblocks, Cma for CMA pageblocks).</returns>
    public IEnumerable<FreeBlock> FreeBlocks()
    {
        foreach (var b in Decompose(_free, MigrateType.Movable))
            yield return b;
        foreach (var b in Decompose(_freeCma, MigrateType.Cma))
            yield return b;
    }

    /// <summary><c>free_area[order].nr_free</c> for every order (the numbers of <c>/proc/buddyinfo</c>).</summary>
    /// <returns>One count per order 0 … MaxOrder − 1.</returns>
    public ulong[] FreeCountsByOrder()
    {
        var counts = new ulong[MaxOrder];
        AddCounts(_free, counts);
        AddCounts(_freeCma, counts);
        return counts;
    }

    /// <summary>Free block counts per order for one migrate type (a row of <c>/proc/pagetypeinfo</c>).</summary>
    /// <param name="type">The migrate type.</param>
    /// <returns>One count per order.</returns>
    public ulong[] FreeCountsByOrder(MigrateType type)
    {
        var counts = new ulong[MaxOrder];
        if (type == MigrateType.Movable)
            AddCounts(_free, counts);
        else if (type == MigrateType.Cma)
            AddCounts(_freeCma, counts);
        return counts;
    }

    private void AddCounts(PfnRangeSet set, ulong[] counts)
    {
        foreach (var (_, order, count) in Segments(set))
            counts[order] += count;
    }

    /// <summary>
    /// Allocates <c>2^order</c> pages the way <c>__rmqueue_smallest</c> does: the smallest free block of at least that
    /// order is taken and split, the unused halves going back to the free lists. Among blocks of the same order the
    /// lowest pfn is taken (the kernel takes the list head, whose identity depends on free order and, on these
    /// kernels, on page shuffling). CMA pageblocks are used only when <paramref name="allowCma"/> is set and nothing
    /// else fits.
    /// </summary>
    /// <param name="order">The order.</param>
    /// <param name="allowCma">Whether a movable allocation may fall back to CMA pageblocks.</param>
    /// <returns>The first pfn of the block, or null when no block is large enough.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The order is not below <see cref="MaxOrder"/>.</exception>
    public ulong? Allocate(int order, bool allowCma = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(order, MaxOrder);
        var pfn = TakeSmallest(_free, order);
        if (pfn is null && allowCma)
            pfn = TakeSmallest(_freeCma, order);
        return pfn;
    }

    /// <summary>Frees a block allocated with <see cref="Allocate"/>; it merges with its free buddies.</summary>
    /// <param name="pfn">First pfn of the block.</param>
    /// <param name="order">The order it was allocated with.</param>
    /// <exception cref="ArgumentException">The pfn is not aligned to the order.</exception>
    /// <exception cref="InvalidOperationException">Part of the block is already free (double free).</exception>
    public void Free(ulong pfn, int order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(order, MaxOrder);
        if ((pfn & ((1UL << order) - 1)) != 0)
            throw new ArgumentException($"pfn {pfn:x} is not aligned to order {order}", nameof(pfn));
        InsertFree(pfn, pfn + (1UL << order));
    }

    private ulong? TakeSmallest(PfnRangeSet set, int order)
    {
        int bestOrder = int.MaxValue;
        ulong bestPfn = 0;
        foreach (var (pfn, o, _) in Segments(set))
        {
            if (o >= order && o < bestOrder)
            {
                bestOrder = o;
                bestPfn = pfn;
                if (bestOrder == order)
                    break;
            }
        }
        if (bestOrder == int.MaxValue)
            return null;
        set.Remove(bestPfn, bestPfn + (1UL << order));
        return bestPfn;
    }

    // Greedy split of each run into the largest aligned blocks, capped at MAX_ORDER - 1: the shape the buddy
    // allocator reaches because buddies always merge (and the same chunking __free_pages_memory uses).
    private IEnumerable<FreeBlock> Decompose(PfnRangeSet set, MigrateType type)
    {
        foreach (var (first, order, count) in Segments(set))
        {
            for (ulong i = 0; i < count; i++)
                yield return new FreeBlock(first + (i << order), order, type);
        }
    }

    // The same split as runs of equal blocks (first pfn, order, number of blocks): a stretch of MAX_ORDER - 1 blocks
    // is one segment, so a run yields at most about 2 × MAX_ORDER segments however many pages it holds.
    private IEnumerable<(ulong Pfn, int Order, ulong Count)> Segments(PfnRangeSet set)
    {
        foreach (var (start, end) in set.Runs)
        {
            ulong pfn = start;
            while (pfn < end)
            {
                int order = ChunkOrder(pfn, end, MaxOrder);
                ulong count = order == MaxOrder - 1 ? (end - pfn) >> order : 1;
                yield return (pfn, order, count);
                pfn += count << order;
            }
        }
    }

    /// <summary>
    /// The order of the next chunk when freeing <c>[pfn, end)</c> the way <c>__free_pages_memory</c> does: the
    /// largest order allowed by the alignment of <paramref name="pfn"/>, at most <c>maxOrder − 1</c>, that still fits.
    /// </summary>
    /// <param name="pfn">Current pfn.</param>
    /// <param name="end">End of the range (exclusive).</param>
    /// <param name="maxOrder"><c>MAX_ORDER</c>.</param>
    /// <returns>The order.</returns>
    public static int ChunkOrder(ulong pfn, ulong end, int maxOrder)
    {
        int order = pfn == 0 ? maxOrder - 1 : Math.Min(maxOrder - 1, System.Numerics.BitOperations.TrailingZeroCount(pfn));
        while (pfn + (1UL << order) > end)
            order--;
        return order;
    }
}
