namespace MemblockSharp.Cli.Rendering.Json;

/// <summary><c>memblock script --json</c> (docs/json/script.md).</summary>
internal sealed record ScriptDocument(string Script, string Description, int Ops, ScriptTableJson Memory, ScriptTableJson Reserved,
    string AllocSum, int FailedAllocs, int FailedOthers, string Checksum, ScriptBenchJson? Bench, MemblockTablesJson? Memblock);

/// <summary>A table's count, capacity, maintained total and the sum of its regions.</summary>
internal sealed record ScriptTableJson(int Cnt, int Max, string Total, string Sum);

/// <summary>The timing with <c>--bench</c>.</summary>
internal sealed record ScriptBenchJson(int Runs, double BestMs, double NsPerOp);
