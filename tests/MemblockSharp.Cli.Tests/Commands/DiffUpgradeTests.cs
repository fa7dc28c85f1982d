using System.Text.Json;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary>
/// <c>memblock diff A.dtb B.dtb --kernel 6.1-profile --kernel-b 6.12-profile</c> on the recorded twins (same board and
/// command line booted by Debian's 6.1 and 6.12 kernels): the MemTotal of each side and the upgrade's cost are the real ones.
/// </summary>
public class DiffUpgradeTests
{
    private static long MemTotalKb(string set, string @case)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.Path(set, @case, "case.json")));
        return doc.RootElement.GetProperty("memtotal_kb").GetInt64();
    }

    private static string Flavour(string @case) =>
        @case.StartsWith("virt-arm64cloud", StringComparison.Ordinal) ? "cloud-arm64"
        : @case.StartsWith("virt-armhf", StringComparison.Ordinal) ? "armmp-lpae" : "arm64";

    public static TheoryData<string> Twins()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(TestData.Path("realboot-6.12"), "virt-*").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dir);
            // The 16K kernel has no 6.1 twin; the UEFI boots take their memory from the efi=debug log, not the DTB.
            if (name.Contains("16k", StringComparison.Ordinal) || name.Contains("uefi", StringComparison.Ordinal))
                continue;
            if (Directory.Exists(TestData.Path("realboot", name)))
                data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public void Diff_61To612_OnTheRealTwins_CostsWhatTheRealUpgradeCost(string @case)
    {
        string flavour = Flavour(@case);
        var r = CliRunner.Run("diff", TestData.Path("realboot", @case, "board.dtb"), TestData.Path("realboot-6.12", @case, "board.dtb"),
            "--kernel", $"debian-6.1-{flavour}", "--kernel-b", $"debian-6.12-{flavour}", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        long before = MemTotalKb("realboot", @case), after = MemTotalKb("realboot-6.12", @case);
        Assert.Equal(before, root.GetProperty("before").GetProperty("memtotal_kb").GetInt64());
        Assert.Equal(after, root.GetProperty("after").GetProperty("memtotal_kb").GetInt64());
        Assert.Equal(after - before, root.GetProperty("delta").GetProperty("memtotal_kb").GetInt64());
    }

    [Fact]
    public void Diff_WithOneDtb_ComparesTwoKernelsOnTheSameBoard()
    {
        var r = CliRunner.Run("diff", TestData.Path("realboot-6.12", "virt-arm64-2G", "board.dtb"),
            "--kernel", "debian-6.1-arm64", "--kernel-b", "debian-6.12-arm64", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(MemTotalKb("realboot-6.12", "virt-arm64-2G"), doc.RootElement.GetProperty("after").GetProperty("memtotal_kb").GetInt64());
    }

    [Fact]
    public void WhatIfKernel_IsTheSameComparisonAsDiffWithKernelB()
    {
        string dtb = TestData.Path("realboot-6.12", "virt-arm64-2G", "board.dtb");
        var whatIf = CliRunner.Run("boot", dtb, "--what-if-kernel", "debian-6.12-arm64", "--json");
        var diff = CliRunner.Run("diff", dtb, "--kernel", "debian-6.1-arm64", "--kernel-b", "debian-6.12-arm64", "--json");
        Assert.True(whatIf.ExitCode == 0, whatIf.Stderr);
        using var a = JsonDocument.Parse(whatIf.Stdout);
        using var b = JsonDocument.Parse(diff.Stdout);
        Assert.Equal(MemTotalKb("realboot-6.12", "virt-arm64-2G"), a.RootElement.GetProperty("after").GetProperty("memtotal_kb").GetInt64());
        Assert.Equal(b.RootElement.GetProperty("delta").GetProperty("memtotal_kb").GetInt64(), a.RootElement.GetProperty("delta").GetProperty("memtotal_kb").GetInt64());
        Assert.Equal("debian-6.12-arm64", a.RootElement.GetProperty("after").GetProperty("kernel").GetString());

        var both = CliRunner.Run("boot", dtb, "--what-if-kernel", "debian-6.12-arm64", "--what-if", "cma=128M");
        Assert.Equal(0, both.ExitCode);
        Assert.StartsWith($"# memblock boot --what-if \"cma=128M\" --what-if-kernel debian-6.12-arm64: {dtb}", both.Stdout, StringComparison.Ordinal);
        var bad = CliRunner.Run("boot", dtb, "--what-if-kernel", "debian-9.9-arm64");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--what-if-kernel: unknown kernel profile 'debian-9.9-arm64'", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_UnknownKernelB_IsBadUsageNamingTheOption()
    {
        var r = CliRunner.Run("diff", TestData.Path("realboot-6.12", "virt-arm64-2G", "board.dtb"), "--kernel-b", "debian-9.9-arm64");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--kernel-b", r.Stderr, StringComparison.Ordinal);
    }
}
