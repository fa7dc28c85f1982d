namespace MemblockSharp.Testing;

/// <summary>Finds the files under <c>tests/data/</c> of this repository, wherever the tests run from.</summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The absolute path of <c>tests/data</c>.</summary>
    public static string Directory => Root.Value;

    /// <summary>The absolute path of a file or folder under <c>tests/data</c>.</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root.Value, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MemblockSharp.slnx")))
                return System.IO.Path.Combine(dir.FullName, "tests", "data");
        }
        throw new InvalidOperationException("tests/data not found above " + AppContext.BaseDirectory);
    }
}
