namespace MemblockSharp.Benchmarks;

/// <summary>Finds the repository the benchmarks run from, for the data under tests/data.</summary>
internal static class Repository
{
    /// <summary>The folder that holds MemblockSharp.slnx, searched upwards from the benchmark binary.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MemblockSharp.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
