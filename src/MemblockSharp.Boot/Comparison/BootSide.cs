using MemblockSharp.Boot.Maps;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Comparison;

/// <summary>One side of a comparison: a simulated boot with its reservations attributed to their owners.</summary>
public sealed class BootSide
{
    private BootSide(string title, BootOptions options, BootResult result, MemoryMap map)
    {
        Title = title;
        Options = options;
        Result = result;
        Map = map;
        MemoryLine = MemoryLineFigures.Parse(result.MemoryLine);
        Reservations = Coalesce(map);
    }

    /// <summary>What was booted (the DTB's name).</summary>
    public string Title { get; }

    /// <summary>The boot's inputs.</summary>
    public BootOptions Options { get; }

    /// <summary>The boot's result (run with a trace, so that every reservation has an owner).</summary>
    public BootResult Result { get; }

    /// <summary>
    /// The memory map of the boot: every region of <c>memblock.reserved</c> at the hand-off split into owners' pieces,
    /// each with a category and a label (the <c>/reserved-memory</c> node path, or the kernel function that reserved it),
    /// as <see cref="MemoryMapBuilder.FromBoot"/> attributes them from the boot's <c>memblock=debug</c> trace.
    /// </summary>
    public MemoryMap Map { get; }

    /// <summary>
    /// Every owner's piece of <c>memblock.reserved</c> at the hand-off, by address, with touching pieces of one owner
    /// joined (a boundary between two reserved regions does not split a reservation): what the comparison pairs.
    /// </summary>
    public IReadOnlyList<MapReservation> Reservations { get; }

    /// <summary>The numbers of the <c>Memory:</c> line.</summary>
    public MemoryLineFigures MemoryLine { get; }

    /// <summary>RAM − MemTotal, in kB (what the summary calls "not in MemTotal").</summary>
    public long NotInMemTotalKb => (long)(Result.RamBytes / 1024) - (long)Result.MemTotalKb;

    /// <summary>Runs one boot (with a trace) and attributes its reservations.</summary>
    /// <param name="options">The boot's inputs.</param>
    /// <param name="title">What is booted.</param>
    /// <returns>The side.</returns>
    /// <exception cref="MemblockSharp.DeviceTree.FdtException">The DTB is malformed.</exception>
    /// <exception cref="BootInputException">The inputs cannot boot.</exception>
    public static BootSide Run(BootOptions options, string title)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(title);
        var traced = options with { Trace = true };
        var result = BootSimulator.Run(traced);
        return new BootSide(title, traced, result, MemoryMapBuilder.FromBoot(traced, result, title));
    }

    private static List<MapReservation> Coalesce(MemoryMap map)
    {
        var list = new List<MapReservation>();
        foreach (var p in map.Reservations.OrderBy(p => p.Base))
        {
            if (list.Count > 0 && list[^1] is var last && last.End == p.Base && last.Category == p.Category && last.Label == p.Label)
                list[^1] = last with { Size = last.Size + p.Size };
            else
                list.Add(p);
        }
        return list;
    }
}
