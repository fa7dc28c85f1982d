namespace MemblockSharp.Boot.Buddy;

public sealed partial class BuddyAllocator
{
    /// <summary><c>min_free_kbytes</c> as last set by <see cref="SetupWatermarks"/>.</summary>
    public ulong MinFreeKbytes { get; private set; }

    /// <summary>
    /// Computes the watermarks and the lowmem reserves as the kernel does at boot: <c>init_per_zone_wmark_min</c>
    /// (<c>min_free_kbytes = sqrt(lowmem_kbytes × 16)</c>, clamped to [128, 262144]) and then, with transparent huge
    /// pages, khugepaged's recommendation (<c>pageblock_nr_pages × zones × (2 + 3 × 3)</c>, at most 5 % of the free
    /// buffer pages) when it is larger. The kernel does this after CMA activation and before initrd and init memory
    /// are released, so call it at that point.
    /// </summary>
    /// <param name="pageSize">Page size in bytes.</param>
    /// <param name="transparentHugepage">Whether khugepaged raises <c>min_free_kbytes</c>.</param>
    public void SetupWatermarks(ulong pageSize, bool transparentHugepage)
    {
        ulong kbPerPage = pageSize / 1024;
        SetupLowmemReserve();
        ulong lowmemKb = FreeBufferPages() * kbPerPage;
        MinFreeKbytes = Math.Clamp(IntSqrt(lowmemKb * 16), 128UL, 262144UL);
        SetupZoneWatermarks(kbPerPage);
        // hugepage_init turns transparent huge pages off below 512 MiB of RAM.
        if (!transparentHugepage || TotalRamPages * kbPerPage < 512 * 1024)
            return;
        ulong zones = (ulong)_zones.Count(z => z.IsPopulated && z.Type <= ZoneType.Normal);
        ulong pageblock = 1UL << PageblockOrder;
        ulong recommended = pageblock * zones * 2 + pageblock * zones * 3 * 3;
        recommended = Math.Min(recommended, FreeBufferPages() / 20) * kbPerPage;
        if (recommended > MinFreeKbytes)
            MinFreeKbytes = recommended;
        SetupZoneWatermarks(kbPerPage);
    }

    // __setup_per_zone_wmarks with watermark_scale_factor 10 and no boost.
    private void SetupZoneWatermarks(ulong kbPerPage)
    {
        ulong pagesMin = MinFreeKbytes / kbPerPage;
        ulong lowmemPages = (ulong)_zones.Where(z => !IsHighmem(z)).Sum(z => (decimal)z.ManagedPages);
        foreach (var z in _zones)
        {
            ulong tmp = lowmemPages == 0 ? 0 : (ulong)((UInt128)pagesMin * z.ManagedPages / lowmemPages);
            ulong min = tmp;
            if (IsHighmem(z))
                min = Math.Clamp(z.ManagedPages / 1024, 32UL, 128UL);
            ulong step = Math.Max(tmp >> 2, z.ManagedPages * 10 / 10000);
            z.Watermarks = new Watermarks(min, min + step, min + step * 2);
        }
    }

    // is_highmem: HighMem, and Movable when the zone it takes its pages from (the highest spanned one) is HighMem.
    private bool IsHighmem(Zone z) =>
        z.Type == ZoneType.HighMem || (z.Type == ZoneType.Movable && _zones.Any(h => h.Type == ZoneType.HighMem && h.SpannedPages > 0));

    // setup_per_zone_lowmem_reserve with the default ratios (DMA 256, DMA32 256, Normal 32, HighMem 0, Movable 0).
    private void SetupLowmemReserve()
    {
        foreach (var group in _zones.GroupBy(z => z.Node))
        {
            var zones = group.ToList();
            foreach (var (zone, i) in zones.Select((z, i) => (z, i)))
            {
                ulong ratio = zone.Type switch { ZoneType.Dma or ZoneType.Dma32 => 256, ZoneType.Normal => 32, _ => 0 };
                var reserve = new ulong[zones.Count];
                ulong managed = 0;
                for (int j = i + 1; j < zones.Count; j++)
                {
                    managed += zones[j].ManagedPages;
                    reserve[j] = ratio == 0 || zone.ManagedPages == 0 ? 0 : managed / ratio;
                }
                zone.LowmemReserve = reserve;
            }
        }
    }

    // nr_free_buffer_pages: managed above the high watermark, zones up to Normal.
    private ulong FreeBufferPages() => (ulong)_zones
        .Where(z => z.Type <= ZoneType.Normal)
        .Sum(z => (decimal)(z.ManagedPages > z.Watermarks.High ? z.ManagedPages - z.Watermarks.High : 0));

    private static ulong IntSqrt(ulong x)
    {
        ulong r = (ulong)Math.Sqrt(x);
        while (r * r > x)
            r--;
        while ((r + 1) * (r + 1) <= x)
            r++;
        return r;
    }
}
