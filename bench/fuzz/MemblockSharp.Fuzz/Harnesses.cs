using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.Boot.KernelLog;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Replay;
using MemblockSharp.Boot.Simulation;
using MemblockSharp.Conformance;
using MemblockSharp.DeviceTree;
using MemblockSharp.Scripts;

namespace MemblockSharp.Fuzz;

/// <summary>
/// One fuzz target: where its seeds come from, how large an input may grow, and what one execution does. An execution
/// returns a coverage feature (a hash of what the input reached: the exception kind and where, or the shape of the
/// result); an exception that escapes <see cref="Execute"/> is a finding (a crash), because every expected rejection
/// is a <see cref="FormatException"/> and is caught inside.
/// </summary>
internal abstract class Harness
{
    public abstract string Name { get; }

    public abstract int MaxLength { get; }

    public abstract bool Text { get; }

    public abstract IEnumerable<byte[]> Seeds(string data);

    public virtual IReadOnlyList<byte[]> Dictionary => [];

    /// <summary>Runs one input; returns its coverage feature.</summary>
    public ulong Execute(byte[] input)
    {
        try
        {
            return Run(input);
        }
        catch (FormatException ex)
        {
            return Features.Of(ex);
        }
    }

    protected abstract ulong Run(byte[] input);

    public static Harness Create(string name) => name switch
    {
        "fdt" => new FdtHarness(),
        "log" => new LogHarness(),
        "script" => new ScriptHarness(),
        "conformance" => new ConformanceHarness(),
        "boot" => new BootHarness(),
        "efi" => new EfiLogHarness(),
        _ => throw new ArgumentException($"unknown harness '{name}' (fdt, log, script, conformance, boot, efi)"),
    };

    protected static byte[] ReadMaybeGz(string path)
    {
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    protected static List<byte[]> Tokens(params string[] tokens) => tokens.Select(Encoding.ASCII.GetBytes).ToList();
}

/// <summary>Cheap coverage features: hashes of outcomes, buckets of counts.</summary>
internal static class Features
{
    public static ulong Mix(ulong h, ulong v) => (h ^ v) * 0x100000001b3UL + 0x9e3779b97f4a7c15UL;

    public static ulong Bucket(long n) => n <= 0 ? 0 : (ulong)(64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)n));

    public static ulong Str(string s)
    {
        ulong h = 0xcbf29ce484222325UL;
        foreach (char c in s)
            h = (h ^ c) * 0x100000001b3UL;
        return h;
    }

    /// <summary>An exception's feature: its type and the template of its message (numbers and quoted text removed).</summary>
    public static ulong Of(FormatException ex)
    {
        if (ex is FdtException fdt)
            return Mix(Mix(Mix(Str("fdt"), (ulong)fdt.Kind), Bucket(fdt.Offset)), (ulong)(fdt.NodePath?.Count(c => c == '/') ?? 0));
        return Mix(Str(ex.GetType().Name), Str(Template(ex.Message)));
    }

    public static string Template(string message)
    {
        var sb = new StringBuilder();
        bool quoted = false;
        char quote = '\0';
        foreach (char c in message)
        {
            if (quoted)
            {
                if (c == quote)
                    quoted = false;
                continue;
            }
            if (c is '\'' or '"')
            {
                quoted = true;
                quote = c;
                sb.Append('?');
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                if (sb.Length == 0 || sb[^1] != '#')
                    sb.Append('#');
                continue;
            }
            sb.Append(c);
            if (sb.Length >= 96)
                break;
        }
        return sb.ToString();
    }
}

/// <summary>FDT reader, DTS printer, the boot scan (arm64 and arm32 LPAE) and the replay's DTB facts.</summary>
internal sealed class FdtHarness : Harness
{
    public override string Name => "fdt";
    public override int MaxLength => 16 << 10;
    public override bool Text => false;

    public override IReadOnlyList<byte[]> Dictionary { get; } = BuildDictionary();

