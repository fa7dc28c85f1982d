using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Lint;

public sealed partial class ReservationLayout
{
    private const ulong SZ_2M = 2UL << 20, SZ_128M = 128UL << 20, SZ_1G = 1UL << 30;

    /// <summary>
    /// Builds the early reserved map of <paramref name="tree"/>: memory from the scan (or <see cref="LintOptions.Ram"/>),
    /// then, in the kernel's order, the FDT, the arch's memory trims, the initrd, the kernel image, the static
    /// reservations and the dynamic allocations.
    /// </summary>
    /// <param name="tree">The parsed blob.</param>
    /// <param name="scan">The early scan of <paramref name="tree"/> made with <paramref name="scanOptions"/>.</param>
    /// <param name="options">The kernel profile, memory override and load addresses.</param>
    /// <param name="scanOptions">The scan options matching the profile (page size, address clipping).</param>
    /// <param name="reserveAssumed">False to leave out the kernel image and FDT when their address is only assumed
    /// (to tell whether a failure is due to that assumption).</param>
    /// <returns>The layout.</returns>
    public static ReservationLayout Build(FlattenedDeviceTree tree, BootScanResult scan, LintOptions options, BootScanOptions scanOptions,
        bool reserveAssumed = true)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scanOptions);
        return new Builder(tree, scan, options, scanOptions, reserveAssumed).Run();
    }

    /// <summary>One layout in the making: the memblock instance and what has been reserved so far.</summary>
    private sealed class Builder(FlattenedDeviceTree tree, BootScanResult scan, LintOptions options, BootScanOptions scanOptions, bool reserveAssumed)
    {
        private readonly KernelProfile _p = options.Profile;
        private readonly Memblock _mb = new(new MemblockOptions
        {
            PageSize = options.Profile.PageSize,
            MaxNumNodes = options.Profile.MaxNumNodes,
            Numa = options.Profile.Numa,
        });

        private readonly List<LayoutRegion> _regions = [];
        private readonly List<RefusedNoMap> _refused = [];
        private readonly List<UnplacedRequest> _unplaced = [];
        private LayoutRegion? _droppedInitrd;
        private ulong _kernelPhys;

        private ulong Page => _p.PageSize;

        public ReservationLayout Run()
        {
            var memory = AddMemory();
            if (memory.Count > 0)
            {
                if (_p.Arch == KernelArch.Arm)
                    ArmMemblockInit();
                else
                    Arm64MemblockInit();
            }
            ReserveStatic(memory.Count > 0);
            if (memory.Count > 0)
                PlaceDynamic();
            return new ReservationLayout(memory, _regions, _refused, _unplaced, _droppedInitrd);
        }

        private List<(ulong Base, ulong Size)> AddMemory()
        {
            if (options.Ram.Count > 0)
            {
                foreach (var (b, s) in options.Ram)
                {
                    if (s != 0 && BootScanner.AddMemoryArch(b, s, scanOptions) is { } r)
                        _mb.Add(r.Base, r.Size);
                }
            }
            else if (!scan.IsUefiBoot)
            {
                foreach (var bank in scan.AddedBanks)
                    _mb.Add(bank.Base, bank.Size);
            }
            var list = new List<(ulong, ulong)>();
            foreach (var r in _mb.Memory.Regions)
            {
                if (r.Size != 0)
                    list.Add((r.Base, r.Size));
            }
            return list;
        }

        private ulong Phys(ulong symbol) => symbol - _p.Image.Text + _kernelPhys;

        private (ulong Start, ulong End)? Initrd =>
            scan.Chosen is { InitrdStart: { } s, InitrdEnd: { } e } && e > s ? (s, e) : null;

        // setup_machine_fdt (the blob), arm64_memblock_init (trims, initrd, image).
        private void Arm64MemblockInit()
        {
            ulong ramBase = _mb.StartOfDram(), ramEnd = _mb.EndOfDram();
            _kernelPhys = options.KernelAddress ?? AlignUp(ramBase, SZ_2M) + SZ_2M;
            ReserveFdt(ramBase, ramEnd, SZ_2M);

            var linear = 1UL << (_p.VaBits - 1);
            if (_p.PhysAddrBits < 64)
                _mb.Remove(1UL << _p.PhysAddrBits, ulong.MaxValue);
            if (_mb.Memory.IsEmpty)
                return;
            var memstart = AlignDown(_mb.StartOfDram(), SZ_1G);
            var imageEnd = Phys(_p.Image.End);
            _mb.Remove(Math.Max(memstart + linear, imageEnd), ulong.MaxValue);
            if (!_mb.Memory.IsEmpty && memstart + linear < _mb.EndOfDram())
            {
                memstart = AlignUp(_mb.EndOfDram() - linear, SZ_1G);
                _mb.Remove(0, memstart);
            }
            if (Initrd is { } initrd && !_mb.Memory.IsEmpty)
            {
                var b = AlignDown(initrd.Start, Page);
                var s = AlignUp(initrd.End, Page) - b;
                var region = Region(LayoutRegionKind.Initrd, scan.Chosen.NodePath ?? "/chosen", "initrd", b, s, assumed: false);
                if (b < _mb.StartOfDram() || b + s > _mb.StartOfDram() + linear)
                {
                    _droppedInitrd = region;
                }
                else
                {
                    _mb.Add(b, s);
                    _mb.ClearNoMap(b, s);
                    Reserve(region);
                }
            }
            Reserve(Region(LayoutRegionKind.KernelImage, "/", "kernel image", Phys(_p.Image.SText), _p.Image.End - _p.Image.SText,
                options.KernelAddress is null));
        }

        // arm_memblock_init: the image, the initrd (when it is memory and free), swapper_pg_dir, then the blob.
        private void ArmMemblockInit()
        {
            ulong ramBase = _mb.StartOfDram(), ramEnd = _mb.EndOfDram();
            var physOffset = AlignDown(ramBase, SZ_128M);
            _kernelPhys = options.KernelAddress ?? _p.Image.Text - _p.PageOffset + physOffset;
            var assumed = options.KernelAddress is null;
            Reserve(Region(LayoutRegionKind.KernelImage, "/", "kernel image", Phys(_p.Image.SText), _p.Image.End - _p.Image.SText, assumed));
            if (Initrd is { } initrd)
            {
                var b = AlignDown(initrd.Start, Page);
                var s = AlignUp(initrd.End - initrd.Start + (initrd.Start - b), Page);
                var region = Region(LayoutRegionKind.Initrd, scan.Chosen.NodePath ?? "/chosen", "initrd", b, s, assumed: false);
                if (!_mb.IsRegionMemory(b, s) || _mb.IsRegionReserved(b, s))
                    _droppedInitrd = region;
                else
                    Reserve(region);
            }
            if (_p.Image.SwapperPgDir != 0)
                Reserve(Region(LayoutRegionKind.KernelImage, "/", "kernel page tables (swapper_pg_dir)", Phys(_p.Image.SwapperPgDir),
                    _p.Lpae ? 0x5000UL : 0x4000UL, assumed));
            ReserveFdt(ramBase, ramEnd, Page);
        }

        // Where QEMU puts the blob unless told: after the initrd, else in the middle of RAM (at most 128 MiB in).
        private void ReserveFdt(ulong ramBase, ulong ramEnd, ulong align)
        {
            var at = options.DtbAddress ?? (Initrd is { } initrd
                ? AlignUp(initrd.End, align)
                : AlignUp(ramBase + Math.Min((ramEnd - ramBase) / 2, SZ_128M), align));
            Reserve(Region(LayoutRegionKind.DeviceTreeBlob, "/", "FDT", at, tree.Header.TotalSize, options.DtbAddress is null));
        }

        // early_init_fdt_scan_reserved_mem: /memreserve/, /reserved-memory reg entries (no-map ones refused when
        // memory under them is already reserved), elfcorehdr.
        private void ReserveStatic(bool hasMemory)
        {
            var inTable = scan.ReservedMemoryTable.Where(e => !e.IsDynamic).Select(e => e.NodePath).ToHashSet(StringComparer.Ordinal);
            foreach (var r in scan.Reservations)
            {
                var (kind, label) = r.Source switch
                {
                    ReservationSource.MemReserve => (LayoutRegionKind.MemReserve, $"/memreserve/ #{r.EntryIndex}"),
                    ReservationSource.ElfCoreHeader => (LayoutRegionKind.ElfCoreHeader, "elfcorehdr"),
                    _ => (LayoutRegionKind.StaticReservedMemory, r.Name ?? r.NodePath),
                };
                var region = new LayoutRegion(kind, r.NodePath, label, r.EntryIndex, r.Base, r.Size, r.NoMap, false,
                    kind == LayoutRegionKind.StaticReservedMemory && r.EntryIndex == 0 && inTable.Contains(r.NodePath));
                if (!hasMemory)
                {
                    _regions.Add(region);
                    continue;
                }
                if (region.NoMap)
                {
                    if (_mb.OverlapsRegion(_mb.Memory, region.Base, region.Size) && _mb.IsRegionReserved(region.Base, region.Size))
                    {
                        var blockers = _regions.Where(o => !o.NoMap && Overlap(o, region) && !IsRefusedOrDropped(o)).ToList();
                        _refused.Add(new RefusedNoMap(region, blockers));
                    }
                    else
                    {
                        _mb.MarkNoMap(region.Base, region.Size);
                    }
                    _regions.Add(region);
                }
                else
                {
                    Reserve(region);
                }
            }
        }

        // fdt_init_reserved_mem: each dynamic region in table order, window by window.
        private void PlaceDynamic()
        {
            foreach (var request in scan.DynamicRequests)
            {
                if (request.Size == 0)
                    continue;
                ulong got = 0;
                foreach (var range in request.Ranges)
                {
                    var at = _mb.PhysAllocRange(request.Size, request.Alignment, range.Start, range.End);
                    if (at == 0)
                        continue;
                    if (request.Entry.NoMap && _mb.MarkNoMap(at, request.Size) != 0)
                    {
                        _mb.PhysFree(at, request.Size);
                        continue;
                    }
                    got = at;
                    break;
                }
                if (got == 0)
                {
                    _unplaced.Add(new UnplacedRequest(request, LargestFree(request.Ranges)));
                    continue;
                }
                _regions.Add(new LayoutRegion(LayoutRegionKind.DynamicReservedMemory, request.NodePath, request.Name, 0, got,
                    request.Size, request.Entry.NoMap, false, true));
            }
        }

        private ulong LargestFree(IReadOnlyList<AllocRange> ranges)
        {
            ulong best = 0;
            foreach (var free in _mb.FreeMemRanges(Memblock.NumaNoNode, MemblockFlags.None))
            {
                foreach (var w in ranges)
                {
                    var s = Math.Max(free.Start, w.Start);
                    var e = Math.Min(free.End, w.End);
                    if (e > s)
                        best = Math.Max(best, e - s);
                }
            }
            return best;
        }

        private bool IsRefusedOrDropped(LayoutRegion r) => ReferenceEquals(r, _droppedInitrd) || _refused.Any(x => ReferenceEquals(x.Region, r));

        private static LayoutRegion Region(LayoutRegionKind kind, string path, string label, ulong b, ulong s, bool assumed) =>
            new(kind, path, label, 0, b, s, false, assumed, false);

        private void Reserve(LayoutRegion region)
        {
            if (region.Assumed && !reserveAssumed)
                return;
            _mb.Reserve(region.Base, region.Size);
            _regions.Add(region);
        }
    }

    internal static bool Overlap(LayoutRegion a, LayoutRegion b) => a.Size != 0 && b.Size != 0 && a.Base < b.End && b.Base < a.End;

    private static ulong AlignUp(ulong v, ulong a) => (v + a - 1) & ~(a - 1);

    private static ulong AlignDown(ulong v, ulong a) => v & ~(a - 1);
}
