using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MemblockSharp.Storage;

/// <summary>
/// The indexed store: regions kept in order in a list of small sorted chunks, so that finding a region by address is
/// two short searches, and inserting or deleting shifts at most one chunk. Instead of scanning the whole table to merge,
/// it remembers the pairs of neighbours that a mutation left mergeable and looks only there; merging is confluent, so
/// the result is the kernel's whole-array merge exactly.
/// </summary>
/// <remarks>
/// <para>
/// Two small arrays, one entry per chunk, are kept exact after every change: the global index of each chunk's first
/// region (<see cref="_starts"/>) and that region's base (<see cref="_firstBases"/>). Searching by address is then a
/// count over <see cref="_firstBases"/> (no chunk is touched) followed by one inside the chunk found (see
/// <see cref="CountKeysAtMost"/>); finding an index is a look at the "hot chunk" (the chunk last used, where one
/// operation's run of accesses stays) or else a binary search over <see cref="_starts"/>. An insert or delete adds ±1
/// to the starts of the chunks above it.
/// </para>
/// <para>
/// Why the first bases suffice for both search keys: the regions are sorted and disjoint, so every region of a chunk
/// before chunk c ends at or below the first base of c. For an address a, let c be the last chunk whose first base is
/// at most a: every region before c has its base and its end at most a, every region after c has both above a, and only
/// chunk c needs a look inside.
/// </para>
/// <para>
/// Inside a chunk, each region's end is also kept in a plain array of keys, so that "how many regions of this chunk end
/// at or below a" is one vectorised count over at most a chunk of keys (sorted keys: the count is the position), with
/// no chain of dependent loads as in a binary search. The base-keyed count follows from it: the regions starting at or
/// below a are those ending at or below a, plus the next one if it starts at or below a.
/// </para>
/// <para>
/// Merge bookkeeping: after every mutation the store looks at the neighbour pairs the mutation touched and notes, by the
/// base of the lower region, those that now touch with equal node and flags. A pair that is not mergeable when its last
/// mutation happens stays so until one of its two regions or their adjacency changes again, which notes it afresh; so at
/// <see cref="MergeAll"/> every mergeable pair has been noted, and the kernel's whole-array pass reduces to the notes.
/// </para>
/// </remarks>
internal sealed class ChunkedRegionStore : IRegionStore
{
    /// <summary>The most regions one chunk holds.</summary>
    private readonly int _chunkCapacity;

    /// <summary>The chunks in address order; only the first <see cref="_chunkCount"/> are in use, none of them empty unless the store is.</summary>
    private Chunk[] _chunks;
    private int _chunkCount;

    /// <summary><c>_starts[c]</c>: the global index of chunk c's first region (for every chunk in use).</summary>
    private int[] _starts;

    /// <summary><c>_firstBases[c]</c>: the base of chunk c's first region (for every non-empty chunk in use).</summary>
    private ulong[] _firstBases;

    /// <summary>The chunk the last index lookup or search landed in: the next access is most likely there.</summary>
    private int _hot;

    /// <summary>Bases of regions that are mergeable with their successor (see remarks); duplicates and stale entries allowed.</summary>
    private readonly List<ulong> _mergeCandidates = [];

    /// <summary>True while <see cref="MergeAll"/> edits the store: its own edits need no noting.</summary>
    private bool _merging;

    /// <summary>A copy of the regions for <see cref="AsSpan"/>, rebuilt after a change.</summary>
    private MemblockRegion[]? _snapshot;

    /// <summary>A run of regions in order, with their ends as a separate array of search keys.</summary>
    private sealed class Chunk(int capacity)
    {
        public readonly MemblockRegion[] Items = new MemblockRegion[capacity];
        public readonly ulong[] Ends = new ulong[capacity];
        public int Count;

        /// <summary>Writes the region at <paramref name="offset"/> and its key.</summary>
        public void Write(int offset, in MemblockRegion region)
        {
            Items[offset] = region;
            Ends[offset] = region.End;
        }

