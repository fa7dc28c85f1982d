using System.Globalization;
using System.Text.Json;

namespace MemblockSharp.Conformance;

/// <summary>The <c>setup</c> object of a case: the build parameters and the starting switches of memblock.</summary>
public static class ConformanceSetup
{
    private static readonly HashSet<string> Keys =
    [
        "bottom_up", "allow_resize", "current_limit", "movable_node", "mirror_present", "mirrored_kernelcore",
        "numa", "max_numnodes", "page_size", "smp_cache_bytes", "init_regions",
    ];

    /// <summary>Checks that every setup key is known and well typed.</summary>
    /// <exception cref="ConformanceFormatException">An unknown key or a value of the wrong type.</exception>
    internal static void Validate(JsonElement setup, string id, int lineNumber)
    {
        foreach (var property in setup.EnumerateObject())
        {
            if (!Keys.Contains(property.Name))
                throw new ConformanceFormatException(lineNumber, $"case {id}: unknown setup key \"{property.Name}\"");
            var kind = property.Value.ValueKind;
            bool ok = property.Name switch
            {
                "current_limit" => kind == JsonValueKind.String && JsonValues.TryHex(property.Value.GetString(), out _),
                "max_numnodes" or "page_size" or "smp_cache_bytes" or "init_regions" =>
                    kind == JsonValueKind.Number && property.Value.TryGetInt64(out long n) && n > 0 && InRange(property.Name, n),
                _ => kind is JsonValueKind.True or JsonValueKind.False,
            };
            if (!ok)
                throw new ConformanceFormatException(lineNumber, $"case {id}: bad value for setup key \"{property.Name}\"");
        }
    }

    /// <summary>The limits <see cref="MemblockOptions.Validate"/> puts on the build parameters, plus a table size a case can allocate.</summary>
    private static bool InRange(string name, long n) => name switch
    {
        "max_numnodes" => n <= 1 << 16,
        "page_size" => (n & (n - 1)) == 0,
        "init_regions" => n >= 2 && n <= MaxInitRegions,
        _ => true,
    };

    /// <summary>The largest <c>init_regions</c> a case may ask for (the kernel's is 128; this bounds what a hostile file can allocate).</summary>
    private const long MaxInitRegions = 1 << 20;

    /// <summary>Creates a memblock in the boot-time state the setup describes.</summary>
    /// <param name="setup">A validated setup object.</param>
    /// <param name="storage">How the tables are stored (results are the same either way).</param>
    /// <param name="indexedChunkCapacity">The chunk size of the indexed core (<see cref="MemblockOptions.IndexedChunkCapacity"/>).</param>
    /// <param name="version">The kernel release whose rules the allocator follows.</param>
    /// <returns>The configured allocator.</returns>
    public static Memblock Create(JsonElement setup, RegionStorage storage = RegionStorage.Indexed,
        int indexedChunkCapacity = MemblockOptions.DefaultIndexedChunkCapacity, MemblockVersion version = MemblockVersion.Linux6_1)
    {
        var defaults = new MemblockOptions();
        var options = new MemblockOptions
        {
            KernelVersion = version,
            Numa = Bool(setup, "numa", defaults.Numa),
            MaxNumNodes = (int)Number(setup, "max_numnodes", (ulong)defaults.MaxNumNodes),
            PageSize = Number(setup, "page_size", defaults.PageSize),
            SmpCacheBytes = Number(setup, "smp_cache_bytes", defaults.SmpCacheBytes),
            InitialRegions = (int)Number(setup, "init_regions", (ulong)defaults.InitialRegions),
            Storage = storage,
            IndexedChunkCapacity = indexedChunkCapacity,
        };
        var memblock = new Memblock(options)
        {
            BottomUp = Bool(setup, "bottom_up", false),
            MovableNode = Bool(setup, "movable_node", false),
            HasMirror = Bool(setup, "mirror_present", false),
            MirroredKernelcore = Bool(setup, "mirrored_kernelcore", true),
            CurrentLimit = setup.TryGetProperty("current_limit", out var limit) ? JsonValues.Hex(limit.GetString()) : Memblock.PhysAddrMax,
        };
        memblock.SetResizeAllowed(Bool(setup, "allow_resize", false));
        return memblock;
    }

    private static bool Bool(JsonElement setup, string name, bool fallback) =>
        setup.TryGetProperty(name, out var v) ? v.GetBoolean() : fallback;

    private static ulong Number(JsonElement setup, string name, ulong fallback) =>
        setup.TryGetProperty(name, out var v) ? v.GetUInt64() : fallback;
}

/// <summary>Reading and writing the vectors' value forms: 64-bit quantities are lowercase hex strings.</summary>
internal static class JsonValues
{
    /// <summary>Parses <c>0x...</c> hex into a 64-bit value.</summary>
    public static bool TryHex(string? text, out ulong value)
    {
        value = 0;
        return text is not null && text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2 && text.Length <= 18
            && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses <c>0x...</c> hex, throwing <see cref="FormatException"/> when it is not.</summary>
    public static ulong Hex(string? text) =>
        TryHex(text, out ulong value) ? value : throw new FormatException($"\"{text}\" is not a 0x-prefixed 64-bit hex value");

    /// <summary>Formats a 64-bit value as the vectors do.</summary>
    public static string Hex(ulong value) => Text.Hex.Format(value);

    /// <summary>
    /// Canonical text of a recorded JSON value, so that two values compare as text: hex strings are normalised, numbers
    /// keep their text, arrays recurse.
    /// </summary>
    public static string Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when TryHex(value.GetString(), out ulong v) => Hex(v),
        JsonValueKind.String => "\"" + value.GetString() + "\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.Object => "{" + string.Join(",", value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + ":" + Canonical(p.Value))) + "}",
        _ => "undefined",
    };
}
