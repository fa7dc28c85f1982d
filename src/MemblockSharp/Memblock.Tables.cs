using MemblockSharp.Text;

namespace MemblockSharp;

// The table primitives every public operation is built from: add a range, isolate a range, remove a range,
// and grow a full array.
public sealed partial class Memblock
{
    /// <summary>
    /// Adds <c>[base, base + size)</c> to <paramref name="type"/> (<c>memblock_add_range</c>). Parts already covered keep
    /// their attributes; only the uncovered pieces are inserted with <paramref name="nid"/> and <paramref name="flags"/>,
    /// then neighbours merge (6.1: over the whole array; 6.12: around the inserted pieces). A range that is already fully
    /// covered changes nothing, not even by merging.
    /// </summary>
    /// <returns>0, or <see cref="ENOMEM"/> when the array is too small and cannot double (nothing changes then).</returns>
    /// <exception cref="MemblockPanicException">6.12: the array is full and resizing is not allowed.</exception>
    internal int AddRange(MemblockType type, ulong @base, ulong size, int nid, MemblockFlags flags)
    {
        size = CapSize(@base, size);
        ulong end = @base + size;
        if (size == 0)
            return 0;

        if (type.IsEmpty)
        {
            type.SetFirst(@base, size, nid, flags);
            return 0;
        }

        if (AddIntoGap(type, @base, size, nid, flags))
            return 0;

        // When the array has room for cnt + 1 more entries no add can overflow it, so insert on the first pass;
        // otherwise count first.
        bool insert = Rules.AddInsertsAtOnce(type.Count, type.Capacity);
        while (true)
        {
            int newPieces = InsertUncovered(type, @base, end, nid, flags, insert, out int firstInserted, out int endInserted);
            if (newPieces == 0)
                return 0; // fully covered already: nothing inserted, and no merge either
            if (insert)
            {
                MergeTouched(type, firstInserted, endInserted);
                return 0;
            }
            while (type.Count + newPieces > type.Capacity)
            {
                if (DoubleArray(type, @base, size) < 0)
                    return ENOMEM;
            }
            insert = true;
        }
    }

    /// <summary>
    /// Merges neighbours after regions <c>[startRegion, endRegion)</c> were inserted or changed, as the release does:
    /// the whole array in 6.1, the pairs from <c>startRegion − 1</c> to <paramref name="endRegion"/> in 6.12.
    /// </summary>
    private void MergeTouched(MemblockType type, int startRegion, int endRegion)
    {
        if (Rules.MergesWholeArray)
            type.MergeAll();
        else
            type.MergeRange(startRegion, endRegion);
    }

    /// <summary>
    /// The common case of an add: the range overlaps no region of an ordered, non-empty table, so it is one new piece
    /// between two regions, and the array has room for it. The kernel's two passes (count the pieces, then insert them)
    /// come down to one search here. In 6.1 the piece is put in merging with the neighbour it continues (see
    /// <see cref="MemblockType.InsertMerging"/>), then the table is merged as the kernel merges it; in 6.12 it is inserted
    /// and merged with its two neighbours only. A full array (the kernel would double it first, even when the piece
    /// merges) is left to the general path.
    /// </summary>
    /// <returns>True when the range was added; false when the general path must do it (nothing changes then).</returns>
    private bool AddIntoGap(MemblockType type, ulong @base, ulong size, int nid, MemblockFlags flags)
    {
        if (!type.Ordered || type.Count >= type.Capacity)
            return false;
        int idx = type.FirstEndingAbove(@base);
        if (idx < type.Count && type[idx].Base < @base + size)
            return false;
        if (Rules.MergesWholeArray)
        {
            type.InsertMerging(idx, @base, size, nid, flags);
            type.MergeAll();
        }
        else
        {
            type.InsertAt(idx, @base, size, nid, flags);
            type.MergeRange(idx, idx + 1);
        }
        return true;
    }

    /// <summary>
    /// Walks the regions overlapping <c>[base, end)</c> and counts (and, when <paramref name="insert"/>, inserts) the pieces
    /// of the range that no region covers; <paramref name="firstInserted"/> and <paramref name="endInserted"/> give the
    /// index of the first piece inserted and one past the last (both 0 when none was).
    /// </summary>
    private static int InsertUncovered(MemblockType type, ulong @base, ulong end, int nid, MemblockFlags flags, bool insert,
        out int firstInserted, out int endInserted)
    {
        int pieces = 0;
        firstInserted = -1;
        endInserted = 0;
        // Regions ending at or below base cannot overlap: start at the first one ending above it.
        int idx = type.FirstEndingAbove(@base);
        for (; idx < type.Count; idx++)
        {
            var region = type[idx];
            ulong rbase = region.Base, rend = region.End;
            if (rbase >= end)
                break;
            if (rend <= @base)
                continue;
            if (rbase > @base)
            {
                pieces++;
                if (insert)
                {
                    if (firstInserted < 0)
                        firstInserted = idx;
                    endInserted = idx + 1;
                    type.InsertAt(idx++, @base, rbase - @base, nid, flags);
                }
            }
            @base = Math.Min(rend, end);
        }
        if (@base < end)
        {
            pieces++;
            if (insert)
            {
                if (firstInserted < 0)
                    firstInserted = idx;
                endInserted = idx + 1;
                type.InsertAt(idx, @base, end - @base, nid, flags);
            }
        }
        if (firstInserted < 0)
            firstInserted = 0;
        return pieces;
    }

