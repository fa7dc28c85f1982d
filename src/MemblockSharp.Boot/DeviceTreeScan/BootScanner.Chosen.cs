using static MemblockSharp.Boot.DeviceTreeScan.KernelCells;
using System.Text;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.DeviceTreeScan;

public static partial class BootScanner
{
    /// <summary>MAX_USABLE_RANGES: how many linux,usable-memory-range tuples the kernel reads.</summary>
    public const int MaxUsableRanges = 2;

    private sealed partial class Context
    {
        /// <summary>early_init_dt_scan_chosen plus early_init_dt_check_for_usable_mem_range and the EFI stub's values.</summary>
        public ChosenInfo ScanChosen()
        {
            var node = Tree.FindNode("/chosen") ?? Tree.FindNode("/chosen@0");
            if (node is null)
                return new ChosenInfo(null, null, null, null, [], null, false, false, null, null);

            ulong? initrdStart = null, initrdEnd = null;
            if (Options.Initrd && node.GetProperty("linux,initrd-start") is { } s && node.GetProperty("linux,initrd-end") is { } e)
            {
                ulong start = ReadNumber(s), end = ReadNumber(e);
                if (start <= end)
                    (initrdStart, initrdEnd) = (start, end);
            }

            return new ChosenInfo(node.Path, Bootargs(node), initrdStart, initrdEnd, UsableRanges(node), ElfCoreHeader(node),
                node.HasProperty("rng-seed") && node.GetProperty("rng-seed")!.Length > 0, node.HasProperty("kaslr-seed"),
                StringOf(node.GetProperty("stdout-path") ?? node.GetProperty("linux,stdout-path")), Uefi(node));
        }

        /// <summary>strscpy(cmdline, bootargs, min(len, COMMAND_LINE_SIZE)): up to the first NUL, at most size-1 characters.</summary>
        private string? Bootargs(DeviceTreeNode node)
        {
            var p = node.GetProperty("bootargs");
            if (p is null || p.Length == 0)
                return null;
            var span = p.Value.Span[..(Math.Min(p.Length, Options.CommandLineSize) - 1)];
            var nul = span.IndexOf((byte)0);
            return Encoding.Latin1.GetString(nul < 0 ? span : span[..nul]);
        }

        /// <summary>
        /// linux,elfcorehdr: the kernel compares the length in bytes with the cell count, then reads address and
        /// size cells; a shorter value is read past its end (zeros here, with a note).
        /// </summary>
        private RegEntry? ElfCoreHeader(DeviceTreeNode node)
        {
            if (!Options.CrashDump || !CellsUsable)
                return null;
            var p = node.GetProperty("linux,elfcorehdr");
            if (p is null || p.Length < AddressCells + SizeCells)
                return null;
            if (p.Length < (AddressCells + SizeCells) * 4)
                Report(DiagnosticLevel.Warning, $"note: linux,elfcorehdr has {p.Length} bytes; the kernel reads {(AddressCells + SizeCells) * 4}", node.Path);
            var span = p.Value.Span;
            return new RegEntry(ReadCells(span, 0, AddressCells), ReadCells(span, AddressCells, SizeCells));
        }

        /// <summary>
        /// linux,usable-memory-range: ignored unless its byte length is a multiple of the cell count (the kernel's
        /// own test); then up to two tuples are read while cells remain.
        /// </summary>
        private List<RegEntry> UsableRanges(DeviceTreeNode node)
        {
            var list = new List<RegEntry>();
            var p = node.GetProperty("linux,usable-memory-range");
            var tuple = AddressCells + SizeCells;
            if (p is null || !CellsUsable || tuple == 0 || p.Length % tuple != 0)
                return list;
            var cells = p.Length / 4;
            var span = p.Value.Span;
            for (var at = 0; list.Count < MaxUsableRanges && at < cells; at += tuple)
            {
                if (at + tuple > cells)
                    Report(DiagnosticLevel.Warning, $"note: linux,usable-memory-range ends inside a tuple; the kernel reads past it", node.Path);
                list.Add(new RegEntry(ReadCells(span, at, AddressCells), ReadCells(span, at + AddressCells, SizeCells)));
            }
            return list;
        }

        private static UefiParameters? Uefi(DeviceTreeNode node)
        {
            ulong? Number(string name) => node.GetProperty(name) is { Length: 4 or 8 } p ? ReadNumber(p) : null;
            var uefi = new UefiParameters(
                Number("linux,uefi-system-table"), Number("linux,uefi-mmap-start"), Number("linux,uefi-mmap-size"),
                Number("linux,uefi-mmap-desc-size"), Number("linux,uefi-mmap-desc-ver"), Number("linux,uefi-secure-boot"));
            return uefi == new UefiParameters(null, null, null, null, null, null) ? null : uefi;
        }

        private static string? StringOf(DeviceTreeProperty? p) =>
            p is not null && p.Value.Span.IndexOf((byte)0) >= 0 ? p.AsString() : null;
    }
}
