using System.Globalization;
using MemblockSharp.Boot.KernelLog;

namespace MemblockSharp.Boot.Explain;

/// <summary>A range or amount a log line states.</summary>
/// <param name="LineNumber">The line.</param>
/// <param name="Name">What it is (a node name, a hash table, ...).</param>
/// <param name="Start">Its first address (0 when the line prints none).</param>
/// <param name="Bytes">Its size.</param>
internal sealed record LoggedAmount(int LineNumber, string Name, ulong Start, ulong Bytes);

/// <summary>A later <c>Freeing ... memory: NK</c> line.</summary>
internal sealed record LoggedFree(int LineNumber, string Name, long KiB);

/// <summary>The memory facts of one log, gathered from the reader's records in the log's order.</summary>
internal sealed class LogFacts
{
    public MemoryLineFacts? MemoryLine { get; private init; }
    public List<LoggedAmount> CmaAreas { get; } = [];
    public List<LoggedAmount> ReservedMem { get; } = [];
    public List<string> ReservedMemNotes { get; } = [];
    public List<LoggedAmount> Swiotlb { get; } = [];
    public List<LoggedAmount> CrashKernel { get; } = [];
    public List<LoggedAmount> NodeData { get; } = [];
    public LoggedAmount? PerCpu { get; private set; }
    public int PerCpuUnitsLine { get; private set; }
    public List<LoggedAmount> EarlyHashTables { get; } = [];

    /// <summary>
    /// The <c>efi=debug</c> memory map entries that are memory (write-back, write-through or write-combining) but that
    /// Linux may not use as RAM (<c>reserve_regions</c> adds them, then marks them no-map): runtime services code and
    /// data, firmware MMIO, reserved. They count as present pages and are never freed.
    /// </summary>
    public List<LoggedAmount> EfiNoMap { get; } = [];
    public List<LoggedAmount> MemmapPages { get; } = [];
    public List<LoggedFree> Frees { get; } = [];
    public LoggedAmount? LogBuffer { get; private set; }
    public long? BanksMiB { get; private set; }
    public int BanksLine { get; private set; }
    public List<string> ZoneRanges { get; } = [];
    public List<string> NodeRanges { get; } = [];
    public bool TailMissing { get; private init; }

    /// <summary>
    /// The kernel's page size as a hash-table line shows it (<c>B bytes</c> at <c>order k</c> is B / 2^k for a
    /// power-of-two B: 4, 16 or 64 KiB), with that line; 4 KiB and line 0 when no line shows it.
    /// </summary>
    public (ulong Bytes, int LineNumber) PageSize { get; private set; } = (4096, 0);

