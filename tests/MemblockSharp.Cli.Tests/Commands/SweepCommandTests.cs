using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary><c>memblock sweep</c> end to end: the table, JSON, CSV, the plot files, exit codes and bad input.</summary>
public sealed class SweepCommandTests
{
    private static readonly string[] Grid =
        ["sweep", "--ram", "8M,512M,2G", "--kernel", "debian-6.1-arm64,debian-6.1-cloud-arm64", "--what-if", "cma=64M", "--what-if", "cma=256M crashkernel=128M"];

    [Fact]
    public void Table_HasAHeadingAColumnLineARowPerBoot_AndTheSpeed()
    {
        var r = CliRunner.Run(Grid);
        Assert.Equal(0, r.ExitCode);
        var lines = r.StdoutLines;
        Assert.Equal("# memblock sweep: qemu-virt-arm64-1G: 12 boots (2 kernels x 2 parameter sets x 3 RAM sizes)", lines[0]);
        Assert.StartsWith("kernel ", lines[1], StringComparison.Ordinal);
        Assert.Equal(12 + 3, lines.Length);
        Assert.Matches(@"^debian-6\.1-arm64 +cma=64M +8M +failed +the kernel image \(assumed; --kernel-addr gives it\) 0x40200000-0x4220ffff is not in RAM \(0x40000000-0x407fffff\)", lines[2]);
        Assert.Matches(@"^debian-6\.1-cloud-arm64 +cma=256M crashkernel=128M +2G +\d+ +\d+ +\d+\.\d\d% +crash kernel 128\.0, ", lines[13]);
        Assert.Matches(@"^12 boots in \d+\.\d{3} s on \d+ threads?: [\d,]+ boots/s; 4 failed$", lines[14]);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void EveryJsonRow_EqualsMemblockBoot_WithTheSameRamKernelAndCommandLine()
    {
        var r = CliRunner.Run([.. Grid, "--json"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^memblock sweep: 12 boots in .* 4 failed\n$", r.Stderr.Replace("\r\n", "\n"));
        using var doc = JsonDocument.Parse(r.Stdout);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(12, rows.Count);
        Assert.Equal(0, doc.RootElement.GetProperty("exit_code").GetInt32());
        foreach (var row in rows)
        {
            string ram = row.GetProperty("ram_base").GetString() + ":" + row.GetProperty("ram_size").GetUInt64().ToString(CultureInfo.InvariantCulture);
            var boot = CliRunner.Run("boot", "--json", "--ram", ram, "--kernel", row.GetProperty("kernel").GetString()!, "--cmdline", row.GetProperty("cmdline").GetString()!);
            if (row.GetProperty("status").GetString() == "failed")
            {
                Assert.Equal(2, boot.ExitCode);
                Assert.Contains(row.GetProperty("error").GetString()!, boot.Stderr, StringComparison.Ordinal);
                continue;
            }
            Assert.Equal(0, boot.ExitCode);
            using var plain = JsonDocument.Parse(boot.Stdout);
            var b = plain.RootElement;
            Assert.Equal(b.GetProperty("memtotal_kb").GetUInt64(), row.GetProperty("memtotal_kb").GetUInt64());
            Assert.Equal(b.GetProperty("ram_kb").GetUInt64(), row.GetProperty("ram_kb").GetUInt64());
            Assert.Equal(b.GetProperty("memory_line").GetString(), row.GetProperty("memory_line").GetString());
            Assert.Equal(b.GetProperty("costs").EnumerateArray().Select(c => (c.GetProperty("category").GetString(), c.GetProperty("bytes").GetInt64())),
                row.GetProperty("costs").EnumerateObject().Select(c => ((string?)c.Name, c.Value.GetInt64())));
            Assert.Equal(b.GetProperty("exact").GetBoolean(), row.GetProperty("exact").GetBoolean());
        }
    }

    [Fact]
    public void ARowWithAParameterThatIsNotModelled_SaysItIsNotExact()
    {
        var r = CliRunner.Run("sweep", "--ram", "1G", "--what-if", "none", "--what-if", "kernelcore=mirror", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.True(rows[0].GetProperty("exact").GetBoolean());
        Assert.Empty(rows[0].GetProperty("not_exact").EnumerateArray());
        Assert.False(rows[1].GetProperty("exact").GetBoolean());
        Assert.Equal("kernelcore=mirror", Assert.Single(rows[1].GetProperty("not_exact").EnumerateArray()).GetProperty("subject").GetString());
    }

    [Fact]
    public void CsvToStdout_AndFiles_AreWritten_AndTheTableStaysOnStdout()
    {
        var csv = CliRunner.Run("sweep", "--ram", "1G,2G", "--csv", "-");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.StdoutLines; // CliRunner turns the CSV's CRLF into LF
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("index,kernel,parameters,ram_base,ram_size,status,error,command_line,ram_kb,memtotal_kb,not_in_memtotal_kb,memory_line,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("0,debian-6.1-arm64,none,0x40000000,1073741824,ok,,", lines[1], StringComparison.Ordinal);

        string dir = CliRunner.TempDirectory();
        try
        {
            string csvFile = Path.Combine(dir, "s.csv"), svg = Path.Combine(dir, "s.svg"), html = Path.Combine(dir, "s.html");
            var r = CliRunner.Run("sweep", "--ram", "1G,2G", "--csv", csvFile, "--svg", svg, "--html", html);
            Assert.Equal(0, r.ExitCode);
            Assert.StartsWith("# memblock sweep: ", r.Stdout, StringComparison.Ordinal);
            string written = File.ReadAllText(csvFile);
            Assert.Equal(csv.Stdout, written.Replace("\r\n", "\n", StringComparison.Ordinal));
            Assert.Equal(3, written.Split("\r\n").Length - 1);
            Assert.Equal(2, XDocument.Parse(File.ReadAllText(svg)).Descendants().Count(e => (string?)e.Attribute("class") == "point"));
            Assert.Contains(File.ReadAllText(svg), File.ReadAllText(html), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void WhenEveryBootFails_ItExitsOne_AndSaysWhyOnStderr()
    {
        var r = CliRunner.Run("sweep", "--ram", "8M,16M");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("memblock sweep: every boot failed; the first: the kernel image (assumed; --kernel-addr gives it) 0x40200000-0x4220ffff is not in RAM (0x40000000-0x407fffff)", r.Stderr, StringComparison.Ordinal);
        var json = CliRunner.Run("sweep", "--ram", "8M", "--json");
        Assert.Equal(1, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("exit_code").GetInt32());
    }

    [Theory]
    [InlineData("--ram '1Q': '1Q' is not a size", "sweep", "--ram", "1Q")]
    [InlineData("unknown kernel profile 'nope'", "sweep", "--kernel", "nope")]
    [InlineData("--what-if 'bogus=1'", "sweep", "--what-if", "bogus=1")]
    [InlineData("--json and --csv - both print to standard output", "sweep", "--json", "--csv", "-")]
    [InlineData("--threads 0: expected 1 to 256", "sweep", "--threads", "0")]
    public void BadUsage_ExitsTwo_WithOneMessage_AndNoOutput(string message, params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorruptDtb_ExitsTwo_NamingTheFile()
    {
        string dir = CliRunner.TempDirectory();
        try
        {
            string path = Path.Combine(dir, "bad.dtb");
            File.WriteAllBytes(path, [0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 8]);
            var r = CliRunner.Run("sweep", path, "--ram", "1G");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("bad.dtb", r.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void OnATerminal_TheTableIsDrawn_WithEveryRowsFigures_AndTheSpeedLine()
    {
        var result = MemblockSharp.Boot.Sweep.SweepRunner.Run(
            MemblockSharp.Boot.Sweep.SweepGrid.Parse(["8M,1G,2G"], [], ["none", "crashkernel=128M"]),
            new MemblockSharp.Boot.Sweep.SweepInput { Dtb = MemblockSharp.Boot.Simulation.BundledBoards.VirtArm64(), Title = "virt" });
        var writer = new StringWriter();
        var console = MemblockSharp.Cli.Rendering.OutputMode.Create(writer, ansi: false, width: 250);
        MemblockSharp.Cli.Rendering.SweepTerminal.Write(console, result);
        string text = writer.ToString();
        Assert.Contains("memblock sweep: virt: 6 boots (1 kernel x 2 parameter sets x 3 RAM sizes)", text, StringComparison.Ordinal);
        foreach (var row in result.Rows)
            Assert.Contains(row.Booted ? row.MemTotalKb.ToString(CultureInfo.InvariantCulture) : row.Error!, text, StringComparison.Ordinal);
        Assert.Contains("6 boots in ", text, StringComparison.Ordinal);
        Assert.Contains("2 failed", text, StringComparison.Ordinal);
    }
}