    private static List<byte[]> BuildDictionary()
    {
        var list = new List<byte[]>();
        foreach (uint tag in new uint[] { 1, 2, 3, 4, 9, 0xd00dfeed })
        {
            var b = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b, tag);
            list.Add(b);
        }
        list.AddRange(Tokens("reg\0", "memory\0", "device_type\0", "#address-cells\0", "#size-cells\0", "reserved-memory\0",
            "no-map\0", "reusable\0", "shared-dma-pool\0", "linux,cma-default\0", "alloc-ranges\0", "size\0", "alignment\0",
            "ranges\0", "linux,usable-memory-range\0", "linux,elfcorehdr\0", "bootargs\0", "chosen\0", "memory@40000000\0",
            "linux,initrd-start\0", "linux,initrd-end\0", "numa-node-id\0", "phandle\0", "aliases\0", "status\0", "okay\0",
            "disabled\0", "hotpluggable\0", "cpus\0", "cpu@0\0", "enable-method\0", "linux,uefi-mmap-start\0", "kaslr-seed\0",
            "mem=64M crashkernel=128M cma=32M\0", "/\0"));
        return list;
    }

    public override IEnumerable<byte[]> Seeds(string data)
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(data, "dtbs", "dtc-tests"), "*.dtb"))
            yield return File.ReadAllBytes(path);
        foreach (var path in Directory.EnumerateFiles(Path.Combine(data, "realboot"), "board.dtb", SearchOption.AllDirectories))
        {
            if (Shrink(File.ReadAllBytes(path)) is { } small)
                yield return small;
        }
        foreach (var path in Directory.EnumerateFiles(Path.Combine(data, "dtbs", "arm64"), "*.dtb", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(Path.Combine(data, "dtbs", "armhf"), "*.dtb", SearchOption.AllDirectories))
                     .Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length <= MaxLength)
                yield return bytes;
        }
    }

    /// <summary>QEMU pads its DTB to 1 MiB; cut the padding and lower totalsize, so the blob stays valid and small.</summary>
    private byte[]? Shrink(byte[] blob)
    {
        try
        {
            var h = FdtReader.ReadHeader(blob);
            long end = Math.Max(h.OffsetStrings + (long)h.SizeStrings, h.OffsetStruct + (long)h.SizeStruct);
            end = Math.Min((end + 7) & ~7L, blob.Length);
            if (end > MaxLength)
                return null;
            var small = blob.AsSpan(0, (int)end).ToArray();
            BinaryPrimitives.WriteUInt32BigEndian(small.AsSpan(4), (uint)end);
            FlattenedDeviceTree.Parse(small);
            return small;
        }
        catch (FdtException)
        {
            return null;
        }
    }

    protected override ulong Run(byte[] input)
    {
        var tree = FlattenedDeviceTree.Parse(input.AsMemory());
        ulong h = Features.Mix(Features.Bucket(tree.NodeCount), Features.Bucket(tree.PropertyCount));
        h = Features.Mix(h, Features.Bucket(tree.MemoryReservations.Count));
        var dts = DtsPrinter.Print(tree);
        h = Features.Mix(h, Features.Bucket(dts.Length));
        h = Features.Mix(h, Scan(tree, BootScanOptions.Arm64));
        var arm32 = Scan(tree, BootScanOptions.Arm32Lpae(0x40000000));
        h = Features.Mix(h, arm32);
        try
        {
            var facts = DtbFacts.FromBlob(input);
            h = Features.Mix(h, Features.Mix(Features.Bucket(facts.MemoryBanks.Count), Features.Bucket(facts.ReservedNodes.Count)));
        }
        catch (FormatException ex)
        {
            h = Features.Mix(h, Features.Of(ex));
        }
        foreach (var path in new[] { "/memory", "/chosen", "/reserved-memory", "serial0", "/cpus/cpu@0" })
            h = Features.Mix(h, tree.FindNode(path) is null ? 1UL : 2UL);
        return h;
    }

    private static ulong Scan(FlattenedDeviceTree tree, BootScanOptions options)
    {
        try
        {
            var scan = BootScanner.Scan(tree, options);
            var text = BootScanText.Format(scan);
            ulong h = Features.Mix(Features.Bucket(scan.Banks.Count), Features.Bucket(text.Length));
            h = Features.Mix(h, Features.Bucket(scan.CpuCount));
            return Features.Mix(h, scan.FoundMemory ? 1UL : 0UL);
        }
        catch (FormatException ex)
        {
            return Features.Of(ex);
        }
    }
}

