using MemblockSharp.Text;

namespace MemblockSharp.Tests.Text;

/// <summary>
/// <see cref="MemblockText.Configuration"/> against the real kernels' <c>MEMBLOCK configuration:</c> blocks: the
/// regions of each block are loaded into a memblock and rendered back, and every line must equal the log's.
/// </summary>
public class ConfigurationDumpTests
{
    public static TheoryData<string> CasesWithDump()
    {
        var data = new TheoryData<string>();
        foreach (var c in KernelLog.Cases())
            if (KernelLog.Dumps(KernelLog.Lines(KernelLog.LogPath(c))).Count > 0)
                data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesWithDump))]
    public void Configuration_RealBootDump_RendersLineForLine(string caseName)
    {
        var dumps = KernelLog.Dumps(KernelLog.Lines(KernelLog.LogPath(caseName)));
        Assert.NotEmpty(dumps);
        foreach (var dump in dumps)
        {
            var mb = KernelLog.Load(dump, KernelLog.Options(caseName));
            var rendered = MemblockText.Configuration(mb, numa: !KernelLog.IsArmhf(caseName));
            for (int i = 0; i < Math.Max(rendered.Count, dump.Lines.Count); i++)
            {
                string expected = i < dump.Lines.Count ? dump.Lines[i] : "<end of dump>";
                string actual = i < rendered.Count ? rendered[i] : "<end of rendering>";
                Assert.True(expected == actual,
                    $"{caseName}, dump at log line {dump.FirstLine + 1}, line {i + 1}:\n  log:      {expected}\n  rendered: {actual}");
            }
        }
    }

    // Every case but the minimal command line (no memblock=debug) prints the block; the UEFI boot prints it twice, the
    // first time before NUMA init, so memory shows no node there.
    [Fact]
    public void Configuration_RealBoots_CoverNodesAndFlags()
    {
        var all = KernelLog.Cases().ToDictionary(c => c, c => KernelLog.Dumps(KernelLog.Lines(KernelLog.LogPath(c))));
        Assert.Empty(all["virt-arm64-1G-minimal-cmdline"]);
        Assert.Equal(2, all["virt-arm64-2G-uefi-dt"].Count);
        Assert.All(all["virt-arm64-2G-uefi-dt"][0].Memory, r => Assert.Null(r.Node));
        Assert.Contains(all["virt-arm64-2G-uefi-dt"][1].Memory, r => r.Flags == (uint)MemblockFlags.NoMap && r.Node == 0);
        Assert.Equal([0, 1], all["virt-arm64-3G-numa-2G-1G"][0].Memory.Select(r => r.Node ?? -99));
        Assert.All(all.Where(kv => kv.Key != "virt-arm64-1G-minimal-cmdline"), kv => Assert.NotEmpty(kv.Value));
    }

    // Expect a loaded dump's totals to be the kernel's printed sizes (no trim happened in these boots).
    [Theory]
    [MemberData(nameof(CasesWithDump))]
    public void Configuration_LoadedDump_TotalsMatchPrintedSizes(string caseName)
    {
        foreach (var dump in KernelLog.Dumps(KernelLog.Lines(KernelLog.LogPath(caseName))))
        {
            var mb = KernelLog.Load(dump, KernelLog.Options(caseName));
            Assert.Equal(dump.MemorySize, mb.Memory.TotalSize);
            Assert.Equal(dump.ReservedSize, mb.Reserved.TotalSize);
            Assert.Equal(dump.Memory.Count, mb.Memory.Count);
            Assert.Equal(dump.Reserved.Count, mb.Reserved.Count);
        }
    }
    // Expect empty tables to print their placeholder with the end wrapped to 2^64 - 1; the boot placeholder has node 0
    // (printed), an emptied one MAX_NUMNODES (not printed).
    [Fact]
    public void Configuration_EmptyTables_PrintPlaceholders()
    {
        var mb = new Memblock();
        mb.Reserve(0x1000, 0x1000);
        mb.PhysFree(0x1000, 0x1000);
        Assert.Equal(
        [
            "MEMBLOCK configuration:",
            " memory size = 0x0000000000000000 reserved size = 0x0000000000000000",
            " memory.cnt  = 0x1",
            " memory[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes on node 0 flags: 0x0",
            " reserved.cnt  = 0x1",
            " reserved[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes flags: 0x0",
        ], MemblockText.Configuration(mb));
    }

    // 17 reserved regions, one memory region with HOTPLUG|NOMAP on node 3.
    // Expect hexadecimal counts and indexes (%#x: "0x11", "[0x10]") and flags printed as a hex number.
    [Fact]
    public void Configuration_ManyRegions_HexIndexesAndFlags()
    {
        var mb = new Memblock();
        mb.AddNode(0x4000_0000, 0x1000_0000, 3, MemblockFlags.Hotplug | MemblockFlags.NoMap);
        for (ulong i = 0; i < 17; i++)
            mb.Reserve(0x4000_0000 + i * 0x2000, 0x1000);
        var lines = MemblockText.Configuration(mb);
        Assert.Equal(" memory size = 0x0000000010000000 reserved size = 0x0000000000011000", lines[1]);
        Assert.Equal(" memory[0x0]\t[0x0000000040000000-0x000000004fffffff], 0x0000000010000000 bytes on node 3 flags: 0x5", lines[3]);
        Assert.Equal(" reserved.cnt  = 0x11", lines[4]);
        Assert.Equal(" reserved[0x10]\t[0x0000000040020000-0x0000000040020fff], 0x0000000000001000 bytes flags: 0x0", lines[^1]);
        Assert.Equal(22, lines.Count);
    }
}
