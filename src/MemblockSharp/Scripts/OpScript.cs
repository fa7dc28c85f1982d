using System.Globalization;

namespace MemblockSharp.Scripts;

/// <summary>The kinds of line an op script holds (the bench script format).</summary>
public enum OpKind : byte
{
    /// <summary><c>resize on|off</c>.</summary>
    Resize,
    /// <summary><c>bottom_up on|off</c>.</summary>
    BottomUp,
    /// <summary><c>limit LIMIT</c>: set the current limit.</summary>
    Limit,
    /// <summary><c>add BASE SIZE [NID]</c>.</summary>
    Add,
    /// <summary><c>reserve BASE SIZE</c>.</summary>
    Reserve,
    /// <summary><c>remove BASE SIZE</c>.</summary>
    Remove,
    /// <summary><c>free BASE SIZE</c> (<c>memblock_phys_free</c>).</summary>
    Free,
    /// <summary><c>alloc SIZE ALIGN START END NID</c> (<c>memblock_alloc_range_nid</c>, not exact).</summary>
    Alloc,
}

/// <summary>One parsed op. Unused fields are 0; <see cref="HasNid"/> tells an <c>add</c> with a node from one without.</summary>
/// <param name="Kind">The op.</param>
/// <param name="A">First number (base, size, or the limit; 1/0 for on/off).</param>
/// <param name="B">Second number (size, or alignment).</param>
/// <param name="C">Third number (alloc start).</param>
/// <param name="D">Fourth number (alloc end).</param>
/// <param name="Nid">The node, for <c>add</c> with a node and <c>alloc</c>.</param>
/// <param name="HasNid">True when the line gave a node.</param>
public readonly record struct ScriptOp(OpKind Kind, ulong A, ulong B, ulong C, ulong D, int Nid, bool HasNid);

/// <summary>A bench op script, loaded whole into memory before it runs.</summary>
public sealed class OpScript
{
    private OpScript(string description, ScriptOp[] ops)
    {
        Description = description;
        Ops = ops;
        _ops = ops;
    }

    /// <summary>The ops as the array they are kept in, for the runner's loop (no enumerator on the timed path).</summary>
    private readonly ScriptOp[] _ops;

    /// <summary>The ops in order, as a span.</summary>
    internal ReadOnlySpan<ScriptOp> OpSpan => _ops;

    /// <summary>The first comment line of the script, without the <c>#</c>.</summary>
    public string Description { get; }

    /// <summary>The ops in order (comment lines are not ops).</summary>
    public IReadOnlyList<ScriptOp> Ops { get; }

    /// <summary>Parses a script.</summary>
    /// <param name="reader">The script text.</param>
    /// <returns>The loaded script.</returns>
    /// <exception cref="OpScriptFormatException">A line is not a valid op; the message gives its number.</exception>
    public static OpScript Parse(TextReader reader)
    {
        var ops = new List<ScriptOp>();
        string description = "";
        string? line;
        int lineNumber = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty)
                continue;
            if (text[0] == '#')
            {
                if (description.Length == 0)
                    description = text[1..].Trim().ToString();
                continue;
            }
            ops.Add(ParseLine(text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries), lineNumber));
        }
        return new OpScript(description, ops.ToArray());
    }

    private static ScriptOp ParseLine(string[] fields, int lineNumber)
    {
        int count = fields.Length;
        var word = fields[0];
        ulong Hex(int i) => ParseHex(fields[i], lineNumber);
        int Nid(int i) => ParseNid(fields[i], lineNumber);
        void Expect(int fields, string usage)
        {
            if (count != fields)
                throw new OpScriptFormatException(lineNumber, $"expected '{usage}'");
        }

        switch (word)
        {
            case "resize":
                Expect(2, "resize on|off");
                return new ScriptOp(OpKind.Resize, OnOff(fields[1], lineNumber), 0, 0, 0, 0, false);
            case "bottom_up":
                Expect(2, "bottom_up on|off");
                return new ScriptOp(OpKind.BottomUp, OnOff(fields[1], lineNumber), 0, 0, 0, 0, false);
            case "limit":
                Expect(2, "limit LIMIT");
                return new ScriptOp(OpKind.Limit, Hex(1), 0, 0, 0, 0, false);
            case "add":
                if (count == 4)
                    return new ScriptOp(OpKind.Add, Hex(1), Hex(2), 0, 0, Nid(3), true);
                Expect(3, "add BASE SIZE [NID]");
                return new ScriptOp(OpKind.Add, Hex(1), Hex(2), 0, 0, 0, false);
            case "reserve":
                Expect(3, "reserve BASE SIZE");
                return new ScriptOp(OpKind.Reserve, Hex(1), Hex(2), 0, 0, 0, false);
            case "remove":
                Expect(3, "remove BASE SIZE");
                return new ScriptOp(OpKind.Remove, Hex(1), Hex(2), 0, 0, 0, false);
            case "free":
                Expect(3, "free BASE SIZE");
                return new ScriptOp(OpKind.Free, Hex(1), Hex(2), 0, 0, 0, false);
            case "alloc":
                Expect(6, "alloc SIZE ALIGN START END NID");
                return new ScriptOp(OpKind.Alloc, Hex(1), Hex(2), Hex(3), Hex(4), Nid(5), true);
            default:
                throw new OpScriptFormatException(lineNumber, $"unknown op '{word}'");
        }
    }

    private static ulong OnOff(string word, int lineNumber) => word switch
    {
        "on" => 1,
        "off" => 0,
        _ => throw new OpScriptFormatException(lineNumber, $"expected 'on' or 'off', not '{word}'"),
    };

    private static ulong ParseHex(string field, int lineNumber)
    {
        if (field.Length > 2 && field.Length <= 18 && field[0] == '0' && field[1] is 'x' or 'X'
            && ulong.TryParse(field.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value))
            return value;
        throw new OpScriptFormatException(lineNumber, $"'{field}' is not a 0x-prefixed 64-bit hex number");
    }

    private static int ParseNid(string field, int lineNumber) =>
        int.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int nid) && nid >= -1
            ? nid
            : throw new OpScriptFormatException(lineNumber, $"'{field}' is not a node id (a decimal number, -1 for any)");
}

/// <summary>An op script line that does not follow the format.</summary>
public sealed class OpScriptFormatException(int lineNumber, string message) : FormatException($"line {lineNumber}: {message}")
{
    /// <summary>The 1-based line number.</summary>
    public int LineNumber { get; } = lineNumber;
}
