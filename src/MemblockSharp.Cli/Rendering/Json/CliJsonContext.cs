using System.Text.Json.Serialization;

namespace MemblockSharp.Cli.Rendering.Json;

/// <summary>
/// Source-generated serializers for every JSON document the commands print (schemas in docs/json/): property names
/// are the records' names in snake_case; null members are written as <c>null</c> unless a member says otherwise.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BootDocument))]
[JsonSerializable(typeof(DiffDocument))]
[JsonSerializable(typeof(ReplayDocument))]
[JsonSerializable(typeof(LintDocument))]
[JsonSerializable(typeof(DtTreeDocument))]
[JsonSerializable(typeof(DtScanDocument))]
[JsonSerializable(typeof(ConformanceDocument))]
[JsonSerializable(typeof(ScriptDocument))]
[JsonSerializable(typeof(ExplainDocument))]
[JsonSerializable(typeof(SweepDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
