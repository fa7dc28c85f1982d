namespace MemblockSharp.Boot.Simulation;

internal sealed partial class BootFlow
{
    // Page-table geometry of a 4-level, 4 KiB-granule kernel: PTE tables cover 2 MiB, PMD tables 1 GiB, PUD tables 512 GiB.
    private int PteShift => _p.PageShift + (_p.PageShift - 3);
    private int PmdShift => PteShift + (_p.PageShift - 3);
    private int PudShift => PmdShift + (_p.PageShift - 3);

    // paging_init: map_kernel, map_mem, free init_pg_dir, create_idmap; one page per table.
    private void PagingInit()
    {
        var img = _p.Image;
        bool early = _p.Rules.EarlyKernelMapping;
        var kernelTables = new TableSet();
        bool aligned = ((Phys(img.Text) ^ img.Text) & ((1UL << PteShift) - 1)) == 0;
        foreach (var (s, e) in new[]
                 {
                     (img.SText, img.EText), (img.StartRodata, img.InitTextBegin), (img.InitTextBegin, img.InitTextEnd),
                     (img.InitDataBegin, img.InitDataEnd), (img.SData, img.End),
                 })
        {
            if (e > s)
                AddMapping(kernelTables, s, e, allowBlocks: aligned);
        }
        if (!early)
            AllocTables(TablesNeeded(kernelTables));

        // map_mem: the linear map, without the kernel's text/rodata alias, then that alias with blocks allowed.
        var linear = new TableSet();
        bool byPages = LinearMapByPages();
        ulong kStart = Phys(_p.Rules.ImageReservedFromText ? img.Text : img.SText), kEnd = Phys(img.InitBegin);
        _mb.MarkNoMap(kStart, kEnd - kStart);
        foreach (var r in _mb.Memory.Regions.ToArray())
        {
            if ((r.Flags & MemblockFlags.NoMap) != 0)
                continue;
            AddMapping(linear, LinearVa(r.Base), LinearVa(r.End), allowBlocks: !byPages);
        }
        AddMapping(linear, LinearVa(kStart), LinearVa(kEnd), allowBlocks: true);
        _mb.ClearNoMap(kStart, kEnd - kStart);
        AllocTables(TablesNeeded(linear));

        if (!early && _p.Image.InitPgEnd > _p.Image.InitPgDir)
            PhysFree(Phys(_p.Image.InitPgDir), _p.Image.InitPgEnd - _p.Image.InitPgDir, "paging_init");
        _mb.AllowResize();
        if (!early)
            AllocTables((int)_p.Sizes.IdmapTables);
    }

    private ulong LinearVa(ulong pa) => pa - _memstart;

    // With three translation levels (a 16 KiB-page kernel on 47 bits) the PGD points straight at PMD tables: no PUD tables.
    private long TablesNeeded(TableSet tables) =>
        (_p.PageTableLevels >= 4 ? (long)tables.Pud.Count : 0) + (long)tables.Pmd.Count + (long)tables.Pte.Count;

    private void AllocTables(long count)
    {
        // One page per table, top-down; consecutive pages are reserved in one go unless every call is traced. While
        // traced, go in steps no longer than what is left of the trace's line budget, so that batching resumes as soon as
        // the trace is cut.
        long done = 0;
        while (done < count)
        {
            long step = _mb.Trace is null ? count - done : Math.Min(count - done, Math.Max(1L, _options.MaxTraceLines - (long)_trace.Count));
            long got = _mb.PhysAllocRangeMany(Page, Page, 0, Memblock.AllocNoLeakTrace, step,
                (low, n) => _costs.Add(low, (ulong)n * Page, CatPageTables, "early_pgtable_alloc"), "early_pgtable_alloc");
            done += got;
            if (got < step)
                break;
        }
        if (done < count)
            throw new BootInputException($"out of memory: early_pgtable_alloc could not get page table {done + 1} of {count} (the kernel would panic)");
    }

    // Records the tables needed to map [va, vaEnd): a PUD table for every 512 GiB touched, a PMD table for every 1 GiB
    // touched and a PTE table for every 2 MiB chunk, unless blocks are allowed: then a chunk the range covers whole is
    // one block (no PTE table), and with 4 KiB pages (pud_sect_supported) a whole 1 GiB is one block (no PMD table).
    // Kept as index intervals, so the cost follows the number of mappings, not the amount of memory mapped.
    private void AddMapping(TableSet tables, ulong va, ulong vaEnd, bool allowBlocks)
    {
        if (vaEnd <= va)
            return;
        ulong chunk = 1UL << PteShift;
        ulong first = AlignDown(va, chunk), last = AlignDown(vaEnd - 1, chunk);
        tables.Pud.Add(first >> PudShift, last >> PudShift);
        if (!allowBlocks)
        {
            tables.Pmd.Add(first >> PmdShift, last >> PmdShift);
            tables.Pte.Add(first >> PteShift, last >> PteShift);
            return;
        }
        if (_p.PageSize == 4096)
            AddPartEnds(tables.Pmd, va, vaEnd, PmdShift);
        else
            tables.Pmd.Add(first >> PmdShift, last >> PmdShift);
        AddPartEnds(tables.Pte, va, vaEnd, PteShift);
    }

    // The first and last granule of 2^shift bytes that [va, vaEnd) covers only in part: the ones that need a table.
    private static void AddPartEnds(IndexIntervals tables, ulong va, ulong vaEnd, int shift)
    {
        ulong granule = 1UL << shift;
        ulong first = AlignDown(va, granule), last = AlignDown(vaEnd - 1, granule);
        if (va > first || first + granule > vaEnd)
            tables.Add(first >> shift, first >> shift);
        if (last != first && last + granule > vaEnd)
            tables.Add(last >> shift, last >> shift);
    }

    private sealed class TableSet
    {
        public IndexIntervals Pud { get; } = new();
        public IndexIntervals Pmd { get; } = new();
        public IndexIntervals Pte { get; } = new();
    }
}
