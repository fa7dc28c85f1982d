using System.Text.Json;

namespace MemblockSharp.Conformance;

/// <summary>
/// Reads conformance vectors (JSON Lines, one case per line, schema of the project's conformance FORMAT.md) and refuses
/// anything it does not understand: an unknown op, setup key, step key or argument is an error, never skipped.
/// </summary>
public static class ConformanceReader
{
    private static readonly HashSet<string> StepKeys = ["op", "args", "ret", "out", "warn", "memory", "reserved", "panic", "undefined"];
    private static readonly HashSet<string> CaseKeys = ["id", "family", "kernel", "setup", "steps", "comment", "flags", "source"];

    /// <summary>Parses every non-blank line of <paramref name="reader"/> into a case.</summary>
    /// <param name="reader">The text of a JSON Lines file.</param>
    /// <returns>The cases in file order.</returns>
    /// <exception cref="ConformanceFormatException">A line is not a valid case; the message gives the line number.</exception>
    public static IEnumerable<ConformanceCase> ReadAll(TextReader reader)
    {
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            yield return Parse(line, lineNumber);
        }
    }

    /// <summary>Parses one line into a case.</summary>
    /// <param name="line">The JSON text of one case.</param>
    /// <param name="lineNumber">Its 1-based line number, for messages.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ConformanceFormatException">The line is not a valid case.</exception>
    public static ConformanceCase Parse(string line, int lineNumber)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ConformanceFormatException(lineNumber, $"not valid JSON ({ex.Message})", ex);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new ConformanceFormatException(lineNumber, "a case must be a JSON object");
        foreach (var property in root.EnumerateObject())
        {
            if (!CaseKeys.Contains(property.Name))
                throw new ConformanceFormatException(lineNumber, $"unknown case key \"{property.Name}\"");
        }

        string id = RequireString(root, "id", lineNumber);
        string family = root.TryGetProperty("family", out var fam) && fam.ValueKind == JsonValueKind.String ? fam.GetString()! : "";
        string? kernel = null;
        if (root.TryGetProperty("kernel", out var k))
        {
            kernel = k.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(k.GetString())
                ? k.GetString()
                : throw new ConformanceFormatException(lineNumber, $"case {id}: \"kernel\" must be a release string such as \"6.12.118\"");
        }
        if (!root.TryGetProperty("setup", out var setup) || setup.ValueKind != JsonValueKind.Object)
            throw new ConformanceFormatException(lineNumber, $"case {id}: missing \"setup\" object");
        ConformanceSetup.Validate(setup, id, lineNumber);
        if (!root.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
            throw new ConformanceFormatException(lineNumber, $"case {id}: missing \"steps\" array");

        var list = new List<ConformanceStep>();
        int index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            if (index > 0 && list[index - 1].Panic is not null)
                throw new ConformanceFormatException(lineNumber, $"case {id} step {index}: a step follows the panic of step {index - 1} (the kernel stops there)");
            list.Add(ParseStep(step, id, index, lineNumber));
            index++;
        }
        return new ConformanceCase(id, family, lineNumber, setup, list) { Kernel = kernel };
    }

    private static ConformanceStep ParseStep(JsonElement step, string id, int index, int lineNumber)
    {
        if (step.ValueKind != JsonValueKind.Object)
            throw new ConformanceFormatException(lineNumber, $"case {id} step {index}: a step must be an object");
        foreach (var property in step.EnumerateObject())
        {
            if (!StepKeys.Contains(property.Name))
                throw new ConformanceFormatException(lineNumber, $"case {id} step {index}: unknown step key \"{property.Name}\"");
        }
        string op = RequireString(step, "op", lineNumber);
        if (!ConformanceOps.IsKnown(op))
            throw new ConformanceFormatException(lineNumber, $"case {id} step {index}: unknown op \"{op}\"");
        var args = step.TryGetProperty("args", out var a) ? a : default;
        if (args.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
            throw new ConformanceFormatException(lineNumber, $"case {id} step {index}: \"args\" must be an object");
        ConformanceOps.ValidateArgs(op, args, message => new ConformanceFormatException(lineNumber, $"case {id} step {index} ({op}): {message}"));
        if (!step.TryGetProperty("ret", out var ret))
            throw new ConformanceFormatException(lineNumber, $"case {id} step {index} ({op}): missing \"ret\"");
        JsonElement? Optional(string name) => step.TryGetProperty(name, out var v) ? v : null;
        string? OptionalText(string name)
        {
            if (!step.TryGetProperty(name, out var v))
                return null;
            if (v.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(v.GetString()))
                throw new ConformanceFormatException(lineNumber, $"case {id} step {index} ({op}): \"{name}\" must be a non-empty string");
            if (ret.ValueKind != JsonValueKind.Null)
                throw new ConformanceFormatException(lineNumber, $"case {id} step {index} ({op}): a step with \"{name}\" must have \"ret\": null");
            return v.GetString();
        }
        return new ConformanceStep(op, args, ret, Optional("out"), Optional("memory"), Optional("reserved"))
        {
            Panic = OptionalText("panic"),
            Undefined = OptionalText("undefined"),
        };
    }

    private static string RequireString(JsonElement obj, string name, int lineNumber) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ConformanceFormatException(lineNumber, $"missing string \"{name}\"");
}
