using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Versions;

namespace MemblockSharp.Boot.Replay;

public static partial class LogReplayer
{
    /// <summary>
    /// Plans the node changes a release makes on <c>memblock.reserved</c> without a log line (see
    /// <see cref="IKernelVersionPolicy.NumaInitSetsReservedNodes"/> and <see cref="IKernelVersionPolicy.FreeAllSetsReservedNodes"/>),
    /// replacing any planned before: they follow the memory node assignments, which the reconciliation may still change.
    /// Nothing for a release that makes none, or a kernel without NUMA (where <c>memblock_set_node</c> does nothing).
    /// </summary>
    private static void PlanReservedNodes(ReplayContext context, ReplayPlan plan, IKernelVersionPolicy policy)
    {
        plan.Ops.RemoveAll(o => o.Call.Kind is InferredKind.SetReservedNode or InferredKind.ReservedNodesFromMemory);
        if (!context.Numa)
            return;
        if (policy.NumaInitSetsReservedNodes)
            PlanReservedNodesAtNumaInit(context, plan);
        if (policy.FreeAllSetsReservedNodes)
            PlanReservedNodesAtFreeAll(context, plan);
    }

    /// <summary>
    /// The NUMA set-up (<c>numa_memblks_init</c>): every reserved region to <c>NUMA_NO_NODE</c>, then each NUMA block's
    /// node onto the reserved regions inside it (<c>numa_clear_kernel_node_hotplug</c>), where the memory nodes are set.
    /// The blocks are the faked node's range (<c>NUMA: Faking a node at</c>) or else the memory node assignments.
    /// A log that starts from a dump took the nodes from it.
    /// </summary>
    private static void PlanReservedNodesAtNumaInit(ReplayContext context, ReplayPlan plan)
    {
        var memoryNodes = plan.Ops.Where(o => o.Call.Kind == InferredKind.SetNode).ToList();
        if (memoryNodes.Count == 0 || plan.StartIndex > 0)
            return;
        int position = memoryNodes.Min(o => o.BeforeIndex);
        plan.Ops.Add(new PlannedOp(position, new InferredCall(InferredKind.SetReservedNode, 0, ulong.MaxValue, Memblock.NumaNoNode, 0,
            "memblock_set_node(reserved, NUMA_NO_NODE) by numa_memblks_init before the NUMA blocks are read"), null));
        var fake = context.Log.Context(ContextKind.NumaFakeNode).FirstOrDefault();
        var blocks = fake is { Start: { } s, End: { } e }
            ? [(Base: s, Size: e - s + 1, Node: 0L, Why: $"the faked node of line {fake.LineNumber}")]
            : memoryNodes.Select(o => (o.Call.Base, o.Call.Size, Node: o.Call.Value, Why: $"the node of memory {Range(o.Call.Base, o.Call.Size)}")).ToList();
        foreach (var (b, size, node, why) in blocks)
            plan.Ops.Add(new PlannedOp(position, new InferredCall(InferredKind.SetReservedNode, b, size, node, 0,
                $"memblock_set_node(reserved) by numa_clear_kernel_node_hotplug: node {node} ({why})"), null));
    }

    /// <summary>
    /// <c>memblock_free_all</c>: each memory region's node onto the reserved regions inside it. It runs in <c>mem_init</c>,
    /// after the last boot-time reservation: before the <c>Memory:</c> line, or at the end of a log without one.
    /// </summary>
    private static void PlanReservedNodesAtFreeAll(ReplayContext context, ReplayPlan plan)
    {
        var entries = context.Log.Entries;
        int position = entries.Count;
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i] is ContextLine { Kind: ContextKind.MemoryInfo })
            {
                position = i;
                break;
            }
        }
        string where = position < entries.Count ? $"before the 'Memory:' line {entries[position].LineNumber}" : "at the end of the log (it has no 'Memory:' line)";
        plan.Ops.Add(new PlannedOp(Math.Max(position, plan.StartIndex), new InferredCall(InferredKind.ReservedNodesFromMemory, 0, 0, 0, 0,
            $"memblock_set_node(reserved) over every memory region by memblock_free_all (memmap_init_reserved_pages), {where}"), null));
    }
}
