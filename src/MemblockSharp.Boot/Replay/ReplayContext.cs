using MemblockSharp.Boot.KernelLog;

namespace MemblockSharp.Boot.Replay;

/// <summary>
/// What the replay knows about the log before running it: which reservation answers which allocation request, the
/// context lines by address, and the DTB facts; and the classification of every reservation into a category.
/// </summary>
internal sealed class ReplayContext
{
    public ReplayContext(KernelLogDocument log, DtbFacts? dtb)
    {
        Log = log;
        Dtb = dtb;
        var entries = log.Entries;
        ReserveForAlloc = new int[entries.Count];
        AllocForReserve = new int[entries.Count];
        Array.Fill(ReserveForAlloc, -1);
        Array.Fill(AllocForReserve, -1);
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not MemblockAllocCall alloc)
                continue;
            for (int k = i + 1; k < entries.Count; k++)
            {
                if (entries[k] is MemblockRangeCall r)
                {
                    if (r.Kind == MemblockCallKind.Reserve && IsAllocatorInternal(r.Caller.Function) && r.Size == alloc.Size)
                    {
                        ReserveForAlloc[i] = k;
                        AllocForReserve[k] = i;
                    }
                    break;
                }
                if (entries[k] is MemblockAllocCall or MemblockDump)
                    break;
            }
        }
        foreach (var c in entries.OfType<ContextLine>().Where(c => c.Kind is ContextKind.NumaNodeData or ContextKind.NodeDataAllocated))
            NodeDataOrdinal.TryAdd(c.Start!.Value, c.Node ?? NodeDataOrdinal.Count);
        foreach (var c in entries.OfType<ContextLine>())
        {
            if (c.Start is { } s && c.Kind is ContextKind.CmaReserved or ContextKind.ReservedMemoryPool or ContextKind.NumaNodeData
                or ContextKind.NodeDataAllocated or ContextKind.CrashKernel or ContextKind.Swiotlb)
                _contextByStart.TryAdd(s, c);
        }
        foreach (var r in entries.OfType<MemblockRangeCall>())
        {
            if (r.Kind == MemblockCallKind.Add)
                _adds.Add((r.Caller.Function, r.Base, r.Size));
        }
        Numa = log.Dumps.Any(d => d.ShowsNodes) || log.Entries.OfType<ContextLine>().Any(c => c.Kind is ContextKind.NumaFakeNode
            or ContextKind.NumaNodeData or ContextKind.NodeDataAllocated or ContextKind.NumaAddMemblk or ContextKind.Numa);
    }

    private readonly Dictionary<ulong, ContextLine> _contextByStart = [];
    private readonly HashSet<(string, ulong, ulong)> _adds = [];
    private readonly HashSet<int> _usedDynamicNodes = [];

    public KernelLogDocument Log { get; }

    public DtbFacts? Dtb { get; }

    /// <summary>For an allocation request at entry i, the entry index of the reservation that answered it, or -1.</summary>
    public int[] ReserveForAlloc { get; }

    /// <summary>For a reservation at entry k, the entry index of the request it answered, or -1.</summary>
    public int[] AllocForReserve { get; }

    /// <summary>
    /// For each <c>NUMA: NODE_DATA [mem a-b]</c> line's start (6.1), its place among those lines: the node it was allocated
    /// for; for each <c>NODE_DATA(N) allocated [mem a-b]</c> line's start (6.12), N.
    /// </summary>
    public Dictionary<ulong, int> NodeDataOrdinal { get; } = [];

    /// <summary>The function that allocates NODE_DATA: <c>alloc_node_data</c> in 6.12 (which prints <c>NODE_DATA(N) allocated</c>), else <c>setup_node_data</c>.</summary>
    public string NodeDataCaller => Log.Context(ContextKind.NodeDataAllocated).Any() ? "alloc_node_data" : "setup_node_data";

    /// <summary>True when the kernel is a NUMA kernel (its dumps print nodes or it prints NUMA lines).</summary>
    public bool Numa { get; }

    /// <summary>True for the memblock-internal caller of an allocation's reservation.</summary>
    public static bool IsAllocatorInternal(string function) =>
        function.StartsWith("memblock_alloc", StringComparison.Ordinal) || function.StartsWith("memblock_phys_alloc", StringComparison.Ordinal)
        || function.StartsWith("memblock_find", StringComparison.Ordinal) || function == "memblock_virt_alloc_internal";

    /// <summary>The owner of a reservation made by <paramref name="function"/> (a logged caller or an allocation's caller).</summary>
    public Owner Classify(string function, ulong @base, ulong size)
    {
        if (_contextByStart.TryGetValue(@base, out var ctx))
        {
            switch (ctx.Kind)
            {
                case ContextKind.ReservedMemoryPool when ctx.Name == "CMA":
                    return new Owner(function, "CMA" + ReservedNodeSuffix(@base, size, dynamic: true));
                case ContextKind.CmaReserved:
                    return new Owner(function, "CMA");
                case ContextKind.CrashKernel:
                    return new Owner(function, "crash kernel");
                case ContextKind.Swiotlb:
                    return new Owner(function, "swiotlb");
            }
        }
        switch (function)
        {
            case "setup_log_buf":
                return new Owner(function, "log buffer");
            case "alloc_large_system_hash":
                return new Owner(function, "hash tables");
            case "reserve_initrd_mem" or "early_init_dt_check_for_initrd" or "early_reserve_initrd":
                return new Owner(function, "initrd");
            case "arm64_memblock_init" or "arm_memblock_init" or "setup_arch" or "setup_bootmem" or "paging_init":
                if (_adds.Contains((function, @base, size)))
                    return new Owner(function, "initrd");
                return new Owner(function, size >= 1 << 20 ? "kernel image" : "page tables");
            case "early_init_dt_alloc_memory_arch" or "unflatten_device_tree" or "__unflatten_device_tree" or "unflatten_dt_alloc":
                return new Owner(function, "FDT");
            case "memblock_double_array":
                return new Owner(function, "memblock arrays");
        }
        if (function.StartsWith("early_pgtable_alloc", StringComparison.Ordinal) || function is "early_alloc" or "early_pte_alloc"
            or "__earlyonly_bootmem_alloc" or "pgd_alloc" or "early_ioremap_init" || function.StartsWith("vmemmap_p", StringComparison.Ordinal)
            || function.StartsWith("kasan_", StringComparison.Ordinal))
            return new Owner(function, "page tables");
        if (function.StartsWith("sparse_", StringComparison.Ordinal) || function is "memmap_alloc" or "setup_usemap" or "alloc_node_mem_map"
            or "memmap_init" || function.StartsWith("vmemmap_", StringComparison.Ordinal))
            return new Owner(function, "memmap");
        if (function.StartsWith("pcpu_", StringComparison.Ordinal) || function == "setup_per_cpu_areas")
            return new Owner(function, "per-CPU");
        if (function.StartsWith("swiotlb", StringComparison.Ordinal))
            return new Owner(function, "swiotlb");
        if (function.Contains("crashkernel", StringComparison.Ordinal))
            return new Owner(function, "crash kernel");
        if (function.Contains("reserved_mem", StringComparison.Ordinal) || function.Contains("reserve_memory", StringComparison.Ordinal)
            || function == "fdt_reserve_elfcorehdr")
            return new Owner(function, ReservedMemoryCategory(@base, size, function.Contains("alloc", StringComparison.Ordinal)));
        if (function.StartsWith("efi", StringComparison.Ordinal) || function == "reserve_regions")
            return new Owner(function, "EFI");
        if (function.StartsWith("numa_", StringComparison.Ordinal) || function is "setup_node_data" or "early_init_node_data" or "alloc_node_data")
            return new Owner(function, "NUMA node data");
        return new Owner(function, "other");
    }

    /// <summary>The owner of a reservation made by <c>memblock_alloc_range_nid</c> without a request line.</summary>
    public Owner ClassifySilentAllocation(ulong @base, ulong size)
    {
        if (_contextByStart.TryGetValue(@base, out var ctx))
        {
            return ctx.Kind switch
            {
                ContextKind.CmaReserved => new Owner("cma_declare_contiguous_nid", "CMA"),
                ContextKind.ReservedMemoryPool => new Owner("rmem_cma_setup", "CMA" + ReservedNodeSuffix(@base, size, dynamic: true)),
                ContextKind.NumaNodeData => new Owner("setup_node_data", "NUMA node data"),
                ContextKind.NodeDataAllocated => new Owner("alloc_node_data", "NUMA node data"),
                ContextKind.CrashKernel => new Owner("reserve_crashkernel", "crash kernel"),
                ContextKind.Swiotlb => new Owner("swiotlb_init", "swiotlb"),
                _ => new Owner("memblock_alloc_range_nid", "other"),
            };
        }
        return new Owner("memblock_alloc_range_nid (caller not logged)", "other");
    }

    private string ReservedMemoryCategory(ulong @base, ulong size, bool dynamic)
    {
        if (Dtb is not null && !dynamic && Dtb.MemReserve.Any(m => m.Address == @base && m.Size == size))
            return "/memreserve/";
        string suffix = ReservedNodeSuffix(@base, size, dynamic);
        if (suffix.Length > 0)
            return suffix[2..^1];
        if (dynamic)
            return "reserved-memory (dynamic)";
        return Dtb is null ? "reserved-memory or /memreserve/" : "reserved-memory (no matching DTB node)";
    }

    /// <summary>" (reserved-memory NAME)" for the DTB node a reservation belongs to, or "".</summary>
    private string ReservedNodeSuffix(ulong @base, ulong size, bool dynamic)
    {
        if (Dtb is null)
            return "";
        for (int n = 0; n < Dtb.ReservedNodes.Count; n++)
        {
            var node = Dtb.ReservedNodes[n];
            if (node.Reg.Any(r => r.Address <= @base && @base < r.Address + r.Size))
                return $" (reserved-memory {node.Name})";
        }
        if (!dynamic)
            return "";
        for (int n = 0; n < Dtb.ReservedNodes.Count; n++)
        {
            var node = Dtb.ReservedNodes[n];
            if (node.Reg.Count == 0 && node.Size == size && !_usedDynamicNodes.Contains(n)
                && (node.Alignment is not { } a || a == 0 || (@base & (a - 1)) == 0))
            {
                _usedDynamicNodes.Add(n);
                return $" (reserved-memory {node.Name})";
            }
        }
        return "";
    }

    /// <summary>Forgets which dynamic nodes were matched (each run classifies afresh).</summary>
    public void ResetRun() => _usedDynamicNodes.Clear();
}
