namespace MemblockSharp;

/// <summary>
/// The rules of one kernel release's memblock, one property per rule that differs between the releases. The core asks
/// these in exactly one place per rule; nothing else in it looks at <see cref="MemblockVersion"/>.
/// </summary>
public sealed class MemblockRules
{
    private MemblockRules(MemblockVersion version)
    {
        Version = version;
        bool v612 = version == MemblockVersion.Linux6_12;
        EmptyTableKeepsPlaceholder = !v612;
        MergesWholeArray = !v612;
        PanicsWhenResizeForbidden = v612;
        InvalidNodeMeansAnyNode = v612;
        DebugfsShowsNodeAndFlags = v612;
        HasNewApi = v612;
        _addRoomTestInclusive = v612;
    }

    /// <summary>6.12 writes the room test of an add as <c>&lt;=</c> where 6.1 has <c>&lt;</c> (see <see cref="AddInsertsAtOnce"/>).</summary>
    private readonly bool _addRoomTestInclusive;

    /// <summary>The rules of Linux 6.1.</summary>
    public static MemblockRules Linux6_1 { get; } = new(MemblockVersion.Linux6_1);

    /// <summary>The rules of Linux 6.12.</summary>
    public static MemblockRules Linux6_12 { get; } = new(MemblockVersion.Linux6_12);

    /// <summary>The rules of <paramref name="version"/>.</summary>
    /// <param name="version">The kernel release.</param>
    /// <returns>Its rules.</returns>
    public static MemblockRules For(MemblockVersion version) => version switch
    {
        MemblockVersion.Linux6_1 => Linux6_1,
        MemblockVersion.Linux6_12 => Linux6_12,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "not a modelled kernel release"),
    };

    /// <summary>The release these rules are of.</summary>
    public MemblockVersion Version { get; }

    /// <summary>
    /// 6.1: an empty table has <c>cnt</c> 1, a size-0 placeholder entry (node 0 at boot, <c>MAX_NUMNODES</c> once its
    /// last region went). 6.12: <c>cnt</c> 0 and no entry.
    /// </summary>
    public bool EmptyTableKeepsPlaceholder { get; }

    /// <summary>
    /// 6.1: after an insert, a flag change or a node change the whole array is merged. 6.12: only the pairs from the one
    /// before the first touched region to the one after the last (<c>memblock_merge_regions(type, start_rgn, end_rgn)</c>).
    /// </summary>
    public bool MergesWholeArray { get; }

    /// <summary>
    /// 6.1: doubling a full array while resizing is not allowed fails (-1, the caller returns -ENOMEM). 6.12: it panics
    /// (<see cref="MemblockPanicException"/>).
    /// </summary>
    public bool PanicsWhenResizeForbidden { get; }

    /// <summary>
    /// 6.1: only <c>NUMA_NO_NODE</c> means "any node" (<c>MAX_NUMNODES</c> is turned into it with a warning by the
    /// iterators and the allocator, and means "all" for the pfn iterator). 6.12: every id outside 0 .. MAX_NUMNODES − 1
    /// means "any node" (<c>numa_valid_node</c>).
    /// </summary>
    public bool InvalidNodeMeansAnyNode { get; }

    /// <summary>
    /// 6.1: debugfs prints <c>%4d: %pa..%pa</c>; the dump prints <c>on node N</c> for every node but <c>MAX_NUMNODES</c>.
    /// 6.12: debugfs adds the node (<c>x</c> when invalid) and the flag names; the dump prints the node only when valid.
    /// </summary>
    public bool DebugfsShowsNodeAndFlags { get; }

    /// <summary>
    /// 6.12 has functions 6.1 does not: <c>memblock_reserved_mark_noinit</c>, <c>memblock_validate_numa_coverage</c>,
    /// <c>memblock_has_mirror</c>, <c>memblock_estimated_nr_free_pages</c> and the <c>reserve_mem=</c> table.
    /// </summary>
    public bool HasNewApi { get; }

    /// <summary>
    /// Whether an add into a table of <paramref name="count"/> regions and capacity <paramref name="max"/> may insert on
    /// its first pass, because even the worst case (count + 1 new pieces) fits: 6.1 tests <c>cnt * 2 + 1 &lt; max</c>,
    /// 6.12 <c>cnt * 2 + 1 &lt;= max</c>.
    /// </summary>
    /// <param name="count">The table's <c>cnt</c>.</param>
    /// <param name="max">The table's <c>max</c>.</param>
    /// <returns>True when the first pass inserts.</returns>
    public bool AddInsertsAtOnce(int count, int max) =>
        _addRoomTestInclusive ? (long)count * 2 + 1 <= max : (long)count * 2 + 1 < max;

    /// <summary>Whether <paramref name="nid"/> is a real node (<c>numa_valid_node</c>: 0 ≤ nid &lt; <c>MAX_NUMNODES</c>).</summary>
    /// <param name="nid">A node id.</param>
    /// <param name="maxNumNodes">The kernel's <c>MAX_NUMNODES</c>.</param>
    /// <returns>True for a valid node.</returns>
    public static bool IsValidNode(int nid, int maxNumNodes) => nid >= 0 && nid < maxNumNodes;

    /// <summary>
    /// The node filter an iterator or an allocation really applies for a requested <paramref name="nid"/>:
    /// <see cref="Memblock.NumaNoNode"/> when the request means "any node", else the node itself.
    /// </summary>
    /// <param name="nid">The requested node.</param>
    /// <param name="maxNumNodes">The kernel's <c>MAX_NUMNODES</c>.</param>
    /// <returns>The node to filter on, or <see cref="Memblock.NumaNoNode"/>.</returns>
    public int NodeFilter(int nid, int maxNumNodes) => InvalidNodeMeansAnyNode
        ? (IsValidNode(nid, maxNumNodes) ? nid : Memblock.NumaNoNode)
        : (nid == maxNumNodes ? Memblock.NumaNoNode : nid);

    /// <summary>Whether <c>for_each_mem_pfn_range(nid)</c> visits every node for <paramref name="nid"/>.</summary>
    /// <param name="nid">The requested node.</param>
    /// <param name="maxNumNodes">The kernel's <c>MAX_NUMNODES</c>.</param>
    /// <returns>True when every region matches.</returns>
    public bool PfnIteratorMatchesAll(int nid, int maxNumNodes) =>
        InvalidNodeMeansAnyNode ? !IsValidNode(nid, maxNumNodes) : nid == maxNumNodes;

    /// <summary>Whether the <c>MEMBLOCK configuration</c> dump prints <c>on node N</c> for a region of node <paramref name="nid"/>.</summary>
    /// <param name="nid">The region's node.</param>
    /// <param name="maxNumNodes">The kernel's <c>MAX_NUMNODES</c>.</param>
    /// <returns>True when the node is printed.</returns>
    public bool DumpShowsNode(int nid, int maxNumNodes) =>
        InvalidNodeMeansAnyNode ? IsValidNode(nid, maxNumNodes) : nid != maxNumNodes;

    /// <summary>Throws <see cref="NotSupportedException"/> when <paramref name="function"/> is not in this release.</summary>
    /// <param name="function">The kernel function asked for.</param>
    internal void RequireNewApi(string function)
    {
        if (!HasNewApi)
            throw new NotSupportedException($"{function} is not in Linux {MemblockVersions.Name(Version)}'s memblock (it is in 6.12).");
    }
}
