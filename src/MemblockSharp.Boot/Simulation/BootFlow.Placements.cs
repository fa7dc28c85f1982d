using System.Globalization;

namespace MemblockSharp.Boot.Simulation;

// Where the boot loader put the kernel image, the initrd and the device tree blob: given, read from /chosen, or
// assumed as QEMU places them; checked against the kernel's own rules, and recorded for the summary.
internal sealed partial class BootFlow
{
    private string _kernelSource = "", _dtbSource = "", _initrdSource = "";
    private bool _kernelAssumed, _dtbAssumed, _initrdAssumed;

    private void PlaceBootImages(ulong ramBase, ulong ramSize)
    {
        ulong defaultKernel = _arch.DefaultKernelAddress(_p, ramBase, _physOffset);
        _kernelPhys = _options.KernelAddress ?? defaultKernel;
        (_kernelSource, _kernelAssumed) = _options.KernelAddress is null ? (_arch.DefaultKernelPlacement, true) : ("--kernel-addr", false);
        if (_options.Initrd is { } given)
        {
            _initrdStart = given.Start;
            _initrdEnd = given.Start + given.Size;
            (_initrdSource, _initrdAssumed) = ("--initrd", false);
        }
        else if (_scan.Chosen.InitrdStart is { } s0 && _scan.Chosen.InitrdEnd is { } e0 && e0 > s0)
        {
            _initrdStart = s0;
            _initrdEnd = e0;
            (_initrdSource, _initrdAssumed) = ($"device tree {_scan.Chosen.NodePath ?? "/chosen"} linux,initrd-start/-end", false);
        }
        else
        {
            (_initrdSource, _initrdAssumed) = ("none: the device tree's /chosen has no linux,initrd-start (--initrd to give one)", true);
        }
        // QEMU puts the DTB right after the initrd (2 MiB aligned for a 64-bit kernel, page aligned for 32-bit), and
        // without one in RAM, in the middle of RAM but at most 128 MiB in.
        ulong dtbAlign = _arch.DtbAlignment(_p);
        bool afterInitrd = _initrdEnd > _initrdStart && _mb.IsRegionMemory(_initrdStart, _initrdEnd - _initrdStart);
        _dtbPhys = _options.DtbAddress ?? (afterInitrd
            ? AlignUp(_initrdEnd, dtbAlign)
            : AlignUp(ramBase + Math.Min(ramSize / 2, 128 * SZ_1M), dtbAlign));
        (_dtbSource, _dtbAssumed) = _options.DtbAddress is not null ? ("--dtb-addr", false)
            : afterInitrd ? ($"after the initrd, {Size(dtbAlign)} aligned, as QEMU places it", true)
            : ($"RAM base + min(RAM / 2, 128 MiB), {Size(dtbAlign)} aligned, as QEMU places it", true);
        if (_options.KernelAddress is { } k && _arch.KernelAddressError(_p, k, defaultKernel) is { } why)
            throw new BootInputException($"--kernel-addr 0x{k:x}: {why}");
    }

    // What a boot loader cannot do and the kernel cannot survive: images outside RAM or on top of each other, a blob
    // the kernel refuses. A misaligned image the kernel runs with gets the kernel's own complaint in the log.
    private void CheckBootImages()
    {
        var kernel = KernelImageRange;
        var dtb = (Start: _dtbPhys, End: _dtbPhys + _tree.Header.TotalSize);
        if (_dtbPhys == 0 || _dtbPhys % _arch.DtbPointerAlignment != 0 || _tree.Header.TotalSize > (_arch.MaxDtbSize ?? ulong.MaxValue))
            throw new BootInputException($"{Placement("the DTB", _dtbSource)} {Range(dtb)}: {_arch.InvalidDtbMessage(_dtbPhys)}");
        if (_mb.Memory.Count == 0)
            return;
        RequireInRam("the kernel image", kernel, _kernelSource);
        RequireInRam("the DTB", dtb, _dtbSource);
        bool initrd = _initrdEnd > _initrdStart;
        if (initrd && _options.Initrd is not null)
            RequireInRam("the initrd", (_initrdStart, _initrdEnd), _initrdSource);
        if (initrd)
            RequireApart("the initrd", (_initrdStart, _initrdEnd), _initrdSource, "the kernel image", kernel, _kernelSource, _kernelAssumed);
        RequireApart("the DTB", dtb, _dtbSource, "the kernel image", kernel, _kernelSource, _kernelAssumed || _dtbAssumed);
        if (initrd)
            RequireApart("the DTB", dtb, _dtbSource, "the initrd", (_initrdStart, _initrdEnd), _initrdSource, _dtbAssumed);
    }

    // setup_arch, after efi_init: the kernel's complaint about an image where it runs but should not be.
    private void PrintMisplacedKernel()
    {
        if (_efi is null && _arch.MisplacedKernelLine(_kernelPhys) is { } line)
            Print(line);
    }

    // _text to _end: what the boot loader must leave to the image (its bss and early page tables included).
    private (ulong Start, ulong End) KernelImageRange => (Phys(_p.Image.Text), Phys(_p.Image.End));

