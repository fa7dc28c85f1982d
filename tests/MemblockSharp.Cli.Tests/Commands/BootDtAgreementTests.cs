using System.Globalization;
using System.Text.Json;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary>
/// <c>memblock boot</c> and <c>memblock dt --memory</c> read memory through the one early scan, so they agree on every
/// edge of Linux 6.1's <c>early_init_dt_scan_memory</c> (drivers/of/fdt.c), and both follow the kernel's rule.
/// </summary>
public sealed class BootDtAgreementTests
{
    private const ulong Gib = 1UL << 30;

    private static byte[] Board(Action<FdtWriter> memory, uint? addressCells = 2, uint? sizeCells = 2)
    {
        var w = new FdtWriter();
        w.BeginNode("");
        if (addressCells is { } ac)
            w.PropertyCells("#address-cells", ac);
        if (sizeCells is { } sc)
            w.PropertyCells("#size-cells", sc);
        w.PropertyStrings("model", "edge board");
        memory(w);
        w.EndNode();
        return w.Finish();
    }

    private static uint[] Cells64(params ulong[] values) =>
        values.SelectMany(v => new[] { (uint)(v >> 32), (uint)v }).ToArray();

    private static Action<FdtWriter> MemoryNode(string name, string property, uint[] cells, string? deviceType = "memory", string? status = null) => w =>
    {
        w.BeginNode(name);
        if (deviceType is not null)
            w.PropertyStrings("device_type", deviceType);
        if (status is not null)
            w.PropertyStrings("status", status);
        w.PropertyCells(property, cells);
        w.EndNode();
    };

    private static (List<(ulong Base, ulong Size)> Boot, List<(ulong Base, ulong Size)> Dt) BothViews(byte[] dtb)
    {
        var dir = CliRunner.TempDirectory();
        var file = Path.Combine(dir, "edge.dtb");
        File.WriteAllBytes(file, dtb);
        var boot = CliRunner.Run("boot", file, "--json");
        Assert.True(boot.ExitCode == 0, boot.Stderr);
        var dt = CliRunner.Run("dt", file, "--memory", "--json");
        Assert.True(dt.ExitCode == 0, dt.Stderr);
        using var bootJson = JsonDocument.Parse(boot.Stdout);
        using var dtJson = JsonDocument.Parse(dt.Stdout);
        var booted = bootJson.RootElement.GetProperty("memblock").GetProperty("memory").EnumerateArray()
            .Select(r => (Hex(r.GetProperty("base")), Hex(r.GetProperty("size")))).ToList();
        var scanned = dtJson.RootElement.GetProperty("banks").EnumerateArray()
            .Where(b => b.GetProperty("added").GetBoolean())
            .Select(b => (Hex(b.GetProperty("base")), Hex(b.GetProperty("size")))).ToList();
        return (booted, Merge(scanned));
    }

    // memblock_add merges touching banks.
    private static List<(ulong Base, ulong Size)> Merge(List<(ulong Base, ulong Size)> banks)
    {
        var merged = new List<(ulong Base, ulong Size)>();
        foreach (var (b, s) in banks.OrderBy(x => x.Base))
        {
            if (merged.Count > 0 && merged[^1].Base + merged[^1].Size >= b)
            {
                var last = merged[^1];
                merged[^1] = (last.Base, Math.Max(last.Base + last.Size, b + s) - last.Base);
            }
            else
            {
                merged.Add((b, s));
            }
        }
        return merged;
    }

    private static ulong Hex(JsonElement e) =>
        ulong.Parse(e.GetString()!.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    [Fact]
    public void RootWithoutCells_UsesTheEarlyScanDefaultsOfOneAndOne()
    {
        // OF_ROOT_NODE_ADDR_CELLS_DEFAULT / _SIZE_CELLS_DEFAULT: reg is one address cell and one size cell.
        var dtb = Board(MemoryNode("memory@40000000", "reg", [0x4000_0000, 0x4000_0000]), addressCells: null, sizeCells: null);
        var (boot, dt) = BothViews(dtb);
        Assert.Equal([(0x4000_0000UL, Gib)], dt);
        Assert.Equal(dt, boot);
    }

    [Fact]
    public void UsableMemory_ReplacesReg()
    {
        var dtb = Board(w =>
        {
            w.BeginNode("memory@40000000").PropertyStrings("device_type", "memory")
             .PropertyCells("reg", Cells64(0x4000_0000, 2 * Gib))
             .PropertyCells("linux,usable-memory", Cells64(0x4000_0000, Gib / 2)).EndNode();
        });
        var (boot, dt) = BothViews(dtb);
        Assert.Equal([(0x4000_0000UL, Gib / 2)], dt);
        Assert.Equal(dt, boot);
    }

    [Fact]
    public void DisabledAndUntypedMemoryNodes_AreNotMemory()
    {
        var dtb = Board(w =>
        {
            MemoryNode("memory@40000000", "reg", Cells64(0x4000_0000, Gib))(w);
            MemoryNode("memory@100000000", "reg", Cells64(0x1_0000_0000, Gib), status: "disabled")(w);
            MemoryNode("memory@200000000", "reg", Cells64(0x2_0000_0000, Gib), deviceType: null)(w);
            MemoryNode("memory@300000000", "reg", Cells64(0x3_0000_0000, Gib), status: "okay")(w);
        });
        var (boot, dt) = BothViews(dtb);
        Assert.Equal([(0x4000_0000UL, Gib), (0x3_0000_0000UL, Gib)], dt);
        Assert.Equal(dt, boot);
    }

    [Fact]
    public void UnalignedAndZeroSizeBanks_AreRoundedToPagesOrSkipped()
    {
        var dtb = Board(w =>
        {
            // 0x40000800 + 1 GiB: the base rounds up to the next page and the size loses what that cost, then rounds down.
            MemoryNode("memory@40000800", "reg", Cells64(0x4000_0800, Gib, 0x1_0000_0000, 0, 0x2_0000_0000, 0x800))(w);
        });
        var (boot, dt) = BothViews(dtb);
        Assert.Equal([(0x4000_1000UL, Gib - 0x1000)], dt);
        Assert.Equal(dt, boot);
    }

    [Fact]
    public void SizeCellsZero_GivesNoMemory_InBothViews()
    {
        var dtb = Board(MemoryNode("memory@40000000", "reg", Cells64(0x4000_0000)), addressCells: 2, sizeCells: 0);
        var dir = CliRunner.TempDirectory();
        var file = Path.Combine(dir, "size0.dtb");
        File.WriteAllBytes(file, dtb);
        var dt = CliRunner.Run("dt", file, "--memory", "--json");
        Assert.Equal(0, dt.ExitCode);
        using var dtJson = JsonDocument.Parse(dt.Stdout);
        Assert.Empty(dtJson.RootElement.GetProperty("banks").EnumerateArray());
        var boot = CliRunner.Run("boot", file);
        Assert.Equal(2, boot.ExitCode);
        Assert.Contains("has a reg of size 0, a placeholder the boot loader fills in: give the RAM with --ram BASE:SIZE", boot.Stderr, StringComparison.Ordinal);
    }
}
