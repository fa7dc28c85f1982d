using MemblockSharp.Boot.Parameters;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.Parameters;

/// <summary>
/// docs/parameters.md is the long form of <see cref="KernelParameters"/>: its table between the catalogue markers lists
/// exactly the catalogue's names, with the same status per architecture, and says how each modelled one is checked.
/// </summary>
public sealed class ParameterCatalogueDocTests
{
    private sealed record DocRow(string Name, ParameterStatus Arm64, ParameterStatus Arm, string CheckedBy);

    private static string DocPath => Path.GetFullPath(Path.Combine(TestData.Directory, "..", "..", "docs", "parameters.md"));

    private static ParameterStatus Status(string cell, string name) => cell.Trim() switch
    {
        "modelled" => ParameterStatus.Modelled,
        "not modelled" => ParameterStatus.NotModelled,
        "no memory effect" => ParameterStatus.NoMemoryEffect,
        var other => throw new FormatException($"docs/parameters.md, row `{name}`: unknown status '{other}'"),
    };

    // The cells of a Markdown table row; "\|" inside a cell is text, not a separator.
    private static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        for (int i = 1; i < row.Length; i++)
        {
            if (row[i] == '\\' && i + 1 < row.Length && row[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (row[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(row[i]);
            }
        }
        return cells;
    }

    private static List<DocRow> Rows()
    {
        var lines = File.ReadAllLines(DocPath);
        int start = Array.IndexOf(lines, "<!-- catalogue:start -->"), end = Array.IndexOf(lines, "<!-- catalogue:end -->");
        Assert.True(start >= 0 && end > start, "docs/parameters.md has no catalogue markers");
        var rows = new List<DocRow>();
        foreach (var line in lines[(start + 1)..end])
        {
            if (!line.StartsWith("| `", StringComparison.Ordinal))
                continue;
            var cells = Cells(line);
            Assert.True(cells.Count >= 7, $"docs/parameters.md: row has {cells.Count} cells: {line}");
            string name = cells[0].Trim('`');
            rows.Add(new DocRow(name, Status(cells[1], name), Status(cells[2], name), cells[6]));
        }
        return rows;
    }

    [Fact]
    public void DocTable_ListsExactlyTheCatalogue_WithTheSameStatuses()
    {
        var rows = Rows();
        Assert.Equal(rows.Count, rows.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());
        var doc = rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var code = KernelParameters.All.ToDictionary(p => p.Name, StringComparer.Ordinal);
        Assert.Equal(code.Keys.Order(StringComparer.Ordinal), doc.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, p) in code)
        {
            Assert.True(doc[name].Arm64 == p.Arm64, $"`{name}` on arm64: doc says {doc[name].Arm64}, the catalogue {p.Arm64}");
            Assert.True(doc[name].Arm == p.Arm, $"`{name}` on arm: doc says {doc[name].Arm}, the catalogue {p.Arm}");
        }
    }

    [Fact]
    public void EveryModelledParameter_NamesItsTests_AndEveryUnmodelledOneWarns()
    {
        foreach (var row in Rows())
        {
            bool modelled = row.Arm64 == ParameterStatus.Modelled || row.Arm == ParameterStatus.Modelled;
            bool notModelled = row.Arm64 == ParameterStatus.NotModelled || row.Arm == ParameterStatus.NotModelled;
            if (modelled)
                Assert.True(row.CheckedBy.Contains("Tests", StringComparison.Ordinal) || row.CheckedBy.Contains("real boot", StringComparison.Ordinal),
                    $"`{row.Name}` is modelled but its row names no test: '{row.CheckedBy}'");
            else if (notModelled)
                Assert.Contains("warning", row.CheckedBy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Catalogue_EntriesAreWhole()
    {
        foreach (var p in KernelParameters.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Changes), p.Name);
            Assert.DoesNotContain('=', p.Name);
            Assert.Same(p, KernelParameters.Find(p.Name));
        }
    }

    [Theory]
    [InlineData("swiotlb=65536", KernelArch.Arm, true)]
    [InlineData("swiotlb=65536", KernelArch.Arm64, false)]
    [InlineData("efi=debug", KernelArch.Arm64, false)]
    [InlineData("acpi=off", KernelArch.Arm64, false)]
    [InlineData("acpi=force", KernelArch.Arm64, true)]
    [InlineData("acpi=force", KernelArch.Arm, false)]
    [InlineData("kvm-arm.mode=nvhe", KernelArch.Arm64, false)]
    [InlineData("kvm-arm.mode=protected", KernelArch.Arm64, true)]
    [InlineData("initrd=/boot/initrd.img", KernelArch.Arm64, false)]
    [InlineData("initrd=0x48000000,8M", KernelArch.Arm64, true)]
    [InlineData("hashdist=1", KernelArch.Arm64, false)]
    [InlineData("hashdist=0", KernelArch.Arm64, true)]
    [InlineData("percpu_alloc=page", KernelArch.Arm64, true)]
    [InlineData("percpu_alloc=embed", KernelArch.Arm64, false)]
    [InlineData("coherent_pool=4M", KernelArch.Arm, false)]
    [InlineData("vmalloc=512M", KernelArch.Arm64, false)]
    [InlineData("vmalloc=512M", KernelArch.Arm, true)]
    [InlineData("mem=512M", KernelArch.Arm64, false)]
    public void NotModelled_WarnsForTheValuesThatChangeMemory(string token, KernelArch arch, bool warns)
    {
        Assert.Equal(warns, KernelParameters.NotModelled([token], arch).Any());
    }
}
