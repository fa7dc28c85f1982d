using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Hostile;

/// <summary>
/// Inputs that crashed a command (found by bench/fuzz or by <see cref="MutationTests"/>), kept in
/// tests/data/fuzz-regressions: each must now be the one-line bad-input error that says what and where.
/// </summary>
public class FuzzRegressionTests
{
    private static string Regression(string name) => TestData.Path("fuzz-regressions", name);

    /// <summary>A mutated efi=debug log with a 25-digit hex number on line 120 was an OverflowException (internal error).</summary>
    [Fact]
    public void EfiLog_HexNumberPast64Bits_IsBadInputNamingTheLine()
    {
        var r = CliRunner.Run("boot", "--efi-log", Regression("efi-log-hex-overflow.log"));
        HostileFiles.AssertBadInput(r, "EFI log line 120: 0x00000000bfff80000bfb3a000 does not fit in 64 bits");
        Assert.Empty(r.Stdout);
    }

    /// <summary>init_regions 4294967295 became -1 through an int cast and the core refused it with an ArgumentException.</summary>
    [Fact]
    public void Conformance_InitRegionsBeyondAnInt_IsBadInputNamingTheLineAndKey()
    {
        var path = Regression("conformance-init-regions-overflow.jsonl");
        var r = CliRunner.Run("conformance", path);
        HostileFiles.AssertBadInput(r, path + ": line 1:", "case hand-valloc-exact_nid-td", "bad value for setup key \"init_regions\"");
        Assert.Empty(r.Stdout);
    }

    /// <summary>
    /// A mutated DTB whose /memreserve/ entries run to the top of the address space: the boot's cost ledger wrapped
    /// base + size and summed a category past 2^64 (OverflowException in the hand-off summary). The boot now completes.
    /// </summary>
    [Fact]
    public void Boot_MemreserveToTheTopOfTheAddressSpace_Completes()
    {
        var r = CliRunner.Run("boot", Regression("boot-cost-ledger-overflow.dtb"));
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Stderr);
        Assert.Contains("Memory: 98324K/524288K available", r.Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// A mutated DTB whose /memory reg asks for hundreds of TiB (beyond the 2^48 the kernel keeps) made the boot run for
    /// minutes: sparse_init kept one entry per 128 MiB section. Its cost now follows the regions; arm64 keeps the
    /// 128 TiB its linear map covers.
    /// </summary>
    [Fact]
    public void Boot_RamPastTheLinearMap_CompletesWithTheLinearMapsWorth()
    {
        var r = CliRunner.Run("boot", Regression("boot-ram-past-linear-map-hang.dtb"));
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Stderr);
        Assert.Contains($"RAM (present pages)  {LinearMapKb} kB", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"K/{LinearMapKb}K available", r.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The same hang from a mutated efi=debug log: a Conventional descriptor running to hundreds of TiB.</summary>
    [Fact]
    public void EfiLog_RamPastTheLinearMap_CompletesWithTheLinearMapsWorth()
    {
        var r = CliRunner.Run("boot", TestData.Path("realboot", "virt-arm64-2G-uefi-dt", "board.dtb"),
            "--efi-log", Regression("efi-log-ram-past-linear-map-hang.log"));
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Stderr);
        Assert.Contains($"RAM (present pages)  {LinearMapKb} kB", r.Stdout, StringComparison.Ordinal);
    }

    // 2^(VA_BITS - 1) bytes with the Debian arm64 kernel's 48-bit VA, in kB.
    private const ulong LinearMapKb = (1UL << 47) / 1024;

    [Theory]
    [InlineData("init_regions", "1", true)]
    [InlineData("init_regions", "2", false)]
    [InlineData("init_regions", "1048577", true)]
    [InlineData("page_size", "12288", true)]
    [InlineData("page_size", "16384", false)]
    [InlineData("max_numnodes", "65537", true)]
    public void Conformance_SetupNumbersOutsideWhatTheCoreBuilds_AreBadInput(string key, string value, bool bad)
    {
        using var files = new HostileFiles();
        var path = files.Write("setup.jsonl",
            $"{{\"id\":\"t\",\"setup\":{{\"{key}\":{value}}},\"steps\":[{{\"op\":\"add\",\"args\":{{\"base\":\"0x1000\",\"size\":\"0x1000\"}},\"ret\":0}}]}}\n");
        var r = CliRunner.Run("conformance", path);
        if (bad)
        {
            HostileFiles.AssertBadInput(r, path + ": line 1:", $"bad value for setup key \"{key}\"");
        }
        else
        {
            Assert.Equal(0, r.ExitCode);
            Assert.EndsWith("1 passed, 0 failed\n", r.Stdout, StringComparison.Ordinal);
        }
    }
}
