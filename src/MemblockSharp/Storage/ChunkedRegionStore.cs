namespace MemblockSharp.Storage;

/// <summary>
/// The indexed store: regions kept in order in a list of small sorted chunks, so that finding a region by address is
/// two binary searches, and inserting or deleting shifts at most one chunk. Instead of scanning the whole table to merge,
/// it remembers the places where a mutation may have made two neighbours mergeable and looks only there; merging is
/// confluent, so the result is the kernel's whole-array merge exactly.
/// </summary>
internal sealed class ChunkedRegionStore : IRegionStore
{
    /// <summary>The most regions one chunk holds; a full chunk splits in two.</summary>
    private const int ChunkCapacity = 128;

    /// <summary>The chunks in address order; only the first <see cref="_chunkCount"/> are in use, none of them empty unless the store is.</summary>
    private Chunk[] _chunks = [new Chunk()];
    private int _chunkCount = 1;

    /// <summary><c>_starts[c]</c> = the global index of chunk c's first region; valid for chunks below <see cref="_startsValidBelow"/>.</summary>
    private int[] _starts = new int[4];
    private int _startsValidBelow;

    /// <summary>Bases of regions whose successor may now be mergeable with them (see <see cref="MergeAll"/>).</summary>
    private readonly List<ulong> _mergeCandidates = [];

    /// <summary>True while <see cref="MergeAll"/> edits the store: its own edits need no noting.</summary>
    private bool _merging;

    /// <summary>The chunk <see cref="Locate"/> found last, and its first global index: sequential walks stay in it.</summary>
    private int _lastChunk;
    private int _lastChunkStart;

    /// <summary>A copy of the regions for <see cref="AsSpan"/>, rebuilt after a change.</summary>
    private MemblockRegion[]? _snapshot;

    private sealed class Chunk
    {
        public MemblockRegion[] Items = new MemblockRegion[ChunkCapacity];
        public int Count;
        public MemblockRegion Last => Items[Count - 1];
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
        var (chunk, offset) = Locate(index);
        _chunks[chunk].Items[offset] = region;
        _snapshot = null;
        NoteNeighbours(index);
    }

    public void Insert(int index, MemblockRegion region)
    {
        int c;
        int offset;
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
        if (chunk.Count == ChunkCapacity)
        {
            Split(c);
            if (offset > _chunks[c].Count)
            {
                offset -= _chunks[c].Count;
                c++;
            }
            chunk = _chunks[c];
        }
        chunk.Items.AsSpan(offset, chunk.Count - offset).CopyTo(chunk.Items.AsSpan(offset + 1));
        chunk.Items[offset] = region;
        chunk.Count++;
        Count++;
        Invalidate(c);
        NoteNeighbours(index);
    }

    public void RemoveAt(int index)
    {
        var (c, offset) = Locate(index);
        var chunk = _chunks[c];
        chunk.Items.AsSpan(offset + 1, chunk.Count - offset - 1).CopyTo(chunk.Items.AsSpan(offset));
        chunk.Count--;
        Count--;
        if (chunk.Count == 0 && _chunkCount > 1)
        {
            Array.Copy(_chunks, c + 1, _chunks, c, _chunkCount - c - 1);
            _chunkCount--;
            _chunks[_chunkCount] = null!;
        }
        Invalidate(c);
        if (index > 0 && index < Count && !_merging)
            _mergeCandidates.Add(this[index - 1].Base);
    }

    public void ResetTo(MemblockRegion region)
    {
        _chunks = [new Chunk()];
        _chunkCount = 1;
        _chunks[0].Items[0] = region;
        _chunks[0].Count = 1;
        Count = 1;
        _mergeCandidates.Clear();
        Invalidate(0);
    }

    public int CountEndsAtMost(ulong address) => CountAtMost(address, byEnd: true);

    public int CountBasesAtMost(ulong address) => CountAtMost(address, byEnd: false);