        /// <summary>Opens a hole at <paramref name="offset"/> by shifting the regions from there up by one.</summary>
        /// <remarks>
        /// The shifts are plain loops: a chunk is short, and an overlapping span copy goes out to the C library's
        /// memmove, whose call costs more than moving a few dozen entries.
        /// </remarks>
        public void OpenAt(int offset)
        {
            var items = Items;
            var ends = Ends;
            for (int i = Count; i > offset; i--)
            {
                items[i] = items[i - 1];
                ends[i] = ends[i - 1];
            }
            Count++;
        }

        /// <summary>Closes the entry at <paramref name="offset"/> by shifting the regions above it down by one.</summary>
        public void CloseAt(int offset)
        {
            var items = Items;
            var ends = Ends;
            int last = Count - 1;
            for (int i = offset; i < last; i++)
            {
                items[i] = items[i + 1];
                ends[i] = ends[i + 1];
            }
            Count--;
        }

        /// <summary>Moves the entries from <paramref name="from"/> on to the start of the empty chunk <paramref name="upper"/>.</summary>
        public void MoveTailTo(int from, Chunk upper)
        {
            Items.AsSpan(from, Count - from).CopyTo(upper.Items);
            Ends.AsSpan(from, Count - from).CopyTo(upper.Ends);
            upper.Count = Count - from;
            Count = from;
        }

        /// <summary>The number of regions of this chunk that end at or below <paramref name="address"/>.</summary>
        public int CountEndsAtMost(ulong address) => CountKeysAtMost(Ends.AsSpan(0, Count), address);

        /// <summary>The number of regions of this chunk that start at or below <paramref name="address"/> (see remarks on the store).</summary>
        public int CountBasesAtMost(ulong address)
        {
            int k = CountEndsAtMost(address);
            return k < Count && Items[k].Base <= address ? k + 1 : k;
        }
    }

    /// <summary>False when the table never asks for <see cref="MergeAll"/> (Linux 6.12 merges ranges itself): no notes are kept then.</summary>
    private readonly bool _trackMerges;

    /// <summary>Creates an empty store (one empty chunk).</summary>
    /// <param name="chunkCapacity">The most regions one chunk holds (at least 2).</param>
    /// <param name="trackMerges">Keep the notes <see cref="MergeAll"/> works from (false when it is never called).</param>
    public ChunkedRegionStore(int chunkCapacity = MemblockOptions.DefaultIndexedChunkCapacity, bool trackMerges = true)
    {
        _trackMerges = trackMerges;
        _chunkCapacity = Math.Max(2, chunkCapacity);
        _chunks = [new Chunk(_chunkCapacity)];
        _starts = new int[1];
        _firstBases = new ulong[1];
        _chunkCount = 1;
    }

    public int Count { get; private set; }

    public MemblockRegion this[int index]
    {
        get
        {
            var (chunk, offset) = Locate(index);
            return _chunks[chunk].Items[offset];
        }
    }

    public void Set(int index, MemblockRegion region)
    {
        var (c, offset) = Locate(index);
        _finger = default;
        _chunks[c].Write(offset, region);
        if (offset == 0)
            _firstBases[c] = region.Base;
        _snapshot = null;
        if (!_merging)
        {
            NoteIfMergeable(c, offset - 1);
            NoteIfMergeable(c, offset);
        }
    }

    public void Insert(int index, MemblockRegion region)
    {
        _finger = default;
        int c, offset;
        if (index == Count)
        {
            c = _chunkCount - 1;
            offset = _chunks[c].Count;
        }
        else
        {
            (c, offset) = Locate(index);
        }
        var chunk = _chunks[c];
        if (chunk.Count == _chunkCapacity)
        {
            // Split in halves, except at either end of the chunk: a table filled in address order (or in reverse)
            // then keeps full chunks behind it instead of half-full ones.
            int keep = offset == chunk.Count ? chunk.Count : offset == 0 ? 0 : chunk.Count / 2;
            Split(c, keep);
            if (offset > keep || (offset == keep && keep == _chunkCapacity))
            {
                offset -= keep;
                c++;
            }
            chunk = _chunks[c];
        }
        chunk.OpenAt(offset);
        chunk.Write(offset, region);
        if (offset == 0)
            _firstBases[c] = region.Base;
        Count++;
        ShiftStartsAbove(c, +1);
        _hot = c;
        _snapshot = null;
        if (!_merging)
        {
            NoteIfMergeable(c, offset - 1);
            NoteIfMergeable(c, offset);
        }
    }

