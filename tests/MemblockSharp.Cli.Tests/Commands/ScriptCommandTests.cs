using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

public class ScriptCommandTests
{
    [Fact]
    public void W2_PrintsTheBaselineChecksumAndCounts()
    {
        var result = CliRunner.Run("script", TestData.Path("bench", "W2.txt.gz"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("checksum 0x00194cb6057cc324", result.StdoutLines);
        Assert.Contains("memory   cnt 9 max 128 total 0x1b7de9e000 sum 0x4219a9f000", result.StdoutLines);
        Assert.Contains("failed allocs 11", result.StdoutLines);
    }

    [Fact]
    public void Tables_PrintsBothTablesInDebugfsFormat()
    {
        var path = Path.Combine(CliRunner.TempDirectory(), "s.txt");
        File.WriteAllText(path, "# tiny\nadd 0x40000000 0x40000000\nreserve 0x40210000 0x2000000\n");
        var result = CliRunner.Run("script", path, "--tables");
        Assert.Equal(0, result.ExitCode);
        var lines = result.StdoutLines;
        int memory = Array.IndexOf(lines, "memory:");
        Assert.Equal("   0: 0x0000000040000000..0x000000007fffffff", lines[memory + 1]);
        Assert.Equal("reserved:", lines[memory + 2]);
        Assert.Equal("   0: 0x0000000040210000..0x000000004220ffff", lines[memory + 3]);
    }

    [Fact]
    public void BadLine_ExitsTwo_NamingFileAndLine()
    {
        var path = Path.Combine(CliRunner.TempDirectory(), "bad.txt");
        File.WriteAllText(path, "# c\nresize on\nreserve 0x1000\n");
        var result = CliRunner.Run("script", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{path}: line 3: expected 'reserve BASE SIZE'", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void GarbledGzip_ExitsTwo_WithoutStackTrace()
    {
        var path = Path.Combine(CliRunner.TempDirectory(), "bad.txt.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]);
        var result = CliRunner.Run("script", path);
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("internal error", result.Stderr);
    }
}
