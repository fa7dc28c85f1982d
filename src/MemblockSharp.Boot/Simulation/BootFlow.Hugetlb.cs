using System.Globalization;
using System.Numerics;

namespace MemblockSharp.Boot.Simulation;

// hugetlbfs at boot (mm/hugetlb.c): hugepagesz=, hugepages= and default_hugepagesz= are __setup handlers that parse_args
// runs in command-line order; a gigantic size (order >= the buddy's order count) takes its pages from memblock right
// there, one raw allocation per page aligned to its size, round-robin over the nodes with memory. hugetlb_init later adds
// HPAGE_SIZE, allocates the other sizes from the buddy allocator (MemTotal is unchanged) and hands the gigantic pages to
// the pool, adding them back to totalram_pages (adjust_managed_page_count), so MemTotal counts them too.
internal sealed partial class BootFlow
{
    private const string CatGigantic = "gigantic huge pages (counted in MemTotal)";

    private sealed class Hstate(ulong size, int order)
    {
        public ulong Size { get; } = size;
        public int Order { get; } = order;
        public ulong MaxHugePages { get; set; }
        public SortedDictionary<int, ulong> PerNode { get; } = [];
        public int NextNid { get; set; } = -1;
    }

    private readonly List<Hstate> _hstates = [];
    private readonly List<(ulong Base, ulong Size)> _giganticPages = [];
    private ulong _hugetlbCmaSize;

    private bool IsGigantic(Hstate h) => h.Order >= _p.MaxOrder;

    private Hstate? HstateOf(ulong size) => _hstates.Find(h => h.Size == size);

    // hugetlb_add_hstate: a new size is appended (registration order); an existing one is left alone.
    private Hstate AddHstate(ulong size)
    {
        if (HstateOf(size) is { } existing)
            return existing;
        var h = new Hstate(size, BitOperations.Log2(size) - _p.PageShift);
        _hstates.Add(h);
        return h;
    }

    // start_kernel: the command line is printed, then parse_args runs the __setup handlers.
    private void ParseArgs()
    {
        Print("Kernel command line: " + _cmd.Text);
        HugetlbSetup();
    }

    // hugepagesz_setup / hugepages_setup / default_hugepagesz_setup, in command-line order.
    private void HugetlbSetup()
    {
        var valid = _arch.HugePageSizes(_p);
        bool parsedValid = true, parsedDefault = false;
        ulong defaultMax = 0;
        var defaultPerNode = new SortedDictionary<int, ulong>();
        Hstate? parsed = null, defaultHstate = null;
        object? lastTarget = null;
        var defaultTarget = new object();
        foreach (var token in _cmd.Parameters)
        {
            int eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
                continue;
            string name = token[..eq], value = token[(eq + 1)..];
            switch (name)
            {
                case "hugepagesz":
                {
                    parsedValid = false;
                    ulong size = KernelCommandLine.MemParse(value, token);
                    if (!valid.Contains(size))
                    {
                        Print($"HugeTLB: unsupported hugepagesz={value}");
                        break;
                    }
                    if (HstateOf(size) is { } h)
                    {
                        if (!parsedDefault || h != defaultHstate || h.MaxHugePages != 0)
                        {
                            Print($"HugeTLB: hugepagesz={value} specified twice, ignoring");
                            break;
                        }
                        parsed = h;
                        parsedValid = true;
                        break;
                    }
                    parsed = AddHstate(size);
                    parsedValid = true;
                    break;
                }
                case "default_hugepagesz":
                {
                    parsedValid = false;
                    if (parsedDefault)
                    {
                        Print($"HugeTLB: default_hugepagesz previously specified, ignoring {value}");
                        break;
                    }
                    ulong size = KernelCommandLine.MemParse(value, token);
                    if (!valid.Contains(size))
                    {
                        Print($"HugeTLB: unsupported default_hugepagesz={value}");
                        break;
                    }
                    bool isNew = HstateOf(size) is null;
                    defaultHstate = AddHstate(size);
                    if (isNew)
                        parsed = defaultHstate;
                    parsedValid = true;
                    parsedDefault = true;
                    if (defaultMax != 0)
                    {
                        defaultHstate.MaxHugePages = defaultMax;
                        foreach (var (nid, n) in defaultPerNode)
                            defaultHstate.PerNode[nid] = n;
                        if (IsGigantic(defaultHstate))
                            AllocGiganticPages(defaultHstate);
                        defaultMax = 0;
                    }
                    break;
                }
                case "hugepages":
                {
                    if (!parsedValid)
                    {
                        Print($"HugeTLB: hugepages={value} does not follow a valid hugepagesz, ignoring");
                        parsedValid = true;
                        break;
                    }
                    object target = _hstates.Count == 0 ? defaultTarget : parsed!;
                    if (target == lastTarget)
                    {
                        Print($"HugeTLB: hugepages= specified twice without interleaving hugepagesz=, ignoring hugepages={value}");
                        break;
                    }
                    if (!ParseHugepagesCount(value, out ulong total, out var perNode))
                    {
                        if (_hstates.Count == 0) defaultPerNode.Clear(); else parsed!.PerNode.Clear();
                        break;
                    }
                    if (_hstates.Count == 0)
                    {
                        defaultMax = total;
                        foreach (var (nid, n) in perNode)
                            defaultPerNode[nid] = n;
                    }
                    else
                    {
                        parsed!.MaxHugePages = total;
                        foreach (var (nid, n) in perNode)
                            parsed.PerNode[nid] = n;
                        if (IsGigantic(parsed))
                            AllocGiganticPages(parsed);
                    }
                    lastTarget = target;
                    break;
                }
            }
        }
        // hugetlbpage_init (arch_initcall) registers the architecture's sizes; hugetlb_init then HPAGE_SIZE, and the
        // default size takes a leading hugepages= that no size claimed.
        foreach (ulong size in valid)
            AddHstate(size);
        if (valid.Count > 0)
        {
            var hpage = AddHstate(_arch.DefaultHugePageSize(_p));
            if (!parsedDefault && defaultMax != 0)
            {
                hpage.MaxHugePages = defaultMax;
                foreach (var (nid, n) in defaultPerNode)
                    hpage.PerNode[nid] = n;
            }
        }
    }

