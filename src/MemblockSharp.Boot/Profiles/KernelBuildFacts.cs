using MemblockSharp.Boot.Comparison;

namespace MemblockSharp.Boot.Profiles;

/// <summary>
/// The few facts of a kernel build that change memory, given without a System.map: the image's section sizes, read
/// from the <c>Memory:</c> line an earlier boot of that kernel printed (<c>11712K kernel code, 2360K rwdata, 6784K
/// rodata, 4608K init, 700K bss</c>), applied to a profile's layout; the rest of the profile (config, structure sizes,
/// version rules) stays the profile's.
/// </summary>
public static class KernelBuildFacts
{
    /// <summary>The section names of the <c>Memory:</c> line, in the kernel's order.</summary>
    public static IReadOnlyList<string> SectionNames { get; } = ["kernel code", "rwdata", "rodata", "init", "bss"];

    /// <summary>The section figures a layout prints, in kB as the kernel rounds them (<see cref="SectionNames"/> order).</summary>
    /// <param name="layout">The image layout.</param>
    /// <returns>The five figures.</returns>
    public static IReadOnlyList<ulong> SectionsKb(KernelImageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return [layout.CodeSize / 1024, layout.DataSize / 1024, layout.RodataSize / 1024, layout.InitSize / 1024, layout.BssSize / 1024];
    }

    /// <summary>The figures as the <c>Memory:</c> line prints them: <c>13248K kernel code, 2806K rwdata, ...</c>.</summary>
    /// <param name="layout">The image layout.</param>
    /// <returns>The text.</returns>
    public static string SectionsText(KernelImageLayout layout) =>
        string.Join(", ", SectionsKb(layout).Zip(SectionNames, (kb, name) => $"{kb}K {name}"));

    /// <summary>
    /// The profile with its image sections resized to those of <paramref name="memoryLine"/>: each section grows or
    /// shrinks by the difference of its kB figure, and everything linked after it moves by as much, so the image's end
    /// (what memblock reserves), the init memory freed later and the <c>Memory:</c> line follow.
    /// </summary>
    /// <param name="profile">The profile whose layout, config and rules are used.</param>
    /// <param name="memoryLine">A <c>Memory:</c> line, with or without its prefix and timestamp.</param>
    /// <returns>The profile with the new layout.</returns>
    /// <exception cref="FormatException">The line is not in the kernel's form, lacks a section figure, or cannot be fitted to the profile's layout.</exception>
    public static KernelProfile WithMemoryLine(KernelProfile profile, string memoryLine)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(memoryLine);
        string line = memoryLine.Trim();
        int at = line.IndexOf("Memory: ", StringComparison.Ordinal);
        if (at > 0)
            line = line[at..];
        MemoryLineFigures figures;
        try
        {
            figures = MemoryLineFigures.Parse(line);
        }
        catch (FormatException e)
        {
            throw new FormatException($"--memory-line: {e.Message}");
        }
        var wanted = SectionNames.Select(name => figures.Part(name)
            ?? throw new FormatException($"--memory-line: the line has no '{name}' figure (expected e.g. '11712K kernel code, 2360K rwdata, 6784K rodata, 4608K init, 700K bss')")).ToList();
        var layout = Resize(profile.Image, wanted);
        var got = SectionsKb(layout);
        if (!got.SequenceEqual(wanted))
            throw new FormatException($"--memory-line: the sections '{string.Join(", ", wanted.Zip(SectionNames, (kb, n) => $"{kb}K {n}"))}' cannot be fitted to the layout of {profile.Name} (it gives {SectionsText(layout)})");
        return profile with { Image = layout };
    }

    // Each section [start, end) changes by the difference of its figure; every symbol at or past its end moves.
    private static KernelImageLayout Resize(KernelImageLayout l, IReadOnlyList<ulong> wantedKb)
    {
        var have = SectionsKb(l);
        var ends = new (ulong End, long Delta)[]
        {
            (l.EText, Delta(0)), (l.EData, Delta(1)), (l.EndRodata, Delta(2)), (l.InitEnd, Delta(3)), (l.BssStop, Delta(4)),
        };
        ulong Move(ulong a)
        {
            if (a == 0)
                return 0;
            long shift = ends.Where(e => e.End <= a).Sum(e => e.Delta);
            return (ulong)((long)a + shift);
        }
        return l with
        {
            Text = Move(l.Text), SText = Move(l.SText), EText = Move(l.EText), StartRodata = Move(l.StartRodata), EndRodata = Move(l.EndRodata),
            InitBegin = Move(l.InitBegin), InitEnd = Move(l.InitEnd), SInitText = Move(l.SInitText), EInitText = Move(l.EInitText),
            InitTextBegin = Move(l.InitTextBegin), InitTextEnd = Move(l.InitTextEnd), InitDataBegin = Move(l.InitDataBegin), InitDataEnd = Move(l.InitDataEnd),
            SData = Move(l.SData), EData = Move(l.EData), BssStart = Move(l.BssStart), BssStop = Move(l.BssStop), End = Move(l.End),
            PerCpuStart = Move(l.PerCpuStart), PerCpuEnd = Move(l.PerCpuEnd), InitPgDir = Move(l.InitPgDir), InitPgEnd = Move(l.InitPgEnd),
            SwapperPgDir = Move(l.SwapperPgDir),
        };

        long Delta(int i) => ((long)wantedKb[i] - (long)have[i]) * 1024;
    }
}
