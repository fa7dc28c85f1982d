using System.Globalization;
using System.Text.RegularExpressions;

namespace MemblockSharp.Tests.Text;

/// <summary>The memblock=debug call lines, checked against the lines the real kernels printed.</summary>
public partial class TraceFormatTests
{
    /// <summary>A log line with the <c>%pS</c> offset (<c>+0x164/0x260</c>) removed from its caller, which is all the API is given.</summary>
    public static string WithoutOffset(string line) => Offset().Replace(line, "");

    [GeneratedRegex(@"\+0x[0-9a-f]+/0x[0-9a-f]+$")]
    private static partial Regex Offset();

    private static (Memblock Memblock, List<string> Lines) Traced(MemblockOptions? options = null)
    {
        var lines = new List<string>();
        var mb = new Memblock(options) { Trace = lines.Add };
        return (mb, lines);
    }

    // Expect the kernel's "memblock_reserve: [base-last] caller" with 16-digit %pa and an inclusive end.
    [Fact]
    public void Reserve_WithCaller_PrintsKernelLine()
    {
        var (mb, lines) = Traced();
        mb.Reserve(0x4800_0000, 0xf_2000, "arm64_memblock_init");
        Assert.Equal(["memblock_reserve: [0x0000000048000000-0x00000000480f1fff] arm64_memblock_init"], lines);
        Assert.Contains(KernelLog.Lines(KernelLog.LogPath("virt-arm64-1G")), l => WithoutOffset(l) == lines[0]);
    }

    // Expect a remove of "everything from base" (size ~0) to print base + size - 1 unwrapped-by-cut, as the kernel does:
    // memblock_remove: [0x0001000000000000-0x0000fffffffffffe].
    [Fact]
    public void Remove_HugeSize_PrintsRawEnd()
    {
        var (mb, lines) = Traced();
        mb.Remove(0x1_0000_0000_0000, ulong.MaxValue, "arm64_memblock_init");
        Assert.Equal(["memblock_remove: [0x0001000000000000-0x0000fffffffffffe] arm64_memblock_init"], lines);
        Assert.Contains(KernelLog.Lines(KernelLog.LogPath("virt-arm64-1G")), l => WithoutOffset(l) == lines[0]);
    }

    //  memory   [0xc0000000 ------------------------------ 0x100000000)
    //  reserved                               [0xff9fb000 -- top)
    // Expect the alloc_try_nid line, then the reserve the allocation makes (caller memblock_alloc_range_nid) at
    // round_down(0xff9fb000 - 42276, 8) = 0xff9f0ad8: the two lines the 3 GiB NUMA boot printed.
    [Fact]
    public void AllocTryNid_PrintsCallThenReserve_AsRealKernel()
    {
        var (mb, lines) = Traced();
        mb.Add(0xc000_0000, 0x4000_0000);
        mb.Reserve(0xff9f_b000, 0x60_5000);
        lines.Clear();
        ulong addr = mb.AllocTryNid(42276, 8, 0, 0, Memblock.NumaNoNode, "early_init_dt_alloc_memory_arch");
        Assert.Equal(0xff9f_0ad8UL, addr);
        string[] expected =
        [
            "memblock_alloc_try_nid: 42276 bytes align=0x8 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 early_init_dt_alloc_memory_arch",
            "memblock_reserve: [0x00000000ff9f0ad8-0x00000000ff9faffb] memblock_alloc_range_nid",
        ];
        Assert.Equal(expected, lines);
        var log = KernelLog.Lines(KernelLog.LogPath("virt-arm64-3G-numa-2G-1G")).Select(WithoutOffset).ToList();
        int at = log.IndexOf(expected[0]);
        Assert.True(at >= 0, "the alloc line is in the real log");
        Assert.Equal(expected[1], log[at + 1]);
    }

    // InitialRegions 4: two doublings of the memory array.
    // Expect "memblock: memory is doubled to N at [first-last]" with last = addr + N * 24 - 1, the new array's reserve,
    // and on the second doubling the free of the previous array, all with caller memblock_double_array.
    [Fact]
    public void DoubleArray_PrintsDoubledLineAndItsReserveAndFree()
    {
        var (mb, lines) = Traced(new MemblockOptions { InitialRegions = 4 });
        mb.AllowResize();
        for (int i = 0; i < 9; i++)
            mb.Add(0x10_0000 * (ulong)(i + 1), 0x1_0000, "t");
        Assert.Equal(
        [
            "memblock: memory is doubled to 8 at [0x000000000040f000-0x000000000040f0bf]",
            "memblock_reserve: [0x000000000040f000-0x000000000040ffff] memblock_double_array",
            "memblock: memory is doubled to 16 at [0x000000000080f000-0x000000000080f17f]",
            "memblock_phys_free: [0x000000000040f000-0x000000000040ffff] memblock_double_array",
            "memblock_reserve: [0x000000000080f000-0x000000000080ffff] memblock_double_array",
        ], lines.Where(l => !l.StartsWith("memblock_add:", StringComparison.Ordinal)));
    }

