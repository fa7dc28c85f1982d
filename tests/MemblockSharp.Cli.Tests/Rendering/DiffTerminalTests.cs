using System.Text.RegularExpressions;
using MemblockSharp.Boot.Comparison;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Cli.Rendering;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Rendering;

/// <summary><see cref="DiffTerminal"/>: the tables carry every figure and every change of the plain text (<see cref="DiffText"/>).</summary>
public sealed partial class DiffTerminalTests
{
    [GeneratedRegex(@" {2,}")]
    private static partial Regex Gap();

    private static BootOptions Options(string @case) => new()
    {
        Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64),
        Dtb = File.ReadAllBytes(TestData.Path("realboot", @case, "board.dtb")),
    };

    /// <summary>The cells of each table row of a rendering, trimmed.</summary>
    private static List<string[]> TableRows(string rendered) =>
        rendered.Split('\n').Where(l => l.StartsWith('│')).Select(l => l.Split('│')[1..^1].Select(c => c.Trim()).ToArray()).ToList();

    [Theory]
    [InlineData("virt-arm64-1G", "virt-arm64-1G-reserved-memory")]
    [InlineData("virt-arm64-1G", "virt-arm64-1G-memreserve")]
    public void Tables_CarryEveryPlainFigureRow_AndEveryChange(string caseA, string caseB)
    {
        var c = BootComparison.Run(Options(caseA), caseA, Options(caseB), caseB);
        string plain = DiffText.Render(c, "memblock diff");
        var writer = new StringWriter();
        DiffTerminal.Write(OutputMode.Create(writer, ansi: false, width: 250), c, "memblock diff");
        string rendered = writer.ToString().Replace("\r\n", "\n");
        var plainLines = plain.Split('\n');
        Assert.Equal(plainLines[..3], rendered.Split('\n')[..3]); // heading and both command lines, unchanged
        var rows = TableRows(rendered);

        // Figure rows: name, before, after, delta, MiB: the same five cells in one table row.
        var figures = plainLines.Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains(" kB", StringComparison.Ordinal) || l.StartsWith("  Node ", StringComparison.Ordinal))
            .Where(l => !Regex.IsMatch(l, @"^  [+~-] ")).ToList();
        Assert.NotEmpty(figures);
        foreach (var line in figures)
        {
            var cells = Gap().Split(line.Trim());
            Assert.True(rows.Any(r => r.SequenceEqual(cells)), $"no table row carries '{line.Trim()}'");
        }

        // Change rows: one table row per plain line, same change word and owner, in order.
        var changes = plainLines.Where(l => Regex.IsMatch(l, @"^  [+~-] ")).Select(l => Gap().Split(l.Trim())).ToList();
        var changeRows = rows.Where(r => r.Length == 7 && r[1] != "change").ToList(); // not the header rows
        Assert.Equal(c.Banks.Count + c.Regions.Count, changes.Count);
        Assert.Equal(changes.Count, changeRows.Count);
        for (int i = 0; i < changes.Count; i++)
        {
            Assert.Equal(changes[i][0], changeRows[i][0] + " " + changeRows[i][1]); // "+ appeared"
            Assert.Equal(changes[i][^1], changeRows[i][6]);                         // the owner
        }
    }

    [Fact]
    public void Diff_ColorAlways_DrawsTables_ColorNever_IsThePlainText()
    {
        string a = TestData.Path("realboot", "virt-arm64-1G", "board.dtb"), b = TestData.Path("realboot", "virt-arm64-1G-memreserve", "board.dtb");
        var auto = CliRunner.Run("diff", a, b);
        Assert.Equal(0, auto.ExitCode);
        Assert.DoesNotContain('\x1b', auto.Stdout);
        Assert.DoesNotContain('│', auto.Stdout);
        Assert.Equal(auto.Stdout, CliRunner.Run("--color", "never", "diff", a, b).Stdout);
        var always = CliRunner.Run("--color", "always", "diff", a, b);
        Assert.Equal(0, always.ExitCode);
        Assert.Contains("\x1b[", always.Stdout);
        Assert.Contains('│', always.Stdout);
        // JSON is for machines: never drawn.
        Assert.Equal(CliRunner.Run("diff", a, b, "--json").Stdout, CliRunner.Run("--color", "always", "diff", a, b, "--json").Stdout);
    }
}