    public static LogFacts From(KernelLog.KernelLogDocument log)
    {
        var info = log.Entries.OfType<ContextLine>().FirstOrDefault(c => c.Kind is ContextKind.MemoryInfo or ContextKind.MemoryInfoLegacy);
        var facts = new LogFacts
        {
            MemoryLine = info is null ? null : MemoryFacts(info),
            TailMissing = log.Notes.Any(n => n.Kind == LogNoteKind.TailMissing),
        };
        int memoryLine = info?.LineNumber ?? int.MaxValue;
        // memblock hands over to the buddy allocator (memblock_free_all) before the slab allocator starts: hash tables
        // printed after the SLUB line came from the buddy allocator (6.12 prints the Memory: line only later).
        var slub = log.Entries.OfType<ContextLine>().FirstOrDefault(c => c.Kind == ContextKind.SlabAllocator);
        int memblockEnd = Math.Min(memoryLine, slub?.LineNumber ?? int.MaxValue);
        var regions = new List<ContextLine>();
        var pools = new List<ContextLine>();
        int cpus = 0;
        ContextLine? percpu = null;
        foreach (var c in log.Entries.OfType<ContextLine>())
        {
            if (facts.PageSize.LineNumber == 0 && PageSizeOf(c) is ulong pageSize)
                facts.PageSize = (pageSize, c.LineNumber);
            switch (c.Kind)
            {
                case ContextKind.EfiMemoryRange when IsEfiNoMap(c):
                    facts.EfiNoMap.Add(new LoggedAmount(c.LineNumber, c.Name!, c.Start!.Value, c.End!.Value - c.Start.Value + 1));
                    break;
                case ContextKind.CmaReserved:
                    facts.AddCma(new LoggedAmount(c.LineNumber, "cma", c.Start!.Value, c.Value!.Value));
                    break;
                case ContextKind.ReservedMemoryPool:
                    pools.Add(c);
                    break;
                case ContextKind.ReservedMemRegion:
                    regions.Add(c);
                    break;
                case ContextKind.Swiotlb:
                    facts.Swiotlb.Add(new LoggedAmount(c.LineNumber, "swiotlb", c.Start!.Value, c.End!.Value - c.Start.Value));
                    break;
                case ContextKind.CrashKernel:
                    facts.CrashKernel.Add(new LoggedAmount(c.LineNumber, "crashkernel", c.Start!.Value, c.End!.Value - c.Start.Value));
                    break;
                case ContextKind.NumaNodeData or ContextKind.NodeDataAllocated:
                    facts.NodeData.Add(new LoggedAmount(c.LineNumber, "NODE_DATA", c.Start!.Value, c.End!.Value - c.Start.Value + 1));
                    break;
                case ContextKind.PerCpu:
                    percpu ??= c;
                    break;
                case ContextKind.PcpuGroups when percpu is not null && cpus >= 0:
                    cpus += (int)c.Value!.Value;
                    facts.PerCpuUnitsLine = c.LineNumber;
                    break;
                case ContextKind.HashTable when c.LineNumber < memblockEnd && c.Value > 0:
                    facts.EarlyHashTables.Add(new LoggedAmount(c.LineNumber, c.Name!, 0, c.Value!.Value));
                    break;
                case ContextKind.MemmapPages when c.LineNumber < memoryLine:
                    facts.MemmapPages.Add(new LoggedAmount(c.LineNumber, c.Name!, 0, c.Value!.Value));
                    break;
                case ContextKind.Freeing when c.LineNumber > memoryLine:
                    facts.Frees.Add(new LoggedFree(c.LineNumber, c.Name!, (long)c.Value!.Value));
                    break;
                case ContextKind.LogBufLen:
                    facts.LogBuffer ??= new LoggedAmount(c.LineNumber, "log_buf_len", 0, c.Value!.Value);
                    break;
                case ContextKind.MemoryBanks:
                    facts.BanksMiB ??= (long)c.Value!.Value;
                    facts.BanksLine = c.LineNumber;
                    break;
                case ContextKind.ZoneRange:
                    facts.ZoneRanges.Add(c.Text);
                    break;
                case ContextKind.NodeRange:
                    facts.NodeRanges.Add(c.Text);
                    break;
            }
        }
        if (percpu is not null && cpus > 0)
        {
            facts.PerCpu = new LoggedAmount(percpu.LineNumber, $"{cpus} CPUs × {percpu.Value!.Value} bytes (s+r+d)", 0, percpu.Value.Value * (ulong)cpus);
        }
        // 6.x prints every reserved-memory region with its exact size and kind; older kernels only the pools (in whole MiB).
        foreach (var r in regions)
        {
            var amount = new LoggedAmount(r.LineNumber, r.Name!, r.Start!.Value, r.Value!.Value);
            if (r.Parts![1] == "reusable")
                facts.AddCma(amount);
            else if (facts.ReservedMem.FindIndex(x => x.Start == amount.Start) is int same and >= 0)
            {
                // Two nodes at one base overlap: memblock counts the bytes once.
                facts.ReservedMemNotes.Add($"line {r.LineNumber}: reserved-memory {r.Name} starts where line {facts.ReservedMem[same].LineNumber}'s region starts; the overlap is counted once");
                if (amount.Bytes > facts.ReservedMem[same].Bytes)
                    facts.ReservedMem[same] = facts.ReservedMem[same] with { Bytes = amount.Bytes };
            }
            else
                facts.ReservedMem.Add(amount with { Name = $"{r.Name} ({r.Parts[0]})" });
        }
        foreach (var p in pools)
        {
            bool exact = regions.Any(r => r.Start == p.Start);
            if (exact)
                continue;
            var amount = new LoggedAmount(p.LineNumber, $"{p.Name} pool at 0x{p.Start!.Value:x}", p.Start.Value, p.Value!.Value);
            if (p.Name == "CMA")
                facts.AddCma(amount);
            else
            {
                facts.ReservedMem.Add(amount);
                facts.ReservedMemNotes.Add($"line {p.LineNumber}: the DMA pool's size is printed in whole MiB, rounded down ({p.Value.Value >> 20} MiB); no 'OF: reserved mem' line gives it exactly");
            }
        }
        return facts;
    }

