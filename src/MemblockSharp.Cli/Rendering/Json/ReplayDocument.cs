namespace MemblockSharp.Cli.Rendering.Json;

/// <summary><c>memblock replay --json</c> (docs/json/replay.md).</summary>
internal sealed record ReplayDocument(
    ReplayLogJson Log,
    ReplayKernelJson Kernel,
    MemblockTablesJson Memblock,
    MemblockStateJson MemblockState,
    int AllocationsChecked,
    int AllocationsAgreed,
    int SilentAllocations,
    int SilentAllocationsChecked,
    int SilentAllocationsAgreed,
    int CallsReplayed,
    int CallsNotReplayable,
    IReadOnlyList<DisagreementJson> FirstDisagreements,
    IReadOnlyList<InferredCallJson> Inferred,
    IReadOnlyList<DumpCheckJson> Dumps,
    IReadOnlyList<string> Unseen,
    ulong ReservedTotal,
    IReadOnlyList<AccountEntryJson> ByCaller,
    IReadOnlyList<AccountEntryJson> ByCategory,
    MemTotalPathJson? PathToMemtotal);

/// <summary>The log as the reader understood it.</summary>
internal sealed record ReplayLogJson(string Source, int Lines, bool HeadLost, bool MemblockDebug, IReadOnlyList<LogNoteJson> Notes);

/// <summary>The release the log was replayed as, and why.</summary>
internal sealed record ReplayKernelJson(string Version, string? Release, bool Modelled, string Evidence);

/// <summary>A note about the log's shape.</summary>
internal sealed record LogNoteJson(int Line, string Kind, string Message);

/// <summary>A memblock state: both tables with their regions, the limit and the direction.</summary>
internal sealed record MemblockStateJson(bool BottomUp, string CurrentLimit, MemblockTypeJson Memory, MemblockTypeJson Reserved);

/// <summary>One memblock table.</summary>
internal sealed record MemblockTypeJson(int Cnt, int Max, ulong TotalSize, IReadOnlyList<MemblockStateRegionJson> Regions);

/// <summary>One region of a table, with its inclusive end and the node as a number (null for "no node").</summary>
internal sealed record MemblockStateRegionJson(string Base, string Last, ulong Size, uint Flags, int? Nid);

/// <summary>A logged allocation our finder placed elsewhere.</summary>
internal sealed record DisagreementJson(int Line, string Function, string Caller, ulong Size, string Align, int Nid, string MinAddr,
    string MaxAddr, string Kernel, string Ours);

/// <summary>A call the log does not show but the replay made.</summary>
internal sealed record InferredCallJson(string Kind, string Base, ulong Size, long Value, int BeforeLine, string Reason);

/// <summary>A <c>MEMBLOCK configuration</c> dump compared with the replayed state.</summary>
internal sealed record DumpCheckJson(int Line, bool MemoryMatches, bool ReservedMatches, string? Detail);

/// <summary>Reserved bytes of one caller or category.</summary>
internal sealed record AccountEntryJson(string Name, ulong Bytes, int Regions);

/// <summary>The path from physical RAM to MemTotal.</summary>
internal sealed record MemTotalPathJson(IReadOnlyList<PathStepJson> Steps, long MemtotalKib, long LoggedReservedKib, long? ReplayReservedKib);

/// <summary>One step of the path.</summary>
internal sealed record PathStepJson(string Label, long Kib, string Source);