    private void RequireInRam(string what, (ulong Start, ulong End) range, string source)
    {
        if (_mb.IsRegionMemory(range.Start, range.End - range.Start))
            return;
        string ram = string.Join(", ", _mb.Memory.Regions.ToArray().Select(r => $"0x{r.Base:x}-0x{r.End - 1:x}"));
        throw new BootInputException($"{Placement(what, source)} {Range(range)} is not in RAM ({ram}): a boot loader loads it into RAM");
    }

    // Two images on top of each other: an error when the user placed one of them (an option) or both places are
    // given; when neither came from an option and one was only assumed (a packaged DTB's stale /chosen initrd against
    // the default image address), the boot goes on (memblock reserves both) but is not exact, since the real boot
    // loader cannot have put them there.
    private void RequireApart(string what, (ulong Start, ulong End) a, string aSource, string other, (ulong Start, ulong End) b, string bSource,
                              bool assumed)
    {
        if (a.Start >= b.End || b.Start >= a.End)
            return;
        string overlap = $"{Placement(what, aSource)} {Range(a)} overlaps {Placement(other, bSource)} {Range(b)}";
        bool fromOption = aSource.StartsWith("--", StringComparison.Ordinal) || bSource.StartsWith("--", StringComparison.Ordinal);
        if (assumed && !fromOption)
        {
            Warn(OptionFor(_kernelAssumed ? "the kernel image" : "the DTB"),
                $"{overlap}; a boot loader cannot have put them there, so the layout at the top of RAM may differ: give the real address");
            return;
        }
        throw new BootInputException($"{overlap}: one would overwrite the other before the kernel reads it");
    }

    // "the DTB (--dtb-addr)", "the initrd (device tree /chosen ...)" or "the DTB (assumed; --dtb-addr gives it)".
    private static string Placement(string what, string source) =>
        source.StartsWith("--", StringComparison.Ordinal) || source.StartsWith("device tree", StringComparison.Ordinal)
            ? $"{what} ({source})" : $"{what} (assumed; {OptionFor(what)} gives it)";

    private static string OptionFor(string what) => what switch
    {
        "the kernel image" => "--kernel-addr",
        "the DTB" => "--dtb-addr",
        _ => "--initrd",
    };

    private static string Range((ulong Start, ulong End) r) => $"0x{r.Start:x}-0x{r.End - 1:x}";

    private static string Size(ulong bytes) => bytes >= SZ_1M ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";

    // The summary's list of where things came from (after the EFI log, which may have moved them).
    private void RecordPlacements()
    {
        if (_options.Ram.Count > 0)
            _inputs.Add(RangeInput("RAM", _mb.Memory.Regions.ToArray().Select(r => (r.Base, r.End)), "--ram", false));
        else if (_efi is not null)
            _inputs.Add(new BootInput("RAM", "the UEFI memory map", "--efi-log", false));
        else
            _inputs.Add(RangeInput("RAM", _mb.Memory.Regions.ToArray().Select(r => (r.Base, r.End)),
                "device tree " + string.Join(", ", _scan.AddedBanks.Select(b => b.NodePath).Distinct()), false));
        var kernel = KernelImageRange;
        bool fromEfi = _efi is not null;
        _inputs.Add(new BootInput("kernel image", Range(kernel), fromEfi && _options.KernelAddress is null ? "--efi-log" : _kernelSource,
            _kernelAssumed && !fromEfi, kernel.Start, kernel.End - kernel.Start));
        _inputs.Add(new BootInput("device tree blob", Range((_dtbPhys, _dtbPhys + _tree.Header.TotalSize)),
            fromEfi && _options.DtbAddress is null ? "--efi-log" : _dtbSource, _dtbAssumed && !fromEfi, _dtbPhys, _tree.Header.TotalSize));
        if (_initrdEnd > _initrdStart)
            _inputs.Add(new BootInput("initrd", Range((_initrdStart, _initrdEnd)), _initrdAssumed ? "--efi-log" : _initrdSource, false,
                _initrdStart, _initrdEnd - _initrdStart));
        else
            _inputs.Add(new BootInput("initrd", "none", _initrdSource, _initrdAssumed));
        _inputs.Add(new BootInput("image sections", Profiles.KernelBuildFacts.SectionsText(_p.Image),
            _options.ImageSectionsSource ?? $"profile {_p.Name}", false));
        _inputs.Add(new BootInput("default CMA size", Sweep.SweepRam.SizeText(_p.CmaDefaultBytes),
            _options.CmaDefaultSource ?? $"profile {_p.Name} (CONFIG_CMA_SIZE_MBYTES)", false));
    }

    private static BootInput RangeInput(string what, IEnumerable<(ulong Base, ulong End)> ranges, string source, bool assumed)
    {
        var list = ranges.ToList();
        string value = string.Join(", ", list.Select(r => Range((r.Base, r.End))));
        ulong total = list.Aggregate(0UL, (sum, r) => sum + (r.End - r.Base));
        return new BootInput(what, $"{value} ({Sweep.SweepRam.SizeText(total)})", source, assumed,
            list.Count == 1 ? list[0].Base : null, list.Count == 1 ? total : null);
    }
}
