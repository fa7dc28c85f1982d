using System.Buffers.Binary;
using System.Text;

namespace MemblockSharp.Fuzz;

/// <summary>
/// The mutations of the loop: bit flips, byte sets, interesting 8/16/32/64-bit values (both byte orders), inserts,
/// deletes, block copies, splices with another corpus entry, dictionary tokens and, for text inputs, line-level edits
/// (drop, duplicate, swap lines, replace a number). Several mutations are stacked per input, as AFL's havoc stage does.
/// </summary>
internal sealed class Mutator(Random random, int maxLength, bool text, IReadOnlyList<byte[]> dictionary)
{
    private static readonly long[] Interesting =
    [
        0, 1, -1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 100, 127, 128, 255, 256, 512, 1000, 1024, 4095, 4096,
        32767, 32768, 65535, 65536, 0x7fffffff, 0x80000000, 0xffffffffL, 0x100000000L, 0x7fffffffffffffffL, long.MinValue,
        0x40000000, 0xd00dfeedL,
    ];

    private static readonly string[] TextNumbers =
    [
        "0", "1", "-1", "0x0", "0x1", "0xffffffffffffffff", "0x8000000000000000", "0x7fffffffffffffff", "0xfffffffffffff000",
        "0x100000000", "0x40000000", "99999999999999999999", "4294967295", "4294967296", "2147483648", "-2147483649",
        "0x", "", "00000000000000000000000000000000000001", "1e309", "NaN", "18446744073709551616",
    ];

