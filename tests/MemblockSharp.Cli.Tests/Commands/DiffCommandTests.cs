using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary><c>memblock diff</c> and <c>memblock boot --what-if</c>, end to end, against the recorded real boot pairs.</summary>
public class DiffCommandTests
{
    private static string Case(string @case, string file) => TestData.Path("realboot", @case, file);

    private static string CommandLine(string @case) => File.ReadAllText(Case(@case, "cmdline.txt")).Trim();

    private static long MemTotalKb(string @case)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Case(@case, "case.json")));
        return doc.RootElement.GetProperty("memtotal_kb").GetInt64();
    }

    [Fact]
    public void WhatIf_Json_HasBeforeAfterDelta_AndMemTotalMovesAsOnTheRealKernel()
    {
        var r = CliRunner.Run("boot", Case("virt-arm64-1G", "board.dtb"), "--cmdline", CommandLine("virt-arm64-1G"),
            "--what-if", "crashkernel=128M", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["what_if", "before", "after", "delta"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["crashkernel=128M"], root.GetProperty("what_if").GetProperty("set").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(CommandLine("virt-arm64-1G"), root.GetProperty("before").GetProperty("cmdline").GetString());
        Assert.Equal(CommandLine("virt-arm64-1G-crashkernel128M"), root.GetProperty("after").GetProperty("cmdline").GetString());
        Assert.Equal(MemTotalKb("virt-arm64-1G"), root.GetProperty("before").GetProperty("memtotal_kb").GetInt64());
        Assert.Equal(MemTotalKb("virt-arm64-1G-crashkernel128M"), root.GetProperty("after").GetProperty("memtotal_kb").GetInt64());
        var delta = root.GetProperty("delta");
        Assert.Equal(MemTotalKb("virt-arm64-1G-crashkernel128M") - MemTotalKb("virt-arm64-1G"), delta.GetProperty("memtotal_kb").GetInt64());
        var crash = Assert.Single(delta.GetProperty("reservations").EnumerateArray(), e => e.GetProperty("category").GetString() == "crash kernel");
        Assert.Equal("appeared", crash.GetProperty("change").GetString());
        Assert.Equal(JsonValueKind.Null, crash.GetProperty("before").ValueKind);
        Assert.Equal("0x8000000", crash.GetProperty("after").GetProperty("size").GetString());
        Assert.Equal(128L << 20, crash.GetProperty("size_delta").GetInt64());
    }

    [Fact]
    public void WhatIf_Text_LeadsWithTheSummary_WithSignedDeltas()
    {
        var r = CliRunner.Run("boot", Case("virt-arm64-2G", "board.dtb"), "--cmdline", CommandLine("virt-arm64-2G"), "--what-if", "mem=1G");
        Assert.Equal(0, r.ExitCode);
        long delta = MemTotalKb("virt-arm64-2G-mem1G") - MemTotalKb("virt-arm64-2G");
        var memTotal = Assert.Single(r.StdoutLines, l => l.TrimStart().StartsWith("MemTotal ", StringComparison.Ordinal));
        Assert.Equal(
            [MemTotalKb("virt-arm64-2G").ToString(CultureInfo.InvariantCulture), "kB",
             MemTotalKb("virt-arm64-2G-mem1G").ToString(CultureInfo.InvariantCulture), "kB",
             delta.ToString(CultureInfo.InvariantCulture), "kB", (delta / 1024.0).ToString("F1", CultureInfo.InvariantCulture), "MiB"],
            memTotal.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1));
        // The one memory bank, cut at 1 GiB (debugfs: 0x40000000..0xbfffffff before, 0x40000000..0x7fffffff after).
        Assert.Contains(r.StdoutLines, l => l.Contains("~ resized", StringComparison.Ordinal)
            && l.Contains("[0x0000000040000000-0x000000007fffffff]  2048.0 MiB -> 1024.0 MiB (-1024.0 MiB)", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_Json_DeltaIsAfterMinusBefore_AndEqualsTheRealDifference()
    {
        var r = CliRunner.Run("diff", Case("virt-arm64-1G", "board.dtb"), Case("virt-arm64-1G-reserved-memory", "board.dtb"), "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["before", "after", "delta"], root.EnumerateObject().Select(p => p.Name));
        long before = root.GetProperty("before").GetProperty("memtotal_kb").GetInt64();
        long after = root.GetProperty("after").GetProperty("memtotal_kb").GetInt64();
        Assert.Equal(after - before, root.GetProperty("delta").GetProperty("memtotal_kb").GetInt64());
        Assert.Equal(MemTotalKb("virt-arm64-1G-reserved-memory") - MemTotalKb("virt-arm64-1G"), after - before);
        var figures = root.GetProperty("delta").GetProperty("memory_figures_kb");
        Assert.Equal(32768 - 65536, figures.GetProperty("cma-reserved").GetInt64());
        Assert.Contains(root.GetProperty("delta").GetProperty("reservations").EnumerateArray(),
            e => e.GetProperty("label").GetString() == "/reserved-memory/buffer@51000000" && e.GetProperty("change").GetString() == "appeared");
        // Each side's reservations carry the owners the delta names.
        Assert.Contains(root.GetProperty("after").GetProperty("reservations").EnumerateArray(),
            e => e.GetProperty("label").GetString() == "/reserved-memory/linux,cma" && e.GetProperty("category").GetString() == "CMA");
    }

    [Fact]
    public void Diff_OneDtbUnderTwoCommandLines_EqualsTheRealPair()
    {
        string dtb = Case("virt-arm64-2G", "board.dtb");
        var r = CliRunner.Run("diff", dtb, dtb, "--cmdline", CommandLine("virt-arm64-2G"), "--cmdline-b", CommandLine("virt-arm64-2G-mem1G"), "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(CommandLine("virt-arm64-2G-mem1G"), root.GetProperty("after").GetProperty("cmdline").GetString());
        Assert.Equal(MemTotalKb("virt-arm64-2G-mem1G") - MemTotalKb("virt-arm64-2G"), root.GetProperty("delta").GetProperty("memtotal_kb").GetInt64());
        Assert.Equal(-1048576, root.GetProperty("delta").GetProperty("ram_kb").GetInt64());
    }

    [Fact]
    public void Diff_Text_NamesTheMemreserveEntries()
    {
        var r = CliRunner.Run("diff", Case("virt-arm64-1G", "board.dtb"), Case("virt-arm64-1G-memreserve", "board.dtb"));
        Assert.Equal(0, r.ExitCode);
        var appeared = r.StdoutLines.Where(l => l.Contains("+ appeared", StringComparison.Ordinal) && l.EndsWith(": /memreserve/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, appeared.Count);
        Assert.Contains("[0x000000004a000000-0x000000004a0fffff]", appeared[0], StringComparison.Ordinal);
        Assert.Contains("[0x000000007f000000-0x000000007f00ffff]", appeared[1], StringComparison.Ordinal);
        Assert.Contains(r.StdoutLines, l => l.TrimStart().StartsWith("MemTotal ", StringComparison.Ordinal) && l.Contains(" -100 kB ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cma=12Q", "cma=12Q")]
    [InlineData("crashkernel=", "crashkernel=")]
    [InlineData("mem=1G frobnicate=2", "frobnicate")]
    [InlineData("mem=1G2", "mem=1G2")]
    [InlineData("", "no kernel parameters")]
    public void WhatIf_BadToken_Exit2_NamingIt(string whatIf, string named)
    {
        var r = CliRunner.Run("boot", "--what-if", whatIf);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.StartsWith("memblock: error: --what-if", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(named, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_WithTrace_Exit2()
    {
        var r = CliRunner.Run("boot", "--what-if", "cma=128M", "--trace");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--trace", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void WhatIf_ThatCannotBoot_Exit2_WithTheSimulatorsMessage()
    {
        var r = CliRunner.Run("boot", "--what-if", "mem=4K");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.StartsWith("memblock: error: ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_WithSvg_DrawsTheSecondBoot()
    {
        string dir = CliRunner.TempDirectory();
        try
        {
            string svg = Path.Combine(dir, "after.svg");
            var r = CliRunner.Run("boot", "--what-if", "crashkernel=64M", "--svg", svg, "--json");
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Stdout);
            var reserved = doc.RootElement.GetProperty("after").GetProperty("memblock").GetProperty("reserved").EnumerateArray()
                .Select(e => e.GetProperty("base").GetString()).ToList();
            var drawn = XDocument.Parse(File.ReadAllText(svg)).Descendants()
                .Where(e => (string?)e.Attribute("class") == "reserved-region").Select(e => (string?)e.Attribute("data-base")).ToList();
            Assert.Equal(reserved, drawn);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Diff_MissingFile_Exit2_NamingIt()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".dtb");
        var r = CliRunner.Run("diff", Case("virt-arm64-1G", "board.dtb"), missing);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains(missing, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_CorruptDtb_Exit2_NamingTheFile()
    {
        string dir = CliRunner.TempDirectory();
        try
        {
            string bad = Path.Combine(dir, "bad.dtb");
            var bytes = File.ReadAllBytes(Case("virt-arm64-1G-memreserve", "board.dtb"));
            bytes[0] ^= 0xff; // magic
            File.WriteAllBytes(bad, bytes);
            var r = CliRunner.Run("diff", bad, Case("virt-arm64-1G", "board.dtb"));
            Assert.Equal(2, r.ExitCode);
            Assert.Equal("", r.Stdout);
            Assert.Contains("bad.dtb", r.Stderr, StringComparison.Ordinal);
            Assert.Contains("0x0", r.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Diff_MissingSecondArgument_Exit2()
    {
        var r = CliRunner.Run("diff", Case("virt-arm64-1G", "board.dtb"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Diff_UnknownKernel_Exit2()
    {
        var r = CliRunner.Run("diff", Case("virt-arm64-1G", "board.dtb"), Case("virt-arm64-1G", "board.dtb"), "--kernel", "nope");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown kernel profile 'nope'", r.Stderr, StringComparison.Ordinal);
    }
}
