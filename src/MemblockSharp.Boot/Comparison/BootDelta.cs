using MemblockSharp.Boot.Maps;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Comparison;

/// <summary>A figure before and after, in kB.</summary>
/// <param name="Name">What it is (<c>RAM</c>, <c>MemTotal</c>, a <c>Memory:</c> line figure, ...).</param>
/// <param name="BeforeKb">The figure in the first boot.</param>
/// <param name="AfterKb">The figure in the second boot.</param>
public sealed record FigureDelta(string Name, ulong BeforeKb, ulong AfterKb)
{
    /// <summary>After − before, in kB.</summary>
    public long DeltaKb => (long)AfterKb - (long)BeforeKb;
}

/// <summary>Bytes of one category before and after (signed: a category's total can be negative, e.g. rounding).</summary>
/// <param name="Category">The category's name.</param>
/// <param name="BeforeBytes">Its bytes in the first boot (0 when absent).</param>
/// <param name="AfterBytes">Its bytes in the second boot (0 when absent).</param>
public sealed record CategoryDelta(string Category, long BeforeBytes, long AfterBytes)
{
    /// <summary>After − before, in bytes.</summary>
    public long DeltaBytes => AfterBytes - BeforeBytes;
}

/// <summary>A zone before and after; either side is null when the zone does not exist in that boot.</summary>
/// <param name="Node">The node.</param>
/// <param name="Name">The zone's name.</param>
/// <param name="Before">The zone in the first boot, or null.</param>
/// <param name="After">The zone in the second boot, or null.</param>
public sealed record ZoneDelta(int Node, string Name, BootZone? Before, BootZone? After)
{
    /// <summary>Change of managed pages.</summary>
    public long ManagedDelta => (long)(After?.Managed ?? 0) - (long)(Before?.Managed ?? 0);

    /// <summary>Change of present pages.</summary>
    public long PresentDelta => (long)(After?.Present ?? 0) - (long)(Before?.Present ?? 0);

    /// <summary>Change of spanned pages.</summary>
    public long SpannedDelta => (long)(After?.Spanned ?? 0) - (long)(Before?.Spanned ?? 0);

    /// <summary>Change of CMA pages.</summary>
    public long CmaDelta => (long)(After?.Cma ?? 0) - (long)(Before?.Cma ?? 0);
}

/// <summary>How a region differs between two boots.</summary>
public enum RegionChangeKind
{
    /// <summary>Only the second boot has it.</summary>
    Appeared,
    /// <summary>Only the first boot has it.</summary>
    Vanished,
    /// <summary>Same owner, same size, a new address.</summary>
    Moved,
    /// <summary>Same owner, same base, a new size.</summary>
    Resized,
    /// <summary>Same owner, a new address and a new size.</summary>
    MovedAndResized,
}

/// <summary>
/// A reservation that differs between two boots. Reservations are matched by owner: the same category and label
/// (the <c>/reserved-memory</c> node path, compared without unit addresses, or the kernel function that reserved it).
/// </summary>
/// <param name="Kind">How it differs.</param>
/// <param name="Category">What it is for.</param>
/// <param name="Label">Its owner (the second boot's label when it has the reservation).</param>
/// <param name="Before">The piece in the first boot, or null when it appeared.</param>
/// <param name="After">The piece in the second boot, or null when it vanished.</param>
public sealed record RegionChange(RegionChangeKind Kind, ReservationCategory Category, string Label, MapReservation? Before, MapReservation? After)
{
    /// <summary>Change of size in bytes.</summary>
    public long SizeDelta => (long)(After?.Size ?? 0) - (long)(Before?.Size ?? 0);
}

/// <summary>A region of <c>memblock.memory</c> that differs between two boots (matched by node and flags).</summary>
/// <param name="Kind">How it differs.</param>
/// <param name="Before">The bank in the first boot, or null.</param>
/// <param name="After">The bank in the second boot, or null.</param>
public sealed record BankChange(RegionChangeKind Kind, MemblockRegion? Before, MemblockRegion? After)
{
    /// <summary>Change of size in bytes.</summary>
    public long SizeDelta => (long)(After?.Size ?? 0) - (long)(Before?.Size ?? 0);
}