    //  memory [0x40000000, +4 KiB) on node 1
    // Expect the other traced calls in their kernel formats: the page-table allocation takes the only page (and prints
    // its reserve); a size-0 free prints an end below its base; the raw allocators then find nothing and print only
    // their call (alloc_try_nid_raw's retry from 0 prints nothing either).
    [Fact]
    public void OtherCalls_PrintKernelFormats()
    {
        var (mb, lines) = Traced();
        mb.AddNode(0x4000_0000, 0x1000, 1, MemblockFlags.Hotplug, "acpi_numa_memory_affinity_init");
        mb.PhysAllocRange(4096, 0x1000, 0, 1, "early_pgtable_alloc");
        mb.PhysFree(0x4000_0000, 0, "pcpu_embed_first_chunk");
        mb.PhysMemAdd(0x4000_0000, 0x1000, "x");
        mb.AllocExactNidRaw(64, 0x40, 0, 0, 0, "sparse_init");
        mb.AllocTryNidRaw(64, 0x40, 0x4000_0000, 0, 1, "y");
        Assert.Equal(
        [
            "memblock_add_node: [0x0000000040000000-0x0000000040000fff] nid=1 flags=1 acpi_numa_memory_affinity_init",
            "memblock_phys_alloc_range: 4096 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000000001 early_pgtable_alloc",
            "memblock_reserve: [0x0000000040000000-0x0000000040000fff] memblock_alloc_range_nid",
            "memblock_phys_free: [0x0000000040000000-0x000000003fffffff] pcpu_embed_first_chunk",
            "memblock_physmem_add: [0x0000000040000000-0x0000000040000fff] x",
            "memblock_alloc_exact_nid_raw: 64 bytes align=0x40 nid=0 from=0x0000000000000000 max_addr=0x0000000000000000 sparse_init",
            "memblock_alloc_try_nid_raw: 64 bytes align=0x40 nid=1 from=0x0000000040000000 max_addr=0x0000000000000000 y",
        ], lines);
    }

    [GeneratedRegex(@"^(memblock_add|memblock_remove|memblock_reserve|memblock_phys_free): \[0x([0-9a-f]{8}(?:[0-9a-f]{8})?)-0x([0-9a-f]{8}(?:[0-9a-f]{8})?)\] (\S+)$")]
    private static partial Regex RangeCall();

    [GeneratedRegex(@"^(memblock_alloc_try_nid|memblock_alloc_try_nid_raw|memblock_alloc_exact_nid_raw): (\d+) bytes align=0x([0-9a-f]+) nid=(-?\d+) from=0x([0-9a-f]{8}(?:[0-9a-f]{8})?) max_addr=0x([0-9a-f]{8}(?:[0-9a-f]{8})?) (\S+)$")]
    private static partial Regex AllocCall();

    [GeneratedRegex(@"^memblock_phys_alloc_range: (\d+) bytes align=0x([0-9a-f]+) from=0x([0-9a-f]{8}(?:[0-9a-f]{8})?) max_addr=0x([0-9a-f]{8}(?:[0-9a-f]{8})?) (\S+)$")]
    private static partial Regex PhysAllocCall();

    /// <summary>
    /// Performs the call a log line records on <paramref name="mb"/> (tracing on) with the line's own arguments and
    /// caller; false when the line is not a call these tests replay.
    /// </summary>
    internal static bool Perform(Memblock mb, string line)
    {
        var m = RangeCall().Match(line);
        if (m.Success)
        {
            ulong b = KernelLog.Hex(m.Groups[2].Value), size = unchecked(KernelLog.Hex(m.Groups[3].Value) - b + 1);
            string caller = m.Groups[4].Value;
            _ = m.Groups[1].Value switch
            {
                "memblock_add" => mb.Add(b, size, caller),
                "memblock_remove" => mb.Remove(b, size, caller),
                "memblock_reserve" => mb.Reserve(b, size, caller),
                _ => mb.PhysFree(b, size, caller),
            };
            return true;
        }
        m = AllocCall().Match(line);
        if (m.Success)
        {
            ulong size = ulong.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), align = KernelLog.Hex(m.Groups[3].Value);
            int nid = int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
            ulong from = KernelLog.Hex(m.Groups[5].Value), max = KernelLog.Hex(m.Groups[6].Value);
            string caller = m.Groups[7].Value;
            _ = m.Groups[1].Value switch
            {
                "memblock_alloc_try_nid" => mb.AllocTryNid(size, align, from, max, nid, caller),
                "memblock_alloc_try_nid_raw" => mb.AllocTryNidRaw(size, align, from, max, nid, caller),
                _ => mb.AllocExactNidRaw(size, align, from, max, nid, caller),
            };
            return true;
        }
        m = PhysAllocCall().Match(line);
        if (m.Success)
        {
            mb.PhysAllocRange(ulong.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), KernelLog.Hex(m.Groups[2].Value),
                KernelLog.Hex(m.Groups[3].Value), KernelLog.Hex(m.Groups[4].Value), m.Groups[5].Value);
            return true;
        }
        return false;
    }

    public static TheoryData<string> CasesWithLog()
    {
        var data = new TheoryData<string>();
        foreach (var c in KernelLog.Cases())
            data.Add(c);
        return data;
    }

    // Every traced call line of every real log, performed with its own arguments on an empty memblock: the first line
    // printed must be that log line (offset stripped). An empty memblock has nothing to hand out, so each call prints
    // exactly its own line.
    [Theory]
    [MemberData(nameof(CasesWithLog))]
    public void EveryRealCallLine_IsReproducedByTheSameCall(string caseName)
    {
        int checkedLines = 0;
        foreach (string raw in KernelLog.Lines(KernelLog.LogPath(caseName)))
        {
            string line = WithoutOffset(raw);
            var (mb, lines) = Traced(KernelLog.Options(caseName));
            if (!Perform(mb, line))
                continue;
            Assert.True(lines.Count > 0 && lines[0] == line, $"{caseName}: log '{line}', printed '{lines.FirstOrDefault()}'");
            checkedLines++;
        }
        if (caseName != "virt-arm64-1G-minimal-cmdline")
            Assert.True(checkedLines > 50, $"{caseName}: only {checkedLines} call lines found");
    }
}
