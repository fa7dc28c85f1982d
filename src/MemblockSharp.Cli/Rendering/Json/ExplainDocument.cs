namespace MemblockSharp.Cli.Rendering.Json;

/// <summary><c>memblock explain --json</c> (docs/json/explain.md).</summary>
internal sealed record ExplainDocument(ExplainLogJson Log, ExplainKernelJson Kernel, string? Profile, string? ProfileReason,
    ExplainMemoryLineJson? MemoryLine, IReadOnlyList<ExplainPathStepJson> Path, long? MemtotalKb, long? MeminfoMemtotalKb,
    string AccountBasis, long AccountedBytes, IReadOnlyList<ExplainCategoryJson> Categories, long UnexplainedBytes,
    IReadOnlyList<ExplainCategoryJson> Outside, IReadOnlyList<ExplainCheckJson> Checks, bool Simulated, bool Consistent,
    IReadOnlyList<string> Warnings, IReadOnlyList<string> Unreadable);

/// <summary>What was read: the source, its size and the lines skipped with a note.</summary>
internal sealed record ExplainLogJson(string Source, long Lines, bool HeadLost, bool MemblockDebug, IReadOnlyList<ExplainNoteJson> Notes);

/// <summary>A line the reader skipped or re-joined, and why.</summary>
internal sealed record ExplainNoteJson(long Line, string Kind, string Message);

/// <summary>The kernel the log is from, as its banner and lines say.</summary>
internal sealed record ExplainKernelJson(string? Release, string Version, string Arch, string ArchEvidence, string? CommandLine, string? Model);

/// <summary>The log's <c>Memory:</c> line, read.</summary>
internal sealed record ExplainMemoryLineJson(long Line, string Form, long TotalKb, long AvailableKb, long ReservedKb, long CmaReservedKb,
    long HighmemKb, IReadOnlyDictionary<string, long> SectionsKb);

/// <summary>One step of the path from RAM to MemTotal.</summary>
internal sealed record ExplainPathStepJson(string Label, long Kb, string Source);

/// <summary>A category of reserved memory: its size and whether it was logged, simulated or unexplained.</summary>
internal sealed record ExplainCategoryJson(string Name, long Bytes, string Status, string Evidence);

/// <summary>A fact of the log checked against the simulation.</summary>
internal sealed record ExplainCheckJson(string Fact, string Logged, string Simulated, bool Agrees);
