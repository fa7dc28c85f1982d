using System.Text.Json;
using System.Text.RegularExpressions;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Commands;

/// <summary>
/// The JSON of <c>memblock diff</c> and <c>memblock boot --what-if</c> has exactly the fields docs/json/diff.md lists
/// ("Fields"), with the documented types; runs that make every kind of member appear (null sides, memory changes).
/// </summary>
public sealed partial class DiffJsonFieldsTests
{
    [GeneratedRegex(@"^\| `([^`]+)` \| ([^|]*) \|")]
    private static partial Regex FieldRow();

    private static string Case(string @case, string file) => TestData.Path("realboot", @case, file);

    /// <summary>(path, JSON kinds) of every row of the Fields table.</summary>
    private static Dictionary<string, HashSet<JsonValueKind>> DocFields()
    {
        var file = Path.GetFullPath(Path.Combine(TestData.Directory, "..", "..", "docs", "json", "diff.md"));
        var lines = File.ReadAllLines(file);
        int start = Array.IndexOf(lines, "## Fields");
        Assert.True(start >= 0, "diff.md has no '## Fields' section");
        var fields = new Dictionary<string, HashSet<JsonValueKind>>();
        foreach (var m in lines.Skip(start + 1).Select(l => FieldRow().Match(l)).Where(m => m.Success))
        {
            fields[m.Groups[1].Value] = m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w != "or")
                .SelectMany(w => w switch
                {
                    "string" => new[] { JsonValueKind.String },
                    "number" => [JsonValueKind.Number],
                    "array" => [JsonValueKind.Array],
                    "object" => [JsonValueKind.Object],
                    "null" => [JsonValueKind.Null],
                    "boolean" => [JsonValueKind.True, JsonValueKind.False],
                    _ => throw new InvalidDataException($"diff.md: field {m.Groups[1].Value}: unknown type '{w}'"),
                }).ToHashSet();
        }
        Assert.NotEmpty(fields);
        return fields;
    }

    /// <summary>Every member path (<c>a.b</c>, <c>a[].b</c>, maps as <c>a.*</c>) with the kinds it took; <c>after</c> is read as <c>before</c> below the top.</summary>
    private static void Walk(JsonElement e, string path, Dictionary<string, HashSet<JsonValueKind>> seen)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                string child = path.Length == 0 ? p.Name : path.EndsWith("memory_figures_kb", StringComparison.Ordinal) ? path + ".*" : path + "." + p.Name;
                if (child.StartsWith("after.", StringComparison.Ordinal))
                    child = "before." + child["after.".Length..];
                if (!seen.TryGetValue(child, out var kinds))
                    seen[child] = kinds = [];
                kinds.Add(p.Value.ValueKind);
                Walk(p.Value, child, seen);
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
                Walk(item, path + "[]", seen);
        }
    }

    [Fact]
    public void DiffAndWhatIf_JsonFields_AreExactlyTheDocumentedOnes()
    {
        var runs = new[]
        {
            CliRunner.Run("boot", Case("virt-arm64-1G", "board.dtb"), "--what-if", "crashkernel=128M -earlycon", "--json"),        // appeared
            CliRunner.Run("diff", Case("virt-arm64-1G", "board.dtb"), Case("virt-arm64-1G-reserved-memory", "board.dtb"), "--json"), // vanished, memory appeared
            CliRunner.Run("boot", Case("virt-arm64-2G", "board.dtb"), "--what-if", "mem=1G", "--json"),                            // memory resized
            CliRunner.Run("boot", Case("virt-arm64-2G", "board.dtb"), "--what-if", "kernelcore=mirror", "--json"),                   // not exact after
        };
        var seen = new Dictionary<string, HashSet<JsonValueKind>>();
        foreach (var r in runs)
        {
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Stdout);
            Walk(doc.RootElement, "", seen);
        }
        var documented = DocFields();
        foreach (var (path, kinds) in seen)
        {
            Assert.True(documented.TryGetValue(path, out var doc), $"the output has '{path}', diff.md does not list it");
            Assert.True(kinds.IsSubsetOf(doc!), $"'{path}' is {string.Join("/", kinds)} in the output, diff.md says {string.Join("/", doc!)}");
        }
        Assert.Equal(documented.Keys.Order(StringComparer.Ordinal), seen.Keys.Order(StringComparer.Ordinal));
        // Both kinds of a nullable side were seen.
        Assert.Equal([JsonValueKind.Object, JsonValueKind.Null], seen["delta.reservations[].before"].Order());
        Assert.Equal([JsonValueKind.Object, JsonValueKind.Null], seen["delta.reservations[].after"].Order());
    }
}
