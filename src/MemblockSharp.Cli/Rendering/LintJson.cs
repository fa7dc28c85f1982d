using System.Text.Json;
using MemblockSharp.Boot.Lint;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The JSON form of <c>memblock lint --json</c>; the schema is documented in <c>docs/json/lint.md</c>.</summary>
public static class LintJson
{
    /// <summary>Writes the run as one indented JSON object followed by a newline.</summary>
    /// <param name="w">The output.</param>
    /// <param name="run">The run.</param>
    public static void Write(TextWriter w, LintRun run)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("kernel", run.Kernel);
            j.WriteStartArray("files");
            foreach (var f in run.Files)
            {
                j.WriteStartObject();
                j.WriteString("path", f.Path);
                if (f.Report is not { } r)
                {
                    j.WriteString("status", "bad-input");
                    j.WriteString("error", f.Error);
                    j.WriteEndObject();
                    continue;
                }
                j.WriteString("status", "ok");
                j.WriteNumber("errors", r.Errors);
                j.WriteNumber("warnings", r.Warnings);
                j.WriteNumber("infos", r.Infos);
                j.WriteStartArray("findings");
                foreach (var x in r.Findings)
                {
                    j.WriteStartObject();
                    j.WriteString("id", x.Id);
                    j.WriteString("severity", LintText.Severity(x.Severity));
                    j.WriteString("node", x.NodePath);
                    j.WriteString("message", x.Message);
                    j.WriteString("prevents", x.Prevents);
                    j.WriteEndObject();
                }
                j.WriteEndArray();
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartObject("totals");
            j.WriteNumber("files", run.Files.Count);
            j.WriteNumber("bad_input", run.BadInput);
            j.WriteNumber("errors", run.Errors);
            j.WriteNumber("warnings", run.Warnings);
            j.WriteNumber("infos", run.Infos);
            j.WriteStartObject("by_rule");
            foreach (var c in run.ByRule)
            {
                j.WriteStartObject(c.Rule.Id);
                j.WriteNumber("errors", c.Errors);
                j.WriteNumber("warnings", c.Warnings);
                j.WriteNumber("infos", c.Infos);
                j.WriteNumber("files", c.Files);
                j.WriteEndObject();
            }
            j.WriteEndObject();
            j.WriteEndObject();
            j.WriteNumber("exit_code", run.ExitCode);
            j.WriteStartArray("rules");
            foreach (var rule in LintRules.All)
            {
                j.WriteStartObject();
                j.WriteString("id", rule.Id);
                j.WriteString("severity", LintText.Severity(rule.Severity));
                j.WriteString("title", rule.Title);
                j.WriteString("prevents", rule.Prevents);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteEndObject();
        }
        w.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        w.Write('\n');
    }
}