    public void RemoveAt(int index)
    {
        var (c, offset) = Locate(index);
        RemoveAtPosition(c, offset);
        if (!_merging && index > 0 && index < Count)
        {
            // The regions at index − 1 and index are now neighbours.
            var (pc, po) = Locate(index - 1);
            NoteIfMergeable(pc, po);
        }
    }

    public void ResetTo(MemblockRegion region)
    {
        _chunks = [new Chunk(_chunkCapacity)];
        _chunkCount = 1;
        _chunks[0].Write(0, region);
        _chunks[0].Count = 1;
        _starts = new int[1];
        _firstBases = [region.Base];
        Count = 1;
        _mergeCandidates.Clear();
        _finger = default;
        _hot = 0;
        _snapshot = null;
    }

    public void Clear()
    {
        _chunks = [new Chunk(_chunkCapacity)];
        _chunkCount = 1;
        _starts = new int[1];
        _firstBases = new ulong[1];
        Count = 0;
        _mergeCandidates.Clear();
        _finger = default;
        _hot = 0;
        _snapshot = null;
    }

    public int CountEndsAtMost(ulong address)
    {
        if (_finger.Holds(address))
            return _finger.Count;
        int c = LastChunkStartingAtMost(address);
        if (c < 0)
            return 0;
        _hot = c;
        var chunk = _chunks[c];
        int inChunk = chunk.CountEndsAtMost(address);
        int count = _starts[c] + inChunk;
        if (inChunk > 0 && inChunk < chunk.Count)
            _finger = new Finger(chunk.Ends[inChunk - 1], chunk.Ends[inChunk], count);
        return count;
    }

    /// <summary>
    /// The answer of the last end-keyed search, with the range of addresses that give the same answer:
    /// <c>[end of region count − 1, end of region count)</c>. An allocation searches for the gap it takes and then
    /// reserves inside that gap, which asks the same question again; the finger answers it without a search. Any change
    /// of the regions drops it.
    /// </summary>
    private Finger _finger;

    /// <summary>See <see cref="_finger"/>; the default value holds no address.</summary>
    private readonly record struct Finger(ulong Low, ulong High, int Count)
    {
        public bool Holds(ulong address) => Low <= address && address < High;
    }

    public int CountBasesAtMost(ulong address)
    {
        int c = LastChunkStartingAtMost(address);
        if (c < 0)
            return 0;
        _hot = c;
        return _starts[c] + _chunks[c].CountBasesAtMost(address);
    }

    /// <summary>The last chunk whose first region starts at or below <paramref name="address"/>; −1 when none does (see remarks).</summary>
    private int LastChunkStartingAtMost(ulong address) => CountKeysAtMost(_firstBases.AsSpan(0, _chunkCount), address) - 1;

    public void MergeAll()
    {
        int pending = _mergeCandidates.Count;
        if (pending == 0)
            return;
        _merging = true;
        if (pending > 1)
            _mergeCandidates.Sort();
        ulong previous = 0;
        for (int k = 0; k < pending; k++)
        {
            ulong leftBase = _mergeCandidates[k];
            if (k > 0 && leftBase == previous)
                continue;
            previous = leftBase;
            MergeRunAt(leftBase);
        }
        _mergeCandidates.Clear();
        _merging = false;
        _snapshot = null;
    }

    /// <summary>
    /// Merges the run of mergeable regions that starts at the region with base <paramref name="leftBase"/>, if it is
    /// still there, as the kernel's loop would on reaching it.
    /// </summary>
    private void MergeRunAt(ulong leftBase)
    {
        int i = CountBasesAtMost(leftBase) - 1;
        if (i < 0 || i + 1 >= Count)
            return;
        var (c, offset) = Locate(i);
        var left = _chunks[c].Items[offset];
        if (left.Base != leftBase)
            return;
        while (NextPosition(c, offset, out int nc, out int noffset))
        {
            var right = _chunks[nc].Items[noffset];
            if (!RegionRules.Mergeable(left, right))
                break;
            left = left with { Size = left.Size + right.Size };
            _finger = default;
            _chunks[c].Write(offset, left); // same base: the chunk's first base stands
            RemoveAtPosition(nc, noffset);
        }
    }

