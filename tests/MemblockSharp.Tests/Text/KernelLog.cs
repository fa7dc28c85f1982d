using System.Globalization;
using System.Text.RegularExpressions;
using MemblockSharp.Testing;

namespace MemblockSharp.Tests.Text;

/// <summary>
/// A tiny reader for what these tests need from the recorded real boots: log lines without timestamps, the
/// <c>MEMBLOCK configuration:</c> dumps with their region lines, and the debugfs memblock files.
/// </summary>
internal static partial class KernelLog
{
    public sealed record DumpRegion(string Table, int Index, ulong Base, ulong End, ulong Size, int? Node, uint Flags);

    public sealed record Dump(int FirstLine, IReadOnlyList<string> Lines, ulong MemorySize, ulong ReservedSize,
        IReadOnlyList<DumpRegion> Memory, IReadOnlyList<DumpRegion> Reserved);

    /// <summary>Every real-boot case folder name.</summary>
    public static IEnumerable<string> Cases() =>
        Directory.GetDirectories(TestData.Path("realboot"), "virt-*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>The complete log of a case: kernel-log-full.txt where dmesg.txt lost its start, else dmesg.txt.</summary>
    public static string LogPath(string caseName)
    {
        string full = TestData.Path("realboot", caseName, "kernel-log-full.txt");
        return File.Exists(full) ? full : TestData.Path("realboot", caseName, "dmesg.txt");
    }

    /// <summary>True for the 32-bit ARM cases, whose kernel is built without NUMA.</summary>
    public static bool IsArmhf(string caseName) => caseName.StartsWith("virt-armhf", StringComparison.Ordinal);

    [GeneratedRegex(@"^\[\s*\d+\.\d+\] ")]
    private static partial Regex Timestamp();

    public static string StripTimestamp(string line) => Timestamp().Replace(line, "", 1);

    /// <summary>The log's lines, timestamps removed.</summary>
    public static string[] Lines(string path) => File.ReadAllLines(path).Select(StripTimestamp).ToArray();

    [GeneratedRegex(@"^ (memory|reserved)\[0x([0-9a-f]+)\]\t\[0x([0-9a-f]{8}(?:[0-9a-f]{8})?)-0x([0-9a-f]{8}(?:[0-9a-f]{8})?)\], 0x([0-9a-f]{8}(?:[0-9a-f]{8})?) bytes( on node (-?\d+))? flags: 0x([0-9a-f]+)$")]
    private static partial Regex RegionLine();

    [GeneratedRegex(@"^ memory size = 0x([0-9a-f]{8}(?:[0-9a-f]{8})?) reserved size = 0x([0-9a-f]{8}(?:[0-9a-f]{8})?)$")]
    private static partial Regex SizeLine();

    [GeneratedRegex(@"^ (memory|reserved)\.cnt  = 0x([0-9a-f]+)$")]
    private static partial Regex CountLine();

    /// <summary>Reads every <c>MEMBLOCK configuration:</c> block of a log (without timestamps).</summary>
    public static List<Dump> Dumps(string[] lines)
    {
        var dumps = new List<Dump>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "MEMBLOCK configuration:")
                continue;
            int at = i + 1;
            var sizes = SizeLine().Match(lines[at++]);
            if (!sizes.Success)
                throw new FormatException($"line {at}: no size line after MEMBLOCK configuration");
            var memory = ReadTable(lines, ref at, "memory");
            var reserved = ReadTable(lines, ref at, "reserved");
            dumps.Add(new Dump(i, lines[i..at], Hex(sizes.Groups[1].Value), Hex(sizes.Groups[2].Value), memory, reserved));
            i = at - 1;
        }
        return dumps;
    }

    private static List<DumpRegion> ReadTable(string[] lines, ref int at, string name)
    {
        var count = CountLine().Match(lines[at]);
        if (!count.Success || count.Groups[1].Value != name)
            throw new FormatException($"line {at + 1}: expected {name}.cnt, found '{lines[at]}'");
        at++;
        int n = (int)Hex(count.Groups[2].Value);
        var regions = new List<DumpRegion>();
        for (int k = 0; k < n; k++, at++)
        {
            var m = RegionLine().Match(lines[at]);
            if (!m.Success || m.Groups[1].Value != name || (int)Hex(m.Groups[2].Value) != k)
                throw new FormatException($"line {at + 1}: expected {name}[0x{k:x}], found '{lines[at]}'");
            regions.Add(new DumpRegion(name, k, Hex(m.Groups[3].Value), Hex(m.Groups[4].Value), Hex(m.Groups[5].Value),
                m.Groups[7].Success ? int.Parse(m.Groups[7].Value, CultureInfo.InvariantCulture) : null,
                (uint)Hex(m.Groups[8].Value)));
        }
        return regions;
    }

    [GeneratedRegex(@"^\s*(\d+): 0x([0-9a-f]{8}(?:[0-9a-f]{8})?)\.\.0x([0-9a-f]{8}(?:[0-9a-f]{8})?)$")]
    private static partial Regex DebugfsLine();

    /// <summary>Reads a debugfs memblock file: (base, inclusive end) per line, checking the index column.</summary>
    public static List<(ulong Base, ulong Last)> Debugfs(string path)
    {
        var result = new List<(ulong, ulong)>();
        var lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            var m = DebugfsLine().Match(lines[i]);
            if (!m.Success || int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) != i)
                throw new FormatException($"{path}:{i + 1}: not a debugfs region line: '{lines[i]}'");
            result.Add((Hex(m.Groups[2].Value), Hex(m.Groups[3].Value)));
        }
        return result;
    }

    public static ulong Hex(string s) => ulong.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>True for the cases of the classic 32-bit ARM kernel (Debian armmp, no LPAE), whose phys_addr_t has 32 bits.</summary>
    public static bool IsArmhfWithoutLpae(string caseName) =>
        File.ReadAllText(TestData.Path("realboot", caseName, "case.json")).Contains("\"kernel_release\": \"6.1.0-50-armmp\"", StringComparison.Ordinal);

    /// <summary>
    /// The options of the kernel a case booted: arm64 (NUMA, 16 nodes) or 32-bit ARM (no NUMA, one node; without LPAE
    /// also a 4-byte phys_addr_t).
    /// </summary>
    public static MemblockOptions Options(string caseName) =>
        !IsArmhf(caseName) ? new MemblockOptions()
        : new MemblockOptions { Numa = false, MaxNumNodes = 1, PhysAddrBytes = IsArmhfWithoutLpae(caseName) ? 4 : 8 };

    /// <summary>Loads a dump's regions into a fresh memblock with the same node and flags.</summary>
    public static Memblock Load(Dump dump, MemblockOptions options)
    {
        var mb = new Memblock(options);
        foreach (var r in dump.Memory)
            Assert.Equal(0, mb.AddToTable(mb.Memory, r.Base, r.Size, r.Node ?? options.MaxNumNodes, (MemblockFlags)r.Flags));
        foreach (var r in dump.Reserved)
            Assert.Equal(0, mb.AddToTable(mb.Reserved, r.Base, r.Size, r.Node ?? options.MaxNumNodes, (MemblockFlags)r.Flags));
        return mb;
    }
}
