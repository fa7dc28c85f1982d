using System.Text.Json;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Rendering;

/// <summary>Every command's JSON escapes only what JSON requires, so kernel text reads as the kernel printed it.</summary>
public sealed class JsonEscapingTests
{
    [Fact]
    public void Boot_KernelQuotes_AreBackslashEscaped_NotUnicodeEscaped()
    {
        var run = CliRunner.Run("boot", "--json");
        Assert.Equal(0, run.ExitCode);
        // The bundled board's command line has nokaslr, which this kernel reports as unknown, in double quotes.
        Assert.Contains("parameters \\\"nokaslr\\\", will be passed", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_Apostrophes_AreWrittenAsPrinted()
    {
        string dir = TestData.Path("realboot", "virt-arm64-2G-uefi-dt");
        var run = CliRunner.Run("replay", Path.Combine(dir, "kernel-log-full.txt"), "--dtb", Path.Combine(dir, "board.dtb"), "--json");
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Contains(doc.RootElement.GetProperty("inferred").EnumerateArray(),
            e => e.GetProperty("reason").GetString()!.Contains("EFI 'Runtime Code' region", StringComparison.Ordinal));
        Assert.Contains("EFI 'Runtime Code' region", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_PlusInAChangeKind_IsWrittenAsPrinted()
    {
        // cma=16M instead of the default 64 MiB pool, on a board with a /memreserve/ entry: the pool both moves and shrinks.
        var run = CliRunner.Run("diff", TestData.Path("realboot", "virt-arm64-1G", "board.dtb"),
            TestData.Path("realboot", "virt-arm64-1G-memreserve", "board.dtb"), "--cmdline-b", "cma=16M", "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Contains(doc.RootElement.GetProperty("delta").GetProperty("reservations").EnumerateArray(),
            e => e.GetProperty("change").GetString() == "moved+resized");
        Assert.Contains("\"change\": \"moved+resized\"", run.Stdout, StringComparison.Ordinal);
    }
}
