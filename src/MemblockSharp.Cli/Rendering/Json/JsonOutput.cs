using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MemblockSharp.Cli.Rendering.Json;

/// <summary>
/// The one way every command writes JSON: a record serialized through the source-generated <see cref="CliJsonContext"/>
/// (snake_case names, two-space indentation, nulls written), with one escaping policy for every document: only what
/// JSON requires is escaped (<c>"</c>, <c>\</c>, control characters), so kernel text such as <c>func+0x1c/0x40</c> or
/// <c>'Runtime Code'</c> reads as printed. The output is always UTF-8 text and ends in one newline.
/// </summary>
internal static class JsonOutput
{
    private static readonly CliJsonContext Context = new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // A device tree nests up to FdtReaderOptions.MaxDepth (256) nodes, two JSON levels each in `dt --json`.
        MaxDepth = 1024,
    });

    /// <summary>The serializer metadata for every document type, bound to the one set of options.</summary>
    public static CliJsonContext Types => Context;

    /// <summary>The document as indented JSON followed by a newline.</summary>
    /// <typeparam name="T">The document's record type.</typeparam>
    /// <param name="document">The document.</param>
    /// <param name="type">Its metadata from <see cref="Types"/>.</param>
    /// <returns>The text.</returns>
    public static string Render<T>(T document, JsonTypeInfo<T> type) => JsonSerializer.Serialize(document, type) + "\n";

    /// <summary>Writes the document as indented JSON followed by a newline.</summary>
    /// <typeparam name="T">The document's record type.</typeparam>
    /// <param name="w">The output.</param>
    /// <param name="document">The document.</param>
    /// <param name="type">Its metadata from <see cref="Types"/>.</param>
    public static void Write<T>(TextWriter w, T document, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Write(Render(document, type));
    }
}
