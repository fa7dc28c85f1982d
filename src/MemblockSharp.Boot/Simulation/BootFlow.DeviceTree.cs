using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Simulation;

// What the early boot reads from the device tree besides the banks and the reservations: the kdump kernel's usable
// memory ranges (modelled), and the features that change memory in ways this boot does not model (each a warning at
// the step where the kernel reads it, so such a boot is never silently wrong).
internal sealed partial class BootFlow
{
    private const string ChosenKaslrSeed = "/chosen/kaslr-seed";

    // early_init_dt_check_for_usable_mem_range: memory is capped to the first range of /chosen
    // linux,usable-memory-range and the later ranges are added (a crash kernel's view of memory). The kernel calls it at
    // the end of the early scan and again after efi_init has replaced memory with the UEFI map.
    private void CheckForUsableMemRange()
    {
        var ranges = _scan.Chosen.UsableMemoryRanges;
        if (ranges.Count == 0)
            return;
        var (first, rest) = (ranges[0], ranges.Skip(1));
        if (first.Size != 0)
        {
            _mb.CapMemoryRange(first.Address, first.Size);
            KeepCostsWhereMemblockHoldsThem();
        }
        foreach (var r in rest.TakeWhile(r => r.Size != 0))
            _mb.Add(r.Address, r.Size, "early_init_dt_check_for_usable_mem_range");
    }

    // kaslr_early_init (arm64, before setup_arch): a non-zero 64-bit /chosen kaslr-seed without "nokaslr" anywhere in
    // the command line randomises the kernel's virtual address, and arm64_memblock_init then moves memstart_addr down by
    // whole GiB when the CPU's physical range is smaller than the linear map. This boot places neither at random.
    private void WarnForKaslrSeed()
    {
        if (!_arch.RandomizesWithKaslrSeed || _cmd.Text.Contains("nokaslr", StringComparison.Ordinal))
            return;
        var seed = (_tree.FindNode("/chosen") ?? _tree.FindNode("/chosen@0"))?.GetProperty("kaslr-seed");
        if (seed is not { Length: 8 } || seed.AsU64() == 0)
            return;
        Warn(ChosenKaslrSeed, "not modelled: KASLR randomises the kernel's virtual address and may move the linear map, " +
                              "so the page tables may take a page or two more or less (a boot with nokaslr is what is simulated)");
    }

    // xen_early_init: a /hypervisor node compatible with "xen,xen" makes this a Xen guest: memory comes from Xen, with
    // grant tables and xen-swiotlb.
    private void WarnForXen()
    {
        if (_tree.FindNode("/hypervisor") is { } node && node.IsCompatible("xen,xen"))
            Warn(node.Path, "not modelled: a Xen guest (memory, grant tables and xen-swiotlb come from Xen)");
    }

    // efi_init: /chosen linux,uefi-* mean a UEFI boot, whose memory the kernel takes from the UEFI memory map (runtime
    // regions no-map, tables reserved). Without the efi=debug log that map is unknown, and the DT's /memory (or --ram)
    // stands in for it.
    private void WarnForUefiWithoutLog()
    {
        if (_efi is not null || _scan.Chosen.Uefi is not { } uefi || (uefi.SystemTable is null && uefi.MemoryMapStart is null))
            return;
        string property = uefi.MemoryMapStart is not null ? "linux,uefi-mmap-start" : "linux,uefi-system-table";
        Warn($"{_scan.Chosen.NodePath}/{property}",
            "not modelled: a UEFI boot takes memory from the UEFI memory map, not /memory or --ram (give its efi=debug boot log with --efi-log)");
    }
}