    public MemblockRegion[] ChunkContaining(int index, out int start, out int count)
    {
        var (c, offset) = Locate(index);
        start = index - offset;
        count = _chunks[c].Count;
        return _chunks[c].Items;
    }

    public ReadOnlySpan<MemblockRegion> AsSpan()
    {
        if (_snapshot is null || _snapshot.Length != Count)
        {
            var copy = new MemblockRegion[Count];
            int at = 0;
            for (int c = 0; c < _chunkCount; c++)
            {
                _chunks[c].Items.AsSpan(0, _chunks[c].Count).CopyTo(copy.AsSpan(at));
                at += _chunks[c].Count;
            }
            _snapshot = copy;
        }
        return _snapshot;
    }

    public void EnsureCapacity(int capacity)
    {
    }

    /// <summary>Notes the pair (region at <paramref name="offset"/> of chunk <paramref name="c"/>, its successor) if it is mergeable; offset −1 means the predecessor of the chunk's first region.</summary>
    private void NoteIfMergeable(int c, int offset)
    {
        if (!_trackMerges)
            return;
        if (offset < 0)
        {
            if (c == 0)
                return;
            c--;
            offset = _chunks[c].Count - 1;
        }
        if (!NextPosition(c, offset, out int nc, out int noffset))
            return;
        ref readonly var left = ref _chunks[c].Items[offset];
        if (RegionRules.Mergeable(left, _chunks[nc].Items[noffset]))
            _mergeCandidates.Add(left.Base);
    }

    /// <summary>The position of the region after the one at (<paramref name="c"/>, <paramref name="offset"/>); false at the end.</summary>
    private bool NextPosition(int c, int offset, out int nextChunk, out int nextOffset)
    {
        if (offset + 1 < _chunks[c].Count)
        {
            nextChunk = c;
            nextOffset = offset + 1;
            return true;
        }
        nextChunk = c + 1;
        nextOffset = 0;
        return nextChunk < _chunkCount;
    }

    /// <summary>Deletes the region at (<paramref name="c"/>, <paramref name="offset"/>), dropping its chunk if that empties (unless it is the only one).</summary>
    private void RemoveAtPosition(int c, int offset)
    {
        _finger = default;
        var chunk = _chunks[c];
        chunk.CloseAt(offset);
        Count--;
        ShiftStartsAbove(c, -1);
        if (chunk.Count == 0 && _chunkCount > 1)
        {
            RemoveChunk(c);
        }
        else if (offset == 0 && chunk.Count > 0)
        {
            _firstBases[c] = chunk.Items[0].Base;
        }
        _snapshot = null;
    }

