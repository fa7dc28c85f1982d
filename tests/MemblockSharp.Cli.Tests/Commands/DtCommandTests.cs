using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary><c>memblock dt</c> against dtc 1.6.1's output (golden files in tests/data/dtbs-dts) and the scan tables.</summary>
public sealed class DtCommandTests
{
    public static TheoryData<string, string> Boards()
    {
        var data = new TheoryData<string, string>();
        foreach (var dts in Directory.EnumerateFiles(TestData.Path("dtbs-dts"), "*.dts", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(TestData.Path("dtbs-dts"), dts);
            var parts = rel.Split(Path.DirectorySeparatorChar);
            string dtb;
            if (parts[0] == "realboot")
            {
                var name = Path.GetFileNameWithoutExtension(parts[1]); // CASE.board / CASE.qemu-dumpdtb
                var dot = name.LastIndexOf('.');
                dtb = TestData.Path("realboot", name[..dot], name[(dot + 1)..] + ".dtb");
            }
            else
            {
                dtb = TestData.Path(["dtbs", .. parts[..^1], Path.ChangeExtension(parts[^1], ".dtb")]);
            }
            data.Add(dtb, dts);
        }
        return data;
    }

    [Fact]
    public void Boards_CoverEveryBoardDtb() => Assert.Equal(200, Boards().Count);

    [Theory]
    [MemberData(nameof(Boards))]
    public void Dt_PrintsExactlyWhatDtcPrints(string dtb, string dts)
    {
        var result = CliRunner.Run("dt", dtb);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Equal(File.ReadAllText(dts), result.Stdout);
    }

    [Fact]
    public void Dt_Path_PrintsOneNodeBlock()
    {
        var result = CliRunner.Run("dt", TestData.Path("dtbs", "dtc-tests", "test_tree1.dtb"), "/subnode@2/ss2");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ss2 {\n};\n", result.Stdout);
    }

    [Fact]
    public void Dt_UnknownPath_IsBadInput()
    {
        var result = CliRunner.Run("dt", TestData.Path("dtbs", "dtc-tests", "test_tree1.dtb"), "/nope");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no node '/nope'", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Dt_CorruptBlob_IsBadInputWithOffsetAndFile()
    {
        var result = CliRunner.Run("dt", TestData.Path("dtbs", "dtc-tests", "truncated_memrsv.dtb"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("truncated_memrsv.dtb: invalid device tree blob at byte 0x", result.Stderr);
        Assert.Contains("ReservationMapTruncated", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Dt_Memory_PrintsBanksReservationsAndRequests()
    {
        var result = CliRunner.Run("dt", TestData.Path("realboot", "virt-arm64-1G-reserved-memory", "board.dtb"), "--memory");
        Assert.Equal(0, result.ExitCode);
        var text = result.Stdout;
        Assert.Contains("/memory@40000000  reg   0  0x40000000  0x40000000  [0000000040000000-000000007fffffff]  1 GiB", text);
        Assert.Contains("[0000000050000000-00000000503fffff]  4 MiB     no-map  /reserved-memory/firmware@50000000", text);
        Assert.Matches(@"linux,cma +dynamic +32 MiB +0x400000 +anywhere", text);
        Assert.Matches(@"dynamic-region +dynamic +8 MiB +0x400000 +0x60000000-0x70000000", text);
        Assert.True(text.IndexOf("linux,cma ", StringComparison.Ordinal) < text.IndexOf("dynamic-region ", StringComparison.Ordinal));
        Assert.Contains("cpus: 1 usable of 1", text);
    }

    [Fact]
    public void Dt_MemoryArm32_ClipsBelowPhysOffset()
    {
        var dtb = TestData.Path("realboot", "virt-armhf-512M", "board.dtb");
        var result = CliRunner.Run("dt", dtb, "--memory", "--arch", "arm32-lpae", "--phys-offset", "0x50000000");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[0000000050000000-000000005fffffff]  256 MiB", result.Stdout);
        Assert.Contains("OF: fdt: Ignoring memory range 0x40000000 - 0x50000000", result.Stdout);
        Assert.Equal(2, CliRunner.Run("dt", dtb, "--memory", "--arch", "arm32-lpae", "--phys-offset", "zz").ExitCode);
    }
}