/// <summary>Kernel-log reader and the replay of what it read.</summary>
internal sealed class LogHarness : Harness
{
    public override string Name => "log";
    public override int MaxLength => 12 << 10;
    public override bool Text => true;

    public override IReadOnlyList<byte[]> Dictionary { get; } = Tokens(
        "memblock_add: ", "memblock_reserve: ", "memblock_remove: ", "memblock_phys_free: ", "memblock_free: ",
        "memblock_alloc_try_nid: ", "memblock_phys_alloc_range: ", "memblock_alloc_range_nid: ", "memblock_mark_nomap: ",
        "MEMBLOCK configuration:", " memory size = 0x", " reserved size = 0x", " memory.cnt  = 0x", " reserved.cnt  = 0x",
        " memory[0x0]\t[0x0000000040000000-0x000000007fffffff], 0x0000000040000000 bytes flags: 0x0\n",
        "[0x0000000040000000-0x000000007fffffff] ", " bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 ",
        "early_init_dt_add_memory_arch+0x", "Memory: ", "K/", "K available (", "Zone ranges:", "  DMA      [mem ",
        "Early memory node ranges", "  node   0: [mem 0x0000000040000000-0x000000007fffffff]", "Kernel command line: ",
        "[    0.000000] ", "<6>", "\r\n", "\x1b[0m", "kernel: ", "@@@BEGIN dmesg@@@", "efi: ", "OF: reserved mem: ",
        "Reserved memory: created CMA memory pool at 0x", "cma: Reserved ", "crashkernel reserved: 0x", "NUMA: ",
        "Booting Linux on physical CPU 0x0", "Machine model: ", "printk: log_buf_len");

    public override IEnumerable<byte[]> Seeds(string data)
    {
        // Real logs are 150-300 KB; the fuzz inputs are windows of them (the head with the early memblock calls, a window
        // around each MEMBLOCK dump, the Memory:/zone lines), so one execution stays in the tens of microseconds.
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(data, "realboot")).Order(StringComparer.Ordinal))
        {
            foreach (var name in new[] { "dmesg.txt", "console.log", "kernel-log-full.txt" })
            {
                var path = Path.Combine(dir, name);
                if (!File.Exists(path))
                    continue;
                var lines = File.ReadAllLines(path, Encoding.Latin1);
                int firstMemblock = Array.FindIndex(lines, l => l.Contains("memblock_", StringComparison.Ordinal));
                if (firstMemblock < 0)
                    firstMemblock = 0;
                foreach (var window in Windows(lines, firstMemblock))
                {
                    var bytes = Encoding.Latin1.GetBytes(string.Join('\n', window) + "\n");
                    if (bytes.Length <= MaxLength)
                        yield return bytes;
                }
            }
        }
    }

    private static IEnumerable<string[]> Windows(string[] lines, int first)
    {
        yield return lines.Take(40).ToArray();
        for (int i = Math.Max(0, first - 5); i < lines.Length && i < first + 400; i += 40)
            yield return lines.Skip(i).Take(50).ToArray();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains("MEMBLOCK configuration", StringComparison.Ordinal) || lines[i].Contains("Memory: ", StringComparison.Ordinal)
                || lines[i].Contains("Zone ranges", StringComparison.Ordinal))
                yield return lines.Skip(Math.Max(0, i - 20)).Take(45).ToArray();
        }
    }

    protected override ulong Run(byte[] input)
    {
        var log = KernelLogReader.Read(input, "fuzz.log");
        ulong h = Features.Mix(Features.Bucket(log.Entries.Count), Features.Bucket(log.Notes.Count));
        h = Features.Mix(h, (log.HeadLost ? 1UL : 0) | (log.HadTimestamps ? 2UL : 0) | (log.HasMemblockDebug ? 4UL : 0));
        ulong kinds = 0;
        foreach (var e in log.Entries)
            kinds |= 1UL << (Features.Str(e.GetType().Name).GetHashCode() & 63);
        h = Features.Mix(h, kinds);
        var result = LogReplayer.Replay(log);
        h = Features.Mix(h, Features.Bucket(result.AllocationsChecked));
        h = Features.Mix(h, Features.Bucket(result.AllocationsChecked - result.AllocationsAgreed));
        h = Features.Mix(h, Features.Bucket(result.Inferred.Count));
        h = Features.Mix(h, Features.Bucket(result.Dumps.Count));
        h = Features.Mix(h, Features.Bucket(result.Unseen.Count));
        h = Features.Mix(h, Features.Bucket(result.Memblock.Reserved.Count));
        return h;
    }
}

