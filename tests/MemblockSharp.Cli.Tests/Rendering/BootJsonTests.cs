using System.Text.Json;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Rendering;

/// <summary><c>memblock boot --json</c> on the bundled board against the recorded boot of the same DTB (tests/data/realboot/virt-arm64-1G).</summary>
public sealed class BootJsonTests
{
    [Fact]
    public void Json_HasTheDocumentedFields_AndCostsAddUp()
    {
        var result = BootSimulator.Run(new BootOptions { Profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64), Dtb = BundledBoards.VirtArm64() });
        var run = CliRunner.Run("boot", "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        using var recorded = JsonDocument.Parse(File.ReadAllText(TestData.Path("realboot", "virt-arm64-1G", "case.json")));
        ulong memTotalKb = recorded.RootElement.GetProperty("memtotal_kb").GetUInt64();
        Assert.Equal(BundledBoards.VirtArm64Name, root.GetProperty("dtb").GetString());
        Assert.Equal(memTotalKb, root.GetProperty("memtotal_kb").GetUInt64());
        Assert.Equal(recorded.RootElement.GetProperty("dmesg_memory_line").GetString()!["Memory: ".Length..], root.GetProperty("memory_line").GetString());
        var dma = root.GetProperty("zones")[0];
        Assert.Equal("DMA", dma.GetProperty("name").GetString());
        Assert.Equal(262144UL, dma.GetProperty("spanned").GetUInt64());
        var reserved = root.GetProperty("memblock").GetProperty("reserved");
        Assert.Equal(result.Reserved.Count, reserved.GetArrayLength());
        Assert.Equal("0x40210000", reserved[0].GetProperty("base").GetString());
        long costs = root.GetProperty("costs").EnumerateArray().Sum(e => e.GetProperty("bytes").GetInt64());
        Assert.Equal((long)(root.GetProperty("ram_kb").GetUInt64() - memTotalKb) * 1024, costs);
        Assert.EndsWith("}\n", run.Stdout, StringComparison.Ordinal);
    }
}
