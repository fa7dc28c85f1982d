namespace MemblockSharp.Boot.Explain;

public static partial class LogExplainer
{
    /// <summary>
    /// The log buffer <c>log_buf_len=</c> allocated: the text buffer the line prints, and since 5.10 (the lockless ring
    /// buffer) one descriptor and one <c>printk_info</c> per 32 bytes of it (<c>setup_log_buf</c>), sized by the
    /// architecture's word (24 + 88 bytes on 64-bit, 12 + 88 on 32-bit ARM). An era or architecture without that rule
    /// counts the text alone.
    /// </summary>
    private static ExplainCategory LogBufferCategory(LoggedAmount lb, KernelIdentity kernel)
    {
        ulong perRecord = kernel.Arch switch
        {
            "arm64" or "riscv64" or "x86_64" => 24 + 88,
            "arm" => 12 + 88,
            _ => 0,
        };
        if (perRecord == 0 || kernel.Major == 0 || !kernel.AtLeast(5, 10))
            return new ExplainCategory("log buffer (log_buf_len=)", (long)lb.Bytes, CategoryStatus.Logged, $"line {lb.LineNumber}");
        ulong records = lb.Bytes >> 5;
        return new ExplainCategory("log buffer (log_buf_len=, with its record descriptors)", (long)(lb.Bytes + records * perRecord), CategoryStatus.Estimated,
            $"line {lb.LineNumber}: {lb.Bytes} bytes of text, and {records} records × {perRecord} bytes (prb_desc + printk_info on {kernel.Arch}, the ring buffer of 5.10 and later)");
    }

