namespace MemblockSharp.Boot.Sweep;

/// <summary>A finished sweep: one row per grid point in the grid's order, the panels, the categories and the speed.</summary>
public sealed class SweepResult
{
    internal SweepResult(SweepGrid grid, SweepInput input, IReadOnlyList<SweepRow> rows, TimeSpan elapsed, int threads)
    {
        Grid = grid;
        Title = input.Title;
        Rows = rows;
        Elapsed = elapsed;
        Threads = threads;
        var panels = new List<SweepPanel>(grid.PanelCount);
        for (int p = 0; p < grid.PanelCount; p++)
        {
            var first = grid.Point(p * grid.PointsPerPanel);
            panels.Add(new SweepPanel(p, first.Kernel.Name, first.Parameters.Text));
        }
        Panels = panels;
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in rows)
        {
            foreach (var cost in row.Costs)
            {
                if (!seen.TryGetValue(cost.Category, out long total))
                    order.Add(cost.Category);
                seen[cost.Category] = total + cost.Bytes;
            }
        }
        Categories = order;
        CategoriesBySize = [.. order.OrderByDescending(c => seen[c]).ThenBy(c => order.IndexOf(c))];
    }

    /// <summary>The grid that was run.</summary>
    public SweepGrid Grid { get; }

    /// <summary>What was booted.</summary>
    public string Title { get; }

    /// <summary>One row per point, in the grid's order.</summary>
    public IReadOnlyList<SweepRow> Rows { get; }

    /// <summary>The (kernel, parameter set) pairs in order.</summary>
    public IReadOnlyList<SweepPanel> Panels { get; }

    /// <summary>Every category any boot spent memory on, in the order first seen (rows in order, each row's costs in order).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The same categories, the largest over the whole sweep first.</summary>
    public IReadOnlyList<string> CategoriesBySize { get; }

    /// <summary>The wall time of the boots.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The threads the boots ran on.</summary>
    public int Threads { get; }

    /// <summary>The boots that failed.</summary>
    public int Failed => Rows.Count(r => !r.Booted);

    /// <summary>True when no boot got to the hand-off.</summary>
    public bool AllFailed => Rows.Count > 0 && Failed == Rows.Count;

    /// <summary>Boots per second of wall time.</summary>
    public double BootsPerSecond => Elapsed.TotalSeconds > 0 ? Rows.Count / Elapsed.TotalSeconds : 0;

    /// <summary>The rows of one panel, in RAM order.</summary>
    /// <param name="panel">The panel's index.</param>
    /// <returns>The rows.</returns>
    public IEnumerable<SweepRow> RowsOf(int panel) => Rows.Skip(panel * Grid.PointsPerPanel).Take(Grid.PointsPerPanel);
}

/// <summary>One (kernel, parameter set) pair of a sweep: a panel of the plot.</summary>
/// <param name="Index">The panel's index.</param>
/// <param name="Kernel">The kernel profile's name.</param>
/// <param name="Parameters">The parameter set's text.</param>
public sealed record SweepPanel(int Index, string Kernel, string Parameters);
