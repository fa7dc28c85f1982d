using System.IO.Compression;
using System.Text.RegularExpressions;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Lint;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Replay;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Cli.Rendering;
using MemblockSharp.Conformance;
using MemblockSharp.Scripts;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Rendering;

/// <summary>
/// The terminal renderers (Spectre.Console tables) carry the same figures as the plain text, and a redirected run
/// (every test run: the writer is not the console) prints plain text without escape codes.
/// </summary>
public sealed partial class TerminalRenderingTests
{
    private const int Width = 250; // wide enough that no table row wraps

    [GeneratedRegex(@"0x[0-9a-f]+|\d+(?:\.\d+)?%?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiPattern();

    [GeneratedRegex(@"[A-Za-z][A-Za-z_\-]*")]
    private static partial Regex WordPattern();

    private static List<string> Numbers(string line) => NumberPattern().Matches(line).Select(m => m.Value).ToList();

    /// <summary>Renders through a Spectre console into a string: fixed width, no ANSI (so rows can be read back).</summary>
    private static string Render(Action<Spectre.Console.IAnsiConsole> render, bool ansi = false)
    {
        var writer = new StringWriter();
        render(OutputMode.Create(writer, ansi, Width));
        return writer.ToString().Replace("\r\n", "\n");
    }

    /// <summary>The rendered lines that are table rows (between vertical bars) or grid lines.</summary>
    private static List<string> Rows(string rendered) =>
        rendered.Split('\n').Where(l => l.Contains('│') || (l.Length > 0 && !l.Contains('─'))).ToList();

    /// <summary>
    /// Every plain line has a rendered row that carries its figures in the same order (a row may add a column, such as a
    /// share) and its first word (the label); returns the matched rows.
    /// </summary>
    private static List<string> AssertRendered(IEnumerable<string> plainLines, string rendered)
    {
        var rows = Rows(rendered);
        var matched = new List<string>();
        foreach (var line in plainLines)
        {
            var numbers = Numbers(line);
            Assert.NotEmpty(numbers);
            var word = WordPattern().Matches(line).Select(m => m.Value).First(w => w is not ("kB" or "KiB" or "MiB"));
            var row = rows.FirstOrDefault(r => r.Contains(word, StringComparison.Ordinal) && IsSubsequence(numbers, Numbers(r)));
            Assert.True(row is not null, $"no rendered row carries '{line.Trim()}' (figures {string.Join(" ", numbers)}) in:\n{rendered}");
            matched.Add(row!);
        }
        return matched;
    }

    private static bool IsSubsequence(List<string> needle, List<string> hay)
    {
        int i = 0;
        foreach (var h in hay)
        {
            if (i < needle.Count && h == needle[i])
                i++;
        }
        return i == needle.Count;
    }

    private static string Plain(Action<TextWriter> write)
    {
        var w = new StringWriter();
        write(w);
        return w.ToString().Replace("\r\n", "\n");
    }

    [Fact]
    public void Decide_OnlyTheRealUnredirectedConsoleWithoutNoColorOrDumbTerminal_IsATerminal()
    {
        Assert.True(OutputMode.Decide(isProcessConsole: true, redirected: false, noColor: null, term: "xterm-256color"));
        Assert.True(OutputMode.Decide(true, false, "", null));
        Assert.False(OutputMode.Decide(false, false, null, "xterm"));   // a StringWriter, a file the command was handed
        Assert.False(OutputMode.Decide(true, true, null, "xterm"));     // memblock boot > out.txt, | less
        Assert.False(OutputMode.Decide(true, false, "1", "xterm"));     // NO_COLOR
        Assert.False(OutputMode.Decide(true, false, null, "dumb"));
    }

    [Fact]
    public void Conformance_TerminalTable_CarriesThePlainCounts()
    {
        var files = new List<ConformanceFileResult>
        {
            new("a.jsonl", 194, []),
            new("b.jsonl.gz", 76, [new("case-7", new(3, "reserve", "ret", "0", "-12")), new("case-9", new(1, "add", "memory", "{cnt:1}", "{cnt:2}"))]),
        };
        var plain = Plain(w => ConformanceReport.WriteText(w, files));
        var rendered = Render(c => ConformanceReport.WriteTerminal(c, files));
        var fileLines = plain.Split('\n').Where(l => l.Contains(": ", StringComparison.Ordinal) && l.EndsWith(" failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, fileLines.Count);
        AssertRendered(fileLines.Select(l => l.Replace(" passed,", "").Replace(" failed", "")), rendered);
        Assert.Contains("│ total", rendered);
        Assert.Contains(" 270 │", rendered);
        // The FAIL lines and the closing tally are the same text in both.
        foreach (var line in plain.Split('\n').Where(l => l.StartsWith("FAIL ", StringComparison.Ordinal)))
            Assert.Contains(line, rendered);
        Assert.EndsWith("270 passed, 2 failed\n", plain);
        Assert.EndsWith("270 passed, 2 failed\n", rendered);
    }

    [Fact]
    public void Script_TerminalTables_CarryTheBaselineFigures()
    {
        OpScript script;
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(TestData.Path("bench", "W2.txt.gz")), CompressionMode.Decompress)))
            script = OpScript.Parse(reader);
        var result = OpScriptRunner.Run(script);
        var plain = Plain(w => ScriptReport.WriteText(w, result));
        var rendered = Render(c => ScriptReport.WriteTerminal(c, result));
        var lines = plain.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        AssertRendered(lines, rendered);
        Assert.Contains("checksum 0x00194cb6057cc324", plain); // the native baseline's figure (tests/data/bench/BASELINE.md)
    }

    [Fact]
    public void Lint_TerminalTables_CarryThePlainSummaryAndFoldCleanFiles()
    {
        Assert.True(BuiltInProfiles.TryGet(BuiltInProfiles.DebianArm64, out var profile));
        var options = new LintOptions { Profile = profile };
        var dir = TestData.Path("dtbs", "arm64");
        var run = new LintRun(profile.Name, Directory.EnumerateFiles(dir, "*.dtb", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => new LintFileResult(f, DtbLinter.Lint(File.ReadAllBytes(f), options), null)).ToList());
        Assert.True(run.Errors > 0 && run.Warnings > 0);

        var plain = Plain(w => LintText.WriteSummary(w, run)).Split('\n');
        var rendered = Render(c => LintTerminal.WriteSummary(c, run));
        var withFindings = plain.Where(l => l.StartsWith(dir, StringComparison.Ordinal) && Numbers(l[dir.Length..]).TakeLast(3).Any(n => n != "0")).ToList();
        var clean = plain.Count(l => l.StartsWith(dir, StringComparison.Ordinal) && Numbers(l[dir.Length..]).TakeLast(3).All(n => n == "0"));
        Assert.NotEmpty(withFindings);
        Assert.True(clean > 0);
        AssertRendered(withFindings, rendered);
        AssertRendered(plain.Where(l => l.StartsWith("total:", StringComparison.Ordinal) || Regex.IsMatch(l, @"^MB\d{3}  ")), rendered);
        Assert.Contains($"({clean} clean files)", rendered);
        // Every plain file row is either a rendered row or folded into the clean count.
        Assert.Equal(run.Files.Count, withFindings.Count + clean);
    }

    [Fact]
    public void Lint_TerminalSummary_ListsABadInputFileAndCountsIt()
    {
        Assert.True(BuiltInProfiles.TryGet(BuiltInProfiles.DebianArm64, out var profile));
        var good = TestData.Path("realboot", "virt-arm64-1G", "board.dtb");
        var run = new LintRun(profile.Name,
        [
            new LintFileResult(good, DtbLinter.Lint(File.ReadAllBytes(good), new LintOptions { Profile = profile }), null),
            new LintFileResult("broken.dtb", null, "broken.dtb: invalid device tree blob at byte 0x0 (BadMagic)"),
        ]);
        var plain = Plain(w => LintText.WriteSummary(w, run));
        var rendered = Render(c => LintTerminal.WriteSummary(c, run));
        Assert.Contains("total: 2 files, 1 bad input", plain);
        Assert.Contains("total: 2 files, 1 bad input", rendered);
        Assert.Matches(@"│ broken\.dtb +│ bad input", rendered);
        Assert.Contains("(1 clean file)", rendered); // the realboot board lints clean
    }

    [Fact]
    public void Lint_FindingLine_IsThePlainLineWithColouredSeverity()
    {
        Assert.True(BuiltInProfiles.TryGet(BuiltInProfiles.DebianArm64, out var profile));
        var path = TestData.Path("dtbs", "arm64", "amlogic", "meson-gxl-s805x-libretech-ac.dtb");
        var report = DtbLinter.Lint(File.ReadAllBytes(path), new LintOptions { Profile = profile });
        var error = report.Findings.First(f => f.Severity == LintSeverity.Error);
        var ansi = new StringWriter();
        var console = OutputMode.Create(ansi, ansi: true, width: 10_000);
        LintTerminal.Finding(console, path, error);
        var text = ansi.ToString();
        Assert.Contains("\x1b[", text);                               // coloured ...
        Assert.Equal(LintText.Line(path, error), AnsiPattern().Replace(text, "").TrimEnd('\n', '\r')); // ... the same words
    }

    [Fact]
    public void Replay_TerminalTables_CarryTheAccountsAndThePathToMemTotal()
    {
        var dir = TestData.Path("realboot", "virt-arm64-1G");
        var log = KernelLogReader.Read(File.ReadAllBytes(Path.Combine(dir, "kernel-log-full.txt")), "kernel-log-full.txt");
        var result = LogReplayer.Replay(log, new ReplayOptions { Dtb = DtbFacts.FromBlob(File.ReadAllBytes(Path.Combine(dir, "board.dtb"))) });
        var plain = Plain(w => ReplayTextReport.Write(w, log, result));
        var rendered = Render(c => ReplayTerminal.Write(c, log, result));

        // The kernel-format part (header and debugfs tables) and the evidence are the plain text itself.
        var head = plain[..plain.IndexOf("\nreserved memory by category", StringComparison.Ordinal)];
        Assert.StartsWith(head, rendered);
        var evidence = plain[plain.IndexOf("\ninferred calls", StringComparison.Ordinal)..];
        Assert.EndsWith(evidence, rendered);

        var lines = plain.Split('\n');
        int byCategory = Array.FindIndex(lines, l => l.StartsWith("reserved memory by category", StringComparison.Ordinal));
        int byCaller = Array.IndexOf(lines, "reserved memory by caller:");
        int path = Array.IndexOf(lines, "from physical RAM to MemTotal:");
        var categoryLines = lines[(byCategory + 1)..(byCaller - 1)];
        var callerLines = lines[(byCaller + 1)..(path - 1)];
        var pathLines = lines[(path + 1)..].TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("  (", StringComparison.Ordinal)).ToList();
        Assert.Equal(result.Account.ByCategory.Count, categoryLines.Length);
        Assert.Equal(result.Account.ByCaller.Count, callerLines.Length);
        Assert.Equal(result.Path!.Steps.Count, pathLines.Count);
        AssertRendered(categoryLines, rendered);
        AssertRendered(callerLines, rendered);
        var pathRows = AssertRendered(pathLines, rendered);
        Assert.Contains("982532", pathRows[^1]); // MemTotal of this boot's /proc/meminfo
        Assert.Contains("│ = │", pathRows[^1]);
    }

