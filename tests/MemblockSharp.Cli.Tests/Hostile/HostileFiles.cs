using System.Buffers.Binary;
using System.IO.Compression;
using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.Cli.Tests.Hostile;

/// <summary>A scratch directory for one test's hostile inputs and the outputs that must not appear; deleted on dispose.</summary>
internal sealed class HostileFiles : IDisposable
{
    public string Dir { get; } = CliRunner.TempDirectory();

    public string Write(string name, byte[] content)
    {
        var path = System.IO.Path.Combine(Dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Write(string name, string content) => Write(name, System.Text.Encoding.UTF8.GetBytes(content));

    public string Path(string name) => System.IO.Path.Combine(Dir, name);

    /// <summary>A file of <paramref name="length"/> bytes that takes no disk space (sparse), to test the size caps.</summary>
    public string Sparse(string name, long length)
    {
        var path = Path(name);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.SetLength(length);
        return path;
    }

    public string Gzip(string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest))
            gz.Write(content);
        return Write(name, buffer.ToArray());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The files the real QEMU virt boots recorded.</summary>
    public static string Real(string @case, string file) => TestData.Path("realboot", @case, file);

    /// <summary>A real DTB with the tag of the first property of <paramref name="nodePath"/> overwritten by an unknown tag.</summary>
    public static (byte[] Blob, int TagOffset) WithUnknownTagIn(string dtbPath, string nodePath)
    {
        var blob = File.ReadAllBytes(dtbPath);
        var node = FlattenedDeviceTree.Parse(blob).FindNode(nodePath)!;
        int tag = node.Properties[0].ValueOffset - 12; // tag, length, name offset, value
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(tag), 0x0000_00ee);
        return (blob, tag);
    }

    /// <summary>Asserts the one-line "what and where" error of exit code 2 and an empty stdout.</summary>
    public static void AssertBadInput(CliRunner.Result r, params string[] parts)
    {
        Assert.Equal(2, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("memblock: error: ", lines[0], StringComparison.Ordinal);
        foreach (var part in parts)
            Assert.Contains(part, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" at MemblockSharp", r.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Asserts that no file at all was left in <paramref name="dir"/> (no output, no temporary).</summary>
    public static void AssertNoFiles(string dir, params string[] inputs)
    {
        var left = Directory.Exists(dir)
            ? Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Where(p => !inputs.Contains(p)).ToList()
            : [];
        Assert.Empty(left);
    }
}