/// <summary>Op-script reader and a run of what it read (the run is bounded by the input size: at most a few thousand ops).</summary>
internal sealed class ScriptHarness : Harness
{
    public override string Name => "script";
    public override int MaxLength => 4 << 10;
    public override bool Text => true;

    public override IReadOnlyList<byte[]> Dictionary { get; } = Tokens(
        "resize on\n", "resize off\n", "bottom_up on\n", "bottom_up off\n", "limit 0x", "add 0x", "reserve 0x", "remove 0x",
        "free 0x", "alloc 0x", " 0x", " -1", " 0", " 15", " 16", "\n", "# ", "0xffffffffffffffff", "0x1000");

    public override IEnumerable<byte[]> Seeds(string data)
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(data, "bench"), "W*.txt.gz").Order(StringComparer.Ordinal))
        {
            var lines = Encoding.ASCII.GetString(ReadMaybeGz(path)).Split('\n');
            for (int start = 0; start < lines.Length && start < 40000; start += 1000)
            {
                var window = (start == 0 ? lines.Take(80) : lines.Take(5).Concat(lines.Skip(start).Take(80))).ToArray();
                yield return Encoding.ASCII.GetBytes(string.Join('\n', window) + "\n");
            }
        }
    }

    protected override ulong Run(byte[] input)
    {
        var script = OpScript.Parse(new StringReader(Encoding.Latin1.GetString(input)));
        var result = OpScriptRunner.Run(script);
        ulong h = Features.Mix(Features.Bucket(script.Ops.Count), Features.Bucket(result.FailedAllocs));
        h = Features.Mix(h, Features.Bucket(result.FailedOthers));
        h = Features.Mix(h, Features.Bucket(result.Memblock.Memory.Count));
        h = Features.Mix(h, Features.Bucket(result.Memblock.Reserved.Count));
        return Features.Mix(h, Features.Bucket(result.Memblock.Reserved.Capacity));
    }
}

/// <summary>Conformance reader and a run of every case it read.</summary>
internal sealed class ConformanceHarness : Harness
{
    public override string Name => "conformance";
    public override int MaxLength => 16 << 10;
    public override bool Text => true;

    public override IReadOnlyList<byte[]> Dictionary { get; } = Tokens(
        "\"0x0\"", "\"0xffffffffffffffff\"", "\"0x8000000000000000\"", "1e300", "-1", "null", "true", "false", "[]", "{}",
        "\"op\":", "\"args\":", "\"ret\":", "\"memory\":", "\"reserved\":", "\"setup\":", "\"steps\":", "\"init_regions\":",
        "\"max_numnodes\":", "\"page_size\":", "\"smp_cache_bytes\":", "\"allow_resize\":true", "\"nid\":", "\"size\":",
        "\"base\":", "\"align\":", "\"start\":", "\"end\":", "\"flags\":", "2147483647", "4294967296", "9223372036854775807");

    public override IEnumerable<byte[]> Seeds(string data)
    {
        foreach (var name in new[] { "handcrafted.jsonl.gz", "random.jsonl.gz" })
        {
            var lines = Encoding.UTF8.GetString(ReadMaybeGz(Path.Combine(data, "conformance", name))).Split('\n');
            int step = Math.Max(1, lines.Length / 400);
            for (int i = 0; i < lines.Length; i += step)
            {
                if (lines[i].Length > 0 && lines[i].Length <= MaxLength)
                    yield return Encoding.UTF8.GetBytes(lines[i] + "\n");
            }
        }
    }

