using System.Globalization;
using System.Text.RegularExpressions;

namespace MemblockSharp.Boot.Comparison;

/// <summary>
/// The numbers of the kernel's <c>Memory: 98324K/1048576K available (13248K kernel code, ..., 73472K reserved,
/// 65536K cma-reserved)</c> line (<c>mem_init_print_info</c>), in kB.
/// </summary>
/// <param name="AvailableKb">The first number: free pages when the line is printed.</param>
/// <param name="TotalKb">The second number: the pages of RAM the kernel knows of (<c>physpages</c>).</param>
/// <param name="Parts">The parenthesised figures in the kernel's order, by name (<c>kernel code</c>, <c>rwdata</c>, <c>rodata</c>, <c>init</c>, <c>bss</c>, <c>reserved</c>, <c>cma-reserved</c>, <c>highmem</c>).</param>
public sealed partial record MemoryLineFigures(ulong AvailableKb, ulong TotalKb, IReadOnlyList<(string Name, ulong Kb)> Parts)
{
    /// <summary>The <c>reserved</c> figure (0 when absent).</summary>
    public ulong ReservedKb => Part("reserved") ?? 0;

    /// <summary>The <c>cma-reserved</c> figure (0 when absent).</summary>
    public ulong CmaReservedKb => Part("cma-reserved") ?? 0;

    /// <summary>A parenthesised figure by name, or null when the line has none.</summary>
    /// <param name="name">The figure's name as the kernel prints it.</param>
    /// <returns>The figure in kB, or null.</returns>
    public ulong? Part(string name) => Parts.Where(p => p.Name == name).Select(p => (ulong?)p.Kb).FirstOrDefault();

    /// <summary>Reads the text of the line after <c>Memory: </c> (<see cref="Simulation.BootResult.MemoryLine"/>).</summary>
    /// <param name="line">The line, with or without the <c>Memory: </c> prefix.</param>
    /// <returns>The figures.</returns>
    /// <exception cref="FormatException">The line is not in the kernel's form.</exception>
    public static MemoryLineFigures Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var m = LineForm().Match(line);
        if (!m.Success)
            throw new FormatException($"Memory: line '{line}' is not in the kernel's form 'AK/BK available (...)'");
        var parts = new List<(string, ulong)>();
        foreach (var part in m.Groups[3].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            var p = PartForm().Match(part);
            if (!p.Success)
                throw new FormatException($"Memory: line '{line}': figure '{part}' is not 'NK name'");
            parts.Add((p.Groups[2].Value, Kb(p.Groups[1].Value)));
        }
        return new MemoryLineFigures(Kb(m.Groups[1].Value), Kb(m.Groups[2].Value), parts);
    }

    private static ulong Kb(string digits) => ulong.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:Memory: )?(\d+)K/(\d+)K available \((.*)\)$")]
    private static partial Regex LineForm();

    [GeneratedRegex(@"^(\d+)K ([a-z][a-z -]*)$")]
    private static partial Regex PartForm();
}
