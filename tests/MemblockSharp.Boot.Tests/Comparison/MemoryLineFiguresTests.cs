using System.Text.Json;
using MemblockSharp.Boot.Comparison;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Comparison;

/// <summary><see cref="MemoryLineFigures"/> on the real kernels' <c>Memory:</c> lines.</summary>
public sealed class MemoryLineFiguresTests
{
    public static TheoryData<string> Cases() =>
        new(Directory.GetDirectories(TestData.Path("realboot"), "virt-*").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_RealLine_ReadsEveryFigure_AndTotalIsTheRam(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.Path("realboot", name, "case.json")));
        string line = doc.RootElement.GetProperty("dmesg_memory_line").GetString()!;
        var f = MemoryLineFigures.Parse(line);
        // Every figure printed comes back, in order: "AK/BK available (CK kernel code, ...)".
        string rebuilt = $"Memory: {f.AvailableKb}K/{f.TotalKb}K available ({string.Join(", ", f.Parts.Select(p => $"{p.Kb}K {p.Name}"))})";
        Assert.Equal(line, rebuilt);
        Assert.Contains(f.Parts, p => p.Name == "reserved");
        Assert.Contains(f.Parts, p => p.Name == "cma-reserved");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Memory: 98324K available")]
    [InlineData("Memory: 98324K/1048576K available (13248K kernel code, lots reserved)")]
    public void Parse_NotTheKernelForm_Throws(string line) =>
        Assert.Throws<FormatException>(() => MemoryLineFigures.Parse(line));
}