    // "N" or "NODE:N[,NODE:N...]"; a node that is not online makes the whole value invalid.
    private bool ParseHugepagesCount(string value, out ulong total, out SortedDictionary<int, ulong> perNode)
    {
        total = 0;
        perNode = [];
        if (!value.Contains(':', StringComparison.Ordinal))
        {
            int digits = 0;
            while (digits < value.Length && char.IsAsciiDigit(value[digits])) digits++;
            if (digits == 0 || !ulong.TryParse(value.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out total))
            {
                Print($"HugeTLB: Invalid hugepages parameter {value}");
                return false;
            }
            return true;
        }
        foreach (var part in value.Split(','))
        {
            var bits = part.Split(':');
            if (bits.Length != 2 || !int.TryParse(bits[0], NumberStyles.None, CultureInfo.InvariantCulture, out int nid)
                || !ulong.TryParse(bits[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong n)
                || nid >= _p.MaxNumNodes || !_nodes.Contains(nid))
            {
                Print($"HugeTLB: Invalid hugepages parameter {part}");
                total = 0;
                perNode.Clear();
                return false;
            }
            perNode[nid] = n;
            total += n;
        }
        return true;
    }

    // hugetlb_hstate_alloc_pages for a gigantic size: per node when nodes were named, else balanced over the nodes.
    private void AllocGiganticPages(Hstate h)
    {
        if (_hugetlbCmaSize != 0)
        {
            Print("HugeTLB: hugetlb_cma is enabled, skip boot time allocation");
            return;
        }
        if (h.MaxHugePages == 0)
            return;
        bool nodeSpecific = false;
        foreach (var (nid, wanted) in h.PerNode.ToList())
        {
            if (wanted == 0)
                continue;
            nodeSpecific = true;
            ulong got = 0;
            while (got < wanted && AllocBootmemHugePage(h, nid))
                got++;
            if (got < wanted)
            {
                Print($"HugeTLB: allocating {wanted} of page size {StringGetSize(h.Size)} failed node{nid}.  Only allocated {got} hugepages.");
                h.MaxHugePages -= wanted - got;
                h.PerNode[nid] = got;
            }
        }
        if (nodeSpecific)
            return;
        ulong i = 0;
        while (i < h.MaxHugePages && AllocBootmemHugePage(h, Memblock.NumaNoNode))
            i++;
        if (i < h.MaxHugePages)
        {
            Print($"HugeTLB: allocating {h.MaxHugePages} of page size {StringGetSize(h.Size)} failed.  Only allocated {i} hugepages.");
            h.MaxHugePages = i;
        }
    }

    // __alloc_bootmem_huge_page: memblock_alloc_try_nid_raw(size, size, 0, ACCESSIBLE, node), the node the next one
    // round-robin when none is asked for; 6.12 marks all but the head page MEMBLOCK_RSRV_NOINIT.
    private bool AllocBootmemHugePage(Hstate h, int nid)
    {
        int node = nid;
        if (node == Memblock.NumaNoNode)
        {
            var withMemory = _nodes.ToList();
            int idx = Math.Max(0, withMemory.FindIndex(n => n >= h.NextNid));
            node = withMemory[idx];
            h.NextNid = withMemory[(idx + 1) % withMemory.Count];
        }
        ulong pa = _mb.AllocTryNidRaw(h.Size, h.Size, 0, 0, node, "__alloc_bootmem_huge_page");
        if (pa == 0)
            return false;
        _costs.Add(pa, h.Size, CatGigantic, "__alloc_bootmem_huge_page");
        if (_p.Rules.HugetlbBootmemGatheredEarly)
            _mb.ReservedMarkNoInit(pa + Page, h.Size - Page);
        _giganticPages.Add((pa, h.Size));
        return true;
    }

    // gather_bootmem_prealloc: every gigantic page joins totalram_pages (and its zone's managed pages).
    private ulong GatherBootmemPrealloc(Buddy.BuddyAllocator buddy)
    {
        ulong pages = 0;
        foreach (var (b, s) in _giganticPages)
            pages += buddy.AdjustManagedPageCount(PfnDown(b), PfnDown(b + s));
        return pages;
    }

    // report_hugepages: every size in registration order with its pool; the non-gigantic pools come from the buddy
    // allocator, as many as its free memory above the low watermarks holds.
    private void ReportHugepages(Buddy.BuddyAllocator buddy)
    {
        ulong freePages = buddy.FreePages;
        ulong reserve = (ulong)buddy.Zones.Sum(z => (decimal)z.Watermarks.Low);
        ulong usable = freePages > reserve ? freePages - reserve : 0;
        foreach (var h in _hstates)
        {
            ulong pool = h.MaxHugePages;
            if (!IsGigantic(h) && pool > 0)
            {
                ulong pagesEach = h.Size / Page;
                ulong fits = usable / pagesEach;
                if (fits < pool)
                {
                    Warn($"hugepages={pool}", $"not modelled: how many of {pool} {StringGetSize(h.Size)} pages the buddy allocator can give after boot (about {fits}); MemTotal is unchanged either way");
                    pool = fits;
                }
                usable -= pool * pagesEach;
            }
            string size = StringGetSize(h.Size);
            Print($"HugeTLB: registered {size} page size, pre-allocated {pool} pages");
            Print($"HugeTLB: 0 KiB vmemmap can be freed for a {size} page");
        }
    }

    // string_get_size(size, 1, STRING_UNITS_2): three significant digits and a binary unit ("1.00 GiB", "32.0 MiB").
    private static string StringGetSize(ulong size)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
        if (size == 0)
            return "0 B";
        int i = 0;
        ulong remainder = 0;
        while (size >= 1024)
        {
            remainder = size % 1024;
            size /= 1024;
            i++;
        }
        int j = 0;
        for (ulong cap = size; cap * 10 < 1000; j++)
            cap *= 10;
        remainder = remainder * 1000 >> 10;
        remainder += j switch { 0 => 500UL, 1 => 50UL, _ => 5UL };
        if (remainder >= 1000)
        {
            remainder -= 1000;
            size++;
        }
        string fraction = j == 0 ? "" : "." + remainder.ToString("000", CultureInfo.InvariantCulture)[..j];
        return $"{size}{fraction} {(i < units.Length ? units[i] : "UNK")}";
    }
}