    [Fact]
    public void Boot_TerminalSummary_CarriesThePlainSummary()
    {
        var options = new BootOptions
        {
            Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64),
            Dtb = File.ReadAllBytes(TestData.Path("realboot", "virt-arm64-1G", "board.dtb")),
        };
        var result = BootSimulator.Run(options);
        var plain = BootReport.Text(result, "board.dtb");
        var rendered = Render(c => BootTerminal.Write(c, result, "board.dtb"));
        int summary = plain.IndexOf("\nSummary\n", StringComparison.Ordinal);
        Assert.StartsWith(plain[..(summary + 1)], rendered); // header and the kernel's lines, unchanged
        var summaryLines = plain[(summary + "\nSummary\n".Length)..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int figures = 3 + result.Costs.Count;
        Assert.Equal(figures + 1 + result.Inputs.Count + 1, summaryLines.Length); // totals, costs, inputs with their heading, "Exact: yes"
        Assert.Equal("  Exact: yes (every input of this boot is modelled)", summaryLines[^1]);
        var rows = AssertRendered(summaryLines[..figures], rendered);
        Assert.NotEmpty(result.Inputs);
        foreach (var input in result.Inputs)
        {
            Assert.Contains(input.Value, rendered, StringComparison.Ordinal);
            Assert.Contains((input.Assumed ? "assumed: " : "") + input.Source, rendered, StringComparison.Ordinal);
        }
        Assert.Contains("Exact: yes (every input of this boot is modelled)", rendered);
        Assert.Contains(result.MemTotalKb.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[1]);
    }

