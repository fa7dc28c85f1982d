using System.IO.Compression;

namespace MemblockSharp.Cli;

/// <summary>Opens the text inputs of the commands, transparently un-gzipping <c>.gz</c> files.</summary>
public static class InputFiles
{
    /// <summary>Opens <paramref name="path"/> as UTF-8 text; a name ending in <c>.gz</c> is decompressed on the fly.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static TextReader OpenText(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file");
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            stream = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(stream);
    }
}
