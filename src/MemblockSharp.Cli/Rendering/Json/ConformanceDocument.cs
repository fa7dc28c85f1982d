namespace MemblockSharp.Cli.Rendering.Json;

/// <summary><c>memblock conformance --json</c> (docs/json/conformance.md).</summary>
internal sealed record ConformanceDocument(IReadOnlyList<ConformanceFileJson> Files, int Cases, int Passed, int Failed, int ExitCode);

/// <summary>One vector file's counts and failures.</summary>
internal sealed record ConformanceFileJson(string Path, IReadOnlyList<string> Kernels, int Cases, int Passed, int Failed, IReadOnlyList<ConformanceFailureJson> Failures);

/// <summary>A failed case and its first divergence.</summary>
internal sealed record ConformanceFailureJson(string Id, int Step, string Op, string What, string Expected, string Actual);