    [Fact]
    public void RedirectedRuns_PrintNoEscapeCodes_AndColorAlwaysDoes()
    {
        var dir = TestData.Path("realboot", "virt-arm64-1G");
        string[][] commands =
        [
            ["boot", Path.Combine(dir, "board.dtb")],
            ["replay", Path.Combine(dir, "kernel-log-full.txt"), "--dtb", Path.Combine(dir, "board.dtb")],
            ["lint", TestData.Path("dtbs", "arm64", "amlogic")],
            ["conformance", TestData.Path("conformance", "random.jsonl.gz")],
            ["script", TestData.Path("bench", "W1.txt.gz")],
        ];
        foreach (var args in commands)
        {
            var auto = CliRunner.Run(args);
            Assert.True(auto.ExitCode is 0 or 1, $"{args[0]}: {auto.Stderr}");
            Assert.DoesNotContain('\x1b', auto.Stdout);
            Assert.DoesNotContain('│', auto.Stdout);
            var never = CliRunner.Run(["--color", "never", .. args]);
            Assert.Equal(auto.Stdout, never.Stdout);
            var always = CliRunner.Run(["--color", "always", .. args]);
            Assert.Equal(auto.ExitCode, always.ExitCode);
            Assert.Contains("\x1b[", always.Stdout);
            Assert.Contains('│', always.Stdout);
        }
    }

    [Fact]
    public void Color_RejectsAnUnknownValue()
    {
        var result = CliRunner.Run("--color", "sometimes", "boot");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sometimes", result.Stderr);
    }
}
