using System.Text;

namespace MemblockSharp.Cli.Tests.Hostile;

/// <summary>
/// Every command given bad input: exit code 2, one line on stderr that says what is wrong and where (file, byte offset,
/// line number or node path), nothing on stdout that claims a result, and no output file.
/// </summary>
public class BadInputTests
{
    // ---- dt ----

    [Fact]
    public void Dt_TruncatedBlob_NamesFileOffsetAndLibfdtError()
    {
        using var files = new HostileFiles();
        var blob = File.ReadAllBytes(HostileFiles.Real("virt-arm64-1G", "board.dtb"));
        var path = files.Write("cut.dtb", blob[..3000]);
        var r = CliRunner.Run("dt", path);
        HostileFiles.AssertBadInput(r, path + ":", "at byte 0xbb8", "FDT_ERR_TRUNCATED", "totalsize 1048576 is larger than the 3000 bytes given");
        Assert.Empty(r.Stdout);
    }

    [Theory]
    [InlineData("/chosen")]
    [InlineData("/memory@40000000")]
    public void Dt_UnknownTagInsideANode_NamesTheNodePath(string nodePath)
    {
        using var files = new HostileFiles();
        var (blob, tag) = HostileFiles.WithUnknownTagIn(HostileFiles.Real("virt-arm64-1G", "board.dtb"), nodePath);
        var path = files.Write("tag.dtb", blob);
        foreach (var args in new[] { new[] { "dt", path }, ["dt", path, "--memory"], ["dt", path, "/chosen"] })
        {
            var r = CliRunner.Run(args);
            HostileFiles.AssertBadInput(r, path + ":", $"at byte 0x{tag:x}", $"in node '{nodePath}'", "unknown tag 0x000000ee");
            Assert.Empty(r.Stdout);
        }
    }

    [Fact]
    public void Dt_FileLargerThanAnyDtb_IsRefusedBeforeReading()
    {
        using var files = new HostileFiles();
        var path = files.Sparse("huge.dtb", InputFiles.MaxDtbBytes + 1);
        var r = CliRunner.Run("dt", path, "--memory");
        HostileFiles.AssertBadInput(r, path + ":", $"{InputFiles.MaxDtbBytes + 1} bytes is larger than any device tree blob");
    }

    [Fact]
    public void Dt_TotalSizeAbove2To31_IsRefusedAtTheTotalSizeField()
    {
        using var files = new HostileFiles();
        var blob = File.ReadAllBytes(HostileFiles.Real("virt-arm64-1G", "board.dtb"));
        blob[4] = 0x80; // totalsize 0x80100000
        var path = files.Write("big-total.dtb", blob);
        var r = CliRunner.Run("dt", path);
        HostileFiles.AssertBadInput(r, path + ":", "at byte 0x4 ", "BadTotalSize", "totalsize 2148532224 is outside");
    }

    // ---- boot ----

    [Fact]
    public void Boot_TruncatedBlob_NamesTheFileAndPrintsNoReport()
    {
        using var files = new HostileFiles();
        var blob = File.ReadAllBytes(HostileFiles.Real("virt-arm64-1G", "board.dtb"));
        var path = files.Write("cut.dtb", blob[..3000]);
        var r = CliRunner.Run("boot", path);
        HostileFiles.AssertBadInput(r, path + ":", "at byte 0xbb8", "FDT_ERR_TRUNCATED");
        Assert.Empty(r.Stdout);
        HostileFiles.AssertNoFiles(files.Dir, path);
    }

