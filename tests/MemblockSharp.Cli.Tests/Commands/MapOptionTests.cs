using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary><c>--svg</c> and <c>--html</c> of <c>memblock boot</c> and <c>memblock replay</c>, end to end.</summary>
public class MapOptionTests
{
    private static string Case(string @case, string file) => TestData.Path("realboot", @case, file);

    private static List<string> SvgRegionBases(string svgPath) =>
        XDocument.Parse(File.ReadAllText(svgPath)).Descendants()
            .Where(e => (string?)e.Attribute("class") == "reserved-region").Select(e => (string)e.Attribute("data-base")!).ToList();

    [Fact]
    public void Boot_WithSvgAndHtml_WritesBothFiles_WithEveryRegionOfTheJsonTable()
    {
        string dir = CliRunner.TempDirectory();
        try
        {
            string cmdline = File.ReadAllText(Case("virt-arm64-4G", "cmdline.txt")).Trim();
            string svg = Path.Combine(dir, "map.svg"), html = Path.Combine(dir, "map.html");
            var r = CliRunner.Run("boot", Case("virt-arm64-4G", "board.dtb"), "--cmdline", cmdline, "--json", "--svg", svg, "--html", html);
            Assert.Equal(0, r.ExitCode);
            using var json = JsonDocument.Parse(r.Stdout);
            var bases = json.RootElement.GetProperty("memblock").GetProperty("reserved").EnumerateArray()
                .Select(e => e.GetProperty("base").GetString()!).ToList();
            Assert.NotEmpty(bases);
            Assert.Equal(bases, SvgRegionBases(svg));
            string page = File.ReadAllText(html);
            Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
            Assert.Contains(File.ReadAllText(svg), page, StringComparison.Ordinal);
            Assert.Equal(["map.html", "map.svg"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Boot_OnACorruptDtb_ExitsTwo_AndWritesNoFile()
    {
        string dir = CliRunner.TempDirectory();
        try
        {
            var bytes = File.ReadAllBytes(Case("virt-arm64-1G", "board.dtb"));
            bytes[9] ^= 0x40; // the big-endian totalsize now claims far more bytes than the blob has
            string bad = Path.Combine(dir, "bad.dtb");
            File.WriteAllBytes(bad, bytes);
            string svg = Path.Combine(dir, "map.svg"), html = Path.Combine(dir, "map.html");
            var r = CliRunner.Run("boot", bad, "--svg", svg, "--html", html);
            Assert.Equal(2, r.ExitCode);
            Assert.NotEmpty(r.Stderr);
            Assert.Equal(["bad.dtb"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Replay_WithSvg_CarriesEveryLineOfTheKernelsDebugfsReservedTable()
    {
        string dir = CliRunner.TempDirectory();
        try
        {
            const string c = "virt-arm64-1G-reserved-memory";
            string svg = Path.Combine(dir, "map.svg");
            var r = CliRunner.Run("replay", Case(c, "kernel-log-full.txt"), "--dtb", Case(c, "board.dtb"), "--svg", svg);
            Assert.Equal(0, r.ExitCode);
            var expected = File.ReadAllLines(Case(c, "memblock-reserved.txt")).Where(l => l.Contains("..", StringComparison.Ordinal))
                .Select(l => "0x" + ulong.Parse(l.Split(':', 2)[1].Trim()[2..18], NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString("x", CultureInfo.InvariantCulture))
                .ToList();
            Assert.Equal(expected, SvgRegionBases(svg));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Replay_OnAMissingLog_WritesNoFile()
    {
        string dir = CliRunner.TempDirectory();
        try
        {
            string svg = Path.Combine(dir, "map.svg");
            var r = CliRunner.Run("replay", Path.Combine(dir, "no-such.log"), "--svg", svg);
            Assert.Equal(2, r.ExitCode);
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
