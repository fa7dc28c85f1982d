using System.Globalization;
using System.Text.RegularExpressions;

namespace MemblockSharp.Boot.Simulation;

/// <summary>One UEFI memory descriptor as printed by <c>efi=debug</c>.</summary>
/// <param name="Base">Physical start.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Type">The type name (<c>Conventional</c>, <c>Runtime Data</c>, <c>MMIO</c>, …).</param>
/// <param name="Runtime">The RUN attribute.</param>
/// <param name="WriteBack">The WB attribute.</param>
/// <param name="CacheableOther">The WT or WC attribute.</param>
internal readonly record struct EfiMemoryDescriptor(ulong Base, ulong Size, string Type, bool Runtime, bool WriteBack, bool CacheableOther)
{
    // is_memory: cacheable in some way.
    public bool IsMemory => WriteBack || CacheableOther;

    // is_usable_memory: usable once boot services are gone, if it can be mapped write-back.
    public bool IsUsable => WriteBack && Type is "Loader Code" or "Loader Data" or "ACPI Reclaim" or "Boot Code" or "Boot Data" or "Conventional" or "Persistent";
}

/// <summary>
/// What a UEFI boot log (<c>efi=debug</c>) tells about memory: the UEFI memory map, and where the firmware and the
/// EFI stub put what the kernel reserves (configuration tables, the image, the initrd, the FDT copy). The UEFI
/// allocator itself is not modelled, so those placements are read from the log.
/// </summary>
internal sealed partial class EfiBootLog
{
    public List<EfiMemoryDescriptor> MemoryMap { get; } = [];
    public List<(ulong Base, ulong Size, string Caller)> TableReservations { get; } = [];
    public List<(ulong Base, ulong Size)> FirstDumpReserved { get; } = [];
    public List<(ulong Base, ulong Size, string Function)> KernelInitCalls { get; } = [];
    public ulong? InitrdFreedKb { get; private set; }
    public ulong? MemReserveTable { get; private set; }

    public static EfiBootLog Parse(string text)
    {
        var log = new EfiBootLog();
        bool inMap = false, inDump = false, dumpDone = false;
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = Timestamp().Replace(raw.TrimEnd('\r'), "");
            if (line.StartsWith("efi: Processing EFI memory map", StringComparison.Ordinal))
            {
                inMap = true;
                continue;
            }
            if (line.StartsWith("MEMBLOCK configuration:", StringComparison.Ordinal) && inMap && !dumpDone)
            {
                inDump = true;
                continue;
            }
            if (inDump)
            {
                var d = DumpReserved().Match(line);
                if (d.Success)
                    log.FirstDumpReserved.Add(Range(d.Groups[1].Value, d.Groups[2].Value, lineNo));
                else if (!line.StartsWith(' ') && !line.StartsWith('\t'))
                {
                    inDump = false;
                    dumpDone = true;
                }
                else
                    continue;
            }
            var m = MapLine().Match(line);
            if (m.Success && inMap)
            {
                var (start, size) = Range(m.Groups[1].Value, m.Groups[2].Value, lineNo);
                var attrs = m.Groups[4].Value.Split('|').Select(a => a.Trim()).ToHashSet(StringComparer.Ordinal);
                log.MemoryMap.Add(new EfiMemoryDescriptor(start, size, m.Groups[3].Value.Trim(),
                    attrs.Contains("RUN"), attrs.Contains("WB"), attrs.Contains("WT") || attrs.Contains("WC")));
                continue;
            }
            var r = Reserve().Match(line);
            if (r.Success)
            {
                var (b, size) = Range(r.Groups[2].Value, r.Groups[3].Value, lineNo);
                string caller = r.Groups[4].Value;
                int plus = caller.IndexOf('+', StringComparison.Ordinal);
                if (caller.StartsWith("efi_memattr_init", StringComparison.Ordinal) || caller.StartsWith("efi_config_parse_tables", StringComparison.Ordinal))
                    log.TableReservations.Add((b, size, plus < 0 ? caller : caller[..plus]));
                else if (caller.StartsWith("arm64_memblock_init", StringComparison.Ordinal))
                    log.KernelInitCalls.Add((b, size, r.Groups[1].Value));
                continue;
            }
            var t = ConfigTables().Match(line);
            if (t.Success)
            {
                log.MemReserveTable = Hex(t.Groups[1].Value, lineNo);
                continue;
            }
            var f = InitrdFreed().Match(line);
            if (f.Success)
                log.InitrdFreedKb = ulong.TryParse(f.Groups[1].Value, CultureInfo.InvariantCulture, out ulong kb)
                    ? kb : throw new BootInputException($"EFI log line {lineNo}: {f.Groups[1].Value}K does not fit in 64 bits");
        }
        if (log.MemoryMap.Count == 0)
            throw new BootInputException("EFI log: no UEFI memory map found (expected 'efi: Processing EFI memory map:' followed by 'efi:   0x…-0x… [Type|…]' lines of a boot with efi=debug)");
        return log;
    }

    /// <summary>A hex number of the log; more than 64 bits is bad input, not an overflow.</summary>
    private static ulong Hex(string s, int lineNo) =>
        ulong.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value)
            ? value : throw new BootInputException($"EFI log line {lineNo}: 0x{s} does not fit in 64 bits");

    /// <summary>An inclusive range [0xstart-0xend] of the log as (base, size); an end below the start is bad input.</summary>
    private static (ulong Base, ulong Size) Range(string start, string end, int lineNo)
    {
        ulong b = Hex(start, lineNo), e = Hex(end, lineNo);
        if (e < b || (b == 0 && e == ulong.MaxValue))
            throw new BootInputException($"EFI log line {lineNo}: range [0x{start}-0x{end}] ends before it starts or spans all 2^64 bytes");
        return (b, e - b + 1);
    }

    [GeneratedRegex(@"^\[[ 0-9.]+\] ")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"^efi:\s+0x([0-9a-f]+)-0x([0-9a-f]+) \[([^|\]]+)\|([^\]]*)\]")]
    private static partial Regex MapLine();

    [GeneratedRegex(@"^\s*reserved\[0x[0-9a-f]+\]\s+\[0x([0-9a-f]+)-0x([0-9a-f]+)\]")]
    private static partial Regex DumpReserved();

    [GeneratedRegex(@"^(memblock_reserve|memblock_add): \[0x([0-9a-f]+)-0x([0-9a-f]+)\] (\S+)")]
    private static partial Regex Reserve();

    [GeneratedRegex(@"^efi: .*MEMRESERVE=0x([0-9a-f]+)")]
    private static partial Regex ConfigTables();

    [GeneratedRegex(@"^Freeing initrd memory: (\d+)K")]
    private static partial Regex InitrdFreed();
}