    /// <summary>Divides the <c>Memory:</c> line's "reserved" figure into what the log states, by category.</summary>
    private static void BuildCategories(ExplainResult result, LogFacts facts, KernelIdentity kernel, List<string> warnings, bool simulating)
    {
        var m = facts.MemoryLine;
        if (m is null)
            return;
        var list = new List<ExplainCategory>();
        var outside = new List<ExplainCategory>();
        static string Lines(IEnumerable<LoggedAmount> a) => "line" + (a.Count() > 1 ? "s " : " ") + string.Join(", ", a.Select(x => x.LineNumber));

        long image = m.Sections.Values.Sum() << 10;
        if (image > 0)
            list.Add(new ExplainCategory("kernel image (code, rwdata, rodata, init, bss)", image, CategoryStatus.Logged,
                $"line {m.LineNumber}: {string.Join(" + ", m.Sections.Select(s => $"{s.Value}K {s.Key}"))}; the alignment between sections is not printed"));
        var initrd = facts.Frees.FirstOrDefault(f => f.Name.StartsWith("initrd", StringComparison.Ordinal));
        if (initrd is not null)
            list.Add(new ExplainCategory("initrd (freed later)", initrd.KiB << 10, CategoryStatus.Logged, $"line {initrd.LineNumber}: Freeing initrd memory"));
        foreach (var r in facts.ReservedMem)
            list.Add(new ExplainCategory($"reserved-memory {r.Name}", (long)r.Bytes, CategoryStatus.Logged, $"line {r.LineNumber}"));
        warnings.AddRange(facts.ReservedMemNotes);
        if (facts.ReservedMem.Any(r => r.Name.EndsWith("(nomap)", StringComparison.Ordinal)))
            warnings.Add("no-map reserved-memory regions are counted as reserved: kernels since 4.5 keep them in memblock.memory marked NOMAP (present, never freed); a kernel that removes them instead would not count them at all");
        long cmaBytes = facts.CmaAreas.Sum(c => (long)c.Bytes);
        if (cmaBytes > 0 && (m.Legacy || !m.HasCmaField))
            list.Add(new ExplainCategory("CMA areas (reserved at this line, handed to the buddy allocator at boot)", cmaBytes, CategoryStatus.Logged, Lines(facts.CmaAreas)));
        else if (m.CmaKiB > 0 || cmaBytes > 0)
            outside.Add(new ExplainCategory("CMA (cma-reserved: outside 'reserved', in MemTotal)", m.HasCmaField ? m.CmaKiB << 10 : cmaBytes,
                CategoryStatus.Logged, m.HasCmaField ? $"line {m.LineNumber}" + (facts.CmaAreas.Count > 0 ? "; areas: " + Lines(facts.CmaAreas) : "") : Lines(facts.CmaAreas)));
        if (facts.EfiNoMap.Count > 0)
            list.Add(new ExplainCategory("UEFI regions not usable as RAM (" + string.Join(", ", facts.EfiNoMap.Select(e => e.Name).Distinct()) + "): no-map, present but never freed",
                facts.EfiNoMap.Sum(e => (long)e.Bytes), CategoryStatus.Logged, Lines(facts.EfiNoMap) + " (efi=debug memory map)"));
        if (facts.Swiotlb.Count > 0)
            list.Add(new ExplainCategory("swiotlb bounce buffer", facts.Swiotlb.Sum(s => (long)s.Bytes), CategoryStatus.Logged, Lines(facts.Swiotlb)));
        if (facts.CrashKernel.Count > 0)
            list.Add(new ExplainCategory("crash kernel", facts.CrashKernel.Sum(s => (long)s.Bytes), CategoryStatus.Logged, Lines(facts.CrashKernel)));
        if (facts.NodeData.Count > 0)
            list.Add(new ExplainCategory("NODE_DATA (pglist_data)", facts.NodeData.Sum(s => (long)s.Bytes), CategoryStatus.Logged, Lines(facts.NodeData)));
        if (facts.PerCpu is { } pc)
            list.Add(new ExplainCategory("per-CPU first chunk", (long)pc.Bytes, CategoryStatus.Logged, $"lines {pc.LineNumber}, {facts.PerCpuUnitsLine}: {pc.Name}"));
        if (facts.EarlyHashTables.Count > 0)
            list.Add(new ExplainCategory("hash tables allocated from memblock, before the slab allocator starts (" + string.Join(", ", facts.EarlyHashTables.Select(h => h.Name)) + ")",
                facts.EarlyHashTables.Sum(h => (long)h.Bytes), CategoryStatus.Logged, Lines(facts.EarlyHashTables)));
        if (facts.LogBuffer is { } lb)
            list.Add(LogBufferCategory(lb, kernel));
        const long page = 4096; // the pages of "pages used for memmap" (kernels before 5.x, all 4 KiB here)
        if (facts.MemmapPages.Count > 0)
            list.Add(new ExplainCategory("memmap (struct page arrays)", facts.MemmapPages.Sum(p => (long)p.Bytes) * page, CategoryStatus.Logged,
                Lines(facts.MemmapPages) + ": pages used for memmap (4 KiB pages)"));
        else if (!m.Legacy && kernel.Arch is "arm64" or "riscv64" or "arm" or "x86_64")
        {
            long structPage = kernel.Arch == "arm" ? 32 : 64;
            var (pageBytes, pageLine) = facts.PageSize;
            long pages = (m.TotalKiB << 10) / (long)pageBytes;
            string pageEvidence = pageLine > 0 ? $"{pageBytes >> 10} KiB pages by the hash table line {pageLine}" : "4 KiB pages (no hash table line shows the page size)";
            list.Add(new ExplainCategory("memmap (struct page arrays)", pages * structPage, CategoryStatus.Estimated,
                $"{pages} present pages ({pageEvidence}) × {structPage} bytes (sizeof(struct page) on {kernel.Arch}); the kernel does not print it"));
        }
        if (m.Legacy && facts.BanksMiB is { } banks && m.TotalKiB > banks << 10)
            list.Add(new ExplainCategory("holes in the memory map (counted as reserved in this era, not RAM)", (m.TotalKiB - (banks << 10)) << 10, CategoryStatus.Logged,
                $"lines {facts.BanksLine}, {m.LineNumber}: available + reserved minus the {banks}MB of the banks"));
        result.ReservedBytes = m.ReservedKiB << 10;
        result.AccountBasis = $"the 'reserved' figure of the Memory: line (line {m.LineNumber}): memory not handed to the buddy allocator at that moment" + (m.HasCmaField ? ", CMA excluded" : "");
        result.Categories = list;
        result.Outside = outside;
        result.UnexplainedBytes = result.ReservedBytes - list.Sum(c => c.Bytes);
        if (result.UnexplainedBytes < 0)
            warnings.Add($"the logged categories add up to {-result.UnexplainedBytes >> 10}K more than the Memory: line's reserved figure: some of them lie outside the RAM it counts, or were freed before that line");
        if (!simulating)
            warnings.Add("not printed by the kernel and so part of the unexplained remainder without a DTB: page tables, the device tree blob and its unflattened copy, memblock's own arrays, alignment gaps of the kernel image, firmware reservations (/memreserve/, UEFI)");
    }
}