    /// <summary>
    /// Splits the regions of <paramref name="type"/> at both ends of <c>[base, base + size)</c>, so that the range is
    /// covered by whole regions <c>[startRegion, endRegion)</c> (<c>memblock_isolate_range</c>). Makes room for two
    /// extra entries first, doubling the array if needed, even when no split turns out to be needed. Does not merge.
    /// </summary>
    /// <returns>0, or <see cref="ENOMEM"/> when room could not be made (nothing changes then).</returns>
    /// <exception cref="MemblockPanicException">6.12: room is needed and resizing is not allowed.</exception>
    internal int IsolateRange(MemblockType type, ulong @base, ulong size, out int startRegion, out int endRegion)
    {
        size = CapSize(@base, size);
        ulong end = @base + size;
        startRegion = endRegion = 0;
        if (size == 0)
            return 0;

        while (type.Count + 2 > type.Capacity)
        {
            if (DoubleArray(type, @base, size) < 0)
                return ENOMEM;
        }

        for (int idx = type.FirstEndingAbove(@base); idx < type.Count; idx++)
        {
            var region = type[idx];
            ulong rbase = region.Base, rend = region.End;
            if (rbase >= end)
                break;
            if (rend <= @base)
                continue;

            if (rbase < @base)
            {
                // Overlaps from below: keep the top half in place, insert the bottom half before it, go on with the top.
                type.Set(idx, region with { Base = @base, Size = region.Size - (@base - rbase) });
                type.TotalSize -= @base - rbase;
                type.InsertAt(idx, rbase, @base - rbase, region.Nid, region.Flags);
            }
            else if (rend > end)
            {
                // Overlaps from above: keep the top part in place, insert the bottom part, and look at it again.
                type.Set(idx, region with { Base = end, Size = region.Size - (end - rbase) });
                type.TotalSize -= end - rbase;
                type.InsertAt(idx--, rbase, end - rbase, region.Nid, region.Flags);
            }
            else
            {
                if (endRegion == 0)
                    startRegion = idx;
                endRegion = idx + 1;
            }
        }
        return 0;
    }

    /// <summary>Deletes <c>[base, base + size)</c> from <paramref name="type"/> (<c>memblock_remove_range</c>). Does not merge.</summary>
    /// <returns>0, or <see cref="ENOMEM"/> when the range could not be isolated (nothing changes then).</returns>
    internal int RemoveRange(MemblockType type, ulong @base, ulong size)
    {
        int ret = IsolateRange(type, @base, size, out int start, out int end);
        if (ret != 0)
            return ret;
        for (int i = end - 1; i >= start; i--)
            type.RemoveAt(i, NoNode);
        return 0;
    }

    /// <summary>
    /// Doubles the array of <paramref name="type"/> (<c>memblock_double_array</c>). The new array is found by the normal
    /// finder (page aligned, any node, current direction) below <see cref="CurrentLimit"/>; for the reserved table the
    /// range the caller is about to insert, <c>[newAreaStart, newAreaStart + newAreaSize)</c>, is avoided. The old array is
    /// freed from <see cref="Reserved"/> unless it is the initial static one, and the new one is reserved.
    /// </summary>
    /// <returns>0, or -1 when resizing is not allowed (6.1) or no free block is large enough (nothing changes then).</returns>
    /// <exception cref="MemblockPanicException">6.12: resizing is not allowed (<c>memblock: cannot resize NAME array</c>).</exception>
    internal int DoubleArray(MemblockType type, ulong newAreaStart, ulong newAreaSize)
    {
        if (!ResizeAllowed)
        {
            if (Rules.PanicsWhenResizeForbidden)
                throw new MemblockPanicException($"memblock: cannot resize {type.Name} array");
            return -1;
        }

        ulong entry = Options.RegionEntrySize;
        ulong oldSize = (ulong)type.Capacity * entry;
        ulong newSize = oldSize << 1;
        ulong oldAllocSize = PageAlign(oldSize);
        ulong newAllocSize = PageAlign(newSize);

        if (!ReferenceEquals(type, Reserved))
            newAreaStart = newAreaSize = 0;

        ulong addr = FindInRange(newAreaStart + newAreaSize, CurrentLimit, newAllocSize, Options.PageSize);
        if (addr == 0 && newAreaSize != 0)
            addr = FindInRange(0, Math.Min(newAreaStart, CurrentLimit), newAllocSize, Options.PageSize);
        if (addr == 0)
        {
            EmitTrace($"memblock: Failed to double {type.Name} array from {type.Capacity} to {type.Capacity * 2} entries !");
            return -1;
        }

        EmitTrace($"memblock: {type.Name} is doubled to {type.Capacity * 2} at [{Pa(addr)}-{Pa(addr + newSize - 1)}]");

        bool oldWasStatic = type.IsStaticArray;
        ulong oldAddress = type.ArrayAddress;
        type.GrowTo(type.Capacity * 2);
        type.IsStaticArray = false;
        type.ArrayAddress = addr;

        if (!oldWasStatic)
            Free(oldAddress, oldAllocSize, "memblock_double_array");

        if (Reserve(addr, newAllocSize, "memblock_double_array") != 0)
            throw new MemblockBugException("memblock: reserving a freshly doubled array failed (the kernel would BUG here).");
        return 0;
    }

    /// <summary>Rounds <paramref name="size"/> up to a whole number of pages (<c>PAGE_ALIGN</c>).</summary>
    private ulong PageAlign(ulong size) => (size + Options.PageSize - 1) & ~(Options.PageSize - 1);
}