    /// <summary>The EFI memory types Linux may use as RAM once boot services have exited (<c>is_usable_memory</c>).</summary>
    private static readonly HashSet<string> UsableEfiTypes = new(StringComparer.Ordinal)
    {
        "Loader Code", "Loader Data", "ACPI Reclaim", "Boot Code", "Boot Data", "Conventional", "Persistent",
    };

    /// <summary>True for an EFI entry that is memory but not usable as RAM (a usable type needs write-back).</summary>
    private static bool IsEfiNoMap(ContextLine c)
    {
        if (c.Parts is not { } attrs || c.Start is null || c.End is null)
            return false;
        bool memory = attrs.Contains("WB") || attrs.Contains("WT") || attrs.Contains("WC");
        return memory && !(UsableEfiTypes.Contains(c.Name!) && attrs.Contains("WB"));
    }

    /// <summary>The page size a hash-table line implies (its power-of-two size over 2^order), when it is 4, 16 or 64 KiB.</summary>
    private static ulong? PageSizeOf(ContextLine c)
    {
        if (c.Kind != ContextKind.HashTable || c.Value is not ulong bytes || c.Value2 is not ulong order || order > 40
            || bytes == 0 || (bytes & (bytes - 1)) != 0)
            return null;
        ulong page = bytes >> (int)order;
        return page is 4096 or 16384 or 65536 && page << (int)order == bytes ? page : null;
    }

    /// <summary>Adds a CMA area unless one at the same base is known (a pool line and a region line name the same area); an exact size wins.</summary>
    private void AddCma(LoggedAmount a)
    {
        int i = CmaAreas.FindIndex(c => c.Start == a.Start);
        if (i < 0)
            CmaAreas.Add(a);
        else if (a.Bytes > CmaAreas[i].Bytes)
            CmaAreas[i] = CmaAreas[i] with { Bytes = a.Bytes };
    }

    private static MemoryLineFacts MemoryFacts(ContextLine c)
    {
        var parts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var part in c.Parts ?? [])
        {
            int k = part.IndexOfAny(['K', 'k']);
            if (k > 0 && k + 2 <= part.Length && long.TryParse(part.AsSpan(0, k), NumberStyles.None, CultureInfo.InvariantCulture, out long v))
                parts[part[(k + 1)..].Trim()] = v;
        }
        long reserved = parts.GetValueOrDefault("reserved");
        bool cmaField = parts.ContainsKey("cma-reserved");
        var sections = parts.Where(p => p.Key is "kernel code" or "rwdata" or "rodata" or "init" or "bss" or "kernel data")
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (c.Kind == ContextKind.MemoryInfoLegacy)
            return new MemoryLineFacts(c.LineNumber, true, (long)c.Value2!.Value + reserved, (long)c.Value!.Value, reserved, 0, false,
                parts.GetValueOrDefault("highmem"), sections);
        return new MemoryLineFacts(c.LineNumber, false, (long)c.Value2!.Value, (long)c.Value!.Value, reserved, parts.GetValueOrDefault("cma-reserved"), cmaField,
            parts.GetValueOrDefault("highmem"), sections);
    }
}