    /// <summary>
    /// The number of regions whose end (or base) is at most <paramref name="address"/>: the first chunk whose last key is
    /// above it, then a binary search inside that chunk. Keys increase with the index in an ordered table.
    /// </summary>
    private int CountAtMost(ulong address, bool byEnd)
    {
        int lo = 0, hi = _chunkCount;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_chunks[mid].Count == 0 || RegionRules.Key(_chunks[mid].Last, byEnd) <= address)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == _chunkCount)
            return Count;
        var chunk = _chunks[lo];
        return StartOf(lo) + RegionRules.CountKeysAtMost(chunk.Items.AsSpan(0, chunk.Count), address, byEnd);
    }

    public void MergeAll()
    {
        if (_mergeCandidates.Count == 0)
            return;
        _merging = true;
        _mergeCandidates.Sort();
        ulong previous = 0;
        for (int k = 0; k < _mergeCandidates.Count; k++)
        {
            ulong leftBase = _mergeCandidates[k];
            if (k > 0 && leftBase == previous)
                continue;
            previous = leftBase;
            int i = CountBasesAtMost(leftBase) - 1;
            if (i < 0 || i + 1 >= Count || this[i].Base != leftBase)
                continue;
            // Merge the run that starts here, as the kernel's loop would on reaching it.
            var left = this[i];
            while (i + 1 < Count)
            {
                var right = this[i + 1];
                if (!RegionRules.Mergeable(left, right))
                    break;
                left = left with { Size = left.Size + right.Size };
                var (c, offset) = Locate(i);
                _chunks[c].Items[offset] = left;
                RemoveAt(i + 1);
            }
        }
        _mergeCandidates.Clear();
        _merging = false;
        _snapshot = null;
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

    /// <summary>Notes the pairs (index−1, index) and (index, index+1) as possibly mergeable.</summary>
    private void NoteNeighbours(int index)
    {
        if (_merging)
            return;
        if (index > 0)
            _mergeCandidates.Add(this[index - 1].Base);
        if (index + 1 < Count)
            _mergeCandidates.Add(this[index].Base);
    }

    /// <summary>Finds the chunk and offset of a global index.</summary>
    private (int Chunk, int Offset) Locate(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index));
        if (_chunkCount == 1)
            return (0, index);
        EnsureStarts();
        if (_lastChunk < _chunkCount && index >= _lastChunkStart && index - _lastChunkStart < _chunks[_lastChunk].Count
            && _starts[_lastChunk] == _lastChunkStart)
            return (_lastChunk, index - _lastChunkStart);
        int lo = 0, hi = _chunkCount - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (_starts[mid] <= index)
                lo = mid;
            else
                hi = mid - 1;
        }
        _lastChunk = lo;
        _lastChunkStart = _starts[lo];
        return (lo, index - _starts[lo]);
    }

    private int StartOf(int chunk)
    {
        if (chunk == 0)
            return 0;
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

    /// <summary>Marks the chunk start indices from chunk <paramref name="changed"/> on as stale, and the snapshot.</summary>
    private void Invalidate(int changed)
    {
        if (_startsValidBelow > changed + 1)
            _startsValidBelow = changed + 1;
        _snapshot = null;
    }

    /// <summary>Splits full chunk <paramref name="c"/> into two halves.</summary>
    private void Split(int c)
    {
        if (_chunkCount == _chunks.Length)
            Array.Resize(ref _chunks, _chunks.Length * 2);
        Array.Copy(_chunks, c + 1, _chunks, c + 2, _chunkCount - c - 1);
        var full = _chunks[c];
        var upper = new Chunk();
        int half = full.Count / 2;
        full.Items.AsSpan(half, full.Count - half).CopyTo(upper.Items);
        upper.Count = full.Count - half;
        full.Count = half;
        _chunks[c + 1] = upper;
        _chunkCount++;
        Invalidate(c);
    }
}
