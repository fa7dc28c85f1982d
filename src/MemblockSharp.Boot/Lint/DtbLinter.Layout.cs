using System.Globalization;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Lint;

public static partial class DtbLinter
{
    private sealed partial class Context
    {
        /// <summary>MB003, MB004, MB006: every pair of regions in the early reserved map that overlap.</summary>
        public void CheckOverlaps()
        {
            var regions = Layout.Regions;
            for (var i = 0; i < regions.Count; i++)
            {
                for (var j = i + 1; j < regions.Count; j++)
                {
                    var (a, b) = (regions[i], regions[j]);
                    if (!ReservationLayout.Overlap(a, b) || (a.IsBootImage && b.IsBootImage) || ExplainedByRefusal(a, b))
                        continue;
                    var text = $"{Describe(b)} overlaps {Describe(a)}";
                    if (a.IsBootImage || b.IsBootImage)
                    {
                        var (image, other) = a.IsBootImage ? (a, b) : (b, a);
                        var assumed = image.Assumed
                            ? $" (the {image.Label} address is assumed: give --{(image.Kind == LayoutRegionKind.KernelImage ? "kernel-addr" : "dtb-addr")})"
                            : "";
                        Add(LintRules.BootImageOverlap, other.NodePath, $"{Describe(other)} overlaps the {Describe(image)}{assumed}",
                            image.Assumed ? LintSeverity.Warning : null);
                    }
                    else if (a.InTable && b.InTable)
                    {
                        Add(LintRules.TableOverlap, b.NodePath, text);
                    }
                    else
                    {
                        Add(LintRules.SilentOverlap, b.NodePath, text);
                    }
                }
            }
            foreach (var refused in Layout.Refused)
            {
                var assumed = refused.Blockers.Count > 0 && refused.Blockers.All(b => b.Assumed);
                Add(LintRules.NoMapRefused, refused.Region.NodePath,
                    $"{Describe(refused.Region)} overlaps {string.Join(", ", refused.Blockers.Select(Describe))}, reserved before it: " +
                    "the kernel refuses to unmap it (-EBUSY) and the rest of the region stays mapped RAM" +
                    (assumed ? " (the blocking load address is assumed: give --kernel-addr/--dtb-addr)" : ""),
                    assumed ? LintSeverity.Warning : null);
            }
        }

        /// <summary>MB005 already says it: a refused no-map region and what blocked it.</summary>
        private bool ExplainedByRefusal(LayoutRegion a, LayoutRegion b) =>
            Layout.Refused.Any(r => (ReferenceEquals(r.Region, a) && r.Blockers.Contains(b)) || (ReferenceEquals(r.Region, b) && r.Blockers.Contains(a)));

        /// <summary>MB007, MB013, MB021, MB022, MB023: what needs memory.</summary>
        public void CheckPlacement()
        {
            if (!Layout.HasMemory)
            {
                if (Scan.IsUefiBoot && Options.Ram.Count == 0)
                    Add(LintRules.UefiMemory, Scan.Chosen.NodePath ?? "/chosen",
                        "/chosen has linux,uefi-mmap-start: the EFI stub passed this tree and memory comes from the UEFI memory map; " +
                        "rules that need RAM were skipped (give --ram BASE:SIZE)");
                else
                    Add(LintRules.NoMemory, "/",
                        "no memory bank in the tree (the bootloader fills it in): rules that need RAM were skipped (give --ram BASE:SIZE)");
                return;
            }
            foreach (var r in Layout.Regions)
            {
                if (r.Kind is not (LayoutRegionKind.MemReserve or LayoutRegionKind.StaticReservedMemory or LayoutRegionKind.ElfCoreHeader))
                    continue;
                var gaps = Layout.Uncovered(r.Base, r.End);
                if (gaps.Count == 0)
                    continue;
                ulong missing = 0;
                foreach (var (s, e) in gaps)
                    missing += e - s;
                // A no-map region wholly outside RAM is the usual way to hand device memory (SRAM) to a driver: info only.
                Add(LintRules.OutsideMemory, r.NodePath, missing == r.Size
                    ? $"{Describe(r)} is outside every memory bank{MemorySummary()}{(r.NoMap ? ": as a no-map region of device memory this is harmless" : "")}"
                    : $"{Describe(r)} is partly outside the memory banks ({string.Join(", ", gaps.Select(g => $"[{Hex.Format(g.Start)}-{Hex.Format(g.End - 1)}]"))} is not RAM){MemorySummary()}",
                    missing == r.Size && r.NoMap ? LintSeverity.Info : null);
            }
            var withoutAssumed = Layout.Unplaced.Count > 0 && Layout.Regions.Any(r => r.Assumed)
                ? ReservationLayout.Build(Tree, Scan, Options, ScanOptions, reserveAssumed: false)
                : null;
            foreach (var u in Layout.Unplaced)
            {
                var req = u.Request;
                var onlyAssumed = withoutAssumed is not null && withoutAssumed.Unplaced.All(x => x.Request.Entry != req.Entry);
                var windows = string.Join(", ", req.Ranges.Select(w => w.End == ulong.MaxValue && w.Start == 0 ? "anywhere in memory" : $"[{Hex.Format(w.Start)}-{Hex.Format(w.End - 1)}]"));
                Add(LintRules.DynamicUnplaceable, req.NodePath,
                    $"{Size(req.Size)} ({Hex.Format(req.Size)}) aligned to {Hex.Format(req.Alignment)} does not fit {(req.Ranges.Count == 1 && req.Ranges[0] is { Start: 0, End: ulong.MaxValue } ? "" : "in ")}{windows}: " +
                    (u.LargestFree == 0 ? "no free memory there" : $"the largest free block there is {Size(u.LargestFree)} ({Hex.Format(u.LargestFree)})") +
                    (onlyAssumed ? " (it fits when the kernel image and FDT are elsewhere: their addresses are assumed, give --kernel-addr/--dtb-addr)" : ""),
                    onlyAssumed ? LintSeverity.Warning : null);
            }
            if (Layout.DroppedInitrd is { } initrd)
                Add(LintRules.InitrdUnusable, initrd.NodePath, $"initrd {initrd.Range} is not inside usable memory: the kernel drops it");
        }

        private string MemorySummary() =>
            Layout.Memory.Count > 4 ? "" : " (memory: " + string.Join(", ", Layout.Memory.Select(m => $"[{Hex.Format(m.Base)}-{Hex.Format(m.Base + m.Size - 1)}]")) + ")";

        private static string Describe(LayoutRegion r) => r.Kind switch
        {
            LayoutRegionKind.MemReserve => $"/memreserve/ entry {r.EntryIndex.ToString(CultureInfo.InvariantCulture)} {r.Range}",
            LayoutRegionKind.StaticReservedMemory => $"{r.NodePath}{(r.EntryIndex > 0 ? $" reg entry {r.EntryIndex.ToString(CultureInfo.InvariantCulture)}" : "")}{(r.NoMap ? " (no-map)" : "")} {r.Range}",
            LayoutRegionKind.DynamicReservedMemory => $"{r.NodePath} (placed at) {r.Range}",
            LayoutRegionKind.ElfCoreHeader => $"elfcorehdr {r.Range}",
            _ => $"{r.Label} {r.Range}",
        };
    }
}
