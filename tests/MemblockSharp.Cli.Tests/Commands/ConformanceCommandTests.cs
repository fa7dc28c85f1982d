using System.IO.Compression;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

public class ConformanceCommandTests
{
    private static readonly string Handcrafted = TestData.Path("conformance", "handcrafted.jsonl.gz");
    private static readonly string Random = TestData.Path("conformance", "random.jsonl.gz");

    private static string FirstLines(int count)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Handcrafted), CompressionMode.Decompress));
        return string.Join("\n", Enumerable.Range(0, count).Select(_ => reader.ReadLine()));
    }

    private static string WriteTemp(string content, string name = "cases.jsonl")
    {
        var path = Path.Combine(CliRunner.TempDirectory(), name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void SharedVectors_AllPass_LastLineIsTheCount()
    {
        var result = CliRunner.Run("conformance", Handcrafted, Random);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("272 passed, 0 failed", result.StdoutLines[^1]);
        Assert.Contains($"{Handcrafted}: 194 passed, 0 failed", result.Stdout);
        Assert.Contains($"{Random}: 78 passed, 0 failed", result.Stdout);
    }

    private static readonly string[] Vectors612 =
        ["handcrafted.jsonl.gz", "random.jsonl.gz", "new-api.jsonl.gz"];

    private static string[] Paths612() => Vectors612.Select(f => TestData.Path("conformance", "memblock-6.12", f)).ToArray();

    // Expect the 6.12 files to run on the 6.12 core, chosen from each case's "kernel": 194 + 78 + 11 cases, all passing.
    [Fact]
    public void Vectors612_AllPass_WithTheCoreTheirCasesName()
    {
        var result = CliRunner.Run(["conformance", .. Paths612()]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("283 passed, 0 failed", result.StdoutLines[^1]);
        Assert.Contains($"{Paths612()[2]}: 11 passed, 0 failed", result.Stdout);
    }

    // Expect --kernel-version to override the cases' kernel: every case starts with an empty table, which 6.1 records
    // with cnt 1 and 6.12 with cnt 0, so every shared case fails on the other core, at its first recorded state.
    [Theory]
    [InlineData("6.12", "handcrafted.jsonl.gz")]
    [InlineData("6.1", "memblock-6.12/handcrafted.jsonl.gz")]
    public void KernelVersionOption_RunsEveryCaseWithTheOtherCore_AndEveryOneDiffers(string version, string file)
    {
        var result = CliRunner.Run("conformance", "--kernel-version", version, TestData.Path(["conformance", .. file.Split('/')]), "--json");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"\"kernels\": [\n        \"{version}\"\n      ]", result.Stdout);
        Assert.Contains("\"passed\": 0,", result.Stdout);
        Assert.Contains("\"failed\": 194,", result.Stdout);
    }

    // Expect a kernel that is not modelled, or a 6.12-only op forced onto 6.1, to be bad input (exit 2) naming it.
    [Theory]
    [InlineData("--kernel-version", "5.15", "handcrafted.jsonl.gz", "\"5.15\" is not a modelled kernel")]
    [InlineData("--kernel-version", "6.1", "memblock-6.12/new-api.jsonl.gz", "op \"reserved_mark_noinit\" does not exist in Linux 6.1")]
    public void UnmodelledKernelOrOp_ExitsTwo_NamingIt(string option, string value, string file, string message)
    {
        var result = CliRunner.Run("conformance", option, value, TestData.Path(["conformance", .. file.Split('/')]));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    // Expect a case that names a kernel this tool does not model to be refused, not run with a guessed core.
    [Fact]
    public void CaseNamingAnUnmodelledKernel_ExitsTwo()
    {
        var line = FirstLines(1).Replace("\"kernel\":\"6.1.192\"", "\"kernel\":\"6.6.50\"");
        Assert.Contains("6.6.50", line);
        var result = CliRunner.Run("conformance", WriteTemp(line + "\n"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 1: case hand-add-disjoint: kernel \"6.6.50\" is not a modelled release", result.Stderr);
    }

    // Expect the panic to be compared like a return value: the 6.12 case hand-resize-off-reserved-129 panics at its 130th
    // reserve (a full reserved array, resizing off). Recorded instead as 6.1 ends that call (-ENOMEM, no panic), the
    // 6.12 core's panic is a divergence named "panic".
    [Fact]
    public void PanicNotRecorded_ButReproduced_IsADivergence()
    {
        string line;
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(Paths612()[0]), CompressionMode.Decompress)))
            line = EnumerateLines(reader).First(l => l.Contains("\"id\":\"hand-resize-off-reserved-129\""));
        const string panicked = "\"ret\":null,\"panic\":\"memblock: cannot resize reserved array\"";
        Assert.Contains(panicked, line);
        Assert.Equal(0, CliRunner.Run("conformance", WriteTemp(line + "\n")).ExitCode);

        var result = CliRunner.Run("conformance", WriteTemp(line.Replace(panicked, "\"ret\":-12") + "\n", "no-panic.jsonl"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL hand-resize-off-reserved-129: step 129 reserve: panic expected no panic, got memblock: cannot resize reserved array", result.Stdout);
    }

    private static IEnumerable<string> EnumerateLines(StreamReader reader)
    {
        string? l;
        while ((l = reader.ReadLine()) is not null)
            yield return l;
    }

    [Fact]
    public void AlteredRecording_FailsThatCase_WithItsFirstDivergence()
    {
        // The first handcrafted case adds 0x40000000+0x2000 and records total 0x2000; claim 0x3000 instead.
        var lines = FirstLines(3).Split('\n');
        Assert.Contains("\"total\":\"0x2000\"", lines[0]);
        lines[0] = lines[0].Replace("\"total\":\"0x2000\"", "\"total\":\"0x3000\"");
        var path = WriteTemp(string.Join("\n", lines));

        var result = CliRunner.Run("conformance", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL hand-add-disjoint: step 0 add: memory expected", result.Stdout);
        Assert.Equal("2 passed, 1 failed", result.StdoutLines[^1]);
    }

    [Theory]
    [InlineData("{\"id\": \"x\", broken", 2, "not valid JSON")]
    [InlineData("{\"id\":\"x\",\"setup\":{\"bottom_up\":false,\"warp_drive\":true},\"steps\":[]}", 2, "unknown setup key \"warp_drive\"")]
    [InlineData("{\"id\":\"x\",\"setup\":{},\"steps\":[{\"op\":\"teleport\",\"args\":{},\"ret\":0}]}", 2, "unknown op \"teleport\"")]
    [InlineData("{\"id\":\"x\",\"setup\":{},\"steps\":[{\"op\":\"add\",\"args\":{\"base\":\"0x1000\"},\"ret\":0}]}", 2, "expected arguments base, size")]
    [InlineData("{\"id\":\"x\",\"setup\":{},\"steps\":[{\"op\":\"add\",\"args\":{\"base\":\"4096\",\"size\":\"0x1\"},\"ret\":0}]}", 2, "bad value for argument \"base\"")]
    [InlineData("{\"id\":\"x\",\"setup\":{},\"steps\":[{\"op\":\"add\",\"args\":{\"base\":\"0x1\",\"size\":\"0x1\"},\"ret\":0,\"colour\":1}]}", 2, "unknown step key \"colour\"")]
    public void MalformedFile_ExitsTwo_WithLineNumber(string badLine, int lineNumber, string message)
    {
        var path = WriteTemp(FirstLines(1) + "\n" + badLine + "\n");
        var result = CliRunner.Run("conformance", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"line {lineNumber}:", result.Stderr);
        Assert.Contains(message, result.Stderr);
        Assert.Contains(path, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void MissingFile_ExitsTwo()
    {
        var result = CliRunner.Run("conformance", "/nonexistent/vectors.jsonl");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file", result.Stderr);
    }

    [Fact]
    public void NoArguments_IsAUsageError()
    {
        var result = CliRunner.Run("conformance");
        Assert.Equal(2, result.ExitCode);
        Assert.NotEqual("", result.Stderr);
    }
}
