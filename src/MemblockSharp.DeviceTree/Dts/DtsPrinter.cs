using System.Buffers.Binary;
using System.Text;

namespace MemblockSharp.DeviceTree;

/// <summary>
/// Prints a tree as DTS text exactly as <c>dtc -I dtb -O dts</c> (dtc 1.6.1) prints it: the value type of
/// each property is guessed from its bytes (string, 32-bit cells, or bytes), string lists print as
/// <c>"a\0b"</c>, cells as <c>&lt;0x..&gt;</c>, reservations as <c>/memreserve/</c> lines with 16 hex digits,
/// one tab per level. Printing walks the tree with an explicit stack.
/// </summary>
public static class DtsPrinter
{
    /// <summary>Prints the whole tree, header line and reservations included.</summary>
    /// <param name="tree">The tree.</param>
    /// <returns>The DTS text (LF line ends).</returns>
    public static string Print(FlattenedDeviceTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var sb = new StringBuilder(tree.Blob.Length * 2);
        sb.Append("/dts-v1/;\n\n");
        foreach (var r in tree.MemoryReservations)
            sb.Append("/memreserve/\t0x").Append(r.Address.ToString("x16")).Append(" 0x").Append(r.Size.ToString("x16")).Append(";\n");
        AppendNode(sb, tree.Root);
        return sb.ToString();
    }

    /// <summary>Prints one node and its subtree at the outer level, as it would appear inside a full print.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The DTS text of the node block.</returns>
    public static string Print(DeviceTreeNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var sb = new StringBuilder();
        AppendNode(sb, node);
        return sb.ToString();
    }

    /// <summary>Formats one property line body: <c>name = value;</c> or <c>name;</c> for an empty value.</summary>
    /// <param name="property">The property.</param>
    /// <returns>The text without indentation or line end.</returns>
    public static string FormatProperty(DeviceTreeProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var sb = new StringBuilder();
        AppendProperty(sb, property.Name, property.Value.Span);
        return sb.ToString();
    }

    private static void AppendNode(StringBuilder sb, DeviceTreeNode top)
    {
        var baseDepth = top.Depth;
        var stack = new Stack<(DeviceTreeNode Node, int NextChild)>();
        Open(sb, top, 0);
        stack.Push((top, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var level = node.Depth - baseDepth;
            if (next < node.Children.Count)
            {
                stack.Push((node, next + 1));
                var child = node.Children[next];
                sb.Append('\n');
                Open(sb, child, level + 1);
                stack.Push((child, 0));
                continue;
            }
            sb.Append('\t', level).Append("};\n");
        }
    }

    private static void Open(StringBuilder sb, DeviceTreeNode node, int level)
    {
        sb.Append('\t', level).Append(node.Name.Length > 0 ? node.Name : "/").Append(" {\n");
        var redundantName = RedundantNameProperty(node);
        foreach (var p in node.Properties)
        {
            if (ReferenceEquals(p, redundantName))
                continue;
            sb.Append('\t', level + 1);
            AppendProperty(sb, p.Name, p.Value.Span);
            sb.Append('\n');
        }
    }

    /// <summary>
    /// dtc's "name_properties" check deletes the first <c>name</c> property (as pre-v16 blobs carry) when it
    /// repeats the node's base name, so it never prints; a differing one stays.
    /// </summary>
    private static DeviceTreeProperty? RedundantNameProperty(DeviceTreeNode node)
    {
        var name = node.GetProperty("name");
        if (name is null)
            return null;
        var baseName = node.BaseName;
        var value = name.Value.Span;
        if (value.Length != baseName.Length + 1)
            return null;
        for (var i = 0; i < baseName.Length; i++)
        {
            if (value[i] != baseName[i])
                return null;
        }
        return name;
    }

    private enum ValueType { String, Cells, Bytes }

    private static void AppendProperty(StringBuilder sb, string name, ReadOnlySpan<byte> value)
    {
        sb.Append(name);
        if (value.IsEmpty)
        {
            sb.Append(';');
            return;
        }
        sb.Append(" = ");
        switch (Guess(value))
        {
            case ValueType.String:
                AppendString(sb, value);
                break;
            case ValueType.Cells:
                sb.Append('<');
                for (var i = 0; i < value.Length; i += 4)
                {
                    if (i > 0)
                        sb.Append(' ');
                    sb.Append("0x").Append(BinaryPrimitives.ReadUInt32BigEndian(value.Slice(i, 4)).ToString("x2"));
                }
                sb.Append('>');
                break;
            default:
                sb.Append('[');
                for (var i = 0; i < value.Length; i++)
                {
                    if (i > 0)
                        sb.Append(' ');
                    sb.Append(value[i].ToString("x2"));
                }
                sb.Append(']');
                break;
        }
        sb.Append(';');
    }

    /// <summary>dtc 1.6.1's guess: a string when NUL-terminated, all bytes printable or escapes, and NULs no more than the other bytes.</summary>
    private static ValueType Guess(ReadOnlySpan<byte> value)
    {
        int notString = 0, nuls = 0;
        foreach (var b in value)
        {
            if (!IsStringByte(b))
                notString++;
            if (b == 0)
                nuls++;
        }
        if (value[^1] == 0 && notString == 0 && nuls <= value.Length - nuls)
            return ValueType.String;
        return value.Length % 4 == 0 ? ValueType.Cells : ValueType.Bytes;
    }

    private static bool IsStringByte(byte b) => b is >= 0x20 and <= 0x7e or 0 or (>= 7 and <= 13);

    private static void AppendString(StringBuilder sb, ReadOnlySpan<byte> value)
    {
        sb.Append('"');
        foreach (var b in value[..^1])
        {
            switch (b)
            {
                case 7: sb.Append("\\a"); break;
                case 8: sb.Append("\\b"); break;
                case 9: sb.Append("\\t"); break;
                case 10: sb.Append("\\n"); break;
                case 11: sb.Append("\\v"); break;
                case 12: sb.Append("\\f"); break;
                case 13: sb.Append("\\r"); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'"': sb.Append("\\\""); break;
                case 0: sb.Append("\\0"); break;
                default:
                    if (b is >= 0x20 and <= 0x7e)
                        sb.Append((char)b);
                    else
                        sb.Append("\\x").Append(b.ToString("x2"));
                    break;
            }
        }
        sb.Append('"');
    }
}
