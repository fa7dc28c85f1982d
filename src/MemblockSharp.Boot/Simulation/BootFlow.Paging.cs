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
        var kernelTables = new TableSet();
        var img = _p.Image;
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
        AllocTables(kernelTables.Count);

        // map_mem: the linear map, without the kernel's text/rodata alias, then that alias with blocks allowed.
        var linear = new TableSet();
        ulong kStart = Phys(img.SText), kEnd = Phys(img.InitBegin);
        _mb.MarkNoMap(kStart, kEnd - kStart);
        foreach (var r in _mb.Memory.Regions.ToArray())
        {
            if ((r.Flags & MemblockFlags.NoMap) != 0)
                continue;
            AddMapping(linear, LinearVa(r.Base), LinearVa(r.End), allowBlocks: !_p.RodataFull);
        }
        AddMapping(linear, LinearVa(kStart), LinearVa(kEnd), allowBlocks: true);
        _mb.ClearNoMap(kStart, kEnd - kStart);
        AllocTables(linear.Count);

        if (_p.Image.InitPgEnd > _p.Image.InitPgDir)
            PhysFree(Phys(_p.Image.InitPgDir), _p.Image.InitPgEnd - _p.Image.InitPgDir, "paging_init");
        _mb.AllowResize();
        AllocTables((int)_p.Sizes.IdmapTables);
    }

    private ulong LinearVa(ulong pa) => pa - _memstart;

    private void AllocTables(int count)
    {
        for (int i = 0; i < count; i++)
            PhysAllocRange(CatPageTables, Page, Page, 0, Memblock.AllocNoLeakTrace, "early_pgtable_alloc");
    }

    // Records the tables needed to map [va, vaEnd): a PUD and a PMD table for every 512 GiB / 1 GiB touched, and a
    // PTE table for every 2 MiB chunk that is not mapped as one block.
    private void AddMapping(TableSet tables, ulong va, ulong vaEnd, bool allowBlocks)
    {
        ulong chunk = 1UL << PteShift;
        for (ulong c = AlignDown(va, chunk); c < vaEnd; c += chunk)
        {
            tables.Pud.Add(c >> PudShift);
            tables.Pmd.Add(c >> PmdShift);
            bool whole = va <= c && c + chunk <= vaEnd;
            if (!(whole && allowBlocks))
                tables.Pte.Add(c >> PteShift);
        }
    }

    private sealed class TableSet
    {
        public HashSet<ulong> Pud { get; } = [];
        public HashSet<ulong> Pmd { get; } = [];
        public HashSet<ulong> Pte { get; } = [];
        public int Count => Pud.Count + Pmd.Count + Pte.Count;
    }
}
