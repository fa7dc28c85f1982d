namespace MemblockSharp.Boot.Simulation;

/// <summary>One zone after boot, in the terms of <c>/proc/zoneinfo</c>.</summary>
/// <param name="Node">Node id.</param>
/// <param name="Name">Zone name (<c>DMA</c>, <c>DMA32</c>, <c>Normal</c>, <c>HighMem</c>, <c>Movable</c>).</param>
/// <param name="StartPfn">First spanned pfn.</param>
/// <param name="Spanned">Spanned pages.</param>
/// <param name="Present">Present pages.</param>
/// <param name="Managed">Managed pages at the end of boot.</param>
/// <param name="Cma">CMA pages.</param>
public readonly record struct BootZone(int Node, string Name, ulong StartPfn, ulong Spanned, ulong Present, ulong Managed, ulong Cma);
