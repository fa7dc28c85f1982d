namespace MemblockSharp.Boot.Maps;

/// <summary>A memory bank: one region of <c>memblock.memory</c>.</summary>
/// <param name="Base">The first address.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="Nid">The NUMA node (<see cref="Memblock.NumaNoNode"/> when none was set).</param>
/// <param name="Flags">The region's flags (<see cref="MemblockFlags.NoMap"/> marks memory the kernel does not map).</param>
public sealed record MapBank(ulong Base, ulong Size, int Nid, MemblockFlags Flags)
{
    /// <summary>The first address past the bank.</summary>
    public ulong End => Base + Size;

    /// <summary>Where a <c>no-map</c> bank comes from (the reserved-memory node path), or null.</summary>
    public string? Label { get; init; }

    /// <summary>True for <c>no-map</c> memory.</summary>
    public bool NoMap => (Flags & MemblockFlags.NoMap) != 0;
}

/// <summary>A zone's span.</summary>
/// <param name="Name">The zone name (<c>DMA</c>, <c>DMA32</c>, <c>Normal</c>, ...).</param>
/// <param name="Node">The node.</param>
/// <param name="Base">The first spanned address.</param>
/// <param name="Size">The spanned bytes.</param>
public sealed record MapZone(string Name, int Node, ulong Base, ulong Size)
{
    /// <summary>The first address past the zone.</summary>
    public ulong End => Base + Size;
}

/// <summary>One owner's piece of a reserved region.</summary>
/// <param name="Base">The first address.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="Category">What it is for.</param>
/// <param name="Label">Where it came from: a device-tree node path or the kernel function that reserved it.</param>
public sealed record MapReservation(ulong Base, ulong Size, ReservationCategory Category, string Label)
{
    /// <summary>The first address past the piece.</summary>
    public ulong End => Base + Size;
}

/// <summary>A region of <c>memblock.reserved</c> and the owners of its bytes.</summary>
/// <param name="Base">The first address.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="Flags">The region's flags.</param>
/// <param name="Pieces">Its bytes by owner, sorted, disjoint, covering the region exactly.</param>
public sealed record MapReservedRegion(ulong Base, ulong Size, MemblockFlags Flags, IReadOnlyList<MapReservation> Pieces)
{
    /// <summary>The first address past the region.</summary>
    public ulong End => Base + Size;

    /// <summary>The category holding most of the region's bytes.</summary>
    public ReservationCategory MainCategory => Pieces.Count == 0 ? ReservationCategory.Other
        : Pieces.GroupBy(p => p.Category).OrderByDescending(g => g.Sum(p => (decimal)p.Size)).First().Key;
}

/// <summary>
/// The physical address space after boot, as a picture shows it: memory banks (with node and flags), zones, every
/// reserved region split by owner (category and label), <c>no-map</c> memory and free memory.
/// Build one with <see cref="MemoryMapBuilder"/>; draw it with <see cref="MemoryMapSvg"/> or <see cref="MemoryMapHtml"/>.
/// </summary>
public sealed class MemoryMap
{
    /// <summary>Creates a map.</summary>
    /// <param name="title">What the map shows (the DTB or log name).</param>
    /// <param name="banks">The memory banks, sorted by base.</param>
    /// <param name="zones">The zones.</param>
    /// <param name="reserved">The reserved regions, sorted by base.</param>
    /// <param name="ramBytes">RAM the kernel knows of, or null when unknown.</param>
    /// <param name="memTotalKb">MemTotal in kB, or null when unknown.</param>
    /// <param name="notes">What the picture could not know (unattributed bytes, a lost log head, ...).</param>
    public MemoryMap(string title, IReadOnlyList<MapBank> banks, IReadOnlyList<MapZone> zones, IReadOnlyList<MapReservedRegion> reserved,
        ulong? ramBytes, ulong? memTotalKb, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(banks);
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(reserved);
        Title = title;
        Banks = banks.OrderBy(b => b.Base).ToList();
        Zones = zones;
        Reserved = reserved.OrderBy(r => r.Base).ToList();
        RamBytes = ramBytes;
        MemTotalKb = memTotalKb;
        Notes = notes ?? [];
    }

    /// <summary>What the map shows.</summary>
    public string Title { get; }

    /// <summary>The memory banks (<c>memblock.memory</c>), sorted by base.</summary>
    public IReadOnlyList<MapBank> Banks { get; }

    /// <summary>The zones (empty ones left out).</summary>
    public IReadOnlyList<MapZone> Zones { get; }

    /// <summary>The reserved regions (<c>memblock.reserved</c>), sorted by base.</summary>
    public IReadOnlyList<MapReservedRegion> Reserved { get; }

    /// <summary>RAM the kernel knows of, in bytes, when known.</summary>
    public ulong? RamBytes { get; }

    /// <summary><c>MemTotal</c> in kB, when known.</summary>
    public ulong? MemTotalKb { get; }

    /// <summary>What the picture could not know.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Every owner's piece of every reserved region, by address.</summary>
    public IEnumerable<MapReservation> Reservations => Reserved.SelectMany(r => r.Pieces);

    /// <summary>The categories present, in enum order.</summary>
    public IReadOnlyList<ReservationCategory> Categories => Reservations.Select(p => p.Category).Distinct().Order().ToList();

    /// <summary>The <c>no-map</c> banks.</summary>
    public IEnumerable<MapBank> NoMap => Banks.Where(b => b.NoMap);

    /// <summary>Memory that is neither reserved nor <c>no-map</c>: what the buddy allocator receives (CMA aside).</summary>
    public IReadOnlyList<(ulong Base, ulong Size)> Free
    {
        get
        {
            var free = new List<(ulong, ulong)>();
            int r = 0;
            foreach (var bank in Banks.Where(b => !b.NoMap))
            {
                ulong cursor = bank.Base;
                while (r < Reserved.Count && Reserved[r].End <= cursor)
                    r++;
                for (int i = r; i < Reserved.Count && Reserved[i].Base < bank.End; i++)
                {
                    if (Reserved[i].Base > cursor)
                        free.Add((cursor, Reserved[i].Base - cursor));
                    cursor = Math.Max(cursor, Reserved[i].End);
                }
                if (cursor < bank.End)
                    free.Add((cursor, bank.End - cursor));
            }
            return free;
        }
    }
}
