using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Rendering;

public sealed partial class JsonSchemaDocTests
{
    [Fact]
    public void Explain_JsonFields_AreDocumented()
    {
        const string Case = "virt-arm64-1G-minimal-cmdline";
        AssertMatchesDoc("explain.md", "## Fields",
        [
            CliRunner.Run("explain", Realboot(Case, "dmesg.txt"), "--dtb", Realboot(Case, "board.dtb"), "--json"),
            CliRunner.Run("explain", TestData.Path("reallogs", "tegra3-tf201-2.6.36-dmesg.txt"), "--json"),
            CliRunner.Run("explain", TestData.Path("reallogs", "kobo-touch-dmesg.txt"), "--json"),
        ]);
    }
}