    /// <summary>Returns a mutated copy of <paramref name="input"/>.</summary>
    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus)
    {
        var data = new List<byte>(input);
        int stack = 1 << random.Next(0, 5);
        for (int i = 0; i < stack; i++)
            MutateOnce(data, corpus);
        if (data.Count > maxLength)
            data.RemoveRange(maxLength, data.Count - maxLength);
        return data.ToArray();
    }

    private void MutateOnce(List<byte> data, IReadOnlyList<byte[]> corpus)
    {
        int choice = random.Next(text ? 16 : 12);
        if (data.Count == 0 && choice < 8)
            choice = 8;
        switch (choice)
        {
            case 0: // bit flip
                {
                    int at = random.Next(data.Count);
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                }
            case 1: // random byte
                data[random.Next(data.Count)] = (byte)random.Next(256);
                break;
            case 2: // interesting 8-bit
                data[random.Next(data.Count)] = (byte)Interesting[random.Next(Interesting.Length)];
                break;
            case 3: // interesting 16/32/64-bit, either byte order (big-endian is the FDT's)
            case 4:
                {
                    int width = 2 << random.Next(3);
                    if (data.Count < width)
                        break;
                    int at = random.Next(data.Count - width + 1);
                    at &= ~(random.Next(2) == 0 ? 3 : 0); // often word-aligned, as FDT fields are
                    if (at + width > data.Count)
                        break;
                    Span<byte> buffer = stackalloc byte[8];
                    long value = Interesting[random.Next(Interesting.Length)];
                    if (random.Next(4) == 0)
                        value += random.Next(-35, 36);
                    if (random.Next(2) == 0)
                        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
                    else
                        BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
                    var bytes = random.Next(2) == 0 ? buffer[(8 - width)..] : buffer[..width];
                    for (int k = 0; k < width; k++)
                        data[at + k] = bytes[k];
                    break;
                }
            case 5: // arithmetic on a big-endian word
                {
                    if (data.Count < 4)
                        break;
                    int at = random.Next(data.Count - 3) & ~3;
                    uint word = (uint)(data[at] << 24 | data[at + 1] << 16 | data[at + 2] << 8 | data[at + 3]);
                    word = (uint)(word + random.Next(-64, 65));
                    data[at] = (byte)(word >> 24); data[at + 1] = (byte)(word >> 16); data[at + 2] = (byte)(word >> 8); data[at + 3] = (byte)word;
                    break;
                }
            case 6: // delete a block
                {
                    int len = BlockLength(data.Count);
                    data.RemoveRange(random.Next(data.Count - len + 1), len);
                    break;
                }
            case 7: // copy a block over another place
                {
                    int len = BlockLength(data.Count);
                    int from = random.Next(data.Count - len + 1), to = random.Next(data.Count - len + 1);
                    var block = data.GetRange(from, len);
                    for (int k = 0; k < len; k++)
                        data[to + k] = block[k];
                    break;
                }
            case 8: // insert random bytes or a repeated byte
                {
                    int len = 1 + random.Next(random.Next(2) == 0 ? 4 : 64);
                    byte fill = (byte)random.Next(256);
                    bool repeat = random.Next(2) == 0;
                    var insert = new byte[len];
                    for (int k = 0; k < len; k++)
                        insert[k] = repeat ? fill : (byte)random.Next(256);
                    data.InsertRange(random.Next(data.Count + 1), insert);
                    break;
                }
            case 9: // insert a dictionary token
            case 10:
                if (dictionary.Count > 0)
                    data.InsertRange(random.Next(data.Count + 1), dictionary[random.Next(dictionary.Count)]);
                break;
            case 11: // splice: our head with another entry's tail, or insert a block of another entry
                {
                    var other = corpus[random.Next(corpus.Count)];
                    if (other.Length == 0)
                        break;
                    int len = BlockLength(other.Length);
                    int from = random.Next(other.Length - len + 1);
                    if (random.Next(2) == 0 && data.Count > 0)
                    {
                        int cut = random.Next(data.Count);
                        data.RemoveRange(cut, data.Count - cut);
                        data.AddRange(other.AsSpan(from).ToArray());
                    }
                    else
                    {
                        data.InsertRange(random.Next(data.Count + 1), other.AsSpan(from, len).ToArray());
                    }
                    break;
                }
            default:
                MutateLines(data, choice - 12);
                break;
        }
    }

    private int BlockLength(int count)
    {
        if (count <= 1)
            return count;
        int max = random.Next(3) switch { 0 => Math.Min(count, 8), 1 => Math.Min(count, 128), _ => count };
        return 1 + random.Next(max);
    }

    /// <summary>Line-level edits for text formats: drop, duplicate, swap lines, or replace a number in a line.</summary>
    private void MutateLines(List<byte> data, int kind)
    {
        var lines = SplitLines(data);
        if (lines.Count == 0)
            return;
        int i = random.Next(lines.Count);
        switch (kind)
        {
            case 0:
                lines.RemoveAt(i);
                break;
            case 1:
                lines.Insert(random.Next(lines.Count + 1), lines[i]);
                break;
            case 2:
                {
                    int j = random.Next(lines.Count);
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    break;
                }
            default:
                lines[i] = ReplaceNumber(lines[i]);
                break;
        }
        data.Clear();
        for (int k = 0; k < lines.Count; k++)
        {
            data.AddRange(lines[k]);
            data.Add((byte)'\n');
        }
    }

    private byte[] ReplaceNumber(byte[] line)
    {
        var s = Encoding.Latin1.GetString(line);
        var starts = new List<int>();
        for (int k = 0; k < s.Length; k++)
        {
            if (char.IsAsciiHexDigit(s[k]) && (k == 0 || !char.IsAsciiLetterOrDigit(s[k - 1])))
                starts.Add(k);
        }
        if (starts.Count == 0)
            return line;
        int start = starts[random.Next(starts.Count)];
        int end = start;
        if (end + 1 < s.Length && s[end] == '0' && s[end + 1] is 'x' or 'X')
            end += 2;
        while (end < s.Length && char.IsAsciiHexDigit(s[end]))
            end++;
        string replacement = random.Next(3) == 0
            ? "0x" + ((ulong)random.NextInt64() >> random.Next(64)).ToString("x")
            : TextNumbers[random.Next(TextNumbers.Length)];
        return Encoding.Latin1.GetBytes(string.Concat(s.AsSpan(0, start), replacement, s.AsSpan(end)));
    }

    private static List<byte[]> SplitLines(List<byte> data)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int k = 0; k <= data.Count; k++)
        {
            if (k == data.Count || data[k] == (byte)'\n')
            {
                if (k > start || k < data.Count)
                    lines.Add(data.GetRange(start, k - start).ToArray());
                start = k + 1;
            }
        }
        return lines;
    }
}