    /// <summary>Finds the chunk and offset of a global index: the hot chunk or the first chunk, else a binary search over the chunk starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int Chunk, int Offset) Locate(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index));
        int hot = _hot;
        int offset = index - _starts[hot];
        if ((uint)offset < (uint)_chunks[hot].Count)
            return (hot, offset);
        return LocateElsewhere(index);
    }

    /// <summary>The rest of <see cref="Locate"/>: the first chunk, else a binary search over the chunk starts.</summary>
    private (int Chunk, int Offset) LocateElsewhere(int index)
    {
        if (index < _chunks[0].Count)
            return (0, index);
        var starts = _starts.AsSpan(0, _chunkCount);
        // The last chunk starting at or below index (branch-free, as above).
        int lo = 0, n = starts.Length;
        while (n > 1)
        {
            int half = n >>> 1;
            lo += half & -(starts[lo + half - 1] <= index ? 1 : 0);
            n -= half;
        }
        int c = lo + (starts[lo] <= index ? 1 : 0) - 1;
        _hot = c;
        return (c, index - starts[c]);
    }

    /// <summary>Adds <paramref name="delta"/> to the start index of every chunk after chunk <paramref name="c"/>.</summary>
    private void ShiftStartsAbove(int c, int delta)
    {
        var starts = _starts.AsSpan(c + 1, _chunkCount - c - 1);
        int i = 0;
        if (Vector.IsHardwareAccelerated && starts.Length >= Vector<int>.Count)
        {
            var add = new Vector<int>(delta);
            for (; i <= starts.Length - Vector<int>.Count; i += Vector<int>.Count)
                (new Vector<int>(starts[i..]) + add).CopyTo(starts[i..]);
        }
        for (; i < starts.Length; i++)
            starts[i] += delta;
    }

    /// <summary>
    /// Splits chunk <paramref name="c"/> in two: its first <paramref name="keep"/> regions stay chunk c, the rest move to a
    /// new chunk c + 1 (either may be left empty, for the caller to insert into at once).
    /// </summary>
    private void Split(int c, int keep)
    {
        if (_chunkCount == _chunks.Length)
        {
            int grown = _chunks.Length * 2;
            Array.Resize(ref _chunks, grown);
            Array.Resize(ref _starts, grown);
            Array.Resize(ref _firstBases, grown);
        }
        int above = _chunkCount - c - 1;
        Array.Copy(_chunks, c + 1, _chunks, c + 2, above);
        Array.Copy(_starts, c + 1, _starts, c + 2, above);
        Array.Copy(_firstBases, c + 1, _firstBases, c + 2, above);
        var upper = new Chunk(_chunkCapacity);
        _chunks[c].MoveTailTo(keep, upper);
        _chunks[c + 1] = upper;
        _starts[c + 1] = _starts[c] + keep;
        if (upper.Count > 0)
            _firstBases[c + 1] = upper.Items[0].Base;
        _chunkCount++;
        if (_hot > c)
            _hot++;
    }

    /// <summary>Drops empty chunk <paramref name="c"/> (the next chunk starts at the same index, so no start changes).</summary>
    private void RemoveChunk(int c)
    {
        int above = _chunkCount - c - 1;
        Array.Copy(_chunks, c + 1, _chunks, c, above);
        Array.Copy(_starts, c + 1, _starts, c, above);
        Array.Copy(_firstBases, c + 1, _firstBases, c, above);
        _chunkCount--;
        _chunks[_chunkCount] = null!;
        if (_hot >= _chunkCount || _hot > c)
            _hot = Math.Max(0, _hot - 1);
    }

    /// <summary>
    /// The number of <paramref name="keys"/> at most <paramref name="address"/>: for sorted keys, the position of the
    /// first key above it. Counted with vector compares over all the keys (a chunk's worth), which has no branch to
    /// mispredict and no chain of dependent loads.
    /// </summary>
    private static int CountKeysAtMost(ReadOnlySpan<ulong> keys, ulong address)
    {
        // Long runs (the chunk list of a huge table): halve, branch-free, down to a window of VectorWindow keys.
        int skipped = 0;
        while (keys.Length > VectorWindow)
        {
            int half = keys.Length >>> 1;
            int step = half & -(keys[half - 1] <= address ? 1 : 0);
            skipped += step;
            keys = keys.Slice(step, keys.Length - half);
        }
        return skipped + CountWindowAtMost(keys, address);
    }

    /// <summary>The longest run <see cref="CountKeysAtMost"/> counts whole with vector compares.</summary>
    private const int VectorWindow = 64;

    /// <summary>The number of <paramref name="keys"/> at most <paramref name="address"/>, counted with vector compares.</summary>
    private static int CountWindowAtMost(ReadOnlySpan<ulong> keys, ulong address)
    {
        int count = 0, i = 0;
        ref ulong first = ref MemoryMarshal.GetReference(keys);
        if (Vector512.IsHardwareAccelerated)
        {
            var limit = Vector512.Create(address);
            for (; i + Vector512<ulong>.Count <= keys.Length; i += Vector512<ulong>.Count)
                count += BitOperations.PopCount(Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref first, (nuint)i), limit).ExtractMostSignificantBits());
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var limit = Vector256.Create(address);
            for (; i + Vector256<ulong>.Count <= keys.Length; i += Vector256<ulong>.Count)
                count += BitOperations.PopCount(Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref first, (nuint)i), limit).ExtractMostSignificantBits());
        }
        for (; i < keys.Length; i++)
            count += keys[i] <= address ? 1 : 0;
        return count;
    }
}
