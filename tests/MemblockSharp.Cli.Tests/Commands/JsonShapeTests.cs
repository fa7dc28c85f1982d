using System.Text.Json;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary><c>memblock boot --json</c> and <c>memblock replay --json</c> give the memblock tables in one form.</summary>
public class JsonShapeTests
{
    private static IEnumerable<string> RegionShapes(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var memblock = doc.RootElement.GetProperty("memblock");
        foreach (var table in new[] { "memory", "reserved" })
        {
            foreach (var region in memblock.GetProperty(table).EnumerateArray())
            {
                yield return table + ":" + string.Join(",", region.EnumerateObject()
                    .Select(p => $"{p.Name}={p.Value.ValueKind}{(p.Value.GetString()!.StartsWith("0x") ? "hex" : "dec")}"));
            }
        }
    }

    [Fact]
    public void BootAndReplay_PrintTheMemblockTablesInTheSameForm()
    {
        var dir = TestData.Path("realboot", "virt-arm64-1G");
        var boot = CliRunner.Run("boot", Path.Combine(dir, "board.dtb"), "--json");
        var replay = CliRunner.Run("replay", Path.Combine(dir, "kernel-log-full.txt"), "--dtb", Path.Combine(dir, "board.dtb"), "--json");
        Assert.Equal(0, boot.ExitCode);
        Assert.Equal(0, replay.ExitCode);
        var bootShapes = RegionShapes(boot.Stdout).Distinct().ToList();
        var replayShapes = RegionShapes(replay.Stdout).Distinct().ToList();
        Assert.Contains("reserved:base=Stringhex,size=Stringhex,flags=Stringhex,nid=Stringdec", bootShapes);
        Assert.Equal(bootShapes.OrderBy(s => s), replayShapes.OrderBy(s => s));
    }
}
