using System.Text.Json;
using System.Text.RegularExpressions;
using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Rendering;

/// <summary>
/// Each command's JSON output has exactly the fields its schema document (docs/json/*.md, the "Fields" table) lists,
/// with the documented JSON types: a writer and its document cannot drift apart.
/// </summary>
public sealed partial class JsonSchemaDocTests
{
    [GeneratedRegex(@"^\| `([^`]+)` \| ([^|]*) \|")]
    private static partial Regex FieldRow();

    private sealed record DocField(string Path, HashSet<JsonValueKind> Kinds);

    /// <summary>The rows of the table under <paramref name="heading"/> (up to the next heading) in docs/json/<paramref name="doc"/>.</summary>
    private static List<DocField> DocFields(string doc, string heading)
    {
        var file = Path.GetFullPath(Path.Combine(TestData.Directory, "..", "..", "docs", "json", doc));
        var lines = File.ReadAllLines(file);
        int start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"{doc} has no '{heading}' section");
        var fields = new List<DocField>();
        for (int i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            var m = FieldRow().Match(lines[i]);
            if (!m.Success)
                continue;
            var kinds = new HashSet<JsonValueKind>();
            foreach (var word in m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                kinds.UnionWith(word switch
                {
                    "string" => [JsonValueKind.String],
                    "number" => [JsonValueKind.Number],
                    "boolean" => [JsonValueKind.True, JsonValueKind.False],
                    "array" => [JsonValueKind.Array],
                    "object" => [JsonValueKind.Object],
                    "null" => [JsonValueKind.Null],
                    "or" => [],
                    _ => throw new InvalidDataException($"{doc}: field {m.Groups[1].Value}: unknown type word '{word}'"),
                });
            }
            fields.Add(new DocField(m.Groups[1].Value, kinds));
        }
        Assert.NotEmpty(fields);
        return fields;
    }

    /// <summary>Every field path in a JSON document (<c>a.b</c>, <c>a[].b</c>) with the kinds it took, and the containers seen with content.</summary>
    private sealed class Shape(Func<string, string> normalize, IReadOnlySet<string> maps)
    {
        public Dictionary<string, HashSet<JsonValueKind>> Kinds { get; } = [];

        public HashSet<string> Present { get; } = [""];

        public void Add(string json)
        {
            using var doc = JsonDocument.Parse(json);
            Walk(doc.RootElement, "");
        }

        private void Walk(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                Present.Add(path);
                foreach (var p in e.EnumerateObject())
                {
                    var child = normalize(path.Length == 0 ? p.Name : maps.Contains(path) ? path + ".*" : path + "." + p.Name);
                    if (!Kinds.TryGetValue(child, out var kinds))
                        Kinds[child] = kinds = [];
                    kinds.Add(p.Value.ValueKind);
                    Walk(p.Value, child);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Present.Add(path + "[]");
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                        Walk(item, path + "[]");
                }
            }
        }
    }

    /// <summary>
    /// The outputs and the doc agree: the same top-level keys; every field written is documented with its JSON type;
    /// every documented field is written wherever its parent object or array is.
    /// </summary>
    private static void AssertMatchesDoc(string doc, string heading, IEnumerable<CliRunner.Result> runs, Func<string, string>? normalize = null)
    {
        var fields = DocFields(doc, heading);
        var maps = fields.Select(f => f.Path).Where(p => p.Contains(".*", StringComparison.Ordinal))
            .Select(p => p[..p.IndexOf(".*", StringComparison.Ordinal)]).ToHashSet();
        var shape = new Shape(normalize ?? (p => p), maps);
        foreach (var run in runs)
        {
            Assert.True(run.ExitCode is 0 or 1 || (run.ExitCode == 2 && run.Stdout.StartsWith('{')), run.Stderr); // lint: 2 = some file bad input
            shape.Add(run.Stdout);
        }
        var documented = fields.ToDictionary(f => f.Path);

        Assert.Equal(fields.Where(f => !f.Path.Contains('.')).Select(f => f.Path).Order(StringComparer.Ordinal),
                     shape.Kinds.Keys.Where(k => !k.Contains('.')).Order(StringComparer.Ordinal));
        foreach (var (path, kinds) in shape.Kinds)
        {
            Assert.True(documented.TryGetValue(path, out var field), $"{doc}: the output has '{path}', the doc does not list it");
            Assert.True(kinds.IsSubsetOf(field!.Kinds), $"{doc}: '{path}' is {string.Join("/", kinds)} in the output, the doc says otherwise");
        }
        foreach (var field in fields)
        {
            int dot = field.Path.LastIndexOf('.');
            var parent = dot < 0 ? "" : field.Path[..dot];
            if (shape.Present.Contains(parent))
                Assert.True(shape.Kinds.ContainsKey(field.Path), $"{doc}: documents '{field.Path}', which the output does not have");
        }
    }

    private static string Realboot(string @case, string file) => TestData.Path("realboot", @case, file);

    [Fact]
    public void Boot_JsonFields_AreDocumented()
    {
        AssertMatchesDoc("boot.md", "## Fields",
        [
            CliRunner.Run("boot", "--json"),
            CliRunner.Run("boot", Realboot("virt-arm64-3G-numa-2G-1G", "board.dtb"), "--json"),
        ]);
    }

    [Fact]
    public void Conformance_JsonFields_AreDocumented()
    {
        // One case made to fail: the first handcrafted case with its first return value changed.
        var dir = CliRunner.TempDirectory();
        string first;
        using (var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(TestData.Path("conformance", "handcrafted.jsonl.gz")), System.IO.Compression.CompressionMode.Decompress)))
            first = reader.ReadLine()!;
        var broken = Regex.Replace(first, @"""ret"":(-?\d+)", m => $"\"ret\":{int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}", RegexOptions.None, TimeSpan.FromSeconds(5));
        Assert.NotEqual(first, broken);
        var bad = Path.Combine(dir, "bad.jsonl");
        File.WriteAllText(bad, broken + "\n");
        var failing = CliRunner.Run("conformance", TestData.Path("conformance", "random.jsonl.gz"), bad, "--json");
        Assert.Equal(1, failing.ExitCode);
        using (var doc = JsonDocument.Parse(failing.Stdout))
        {
            Assert.Equal(1, doc.RootElement.GetProperty("failed").GetInt32());
            Assert.Equal("ret", doc.RootElement.GetProperty("files")[1].GetProperty("failures")[0].GetProperty("what").GetString());
        }
        AssertMatchesDoc("conformance.md", "## Fields", [failing, CliRunner.Run("conformance", TestData.Path("conformance", "random.jsonl.gz"), "--json")]);
    }

    [Fact]
    public void Script_JsonFields_AreDocumented()
    {
        var w2 = TestData.Path("bench", "W2.txt.gz");
        var plain = CliRunner.Run("script", w2, "--json");
        using (var doc = JsonDocument.Parse(plain.Stdout))
            Assert.Equal("0x00194cb6057cc324", doc.RootElement.GetProperty("checksum").GetString()); // tests/data/bench/BASELINE.md
        AssertMatchesDoc("script.md", "## Fields", [plain, CliRunner.Run("script", w2, "--json", "--tables", "--bench")]);
    }

    [Fact]
    public void Sweep_JsonFields_AreDocumented()
    {
        AssertMatchesDoc("sweep.md", "## Fields",
        [
            CliRunner.Run("sweep", "--ram", "8M,1G", "--what-if", "none", "--what-if", "crashkernel=128M", "--json"),
            CliRunner.Run("sweep", "--kernel", "debian-6.1-armmp-lpae", "--json"),
            CliRunner.Run("sweep", "--ram", "8M", "--json"),
        ]);
    }

    /// <summary>A board that makes the early scan speak: a memory block the kernel ignores, /memreserve/, crash-dump /chosen values.</summary>
    private static string ScanBoard()
    {
        var w = new FdtWriter();
        w.AddReservation(0x4800_0000, 0x10_0000);
        w.BeginNode("").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2).PropertyStrings("model", "test board");
        w.BeginNode("memory@0").PropertyStrings("device_type", "memory").PropertyCells("reg", 0, 0, 0, 0x800).EndNode();
        w.BeginNode("memory@40000000").PropertyStrings("device_type", "memory").PropertyCells("reg", 0, 0x4000_0000, 0, 0x4000_0000).EndNode();
        w.BeginNode("chosen").PropertyStrings("bootargs", "console=ttyAMA0")
            .PropertyCells("linux,elfcorehdr", 0, 0x7000_0000, 0, 0x1000)
            .PropertyCells("linux,usable-memory-range", 0, 0x6000_0000, 0, 0x1000_0000)
            .EndNode();
        w.BeginNode("cpus").PropertyCells("#address-cells", 1).PropertyCells("#size-cells", 0);
        w.BeginNode("cpu@0").PropertyStrings("device_type", "cpu").PropertyCells("reg", 0).PropertyCells("numa-node-id", 0).EndNode();
        w.EndNode();
        w.EndNode();
        var path = Path.Combine(CliRunner.TempDirectory(), "scan.dtb");
        File.WriteAllBytes(path, w.Finish());
        return path;
    }

    [Fact]
    public void Dt_JsonFields_AreDocumented()
    {
        var board = ScanBoard();
        // A node's children are nodes of the same shape: node.children[].x is documented as node.x.
        AssertMatchesDoc("dt.md", "## Fields",
        [
            CliRunner.Run("dt", Realboot("virt-arm64-1G-memreserve", "board.dtb"), "--json"),
            CliRunner.Run("dt", Realboot("virt-arm64-1G-reserved-memory", "board.dtb"), "/reserved-memory", "--json"),
            CliRunner.Run("dt", board, "--json"),
        ], p => p.Replace(".children[]", "", StringComparison.Ordinal));
        var scans = new[]
        {
            CliRunner.Run("dt", Realboot("virt-arm64-1G-reserved-memory", "board.dtb"), "--memory", "--json"),
            CliRunner.Run("dt", Realboot("virt-arm64-2G-uefi-dt", "board.dtb"), "--memory", "--json"),
            CliRunner.Run("dt", Realboot("virt-armhf-2G-highmem", "board.dtb"), "--memory", "--arch", "arm32-lpae", "--json"),
            CliRunner.Run("dt", board, "--memory", "--json"),
        };
        using (var doc = JsonDocument.Parse(scans[^1].Stdout))
        {
            Assert.NotEqual(0, doc.RootElement.GetProperty("diagnostics").GetArrayLength());
            Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("chosen").GetProperty("elfcorehdr").ValueKind);
        }
        AssertMatchesDoc("dt.md", "## Fields with --memory", scans);
    }

    [Fact]
    public void Lint_JsonFields_AreDocumented()
    {
        AssertMatchesDoc("lint.md", "## Fields",
        [
            CliRunner.Run("lint", TestData.Path("dtbs", "arm64", "amlogic"), "--json"),
            CliRunner.Run("lint", TestData.Path("dtbs", "dtc-tests", "truncated_memrsv.dtb"), "--json"),
        ]);
    }

    [Fact]
    public void Replay_JsonFields_AreDocumented()
    {
        AssertMatchesDoc("replay.md", "## Fields",
        [
            CliRunner.Run("replay", Realboot("virt-arm64-1G", "kernel-log-full.txt"), "--dtb", Realboot("virt-arm64-1G", "board.dtb"), "--json"),
            CliRunner.Run("replay", Realboot("virt-arm64-1G", "dmesg.txt"), "--json"),
        ]);
    }
}
