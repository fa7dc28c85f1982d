using System.Text.Json;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary><c>memblock replay</c> end to end through <see cref="Program.Run"/>.</summary>
public class ReplayCommandTests
{
    private static string Case(string @case, string file) => TestData.Path("realboot", @case, file);

    private static string CompleteLog(string @case) =>
        File.Exists(Case(@case, "kernel-log-full.txt")) ? Case(@case, "kernel-log-full.txt") : Case(@case, "dmesg.txt");

    [Theory]
    [InlineData("virt-arm64-1G-reserved-memory")]
    [InlineData("virt-arm64-2G-uefi-dt")]
    [InlineData("virt-armhf-2G-highmem")]
    public void Replay_WithDtbAndDebugfsOut_WritesTheKernelsFilesByteForByte(string @case)
    {
        string dir = CliRunner.TempDirectory();
        try
        {
            var r = CliRunner.Run("replay", CompleteLog(@case), "--dtb", Case(@case, "board.dtb"), "--debugfs-out", dir);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(File.ReadAllBytes(Case(@case, "memblock-memory.txt")), File.ReadAllBytes(Path.Combine(dir, "memory")));
            Assert.Equal(File.ReadAllBytes(Case(@case, "memblock-reserved.txt")), File.ReadAllBytes(Path.Combine(dir, "reserved")));
            // The text report starts with the same tables, then the account.
            Assert.Contains("reserved:\n" + File.ReadAllText(Case(@case, "memblock-reserved.txt")), r.Stdout, StringComparison.Ordinal);
            Assert.Contains("reserved memory by category", r.Stdout, StringComparison.Ordinal);
            Assert.Contains("= ", r.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Replay_Json_CountsAgreeAndAccountsSumToTheTotal()
    {
        var r = CliRunner.Run("replay", CompleteLog("virt-arm64-1G"), "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        int checkedCount = root.GetProperty("allocations_checked").GetInt32();
        Assert.True(checkedCount > 0);
        Assert.Equal(checkedCount, root.GetProperty("allocations_agreed").GetInt32());
        ulong total = root.GetProperty("reserved_total").GetUInt64();
        Assert.Equal(total, root.GetProperty("memblock_state").GetProperty("reserved").GetProperty("total_size").GetUInt64());
        foreach (var list in new[] { "by_caller", "by_category" })
            Assert.Equal(total, root.GetProperty(list).EnumerateArray().Aggregate(0UL, (s, e) => s + e.GetProperty("bytes").GetUInt64()));
        Assert.Equal(982532, root.GetProperty("path_to_memtotal").GetProperty("memtotal_kib").GetInt64());
    }

    [Fact]
    public void Replay_DmesgThatLostItsHead_ExitsZeroAndSaysWhatItCouldNotSee()
    {
        var r = CliRunner.Run("replay", Case("virt-arm64-1G", "dmesg.txt"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("not seen in the log:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("lost its oldest lines", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_TruncatedLog_ExitsTwoWithTheLine()
    {
        string dir = CliRunner.TempDirectory();
        try
        {
            var lines = File.ReadAllLines(CompleteLog("virt-arm64-512M"));
            int cut = Array.FindIndex(lines, l => l.Contains("memblock_reserve: [", StringComparison.Ordinal)) + 40;
            while (!lines[cut].Contains("memblock_", StringComparison.Ordinal))
                cut++;
            string path = Path.Combine(dir, "cut.txt");
            File.WriteAllText(path, string.Join('\n', lines[..cut]) + "\n" + lines[cut][..(lines[cut].Length / 2)]);
            var r = CliRunner.Run("replay", path, "--debugfs-out", Path.Combine(dir, "out"));
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"cut.txt:{cut + 1}:", r.Stderr, StringComparison.Ordinal);
            Assert.Equal("", r.Stdout);
            Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Replay_ForeignFile_ExitsTwo()
    {
        var r = CliRunner.Run("replay", Case("virt-arm64-1G", "board.dtb"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("board.dtb", r.Stderr, StringComparison.Ordinal);
        var missing = CliRunner.Run("replay", Case("virt-arm64-1G", "no-such-log.txt"));
        Assert.Equal(2, missing.ExitCode);
    }

    [Fact]
    public void Replay_BadDtb_ExitsTwoNamingTheDtb()
    {
        var r = CliRunner.Run("replay", CompleteLog("virt-arm64-512M"), "--dtb", Case("virt-arm64-512M", "meminfo.txt"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("meminfo.txt", r.Stderr, StringComparison.Ordinal);
    }

    private static string Case612(string @case, string file) => TestData.Path("realboot-6.12", @case, file);

    [Theory]
    [InlineData("virt-arm64-1G-reserved-memory", "kernel-log-full.txt")]
    [InlineData("virt-arm64-2G-uefi-dt", "kernel-log-full.txt")]
    [InlineData("virt-arm64-3G-numa-2G-1G", "dmesg.txt")]
    [InlineData("virt-armhf-2G-highmem", "dmesg.txt")]
    public void Replay_612Log_WritesThe612DebugfsFilesByteForByte(string @case, string log)
    {
        string dir = CliRunner.TempDirectory();
        try
        {
            var r = CliRunner.Run("replay", Case612(@case, log), "--dtb", Case612(@case, "board.dtb"), "--debugfs-out", dir);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(File.ReadAllBytes(Case612(@case, "memblock-memory.txt")), File.ReadAllBytes(Path.Combine(dir, "memory")));
            Assert.Equal(File.ReadAllBytes(Case612(@case, "memblock-reserved.txt")), File.ReadAllBytes(Path.Combine(dir, "reserved")));
            Assert.Contains("# kernel: Linux 6.12 ", r.Stdout, StringComparison.Ordinal);
            Assert.Contains("reserved:\n" + File.ReadAllText(Case612(@case, "memblock-reserved.txt")), r.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Replay_Json_NamesTheKernelVersionAndItsEvidence()
    {
        using var doc612 = JsonDocument.Parse(CliRunner.Run("replay", Case612("virt-arm64-1G", "kernel-log-full.txt"), "--json").Stdout);
        var k = doc612.RootElement.GetProperty("kernel");
        Assert.Equal("6.12", k.GetProperty("version").GetString());
        Assert.Equal("6.12.118+deb12-arm64", k.GetProperty("release").GetString());
        Assert.True(k.GetProperty("modelled").GetBoolean());
        using var headless = JsonDocument.Parse(CliRunner.Run("replay", Case612("virt-arm64-1G", "dmesg.txt"), "--json").Stdout);
        Assert.Equal(JsonValueKind.Null, headless.RootElement.GetProperty("kernel").GetProperty("release").ValueKind);
        Assert.Equal("6.12", headless.RootElement.GetProperty("kernel").GetProperty("version").GetString());
        using var doc61 = JsonDocument.Parse(CliRunner.Run("replay", CompleteLog("virt-arm64-1G"), "--json").Stdout);
        Assert.Equal("6.1", doc61.RootElement.GetProperty("kernel").GetProperty("version").GetString());
    }
}
