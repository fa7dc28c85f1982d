namespace MemblockSharp.Cli.Rendering.Json;

/// <summary><c>memblock dt --json</c>: the blob's header, its <c>/memreserve/</c> entries and one node with its descendants (docs/json/dt.md).</summary>
internal sealed record DtTreeDocument(string File, uint Version, uint LastCompVersion, uint BootCpuidPhys, uint TotalSize, int Nodes,
    IReadOnlyList<DtMemReserveJson> Memreserve, DtNodeJson Node);

/// <summary>A <c>/memreserve/</c> entry.</summary>
internal sealed record DtMemReserveJson(string Address, string Size);

/// <summary>A node: its properties and children.</summary>
internal sealed record DtNodeJson(string Name, string Path, IReadOnlyList<DtPropertyJson> Properties, IReadOnlyList<DtNodeJson> Children);

/// <summary>A property: the value as dtc prints it (null when empty) and the raw bytes in hex.</summary>
internal sealed record DtPropertyJson(string Name, int Length, string? Value, string Bytes);

/// <summary><c>memblock dt --memory --json</c>: what the kernel's early scan reads (docs/json/dt.md).</summary>
internal sealed record DtScanDocument(string File, uint Version, uint LastCompVersion, uint BootCpuidPhys, uint TotalSize, int Nodes,
    string Arch, string? Model, int RootAddressCells, int RootSizeCells, IReadOnlyList<DtBankJson> Banks,
    IReadOnlyList<DtReservationJson> Reservations, bool ReservedMemoryIgnored, IReadOnlyList<DtReservedMemoryJson> ReservedMemory,
    IReadOnlyList<DtDynamicRequestJson> DynamicRequests, DtChosenJson Chosen, IReadOnlyList<DtCpuJson> Cpus,
    IReadOnlyList<DtDiagnosticJson> Diagnostics);

/// <summary>A memory bank as read and as added.</summary>
internal sealed record DtBankJson(string Node, string Property, int Index, string RawBase, string RawSize, string Base, string Size,
    bool Added, bool Hotpluggable, int? NumaNodeId);

/// <summary>A static reservation.</summary>
internal sealed record DtReservationJson(string Source, string Node, string? Name, int Index, string Base, string Size, bool NoMap);

/// <summary>An entry of the kernel's <c>reserved_mem[]</c> table.</summary>
internal sealed record DtReservedMemoryJson(string Node, string Name, int SaveIndex, bool Dynamic, string Base, string Size, uint? Phandle,
    IReadOnlyList<string> Compatible, bool NoMap, bool Reusable, bool CmaDefault, string Pool);

/// <summary>A dynamic reservation request.</summary>
internal sealed record DtDynamicRequestJson(string Node, string Name, string Size, string RequestedAlignment, string Alignment,
    IReadOnlyList<DtRangeJson> Ranges);

/// <summary>An <c>alloc-ranges</c> window.</summary>
internal sealed record DtRangeJson(string Start, string End);

/// <summary>A base and size.</summary>
internal sealed record DtRegJson(string Base, string Size);

/// <summary>What <c>/chosen</c> hands the kernel.</summary>
internal sealed record DtChosenJson(string? Node, string? Bootargs, string? InitrdStart, string? InitrdEnd,
    IReadOnlyList<DtRegJson> UsableMemoryRanges, DtRegJson? Elfcorehdr, bool RngSeed, bool KaslrSeed, string? StdoutPath, DtUefiJson? Uefi);

/// <summary>The EFI stub's <c>linux,uefi-*</c> values.</summary>
internal sealed record DtUefiJson(string? SystemTable, string? MmapStart, string? MmapSize, string? MmapDescSize, string? MmapDescVer, string? SecureBoot);

/// <summary>A cpu node.</summary>
internal sealed record DtCpuJson(string Path, string? Reg, string? Status, bool Usable, int? NumaNodeId, string? EnableMethod);

/// <summary>A message the kernel prints during the scan.</summary>
internal sealed record DtDiagnosticJson(string Level, string Message, string? Node);