    [Fact]
    public void Boot_NodeDefect_NamesFileAndNode()
    {
        using var files = new HostileFiles();
        var (blob, tag) = HostileFiles.WithUnknownTagIn(HostileFiles.Real("virt-arm64-1G", "board.dtb"), "/chosen");
        var path = files.Write("tag.dtb", blob);
        var r = CliRunner.Run("boot", path, "--json");
        HostileFiles.AssertBadInput(r, path + ":", $"at byte 0x{tag:x}", "in node '/chosen'");
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void Boot_BadRamSize_SaysWhichOptionAndValue()
    {
        var r = CliRunner.Run("boot", "--ram", "0x40000000:zz");
        HostileFiles.AssertBadInput(r, "--ram '0x40000000:zz'", "'zz' is not a size");
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void Boot_EfiLogWithoutMemoryMap_IsBadInput()
    {
        using var files = new HostileFiles();
        var log = files.Write("efi.log", "[    0.000000] Booting Linux on physical CPU 0x0\n[    0.000000] efi: EFI v2.7 by EDK II\n");
        var r = CliRunner.Run("boot", "--efi-log", log);
        HostileFiles.AssertBadInput(r, "EFI log: no UEFI memory map found");
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void Boot_OversizeSystemMap_IsRefusedBeforeReading()
    {
        using var files = new HostileFiles();
        var map = files.Sparse("System.map", InputFiles.MaxTextBytes + 1);
        var config = files.Write("config", "CONFIG_ARM64=y\n");
        var r = CliRunner.Run("boot", "--system-map", map, "--config", config);
        HostileFiles.AssertBadInput(r, map + ":", "larger than any System.map");
    }

    // ---- replay ----

    [Fact]
    public void Replay_SecondBootInTheLog_NamesTheLineAndWritesNoDebugfsFiles()
    {
        using var files = new HostileFiles();
        var one = File.ReadAllText(HostileFiles.Real("virt-arm64-1G", "kernel-log-full.txt"));
        int lines = one.Count(c => c == '\n');
        var log = files.Write("two-boots.txt", one + one);
        var outDir = files.Path("debugfs");
        var r = CliRunner.Run("replay", log, "--debugfs-out", outDir);
        HostileFiles.AssertBadInput(r, $"two-boots.txt:{lines + 1}:", "a second boot starts here");
        Assert.Empty(r.Stdout);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Replay_BinaryLog_NamesTheOffsetOfTheNul()
    {
        using var files = new HostileFiles();
        var text = Encoding.ASCII.GetBytes("[    0.000000] Booting Linux on physical CPU 0x0\n[    0.000000] Linux ver");
        var log = files.Write("binary.log", [.. text, 0, 1, 2, 3]);
        var outDir = files.Path("debugfs");
        var r = CliRunner.Run("replay", log, "--debugfs-out", outDir, "--json");
        HostileFiles.AssertBadInput(r, "binary.log:2:", $"a NUL byte at offset {text.Length}");
        Assert.Empty(r.Stdout);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Replay_BadDtb_NamesTheDtbAndWritesNoDebugfsFiles()
    {
        using var files = new HostileFiles();
        var (blob, tag) = HostileFiles.WithUnknownTagIn(HostileFiles.Real("virt-arm64-1G", "board.dtb"), "/memory@40000000");
        var dtb = files.Write("tag.dtb", blob);
        var outDir = files.Path("debugfs");
        var r = CliRunner.Run("replay", HostileFiles.Real("virt-arm64-1G", "kernel-log-full.txt"), "--dtb", dtb, "--debugfs-out", outDir);
        HostileFiles.AssertBadInput(r, dtb + ":", $"at byte 0x{tag:x}", "in node '/memory@40000000'");
        Assert.Empty(r.Stdout);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Replay_GzipBombLargerThanAnyLog_IsRefusedWithTheFileName()
    {
        using var files = new HostileFiles();
        // 65 MiB of the same line: compresses to a few hundred KiB, decompresses past the 64 MiB log cap.
        var line = Encoding.ASCII.GetBytes("[    0.000000] memblock_reserve: [0x0000000040000000-0x0000000040000fff] x+0x0/0x0\n");
        var content = new byte[(KernelLogMax + (1 << 20)) / line.Length * line.Length];
        for (int i = 0; i < content.Length; i += line.Length)
            line.CopyTo(content, i);
        var log = files.Gzip("bomb.txt.gz", content);
        var r = CliRunner.Run("replay", log, "--debugfs-out", files.Path("debugfs"));
        HostileFiles.AssertBadInput(r, log + ":", "larger than any kernel log");
        HostileFiles.AssertNoFiles(files.Dir, log);
    }

    private const long KernelLogMax = MemblockSharp.Boot.KernelLog.KernelLogReader.MaxLogBytes;

    [Fact]
    public void Replay_DebugfsOutIsAFile_FailsWithoutTouchingIt()
    {
        using var files = new HostileFiles();
        var occupied = files.Write("occupied", "keep me");
        var r = CliRunner.Run("replay", HostileFiles.Real("virt-arm64-1G-reserved-memory", "kernel-log-full.txt"),
            "--dtb", HostileFiles.Real("virt-arm64-1G-reserved-memory", "board.dtb"), "--debugfs-out", occupied);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("memblock: error: ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(occupied));
        HostileFiles.AssertNoFiles(files.Dir, occupied);
    }

    // ---- script ----

    [Fact]
    public void Script_BadNumberOnALine_NamesFileAndLine()
    {
        using var files = new HostileFiles();
        var path = files.Write("bad.txt", "# a script\nresize on\nadd 0x1000 0x1000\nreserve 0x1000 0xzz\n");
        var r = CliRunner.Run("script", path, "--tables");
        HostileFiles.AssertBadInput(r, path + ": line 4:", "'0xzz' is not a 0x-prefixed 64-bit hex number");
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void Script_CorruptGzip_NamesTheFile()
    {
        using var files = new HostileFiles();
        var real = File.ReadAllBytes(MemblockSharp.Testing.TestData.Path("bench", "W2.txt.gz"));
        var path = files.Write("W2.txt.gz", real[..(real.Length / 2)]);
        var r = CliRunner.Run("script", path);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"memblock: error: {path}: ", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void Script_LargerThanAnyScript_IsRefused()
    {
        using var files = new HostileFiles();
        var path = files.Sparse("huge.txt", InputFiles.MaxTextBytes + 1); // NUL bytes: refused by size before by content
        var r = CliRunner.Run("script", path);
        HostileFiles.AssertBadInput(r, path + ":", $"({InputFiles.MaxTextBytes} bytes)");
        Assert.Empty(r.Stdout);
    }

    // ---- conformance ----

    [Fact]
    public void Conformance_MalformedThirdLine_FailsBeforeAnyResultIsPrinted()
    {
        using var files = new HostileFiles();
        var lines = new StreamReader(new System.IO.Compression.GZipStream(
            File.OpenRead(MemblockSharp.Testing.TestData.Path("conformance", "handcrafted.jsonl.gz")),
            System.IO.Compression.CompressionMode.Decompress)).ReadLine()!;
        var path = files.Write("vectors.jsonl", lines + "\n" + lines + "\n{\"id\":\"broken\",\"setup\":{},\"steps\":[{\"op\":\"fly\",\"ret\":0}]}\n");
        var r = CliRunner.Run("conformance", path);
        HostileFiles.AssertBadInput(r, path + ": line 3:", "unknown op \"fly\"");
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void Conformance_TruncatedJson_NamesTheLine()
    {
        using var files = new HostileFiles();
        var path = files.Write("cut.jsonl", "\n{\"id\":\"x\",\"setup\":{\"numa\":tr");
        var r = CliRunner.Run("conformance", path);
        HostileFiles.AssertBadInput(r, path + ": line 2:", "not valid JSON");
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void Conformance_OneGoodFileThenAMissingOne_PrintsNothing()
    {
        var missing = Path.Combine(Path.GetTempPath(), "memblock-no-such-" + Guid.NewGuid().ToString("N") + ".jsonl");
        var r = CliRunner.Run("conformance", MemblockSharp.Testing.TestData.Path("conformance", "handcrafted.jsonl.gz"), missing);
        HostileFiles.AssertBadInput(r, missing + ": no such file");
        Assert.Empty(r.Stdout);
    }

    // ---- lint ----

    [Fact]
    public void Lint_TruncatedBlob_NamesFileAndOffset()
    {
        using var files = new HostileFiles();
        var blob = File.ReadAllBytes(HostileFiles.Real("virt-arm64-1G", "board.dtb"));
        var path = files.Write("cut.dtb", blob[..3000]);
        var r = CliRunner.Run("lint", path);
        Assert.Equal(2, r.ExitCode);
        var error = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("memblock: error: ", error, StringComparison.Ordinal);
        Assert.Contains("cut.dtb", error, StringComparison.Ordinal);
        Assert.Contains("at byte 0xbb8", error, StringComparison.Ordinal);
    }

    // ---- --verbose ----

    [Fact]
    public void InternalError_WithoutVerbose_IsTwoLinesAndNoTrace_WithVerbose_TheTrace()
    {
        static int Boom() => throw new InvalidOperationException("boom");
        var quiet = new StringWriter();
        Assert.Equal(2, CommandGuard.Run(quiet, Boom));
        Assert.Equal("memblock: internal error: InvalidOperationException: boom\n" +
            "This is a bug in memblock; please report it with the input that caused it (--verbose shows the trace).\n", quiet.ToString().Replace("\r\n", "\n"));
        var loud = new StringWriter();
        Assert.Equal(2, CommandGuard.WithVerbosity(true, () => CommandGuard.Run(loud, Boom)));
        Assert.Contains("   at ", loud.ToString(), StringComparison.Ordinal);
        Assert.Contains(nameof(InternalError_WithoutVerbose_IsTwoLinesAndNoTrace_WithVerbose_TheTrace), loud.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_IsAcceptedByEveryCommandAndChangesNothingOnBadInput()
    {
        using var files = new HostileFiles();
        var path = files.Write("bad.txt", "add 0x1000\n");
        var plain = CliRunner.Run("script", path);
        var verbose = CliRunner.Run("script", path, "--verbose");
        Assert.Equal(2, verbose.ExitCode);
        Assert.Equal(plain.Stderr, verbose.Stderr);
        Assert.Contains(": line 1: expected 'add BASE SIZE [NID]'", verbose.Stderr, StringComparison.Ordinal);
    }

    // ---- usage ----

    [Theory]
    [InlineData("dt")]
    [InlineData("replay")]
    [InlineData("script", "a", "b")]
    [InlineData("conformance")]
    [InlineData("boot", "--kernel")]
    [InlineData("no-such-command")]
    public void Usage_Errors_ExitTwoWithOneLineAndTheUsageHint(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Empty(r.Stdout);
        var lines = r.Stderr.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("memblock: error: ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(" --help')", lines[0], StringComparison.Ordinal);
    }
}
