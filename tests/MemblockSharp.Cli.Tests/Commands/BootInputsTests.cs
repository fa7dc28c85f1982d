using System.Text;
using System.Text.Json;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary>
/// The boot's inputs checked (one line, exit 2, on what no boot loader can do or the kernel refuses), <c>--initrd</c>
/// fed through the device tree's own path, and the summary saying which placements were assumed.
/// </summary>
public sealed class BootInputsTests
{
    private static string Realboot(string @case, string file) => TestData.Path("realboot", @case, file);

    private static void AssertUsage(CliRunner.Result r, string message)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal($"memblock: error: {message}\n", r.Stderr.Replace("\r\n", "\n"));
    }

    // ---- sizes ----

    [Theory]
    [InlineData("1.5G", "--ram '1.5G': '1.5G' is a fraction; sizes are whole numbers (1536M for 1.5G)")]
    [InlineData("0x40000000:1.5G", "--ram '0x40000000:1.5G': '1.5G' is a fraction; sizes are whole numbers (1536M for 1.5G)")]
    [InlineData("0x40000000:0.3K", "--ram '0x40000000:0.3K': '0.3K' is a fraction; sizes are whole numbers")]
    [InlineData("0x40000000:2GB", "--ram '0x40000000:2GB': '2GB' is not a size (a number, decimal or 0x hex, with an optional K, M, G or T suffix)")]
    [InlineData("0x40000000:99999999999T", "--ram '0x40000000:99999999999T': '99999999999T' does not fit in 64 bits")]
    public void Ram_AFractionOrJunk_IsAnErrorNamingTheOptionAndValue(string ram, string message) =>
        AssertUsage(CliRunner.Run("boot", "--ram", ram), message);

    [Fact]
    public void Sweep_AFractionalRamSize_SaysSo() =>
        AssertUsage(CliRunner.Run("sweep", "--ram", "512M,1.5G"), "--ram '1.5G': '1.5G' is a fraction; sizes are whole numbers (1536M for 1.5G)");

    [Fact]
    public void KernelAddr_AFraction_IsAnError() =>
        AssertUsage(CliRunner.Run("boot", "--kernel-addr", "1.5G"), "--kernel-addr '1.5G': '1.5G' is a fraction; sizes are whole numbers (1536M for 1.5G)");

    // ---- a device tree whose memory the boot loader fills in ----

    [Fact]
    public void Dtb_WithAZeroSizeMemoryReg_SaysToPassRamAndNamesTheFile()
    {
        string dtb = TestData.Path("dtbs", "arm64", "qcom", "apq8016-sbc.dtb"); // reg = <0x0 0x80000000 0x0 0x0>
        AssertUsage(CliRunner.Run("boot", dtb),
            $"{dtb}: the device tree's memory (/memory@80000000) has a reg of size 0, a placeholder the boot loader fills in: give the RAM with --ram BASE:SIZE");
        Assert.Equal(0, CliRunner.Run("boot", dtb, "--ram", "0x80000000:1G").ExitCode);
    }

    [Fact]
    public void Dtb_WithoutAMemoryNode_SaysToPassRamAndNamesTheFile()
    {
        string dtb = TestData.Path("dtbs", "arm64", "allwinner", "sun50i-a64-amarula-relic.dtb");
        AssertUsage(CliRunner.Run("boot", dtb),
            $"{dtb}: the device tree has no /memory node with a reg (the boot loader fills it in): give the RAM with --ram BASE:SIZE");
    }

    // ---- where the boot loader put things ----

    private const string AssumedKernel = "the kernel image (assumed; --kernel-addr gives it) 0x40200000-0x4220ffff";

    [Theory]
    [InlineData("the kernel image (--kernel-addr) 0x10000000-0x1200ffff is not in RAM (0x40000000-0x7fffffff): a boot loader loads it into RAM", "--kernel-addr", "0x10000000")]
    [InlineData("the kernel image (--kernel-addr) 0x7fe00000-0x81e0ffff is not in RAM (0x40000000-0x7fffffff): a boot loader loads it into RAM", "--kernel-addr", "0x7fe00000")]
    [InlineData("the DTB (--dtb-addr) 0x30000000-0x300fffff is not in RAM (0x40000000-0x7fffffff): a boot loader loads it into RAM", "--dtb-addr", "0x30000000")]
    [InlineData("the DTB (--dtb-addr) 0x40300000-0x403fffff overlaps " + AssumedKernel + ": one would overwrite the other before the kernel reads it", "--dtb-addr", "0x40300000")]
    [InlineData("the DTB (--dtb-addr) 0x48000004-0x48100003: Error: invalid device tree blob at physical address 0x0000000048000004: the dtb must be 8-byte aligned and must not exceed 2 MB in size (the kernel stops here)", "--dtb-addr", "0x48000004")]
    [InlineData("the initrd (--initrd) 0x7ff00000-0x802fffff is not in RAM (0x40000000-0x7fffffff): a boot loader loads it into RAM", "--initrd", "0x7ff00000:4M")]
    [InlineData("the initrd (--initrd) 0x41000000-0x413fffff overlaps " + AssumedKernel + ": one would overwrite the other before the kernel reads it", "--initrd", "0x41000000:4M")]
    [InlineData("--initrd '0x48000000': expected ADDR:SIZE, e.g. 0x48000000:16M (what a boot loader writes to /chosen linux,initrd-start/-end)", "--initrd", "0x48000000")]
    [InlineData("--initrd '0x48000000:0': an initrd of size zero (leave --initrd out for none)", "--initrd", "0x48000000:0")]
    public void Placements_TheKernelCannotBootWith_AreErrors(string message, params string[] args) =>
        AssertUsage(CliRunner.Run(["boot", .. args]), message);

    [Fact]
    public void Dtb_OverlappingTheInitrd_IsAnError() =>
        AssertUsage(CliRunner.Run("boot", "--initrd", "0x48000000:16M", "--dtb-addr", "0x48800000"),
            "the DTB (--dtb-addr) 0x48800000-0x488fffff overlaps the initrd (--initrd) 0x48000000-0x48ffffff: one would overwrite the other before the kernel reads it");

    [Fact]
    public void Arm32_KernelAddr_MustBeWhereTheZImageDecompressesIt()
    {
        AssertUsage(CliRunner.Run("boot", "--kernel", "debian-6.1-armmp-lpae", "--kernel-addr", "0x40008000"),
            "--kernel-addr 0x40008000: a 32-bit ARM kernel always runs at PHYS_OFFSET + TEXT_OFFSET = 0x40208000 (the zImage decompresses it there, wherever the zImage was loaded): give that or leave --kernel-addr out");
        var given = CliRunner.Run("boot", "--kernel", "debian-6.1-armmp-lpae", "--kernel-addr", "0x40208000", "--json");
        var assumed = CliRunner.Run("boot", "--kernel", "debian-6.1-armmp-lpae", "--json");
        Assert.Equal(0, given.ExitCode);
        Assert.Equal(MemTotal(assumed), MemTotal(given));
    }

    [Fact]
    public void Arm64_AMisalignedImage_BootsWithTheKernelsComplaint()
    {
        var r = CliRunner.Run("boot", "--kernel-addr", "0x40300000");
        Assert.Equal(0, r.ExitCode);
        var lines = r.StdoutLines;
        int efi = Array.IndexOf(lines, "efi: UEFI not found.");
        Assert.Equal("[Firmware Bug]: Kernel image misaligned at boot, please fix your bootloader!", lines[efi + 1]);
        Assert.DoesNotContain("misaligned", CliRunner.Run("boot", "--kernel-addr", "0x40400000").Stdout, StringComparison.Ordinal);
    }

    // ---- option-parser errors: one line, exit 2, every command ----

    [Theory]
    [InlineData("unknown option '--bogus' (see 'memblock boot --help')", "boot", "--bogus")]
    [InlineData("unknown option '--bogus' (see 'memblock sweep --help')", "sweep", "--bogus")]
    [InlineData("unknown option '--bogus' (see 'memblock lint --help')", "lint", "--bogus")]
    [InlineData("Unrecognized command or argument '--bogus' (see 'memblock diff --help')", "diff", "a.dtb", "b.dtb", "--bogus")]
    [InlineData("Required argument missing for option: '--ram' (see 'memblock boot --help')", "boot", "--ram")]
    [InlineData("Required argument missing for option: '--kernel' (see 'memblock boot --help')", "boot", "--kernel")]
    [InlineData("Option '--kernel' expects a single argument but 2 were provided (see 'memblock boot --help')", "boot", "--kernel", "a", "--kernel", "b")]
    [InlineData("Required argument missing for command: 'dt' (see 'memblock dt --help')", "dt")]
    [InlineData("Unrecognized command or argument 'b' (see 'memblock script --help')", "script", "a", "b")]
    [InlineData("Unrecognized command or argument 'no-such-command' (see 'memblock --help')", "no-such-command")]
    [InlineData("Cannot parse argument 'x' for option '--threads' as expected type 'System.Nullable`1[System.Int32]' (see 'memblock sweep --help')", "sweep", "--threads", "x")]
    public void ParserErrors_AreOneLine_ExitTwo(string message, params string[] args) => AssertUsage(CliRunner.Run(args), message);

    [Fact]
    public void ParserErrors_OfEveryCommand_AreOneLine()
    {
        foreach (var command in Program.BuildRoot().Subcommands)
        {
            var r = CliRunner.Run(command.Name, "--no-such-option");
            Assert.Equal(2, r.ExitCode);
            var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith("memblock: error: ", lines[0], StringComparison.Ordinal);
            Assert.EndsWith($"(see 'memblock {command.Name} --help')", lines[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Help_IsStillTheHelp()
    {
        var r = CliRunner.Run("boot", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--initrd", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Usage:", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_RemovingAParameter_IsNotTakenForAnOption() =>
        Assert.Equal(0, CliRunner.Run("boot", "--what-if", "-cma").ExitCode);

    // ---- --initrd: the same path as /chosen linux,initrd-* ----

    /// <summary>The blob with its /chosen initrd properties renamed away (same size, so nothing else moves).</summary>
    private static string WithoutChosenInitrd(string dtb, string dir)
    {
        var bytes = File.ReadAllBytes(dtb);
        foreach (var name in new[] { "linux,initrd-start", "linux,initrd-end" })
        {
            var needle = Encoding.ASCII.GetBytes(name + "\0");
            int at = bytes.AsSpan().IndexOf(needle);
            Assert.True(at > 0, name);
            bytes[at] = (byte)'x';
        }
        var path = Path.Combine(dir, "no-initrd.dtb");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (ulong Start, ulong End) ChosenInitrd(string dtb)
    {
        var chosen = MemblockSharp.DeviceTree.FlattenedDeviceTree.Parse(File.ReadAllBytes(dtb)).FindNode("/chosen")!;
        static ulong Read(MemblockSharp.DeviceTree.DeviceTreeProperty p) => p.Length == 8 ? p.AsU64() : p.AsU32();
        return (Read(chosen.GetProperty("linux,initrd-start")!), Read(chosen.GetProperty("linux,initrd-end")!));
    }

    private static ulong MemTotal(CliRunner.Result r)
    {
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.GetProperty("memtotal_kb").GetUInt64();
    }

    [Theory]
    [InlineData("virt-arm64-1G")]
    [InlineData("virt-arm64-2G-cma64M")]
    [InlineData("virt-armhf-2G-highmem")]
    public void Initrd_GivenByOption_BootsAsTheRecordedDtWithIt(string @case)
    {
        var dir = CliRunner.TempDirectory();
        string dtb = Realboot(@case, "board.dtb");
        var (start, end) = ChosenInitrd(dtb);
        string stripped = WithoutChosenInitrd(dtb, dir);
        string kernel = @case.Contains("armhf", StringComparison.Ordinal) ? "debian-6.1-armmp-lpae" : "debian-6.1-arm64";
        var fromDt = CliRunner.Run("boot", dtb, "--kernel", kernel);
        var fromOption = CliRunner.Run("boot", stripped, "--kernel", kernel, "--initrd", $"0x{start:x}:0x{end - start:x}");
        Assert.Equal(0, fromOption.ExitCode);
        // Every kernel line is the same (the header names the file, the inputs say where the initrd came from).
        Assert.Equal(fromDt.StdoutLines.Skip(1).TakeWhile(l => l != "Summary"), fromOption.StdoutLines.Skip(1).TakeWhile(l => l != "Summary"));
        Assert.Contains(fromOption.StdoutLines, l => l.StartsWith("Freeing initrd memory: ", StringComparison.Ordinal));

        using var real = JsonDocument.Parse(File.ReadAllText(Realboot(@case, "case.json")));
        ulong memTotal = MemTotal(CliRunner.Run("boot", stripped, "--kernel", kernel, "--initrd", $"0x{start:x}:0x{end - start:x}", "--json"));
        Assert.Equal(real.RootElement.GetProperty("memtotal_kb").GetUInt64(), memTotal);
        // Without it the kernel's memory moves (the initrd is part of the Memory: line's reserved).
        Assert.NotEqual(fromDt.StdoutLines.First(l => l.StartsWith("Memory: ", StringComparison.Ordinal)),
            CliRunner.Run("boot", stripped, "--kernel", kernel).StdoutLines.First(l => l.StartsWith("Memory: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Initrd_CountsInTheMemoryLine_NotInMemTotal()
    {
        string[] fixedLayout = ["--dtb-addr", "0x60000000", "--cmdline", "console=ttyAMA0"];
        var none = CliRunner.Run(["boot", .. fixedLayout, "--json"]);
        var big = CliRunner.Run(["boot", .. fixedLayout, "--initrd", "0x50000000:64M", "--json"]);
        var small = CliRunner.Run(["boot", .. fixedLayout, "--initrd", "0x50000000:16M", "--json"]);
        static ulong Reserved(CliRunner.Result r)
        {
            using var doc = JsonDocument.Parse(r.Stdout);
            var line = doc.RootElement.GetProperty("memory_line").GetString()!;
            var m = System.Text.RegularExpressions.Regex.Match(line, @"(\d+)K reserved");
            return ulong.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        // 48 MiB more initrd is 48 MiB more reserved at the hand-off, freed again after boot (within the pages that move).
        long moved = (long)Reserved(big) - (long)Reserved(small);
        Assert.InRange(moved, 48 * 1024 - 64, 48 * 1024 + 64);
        Assert.InRange((long)MemTotal(big) - (long)MemTotal(small), -64, 64);
        Assert.InRange((long)MemTotal(none) - (long)MemTotal(small), -64, 64);
        Assert.Contains("Freeing initrd memory: 65536K", CliRunner.Run(["boot", .. fixedLayout, "--initrd", "0x50000000:64M"]).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Initrd_IsTakenByDiffAndSweep()
    {
        string dtb = Realboot("virt-arm64-1G", "board.dtb");
        var diff = CliRunner.Run("diff", dtb, "--cmdline-b", "console=ttyAMA0 cma=32M", "--initrd", "0x50000000:32M", "--json");
        Assert.Equal(0, diff.ExitCode);
        var boot = CliRunner.Run("boot", dtb, "--initrd", "0x50000000:32M", "--json");
        using (var d = JsonDocument.Parse(diff.Stdout))
        using (var b = JsonDocument.Parse(boot.Stdout))
        {
            Assert.Equal(b.RootElement.GetProperty("memory_line").GetString(), d.RootElement.GetProperty("before").GetProperty("memory_line").GetString());
            Assert.NotEqual(b.RootElement.GetProperty("memory_line").GetString(), MemoryLine(CliRunner.Run("boot", dtb, "--json")));
        }
        var sweep = CliRunner.Run("sweep", "--ram", "1G,2G", "--initrd", "0x50000000:32M", "--json");
        Assert.Equal(0, sweep.ExitCode);
        var plain = CliRunner.Run("boot", "--ram", "0x40000000:2G", "--initrd", "0x50000000:32M", "--json");
        Assert.Contains($"\"memtotal_kb\": {MemTotal(plain)}", sweep.Stdout, StringComparison.Ordinal);
    }

    private static string? MemoryLine(CliRunner.Result r)
    {
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.GetProperty("memory_line").GetString();
    }

    // ---- what was assumed ----

    private static JsonElement[] Inputs(CliRunner.Result r)
    {
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        return [.. doc.RootElement.GetProperty("inputs").EnumerateArray().Select(e => e.Clone())];
    }

    private static JsonElement Input(JsonElement[] inputs, string what) => inputs.Single(i => i.GetProperty("what").GetString() == what);

    [Fact]
    public void Summary_SaysWhichPlacementsWereAssumed()
    {
        var inputs = Inputs(CliRunner.Run("boot", "--json"));
        Assert.Equal(["RAM", "kernel image", "device tree blob", "initrd"], inputs.Select(i => i.GetProperty("what").GetString()).Take(4));
        Assert.False(Input(inputs, "RAM").GetProperty("assumed").GetBoolean());
        Assert.Equal("device tree /memory@40000000", Input(inputs, "RAM").GetProperty("source").GetString());
        Assert.True(Input(inputs, "kernel image").GetProperty("assumed").GetBoolean());
        Assert.Equal("0x40200000", Input(inputs, "kernel image").GetProperty("base").GetString());
        Assert.True(Input(inputs, "device tree blob").GetProperty("assumed").GetBoolean());
        Assert.Equal("after the initrd, 2 MiB aligned, as QEMU places it", Input(inputs, "device tree blob").GetProperty("source").GetString());
        Assert.False(Input(inputs, "initrd").GetProperty("assumed").GetBoolean()); // the bundled board's /chosen has one

        var given = Inputs(CliRunner.Run("boot", "--ram", "0x40000000:2G", "--kernel-addr", "0x40400000", "--dtb-addr", "0x50000000", "--initrd", "0x48000000:8M", "--json"));
        Assert.All(given.Take(4), i => Assert.False(i.GetProperty("assumed").GetBoolean()));
        Assert.Equal(["--ram", "--kernel-addr", "--dtb-addr", "--initrd"], given.Take(4).Select(i => i.GetProperty("source").GetString()));
        Assert.Equal("0x50000000", Input(given, "device tree blob").GetProperty("base").GetString());
        Assert.Equal("0x800000", Input(given, "initrd").GetProperty("size").GetString());
    }

    [Fact]
    public void Summary_AnAssumedPlacement_IsNotAWarning()
    {
        var r = CliRunner.Run("boot");
        Assert.Equal("", r.Stderr);
        Assert.Contains("  Exact: yes", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("    kernel image      0x40200000-0x4220ffff  assumed: RAM base + 2 MiB, where QEMU and U-Boot booti load an Image\n", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_NoInitrd_IsAssumedNone()
    {
        var dir = CliRunner.TempDirectory();
        string stripped = WithoutChosenInitrd(Realboot("virt-arm64-1G", "board.dtb"), dir);
        var initrd = Input(Inputs(CliRunner.Run("boot", stripped, "--json")), "initrd");
        Assert.True(initrd.GetProperty("assumed").GetBoolean());
        Assert.Equal("none", initrd.GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.Null, initrd.GetProperty("base").ValueKind);
    }

    // ---- build facts without a System.map ----

    [Fact]
    public void MemoryLine_FromItsOwnLog_GivesTheRecordedMemTotal_AndSaysWhereTheSectionsCameFrom()
    {
        string dir = TestData.Path("realboot", "virt-arm64-1G");
        string line = File.ReadLines(Path.Combine(dir, "kernel-log-full.txt")).First(l => l.Contains("] Memory: ", StringComparison.Ordinal));
        using var real = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
        var r = CliRunner.Run("boot", Path.Combine(dir, "board.dtb"), "--kernel", "debian-6.1-arm64", "--memory-line", line, "--json");
        Assert.Equal(real.RootElement.GetProperty("memtotal_kb").GetUInt64(), MemTotal(r));
        var sections = Input(Inputs(r), "image sections");
        Assert.Equal("13248K kernel code, 2806K rwdata, 9524K rodata, 6464K init, 627K bss", sections.GetProperty("value").GetString());
        Assert.StartsWith("--memory-line", sections.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal("profile debian-6.1-arm64", Input(Inputs(CliRunner.Run("boot", "--json")), "image sections").GetProperty("source").GetString());

        string bigger = line.Replace("13248K kernel code", "15296K kernel code", StringComparison.Ordinal);
        var moved = CliRunner.Run("boot", Path.Combine(dir, "board.dtb"), "--memory-line", bigger, "--json");
        // 2 MiB more image is 2 MiB less MemTotal, give or take a page that an allocation after the image gains to alignment.
        Assert.InRange(MemTotal(moved), real.RootElement.GetProperty("memtotal_kb").GetUInt64() - 2048 - 4, real.RootElement.GetProperty("memtotal_kb").GetUInt64() - 2048 + 4);
    }

    [Fact]
    public void CmaDefault_ReplacesTheProfilesBuiltInSize()
    {
        var r = CliRunner.Run("boot", "--cma-default", "32M", "--json");
        Assert.EndsWith(", 32768K cma-reserved)", MemoryLine(r), StringComparison.Ordinal);
        var fact = Input(Inputs(r), "default CMA size");
        Assert.Equal("32M", fact.GetProperty("value").GetString());
        Assert.Equal("--cma-default", fact.GetProperty("source").GetString());
        Assert.EndsWith(", 65536K cma-reserved)", MemoryLine(CliRunner.Run("boot", "--json")), StringComparison.Ordinal);
        Assert.Equal("64M", Input(Inputs(CliRunner.Run("boot", "--json")), "default CMA size").GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("--memory-line: the line has no 'rwdata' figure (expected e.g. '11712K kernel code, 2360K rwdata, 6784K rodata, 4608K init, 700K bss')", "--memory-line", "Memory: 1K/2K available (3K kernel code, 4K reserved)")]
    [InlineData("--memory-line: Memory: line 'Memory: nonsense' is not in the kernel's form 'AK/BK available (...)'", "--memory-line", "Memory: nonsense")]
    [InlineData("--cma-default '1.5M': '1.5M' is a fraction; sizes are whole numbers (1536K for 1.5M)", "--cma-default", "1.5M")]
    public void BuildFacts_BadValues_AreOneLineErrors(string message, params string[] args) => AssertUsage(CliRunner.Run(["boot", .. args]), message);
}
