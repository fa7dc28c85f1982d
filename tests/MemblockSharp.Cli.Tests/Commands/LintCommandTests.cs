using System.Text.Json;
using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary><c>memblock lint</c>: finding lines, summary, JSON, exit codes, directories with corrupt files.</summary>
public sealed class LintCommandTests
{
    /// <summary>1 GiB at 0x40000000 and two /reserved-memory regions that overlap (MB003, an error).</summary>
    private static byte[] OverlappingBoard()
    {
        var w = new FdtWriter();
        w.BeginNode("").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2);
        w.BeginNode("memory@40000000").PropertyStrings("device_type", "memory").PropertyCells("reg", 0, 0x40000000, 0, 0x40000000).EndNode();
        w.BeginNode("reserved-memory").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2).Property("ranges");
        w.BeginNode("a@50000000").PropertyCells("reg", 0, 0x50000000, 0, 0x200000).EndNode();
        w.BeginNode("b@50100000").PropertyCells("reg", 0, 0x50100000, 0, 0x200000).EndNode();
        w.EndNode();
        w.EndNode();
        return w.Finish();
    }

    /// <summary>No memory node, a dynamic region: clean apart from MB021 (info).</summary>
    private static byte[] NoMemoryBoard()
    {
        var w = new FdtWriter();
        w.BeginNode("").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2);
        w.BeginNode("reserved-memory").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2).Property("ranges");
        w.BeginNode("vpu").PropertyCells("size", 0, 0x4000000).PropertyCells("alloc-ranges", 0, 0x50000000, 0, 0x2000000).EndNode();
        w.EndNode();
        w.EndNode();
        return w.Finish();
    }

    private static string Write(string dir, string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Lint_ErrorFinding_PrintsTheLine_AndExits1()
    {
        var dir = CliRunner.TempDirectory();
        var file = Write(dir, "board.dtb", OverlappingBoard());
        var result = CliRunner.Run("lint", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var line = Assert.Single(result.StdoutLines, l => l.Contains(" MB003 ", StringComparison.Ordinal));
        Assert.Equal($"{file}: error MB003 /reserved-memory/b@50100000: /reserved-memory/b@50100000 [0x50100000-0x502fffff] overlaps " +
                     "/reserved-memory/a@50000000 [0x50000000-0x501fffff] [prevents: \"OF: reserved mem: OVERLAP DETECTED!\": two drivers or firmware own the same memory]", line);
        Assert.Matches(@"^total: 1 file +1 +0 +0$", result.StdoutLines[^1]);
    }

    [Fact]
    public void Lint_RealbootBoard_IsClean_Exit0()
    {
        var result = CliRunner.Run("lint", TestData.Path("realboot", "virt-arm64-1G", "board.dtb"));
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(result.StdoutLines, l => l.Contains(": error ", StringComparison.Ordinal) || l.Contains(": warning ", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_NoMemory_InfoOnly_Exit0_AndRamBringsTheErrorBack()
    {
        var dir = CliRunner.TempDirectory();
        var file = Write(dir, "nomem.dtb", NoMemoryBoard());
        var plain = CliRunner.Run("lint", file);
        Assert.Equal(0, plain.ExitCode);
        Assert.Contains(plain.StdoutLines, l => l.StartsWith($"{file}: info MB021 /: ", StringComparison.Ordinal));
        var withRam = CliRunner.Run("lint", file, "--ram", "0x40000000:1G");
        Assert.Equal(1, withRam.ExitCode);
        Assert.Contains(withRam.StdoutLines, l => l.StartsWith($"{file}: error MB013 /reserved-memory/vpu: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_Directory_CorruptFileIsReportedLocated_RestIsLinted_Exit2()
    {
        var dir = CliRunner.TempDirectory();
        Write(dir, "a/good.dtb", OverlappingBoard());
        var bad = OverlappingBoard();
        bad[3] ^= 0xff; // break the magic
        var badPath = Write(dir, "b/corrupt.dtb", bad);
        Write(dir, "b/notes.txt", [1, 2, 3]);
        var result = CliRunner.Run("lint", dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(badPath, result.Stderr);
        Assert.Contains("byte 0x0", result.Stderr);
        Assert.Contains(result.StdoutLines, l => l.Contains(" MB003 ", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, l => l.StartsWith(badPath, StringComparison.Ordinal) && l.Contains("bad input", StringComparison.Ordinal));
        Assert.Matches(@"^total: 2 files, 1 bad input +1 +0 +0$", result.StdoutLines.Single(l => l.StartsWith("total:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Lint_Json_DescribesFilesTotalsAndRules()
    {
        var dir = CliRunner.TempDirectory();
        Write(dir, "one.dtb", OverlappingBoard());
        Write(dir, "two.dtb", NoMemoryBoard());
        var result = CliRunner.Run("lint", dir, "--json");
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal("debian-6.1-arm64", root.GetProperty("kernel").GetString());
        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        var finding = files[0].GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "MB003");
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("/reserved-memory/b@50100000", finding.GetProperty("node").GetString());
        Assert.Contains("OVERLAP DETECTED", finding.GetProperty("prevents").GetString());
        var totals = root.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("files").GetInt32());
        Assert.Equal(1, totals.GetProperty("errors").GetInt32());
        Assert.Equal(1, totals.GetProperty("by_rule").GetProperty("MB021").GetProperty("infos").GetInt32());
        Assert.Equal(1, root.GetProperty("exit_code").GetInt32());
        Assert.Equal(23, root.GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public void Lint_Corpus_CompletesAndSummarisesEveryBoard()
    {
        var result = CliRunner.Run("lint", TestData.Path("dtbs", "arm64"));
        Assert.Equal("", result.Stderr);
        Assert.InRange(result.ExitCode, 0, 1);
        Assert.Matches(@"^total: 118 files ", result.StdoutLines.Single(l => l.StartsWith("total:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("lint", "/no/such/file.dtb")]
    [InlineData("lint", "--kernel", "no-such-kernel", "x.dtb")]
    [InlineData("lint", "--ram", "0x40000000", "x.dtb")]
    public void Lint_BadUsage_Exit2(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("memblock: error: ", result.Stderr);
    }

    [Fact]
    public void Lint_Directory_OnEveryCore_PrintsEachFilesFindings_InPathOrder_AsFileByFileRunsWould()
    {
        string dir = TestData.Path("dtbs", "arm64");
        var files = Directory.EnumerateFiles(dir, "*.dtb", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 10);
        var whole = CliRunner.Run("lint", dir);
        var expected = new List<string>();
        foreach (var file in files)
            expected.AddRange(CliRunner.Run("lint", file).StdoutLines.TakeWhile(l => l.StartsWith(file, StringComparison.Ordinal)));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, whole.StdoutLines.Take(expected.Count));
    }
}
