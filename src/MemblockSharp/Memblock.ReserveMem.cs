using System.Text;

namespace MemblockSharp;

// The reserve_mem= table of Linux 6.12: named blocks allocated from the command line, found again by name.
public sealed partial class Memblock
{
    /// <summary>The most entries the table holds (<c>RESERVE_MEM_MAX_ENTRIES</c>).</summary>
    public const int ReserveMemMaxEntries = 8;

    /// <summary>The size of a name field including its terminating NUL (<c>RESERVE_MEM_NAME_SIZE</c>): names have 1 to 15 bytes.</summary>
    public const int ReserveMemNameSize = 16;

    /// <summary><c>-EINVAL</c>, returned for a malformed <c>reserve_mem=</c> value.</summary>
    public const int EINVAL = -22;

    /// <summary><c>-EBUSY</c>, returned for a duplicate name or a full table.</summary>
    public const int EBUSY = -16;

    /// <summary>One named block of the table: the name as the kernel's bytes (UTF-8), and where the block is.</summary>
    /// <param name="Name">The name.</param>
    /// <param name="Start">The block's physical address.</param>
    /// <param name="Size">The block's size in bytes.</param>
    public readonly record struct ReserveMemEntry(string Name, ulong Start, ulong Size);

    private readonly List<(byte[] Name, ulong Start, ulong Size)> _reserveMem = [];

    /// <summary>The named blocks in the order they were added.</summary>
    public IReadOnlyList<ReserveMemEntry> ReserveMemTable =>
        _reserveMem.Select(e => new ReserveMemEntry(Encoding.UTF8.GetString(e.Name), e.Start, e.Size)).ToList();

    /// <summary>
    /// Handles the early parameter <c>reserve_mem=SIZE:ALIGN:NAME</c> (Linux 6.12), given the text after the <c>=</c>.
    /// SIZE and ALIGN are <c>memparse</c> numbers (decimal, octal with a leading 0, hex with 0x, each optionally followed
    /// by K, M, G, T, P or E); an ALIGN below <see cref="MemblockOptions.SmpCacheBytes"/> becomes it. NAME must have 1 to 15
    /// bytes, not all white space, and not be in the table already. The block comes from <see cref="PhysAlloc"/> in the
    /// current direction and below the current limit, and is entered in the table.
    /// </summary>
    /// <param name="parameter">The value of the parameter.</param>
    /// <returns>1 on success; <see cref="EINVAL"/> for a syntax error or a size of 0; <see cref="EBUSY"/> for a full table
    /// (8 entries, checked first) or a name in use; <see cref="ENOMEM"/> when the allocation fails.</returns>
    /// <exception cref="NotSupportedException">The instance follows Linux 6.1, which has no such parameter.</exception>
    public int ReserveMem(string parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        Rules.RequireNewApi("reserve_mem=");
        if (_reserveMem.Count >= ReserveMemMaxEntries)
            return EBUSY;

        // The kernel works on the bytes of a NUL-terminated string: an embedded NUL ends it.
        byte[] text = Encoding.UTF8.GetBytes(parameter);
        int nul = Array.IndexOf(text, (byte)0);
        if (nul >= 0)
            text = text[..nul];

        int p = 0;
        ulong size = KernelNumbers.Memparse(text, ref p);
        if (size == 0 || p == 0)
            return EINVAL;
        if (At(text, p) != ':')
            return EINVAL;
        p++;
        ulong align = KernelNumbers.Memparse(text, ref p);
        if (At(text, p) != ':')
            return EINVAL;
        if (align < Options.SmpCacheBytes)
            align = Options.SmpCacheBytes;

        byte[] name = text[(p + 1)..];
        if (name.Length == 0 || name.Length >= ReserveMemNameSize)
            return EINVAL;
        if (name.All(KernelNumbers.IsSpace))
            return EINVAL;
        if (FindReserveMem(name) >= 0)
            return EBUSY;

        ulong start = PhysAlloc(size, align, "reserve_mem");
        if (start == 0)
            return ENOMEM;
        _reserveMem.Add((name, start, size));
        return 1;
    }

    /// <summary>Looks a named block up (<c>reserve_mem_find_by_name</c>, Linux 6.12).</summary>
    /// <param name="name">The name, compared byte for byte.</param>
    /// <param name="start">The block's address when found; unchanged (0) otherwise.</param>
    /// <param name="size">The block's size when found; 0 otherwise.</param>
    /// <returns>1 when found, 0 when not.</returns>
    /// <exception cref="NotSupportedException">The instance follows Linux 6.1, which has no such function.</exception>
    public int ReserveMemFindByName(string name, out ulong start, out ulong size)
    {
        ArgumentNullException.ThrowIfNull(name);
        Rules.RequireNewApi("reserve_mem_find_by_name");
        byte[] bytes = Encoding.UTF8.GetBytes(name);
        int nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
            bytes = bytes[..nul];
        int i = FindReserveMem(bytes);
        start = i >= 0 ? _reserveMem[i].Start : 0;
        size = i >= 0 ? _reserveMem[i].Size : 0;
        return i >= 0 ? 1 : 0;
    }

    /// <summary>The index of the entry named <paramref name="name"/> (entries of size 0 never match), or -1.</summary>
    private int FindReserveMem(byte[] name)
    {
        for (int i = 0; i < _reserveMem.Count; i++)
        {
            if (_reserveMem[i].Size != 0 && _reserveMem[i].Name.AsSpan().SequenceEqual(name))
                return i;
        }
        return -1;
    }

    /// <summary>The byte at <paramref name="index"/>, or NUL past the end (the string's terminator).</summary>
    private static char At(byte[] text, int index) => index < text.Length ? (char)text[index] : '\0';
}
