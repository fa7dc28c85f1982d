using System.Globalization;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Replay;

namespace MemblockSharp.Boot.Explain;

/// <summary>
/// Explains an ordinary boot log (no <c>memblock=debug</c> needed): which kernel, the path from physical RAM to
/// MemTotal by the rule of the log's era, and where the reserved memory went, category by category, each marked
/// logged, simulated (with a DTB) or estimated, with the unexplained remainder as a number.
/// </summary>
/// <remarks>
/// The <c>Memory:</c> line's era decides the path. Since 3.13 it prints <c>avail/present available (..., R reserved[, C cma-reserved])</c>:
/// MemTotal is present − R (CMA, held back at that moment, is handed to the buddy allocator at <c>core_initcall</c> and
/// counts) plus every later <c>Freeing ... memory</c>; before 3.19 the line has no cma-reserved field and R holds the CMA
/// areas, which come back the same way. Before 3.13 (32-bit ARM) it prints <c>avail/total available, R reserved, H highmem</c>:
/// MemTotal is total plus the CMA areas plus the later frees.
/// </remarks>
public static partial class LogExplainer
{
    /// <summary>Explains a log.</summary>
    /// <param name="text">The log's text (dmesg, a console capture, an e-mail, a bundle with the dmesg as one section).</param>
    /// <param name="source">A label for messages (the file name).</param>
    /// <param name="options">The DTB and overrides, or null.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="KernelLogFormatException">Nothing of a boot is in the text.</exception>
    /// <exception cref="ArgumentException">The profile named in <paramref name="options"/> is not built in.</exception>
    /// <exception cref="MemblockSharp.DeviceTree.FdtException">The DTB is malformed.</exception>
    /// <exception cref="Simulation.BootInputException">The DTB and profile cannot boot.</exception>
    public static ExplainResult Explain(string text, string source = "log", ExplainOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new ExplainOptions();
        var log = KernelLogReader.Read(text, source, lenient: true);
        if (!log.Entries.OfType<ContextLine>().Any() && !log.HasMemblockDebug && !log.Dumps.Any())
            throw new KernelLogFormatException(source, 1, "no line of a Linux boot is in it (no banner, no memory line, no memblock line)");
        var kernel = KernelIdentity.From(text, log);
        var result = new ExplainResult(log, kernel);
        var warnings = new List<string>();
        var facts = LogFacts.From(log);
        result.MemoryLine = facts.MemoryLine;
        if (options.Meminfo is not null)
            result.MeminfoMemTotalKiB = MeminfoMemTotal(options.Meminfo);
        BuildPath(result, facts, kernel, warnings);
        BuildCategories(result, facts, kernel, warnings, simulating: options.Dtb is not null);
        if (options.Dtb is { } dtb)
            Simulate(result, facts, text, dtb, options, warnings);
        else
            warnings.Add("no DTB given (--dtb): the account comes from the log alone; with the DTB the boot is simulated and every logged fact checked");
        if (result.MemoryLine is null)
            warnings.Add("the log has no 'Memory: ...K/...K available' line (it lost that part, or the boot stopped before it): no path to MemTotal");
        result.Warnings = warnings;
        return result;
    }

    /// <summary>The MemTotal figure of a <c>/proc/meminfo</c> text, KiB.</summary>
    /// <param name="meminfo">The text.</param>
    /// <returns>The figure, or null when the text has no MemTotal line.</returns>
    public static long? MeminfoMemTotal(string meminfo)
    {
        ArgumentNullException.ThrowIfNull(meminfo);
        foreach (var line in meminfo.Split('\n'))
        {
            var t = line.Trim();
            if (!t.StartsWith("MemTotal:", StringComparison.Ordinal))
                continue;
            var f = t["MemTotal:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 1 && long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kib))
                return kib;
        }
        return null;
    }

    /// <summary>Physical RAM to MemTotal by the rule of the <c>Memory:</c> line's era.</summary>
    private static void BuildPath(ExplainResult result, LogFacts facts, KernelIdentity kernel, List<string> warnings)
    {
        var m = facts.MemoryLine;
        if (m is null)
            return;
        var steps = new List<PathStep>();
        string at = $"line {m.LineNumber}";
        long total;
        if (m.Legacy)
        {
            total = m.TotalKiB;
            steps.Add(new PathStep("RAM in the memory map (available + reserved of the Memory: line)", m.TotalKiB, at));
            steps.Add(new PathStep("reserved at the hand-off to the buddy allocator (pages marked reserved, holes of the map included)", -m.ReservedKiB, at));
        }
        else
        {
            total = m.TotalKiB;
            steps.Add(new PathStep("physical RAM (present pages)", m.TotalKiB, at));
            steps.Add(new PathStep(m.HasCmaField ? "reserved at the hand-off to the buddy allocator (CMA excluded)" : "reserved at the hand-off to the buddy allocator (CMA included: this era has no cma-reserved field)", -m.ReservedKiB, at));
            if (m.CmaKiB > 0)
            {
                steps.Add(new PathStep("cma-reserved: held back at the Memory: line", -m.CmaKiB, at));
                steps.Add(new PathStep("CMA areas handed to the buddy allocator (cma_init_reserved_areas): in MemTotal", m.CmaKiB, at));
            }
        }
        long memTotal = total - m.ReservedKiB;
        if (m.Legacy || !m.HasCmaField)
        {
            long cma = facts.CmaAreas.Sum(c => (long)(c.Bytes >> 10));
            if (cma > 0)
            {
                string lines = string.Join(", ", facts.CmaAreas.Select(c => c.LineNumber));
                steps.Add(new PathStep("CMA areas handed to the buddy allocator at boot (counted in reserved by this era's Memory: line)", cma, $"lines {lines}"));
                memTotal += cma;
            }
        }
        foreach (var f in facts.Frees)
        {
            steps.Add(new PathStep($"freed later: {f.Name}", f.KiB, $"line {f.LineNumber}"));
            memTotal += f.KiB;
        }
        steps.Add(new PathStep("MemTotal", memTotal, "sum"));
        result.Path = steps;
        result.MemTotalKiB = memTotal;
        if (result.MeminfoMemTotalKiB is { } known && known != memTotal)
            warnings.Add($"/proc/meminfo says MemTotal {known} kB, the log's path gives {memTotal} kB ({known - memTotal:+#;-#;0} kB): memory was freed or added after the log's last line");
        if (facts.TailMissing)
            warnings.Add("the log ends before user space started: later 'Freeing ...' lines (init sections, initrd) are missing, so MemTotal is lower than the real one");
        _ = kernel;
    }

    private static string Kib(long bytes) => (bytes >> 10).ToString(CultureInfo.InvariantCulture) + "K";
}
