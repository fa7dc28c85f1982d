using System.IO.Compression;

namespace MemblockSharp.Cli;

/// <summary>
/// Opens the inputs of the commands: text (transparently un-gzipping <c>.gz</c> files) and binary blobs, each refused
/// early, with a message naming the file, when it is larger than any real input of its kind can be.
/// </summary>
public static class InputFiles
{
    /// <summary>The largest text input (op script, conformance vectors, System.map, .config, EFI log) after decompression: 256 MiB, ten times the largest real one.</summary>
    public const long MaxTextBytes = 256L << 20;

    /// <summary>The largest DTB file: 64 MiB (Linux maps at most 2 MiB of device tree on arm64; the format itself stops at 2^31 - 1 bytes).</summary>
    public const long MaxDtbBytes = 64L << 20;

    /// <summary>Opens <paramref name="path"/> as UTF-8 text; a name ending in <c>.gz</c> is decompressed on the fly.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest (decompressed) size accepted.</param>
    /// <returns>A reader whose reads throw <see cref="FormatException"/> (naming the file) past <paramref name="maxBytes"/> or on a corrupt gzip stream.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static TextReader OpenText(string path, long maxBytes = MaxTextBytes)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file");
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            stream = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(new BoundedStream(stream, path, maxBytes));
    }

    /// <summary>Reads a whole binary file after checking its size.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest size accepted.</param>
    /// <param name="what">What the file should be, for the message ("device tree blob").</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is larger than <paramref name="maxBytes"/>.</exception>
    public static byte[] ReadBytes(string path, long maxBytes, string what)
    {
        CheckSize(path, maxBytes, what);
        return File.ReadAllBytes(path);
    }

    /// <summary>Reads a whole text file (plain or .gz) after checking its size.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest (decompressed) size accepted.</param>
    /// <returns>The text.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is larger than <paramref name="maxBytes"/> or a corrupt gzip stream.</exception>
    public static string ReadText(string path, long maxBytes = MaxTextBytes)
    {
        using var reader = OpenText(path, maxBytes);
        return reader.ReadToEnd();
    }

    /// <summary>Refuses a file that does not exist or is larger than <paramref name="maxBytes"/>, before anything reads it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest size accepted.</param>
    /// <param name="what">What the file should be, for the message.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is larger than <paramref name="maxBytes"/>.</exception>
    public static void CheckSize(string path, long maxBytes, string what)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"{path}: no such file");
        if (info.Length > maxBytes)
            throw new FormatException($"{path}: {info.Length} bytes is larger than any {what} this tool reads ({maxBytes} bytes)");
    }

    /// <summary>A read-only stream that fails, naming its file, past a byte limit or when the gzip data under it is corrupt.</summary>
    private sealed class BoundedStream(Stream inner, string path, long maxBytes) : Stream
    {
        /// <summary>Bytes handed out so far.</summary>
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try
            {
                n = inner.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw new FormatException($"{path}: not a valid gzip file after {_read} decompressed bytes ({ex.Message})", ex);
            }
            _read += n;
            if (_read > maxBytes)
                throw new FormatException($"{path}: larger than any input of its kind this tool reads ({maxBytes} bytes)");
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Reads a kernel log's bytes, decompressing a <c>.gz</c>, refusing anything larger than a kernel log can be.</summary>
    /// <param name="path">The log file.</param>
    /// <returns>The (decompressed) bytes.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The (decompressed) log is larger than <see cref="Boot.KernelLog.KernelLogReader.MaxLogBytes"/>.</exception>
    public static byte[] ReadLogBytes(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file");
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > Boot.KernelLog.KernelLogReader.MaxLogBytes)
                throw new FormatException($"{path}: larger than any kernel log this tool reads ({Boot.KernelLog.KernelLogReader.MaxLogBytes} bytes)");
        }
        return buffer.ToArray();
    }
}
