namespace MemblockSharp.Boot.Buddy;

/// <summary>A zone's <c>min</c>, <c>low</c> and <c>high</c> watermarks, in pages.</summary>
/// <param name="Min"><c>WMARK_MIN</c>.</param>
/// <param name="Low"><c>WMARK_LOW</c>.</param>
/// <param name="High"><c>WMARK_HIGH</c>.</param>
public readonly record struct Watermarks(ulong Min, ulong Low, ulong High);
