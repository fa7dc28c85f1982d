namespace MemblockSharp.Storage;

/// <summary>
/// The indexed store: regions kept in order in a list of small sorted chunks, so that finding a region by address is
/// two binary searches, and inserting or deleting shifts at most one chunk. Instead of scanning the whole table to merge,
/// it remembers the pairs of neighbours that a mutation left mergeable and looks only there; merging is confluent, so
/// the result is the kernel's whole-array merge exactly.
/// </summary>
/// <remarks>
/// <para>
/// Addressing by index goes through a "hot chunk": the chunk last found, together with the global index of its first
/// region. That pair is kept exact across every mutation (an insert or delete below it moves its start by one, a split
/// or deletion of a chunk below it moves its number), so the run of accesses one operation makes around one place (a
/// search, the regions next to it, an insert there) costs an array access each. Any other index is found through the
/// table of chunk start indices, which is rebuilt lazily from the first chunk that changed.
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

    /// <summary><c>_starts[c]</c> = the global index of chunk c's first region; valid for chunks below <see cref="_startsValidBelow"/>.</summary>
    private int[] _starts = new int[4];
    private int _startsValidBelow;

    /// <summary>The hot chunk (see remarks) and the global index of its first region; always exact.</summary>
    private int _hot;
    private int _hotStart;

    /// <summary>Bases of regions that are mergeable with their successor (see remarks); duplicates and stale entries allowed.</summary>
    private readonly List<ulong> _mergeCandidates = [];

    /// <summary>True while <see cref="MergeAll"/> edits the store: its own edits need no noting.</summary>
    private bool _merging;

    /// <summary>A copy of the regions for <see cref="AsSpan"/>, rebuilt after a change.</summary>
    private MemblockRegion[]? _snapshot;

    private sealed class Chunk(int capacity)
    {
        public readonly MemblockRegion[] Items = new MemblockRegion[capacity];
        public int Count;
    }

    /// <summary>Creates an empty store (one empty chunk).</summary>
    /// <param name="chunkCapacity">The most regions one chunk holds (at least 2).</param>
    public ChunkedRegionStore(int chunkCapacity = MemblockOptions.DefaultIndexedChunkCapacity)
    {
        _chunkCapacity = Math.Max(2, chunkCapacity);
        _chunks = [new Chunk(_chunkCapacity)];
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
        _chunks[c].Items[offset] = region;
        _snapshot = null;
        if (!_merging)
        {
            NoteIfMergeable(c, offset - 1);
            NoteIfMergeable(c, offset);
        }
    }

    public void Insert(int index, MemblockRegion region)
    {
        int c, offset;
        if (index == Count)
        {
            c = _chunkCount - 1;
            offset = _chunks[c].Count;
            SetHot(c, Count - offset);
        }
        else
        {
            (c, offset) = Locate(index);
            SetHot(c, index - offset);
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
                SetHot(c + 1, _hotStart + keep);
                c++;
            }
            chunk = _chunks[c];
        }
        chunk.Items.AsSpan(offset, chunk.Count - offset).CopyTo(chunk.Items.AsSpan(offset + 1));
        chunk.Items[offset] = region;
        chunk.Count++;
        Count++;
        Changed(c);
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
        _chunks[0].Items[0] = region;
        _chunks[0].Count = 1;
        Count = 1;
        _mergeCandidates.Clear();
        _startsValidBelow = 0;
        SetHot(0, 0);
        _snapshot = null;
    }

    public int CountEndsAtMost(ulong address) => CountAtMost(address, byEnd: true);

    public int CountBasesAtMost(ulong address) => CountAtMost(address, byEnd: false);

    /// <summary>
    /// The number of regions whose end (or base) is at most <paramref name="address"/>: the first chunk whose last key is
    /// above it, then a binary search inside that chunk. Keys increase with the index in an ordered table. The chunk
    /// found becomes the hot chunk, since the caller will look at the regions there next.
    /// </summary>
    private int CountAtMost(ulong address, bool byEnd)
    {
        int lo = 0, hi = _chunkCount;
        var chunks = _chunks;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            var chunk = chunks[mid];
            if (chunk.Count == 0 || RegionRules.Key(chunk.Items[chunk.Count - 1], byEnd) <= address)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == _chunkCount)
            return Count;
        var found = chunks[lo];
        int start = StartOf(lo);
        SetHot(lo, start);
        return start + RegionRules.CountKeysAtMost(found.Items.AsSpan(0, found.Count), address, byEnd);
    }

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
            _chunks[c].Items[offset] = left;
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
        var chunk = _chunks[c];
        chunk.Items.AsSpan(offset + 1, chunk.Count - offset - 1).CopyTo(chunk.Items.AsSpan(offset));
        chunk.Count--;
        Count--;
        if (_hot > c)
            _hotStart--;
        if (chunk.Count == 0 && _chunkCount > 1)
        {
            Array.Copy(_chunks, c + 1, _chunks, c, _chunkCount - c - 1);
            _chunkCount--;
            _chunks[_chunkCount] = null!;
            if (_hot == c)
                SetHot(0, 0);
            else if (_hot > c)
                _hot--;
        }
        Changed(c);
    }

    /// <summary>Finds the chunk and offset of a global index: the first chunk, the hot chunk and its neighbours first.</summary>
    private (int Chunk, int Offset) Locate(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index));
        int offset = index - _hotStart;
        if ((uint)offset < (uint)_chunks[_hot].Count)
            return (_hot, offset);
        if (index < _chunks[0].Count)
            return (0, index);
        return LocateElsewhere(index);
    }

    /// <summary>The slow part of <see cref="Locate"/>: the chunks next to the hot one, else a binary search over chunk starts.</summary>
    private (int Chunk, int Offset) LocateElsewhere(int index)
    {
        if (index >= _hotStart && _hot + 1 < _chunkCount)
        {
            int nextStart = _hotStart + _chunks[_hot].Count;
            if (index >= nextStart && index - nextStart < _chunks[_hot + 1].Count)
            {
                SetHot(_hot + 1, nextStart);
                return (_hot, index - nextStart);
            }
        }
        else if (index < _hotStart && _hot > 0)
        {
            int previousStart = _hotStart - _chunks[_hot - 1].Count;
            if (index >= previousStart)
            {
                SetHot(_hot - 1, previousStart);
                return (_hot, index - previousStart);
            }
        }
        EnsureStarts();
        int lo = 0, hi = _chunkCount - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (_starts[mid] <= index)
                lo = mid;
            else
                hi = mid - 1;
        }
        SetHot(lo, _starts[lo]);
        return (lo, index - _starts[lo]);
    }

    private void SetHot(int chunk, int start)
    {
        _hot = chunk;
        _hotStart = start;
    }

    /// <summary>The global index of chunk <paramref name="chunk"/>'s first region.</summary>
    private int StartOf(int chunk)
    {
        if (chunk == _hot)
            return _hotStart;
        if (chunk == 0)
            return 0;
        if (chunk == _hot + 1)
            return _hotStart + _chunks[_hot].Count;
        EnsureStarts();
        return _starts[chunk];
    }

    private void EnsureStarts()
    {
        if (_startsValidBelow >= _chunkCount)
            return;
        if (_starts.Length < _chunkCount)
            Array.Resize(ref _starts, Math.Max(_chunkCount, _starts.Length * 2));
        int c = _startsValidBelow;
        int at = c == 0 ? 0 : _starts[c - 1] + _chunks[c - 1].Count;
        for (; c < _chunkCount; c++)
        {
            _starts[c] = at;
            at += _chunks[c].Count;
        }
        _startsValidBelow = _chunkCount;
    }

    /// <summary>Marks the chunk start indices after chunk <paramref name="changed"/> as stale, and the snapshot.</summary>
    private void Changed(int changed)
    {
        if (_startsValidBelow > changed + 1)
            _startsValidBelow = changed + 1;
        _snapshot = null;
    }

    /// <summary>
    /// Splits chunk <paramref name="c"/> in two: its first <paramref name="keep"/> regions stay chunk c, the rest move to a
    /// new chunk c + 1 (either may be left empty, for the caller to insert into at once).
    /// </summary>
    private void Split(int c, int keep)
    {
        if (_chunkCount == _chunks.Length)
            Array.Resize(ref _chunks, _chunks.Length * 2);
        Array.Copy(_chunks, c + 1, _chunks, c + 2, _chunkCount - c - 1);
        var full = _chunks[c];
        var upper = new Chunk(_chunkCapacity);
        full.Items.AsSpan(keep, full.Count - keep).CopyTo(upper.Items);
        upper.Count = full.Count - keep;
        full.Count = keep;
        _chunks[c + 1] = upper;
        _chunkCount++;
        if (_hot > c)
            _hot++;
        Changed(c);
    }
}
