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