    protected override ulong Run(byte[] input)
    {
        var cases = ConformanceReader.ReadAll(new StringReader(Encoding.Latin1.GetString(input))).ToList();
        ulong h = Features.Bucket(cases.Count);
        foreach (var c in cases)
        {
            var outcome = ConformanceRunner.Run(c);
            h = Features.Mix(h, outcome.Passed ? 1UL : Features.Mix(Features.Str(outcome.Divergence!.What), (ulong)outcome.Divergence.StepIndex));
            h = Features.Mix(h, Features.Bucket(c.Steps.Count));
            foreach (var s in c.Steps)
                h = Features.Mix(h, Features.Str(s.Op));
        }
        return h;
    }
}

/// <summary>The boot simulation (debian arm64 profile) on a mutated DTB.</summary>
internal sealed class BootHarness : Harness
{
    private readonly FdtHarness _fdt = new();
    private readonly KernelProfile _profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64);

    public override string Name => "boot";
    public override int MaxLength => _fdt.MaxLength;
    public override bool Text => false;
    public override IReadOnlyList<byte[]> Dictionary => _fdt.Dictionary;

    public override IEnumerable<byte[]> Seeds(string data) => _fdt.Seeds(data).Where(s =>
    {
        try
        {
            return BootScanner.Scan(FlattenedDeviceTree.Parse(s)).FoundMemory;
        }
        catch (FormatException)
        {
            return false;
        }
    });

    protected override ulong Run(byte[] input)
    {
        var result = BootSimulator.Run(new BootOptions { Profile = _profile, Dtb = input });
        var text = BootReport.Text(result, "fuzz.dtb");
        return Features.Mix(Features.Str("ok"), Features.Bucket(text.Length));
    }
}

/// <summary>The EFI boot-log reader (<c>boot --efi-log</c>) and the boot simulation it drives, on the recorded UEFI board.</summary>
internal sealed class EfiLogHarness : Harness
{
    private readonly KernelProfile _profile = BuiltInProfiles.Get(BuiltInProfiles.DebianArm64);
    private byte[] _dtb = [];

    public override string Name => "efi";
    public override int MaxLength => 16 << 10;
    public override bool Text => true;

    public override IReadOnlyList<byte[]> Dictionary { get; } = Tokens(
        "efi: Processing EFI memory map:\n", "MEMBLOCK configuration:\n", "efi:   0x", " [Conventional|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC]",
        " [Runtime Data|RUN|  |  |  |  |  |  |  |  |   |WB|WT|WC|UC]", "|RUN|", "|WB|", " reserved[0x0]\t[0x", "memblock_reserve: [0x",
        "] efi_memattr_init+0x", "] efi_config_parse_tables+0x", "] arm64_memblock_init+0x", "MEMRESERVE=0x", "Freeing initrd memory: ",
        "-0x", "0xffffffffffffffff", "[    0.000000] ");

    public override IEnumerable<byte[]> Seeds(string data)
    {
        var dir = Path.Combine(data, "realboot", "virt-arm64-2G-uefi-dt");
        _dtb = File.ReadAllBytes(Path.Combine(dir, "board.dtb"));
        var lines = File.ReadAllLines(Path.Combine(dir, "kernel-log-full.txt"), Encoding.Latin1);
        string Join(IEnumerable<string> l) => string.Join('\n', l) + "\n";
        int freeing = Array.FindIndex(lines, l => l.Contains("Freeing initrd memory", StringComparison.Ordinal));
        yield return Encoding.Latin1.GetBytes(Join(lines.Take(140).Append(lines[Math.Max(0, freeing)])));
        yield return Encoding.Latin1.GetBytes(Join(lines.Take(90)));
        yield return Encoding.Latin1.GetBytes(Join(lines.Skip(18).Take(60)));
    }

    protected override ulong Run(byte[] input)
    {
        var result = BootSimulator.Run(new BootOptions { Profile = _profile, Dtb = _dtb, EfiLog = Encoding.Latin1.GetString(input) });
        var text = BootReport.Text(result, "fuzz.dtb");
        return Features.Mix(Features.Str("ok"), Features.Bucket(text.Length));
    }
}
