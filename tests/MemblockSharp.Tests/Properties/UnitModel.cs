namespace MemblockSharp.Tests.Properties;

/// <summary>
/// An independent, deliberately simple model of memblock's two tables: one cell per 256-byte unit of the first MiB,
/// saying whether the unit is memory (with its flags and node) and whether it is reserved (with its node). It knows
/// nothing of regions, merging or arrays; the property tests compare the real tables with it after every operation.
/// </summary>
internal sealed class UnitModel
{
    public const ulong Unit = 0x100;
    public const int Units = 4096;          // 1 MiB
    public const ulong Limit = Unit * Units;

    public readonly bool[] Mem = new bool[Units];
    public readonly MemblockFlags[] MemFlags = new MemblockFlags[Units];
    public readonly int[] MemNid = new int[Units];
    public readonly bool[] Res = new bool[Units];
    public readonly int[] ResNid = new int[Units];

    public static (int From, int To) Span(ulong @base, ulong size)
    {
        ulong end = Math.Min(@base + size, Limit);
        return ((int)(Math.Min(@base, Limit) / Unit), (int)(end / Unit));
    }

    /// <summary>Adds memory where there is none: true when any unit was uncovered.</summary>
    public bool AddMemory(ulong @base, ulong size, int nid, MemblockFlags flags)
    {
        bool any = false;
        var (from, to) = Span(@base, size);
        for (int u = from; u < to; u++)
        {
            if (Mem[u])
                continue;
            Mem[u] = true;
            MemFlags[u] = flags;
            MemNid[u] = nid;
            any = true;
        }
        return any;
    }

    public void RemoveMemory(ulong @base, ulong size)
    {
        var (from, to) = Span(@base, size);
        for (int u = from; u < to; u++)
            Mem[u] = false;
    }

    /// <summary>Reserves units not yet reserved: true when any was.</summary>
    public bool AddReserved(ulong @base, ulong size, int nid)
    {
        bool any = false;
        var (from, to) = Span(@base, size);
        for (int u = from; u < to; u++)
        {
            if (Res[u])
                continue;
            Res[u] = true;
            ResNid[u] = nid;
            any = true;
        }
        return any;
    }

    public void RemoveReserved(ulong @base, ulong size)
    {
        var (from, to) = Span(@base, size);
        for (int u = from; u < to; u++)
            Res[u] = false;
    }

    public void SetFlag(ulong @base, ulong size, MemblockFlags flag, bool set)
    {
        var (from, to) = Span(@base, size);
        for (int u = from; u < to; u++)
            if (Mem[u])
                MemFlags[u] = set ? MemFlags[u] | flag : MemFlags[u] & ~flag;
    }

    public void SetMemoryNode(ulong @base, ulong size, int nid)
    {
        var (from, to) = Span(@base, size);
        for (int u = from; u < to; u++)
            if (Mem[u])
                MemNid[u] = nid;
    }

    public void SetReservedNode(ulong @base, ulong size, int nid)
    {
        var (from, to) = Span(@base, size);
        for (int u = from; u < to; u++)
            if (Res[u])
                ResNid[u] = nid;
    }

    /// <summary>True when every unit of the range is reserved-free memory.</summary>
    public bool IsFreeMemory(ulong @base, ulong size)
    {
        var (from, to) = Span(@base, size);
        if (@base + size > Limit)
            return false;
        for (int u = from; u < to; u++)
            if (!Mem[u] || Res[u])
                return false;
        return true;
    }

    /// <summary>Reads a real memblock's tables into unit form (every boundary must be a multiple of <see cref="Unit"/>).</summary>
    public static UnitModel Of(Memblock mb)
    {
        var m = new UnitModel();
        foreach (var r in mb.Memory.Regions)
        {
            var (from, to) = Span(r.Base, r.Size);
            for (int u = from; u < to; u++)
            {
                m.Mem[u] = true;
                m.MemFlags[u] = r.Flags;
                m.MemNid[u] = r.Nid;
            }
        }
        foreach (var r in mb.Reserved.Regions)
        {
            var (from, to) = Span(r.Base, r.Size);
            for (int u = from; u < to; u++)
            {
                m.Res[u] = true;
                m.ResNid[u] = r.Nid;
            }
        }
        return m;
    }

    /// <summary>The first unit where two models differ, described; null when they agree.</summary>
    public string? FirstDifference(UnitModel actual)
    {
        for (int u = 0; u < Units; u++)
        {
            ulong a = (ulong)u * Unit;
            if (Mem[u] != actual.Mem[u])
                return $"memory at 0x{a:x}: model {(Mem[u] ? "present" : "absent")}, table {(actual.Mem[u] ? "present" : "absent")}";
            if (Mem[u] && (MemFlags[u] != actual.MemFlags[u] || MemNid[u] != actual.MemNid[u]))
                return $"memory at 0x{a:x}: model {MemFlags[u]}/nid {MemNid[u]}, table {actual.MemFlags[u]}/nid {actual.MemNid[u]}";
            if (Res[u] != actual.Res[u])
                return $"reserved at 0x{a:x}: model {(Res[u] ? "reserved" : "free")}, table {(actual.Res[u] ? "reserved" : "free")}";
            if (Res[u] && ResNid[u] != actual.ResNid[u])
                return $"reserved at 0x{a:x}: model nid {ResNid[u]}, table nid {actual.ResNid[u]}";
        }
        return null;
    }
}
