using System.Globalization;
using System.Text.Json;

namespace MemblockSharp.Conformance;

/// <summary>
/// The operations of the vector schema, each with its arguments and the memblock call it makes. Results are returned in
/// the canonical text of <see cref="JsonValues.Canonical"/> so they compare directly with the recording.
/// </summary>
internal static class ConformanceOps
{
    /// <summary>The kind of one argument.</summary>
    private enum Arg { Hex, Int, Bool, Type, Str }

    /// <summary>
    /// What an op returned: its canonical return value, for ops with out-parameters their canonical object, and when the
    /// kernel's result is undefined for this state (6.12's <c>end_of_dram</c> on no memory), why.
    /// </summary>
    internal readonly record struct Result(string Ret, string? Out = null, string? Undefined = null);

    /// <summary>An op: its arguments, its call, and whether only Linux 6.12 has it.</summary>
    private sealed record Spec((string Name, Arg Kind)[] Args, Func<Memblock, Args, Result> Run, bool Only612 = false);

    /// <summary>Typed access to a validated <c>args</c> object.</summary>
    internal readonly struct Args(JsonElement element, Memblock memblock)
    {
        public ulong U64(string name) => JsonValues.Hex(element.GetProperty(name).GetString());
        public int I32(string name) => element.GetProperty(name).GetInt32();
        public bool Flag(string name) => element.GetProperty(name).GetBoolean();
        public string Text(string name) => element.GetProperty(name).GetString()!;
        public MemblockFlags Flags(string name) => (MemblockFlags)element.GetProperty(name).GetUInt32();
        public MemblockType Type(string name) => element.GetProperty(name).GetString() switch
        {
            "memory" => memblock.Memory,
            "reserved" => memblock.Reserved,
            "physmem" => memblock.PhysMem,
            var other => throw new FormatException($"unknown type \"{other}\""),
        };
    }

    private static (string, Arg) H(string name) => (name, Arg.Hex);
    private static (string, Arg) I(string name) => (name, Arg.Int);

    private static readonly (string, Arg)[] BaseSize = [H("base"), H("size")];
    private static readonly (string, Arg)[] VirtualAlloc = [H("size"), H("align"), H("min_addr"), H("max_addr"), I("nid")];
    private static readonly (string, Arg)[] None = [];

    private static Result Int(int value) => new(value.ToString(CultureInfo.InvariantCulture));
    private static Result Addr(ulong value) => new(JsonValues.Hex(value));
    private static Result Bool(bool value) => new(value ? "true" : "false");
    private static readonly Result Void = new("null");

    private static Result Ranges(IEnumerable<MemblockRange> ranges) =>
        new("[" + string.Join(",", ranges.Select(r => $"[{JsonValues.Hex(r.Start)},{JsonValues.Hex(r.End)},{r.Nid}]")) + "]");

    private static readonly Dictionary<string, Spec> Specs = new()
    {
        ["add"] = new(BaseSize, (m, a) => Int(m.Add(a.U64("base"), a.U64("size")))),
        ["add_node"] = new([H("base"), H("size"), I("nid"), I("flags")],
            (m, a) => Int(m.AddNode(a.U64("base"), a.U64("size"), a.I32("nid"), a.Flags("flags")))),
        ["remove"] = new(BaseSize, (m, a) => Int(m.Remove(a.U64("base"), a.U64("size")))),
        ["phys_free"] = new(BaseSize, (m, a) => Int(m.PhysFree(a.U64("base"), a.U64("size")))),
        ["free_ptr"] = new(BaseSize, (m, a) => { m.Free(a.U64("base"), a.U64("size")); return Void; }),
        ["reserve"] = new(BaseSize, (m, a) => Int(m.Reserve(a.U64("base"), a.U64("size")))),
        ["mark_hotplug"] = new(BaseSize, (m, a) => Int(m.MarkHotplug(a.U64("base"), a.U64("size")))),
        ["clear_hotplug"] = new(BaseSize, (m, a) => Int(m.ClearHotplug(a.U64("base"), a.U64("size")))),
        ["mark_nomap"] = new(BaseSize, (m, a) => Int(m.MarkNoMap(a.U64("base"), a.U64("size")))),
        ["clear_nomap"] = new(BaseSize, (m, a) => Int(m.ClearNoMap(a.U64("base"), a.U64("size")))),
        ["mark_mirror"] = new(BaseSize, (m, a) => Int(m.MarkMirror(a.U64("base"), a.U64("size")))),
        ["set_node"] = new([H("base"), H("size"), ("type", Arg.Type), I("nid")],
            (m, a) => Int(m.SetNode(a.U64("base"), a.U64("size"), a.Type("type"), a.I32("nid")))),
        ["trim_memory"] = new([H("align")], (m, a) => { m.TrimMemory(a.U64("align")); return Void; }),
        ["cap_memory_range"] = new(BaseSize, (m, a) => { m.CapMemoryRange(a.U64("base"), a.U64("size")); return Void; }),
        ["mem_limit_remove_map"] = new([H("limit")], (m, a) => { m.MemLimitRemoveMap(a.U64("limit")); return Void; }),
        ["enforce_memory_limit"] = new([H("limit")], (m, a) => { m.EnforceMemoryLimit(a.U64("limit")); return Void; }),
        ["set_bottom_up"] = new([("enable", Arg.Bool)], (m, a) => { m.BottomUp = a.Flag("enable"); return Void; }),
        ["set_current_limit"] = new([H("limit")], (m, a) => { m.CurrentLimit = a.U64("limit"); return Void; }),
        ["allow_resize"] = new(None, (m, a) => { m.AllowResize(); return Void; }),
        ["set_movable_node"] = new([("enable", Arg.Bool)], (m, a) => { m.MovableNode = a.Flag("enable"); return Void; }),
        ["phys_alloc_range"] = new([H("size"), H("align"), H("start"), H("end")],
            (m, a) => Addr(m.PhysAllocRange(a.U64("size"), a.U64("align"), a.U64("start"), a.U64("end")))),
        ["phys_alloc"] = new([H("size"), H("align")], (m, a) => Addr(m.PhysAlloc(a.U64("size"), a.U64("align")))),
        ["phys_alloc_try_nid"] = new([H("size"), H("align"), I("nid")],
            (m, a) => Addr(m.PhysAllocTryNid(a.U64("size"), a.U64("align"), a.I32("nid")))),
        ["alloc_range_nid"] = new([H("size"), H("align"), H("start"), H("end"), I("nid"), ("exact_nid", Arg.Bool)],
            (m, a) => Addr(m.AllocRangeNid(a.U64("size"), a.U64("align"), a.U64("start"), a.U64("end"), a.I32("nid"), a.Flag("exact_nid")))),
        ["alloc_try_nid"] = new(VirtualAlloc,
            (m, a) => Addr(m.AllocTryNid(a.U64("size"), a.U64("align"), a.U64("min_addr"), a.U64("max_addr"), a.I32("nid")))),
        ["alloc_try_nid_raw"] = new(VirtualAlloc,
            (m, a) => Addr(m.AllocTryNidRaw(a.U64("size"), a.U64("align"), a.U64("min_addr"), a.U64("max_addr"), a.I32("nid")))),
        ["alloc_exact_nid_raw"] = new(VirtualAlloc,
            (m, a) => Addr(m.AllocExactNidRaw(a.U64("size"), a.U64("align"), a.U64("min_addr"), a.U64("max_addr"), a.I32("nid")))),
        ["alloc"] = new([H("size"), H("align")], (m, a) => Addr(m.Alloc(a.U64("size"), a.U64("align")))),
        ["alloc_raw"] = new([H("size"), H("align")], (m, a) => Addr(m.AllocRaw(a.U64("size"), a.U64("align")))),
        ["alloc_low"] = new([H("size"), H("align")], (m, a) => Addr(m.AllocLow(a.U64("size"), a.U64("align")))),
        ["alloc_from"] = new([H("size"), H("align"), H("min_addr")],
            (m, a) => Addr(m.AllocFrom(a.U64("size"), a.U64("align"), a.U64("min_addr")))),
        ["alloc_node"] = new([H("size"), H("align"), I("nid")], (m, a) => Addr(m.AllocNode(a.U64("size"), a.U64("align"), a.I32("nid")))),
        ["double_array"] = new([("type", Arg.Type), H("new_area_start"), H("new_area_size")],
            (m, a) => Int(m.DoubleArrayNow(a.Type("type"), a.U64("new_area_start"), a.U64("new_area_size")))),
        ["add_range"] = new([("type", Arg.Type), H("base"), H("size"), I("nid"), I("flags")],
            (m, a) => Int(m.AddToTable(a.Type("type"), a.U64("base"), a.U64("size"), a.I32("nid"), a.Flags("flags")))),
        ["remove_range"] = new([("type", Arg.Type), H("base"), H("size")],
            (m, a) => Int(m.RemoveFromTable(a.Type("type"), a.U64("base"), a.U64("size")))),
        ["isolate_range"] = new([("type", Arg.Type), H("base"), H("size")], (m, a) =>
        {
            int ret = m.Isolate(a.Type("type"), a.U64("base"), a.U64("size"), out int start, out int end);
            return new Result(ret.ToString(CultureInfo.InvariantCulture), $"{{end_rgn:{end},start_rgn:{start}}}");
        }),
        ["reset"] = new(None, (m, a) => { m.ResetRegions(); return Void; }),
        ["reset_initial_arrays"] = new(None, (m, a) => { m.ResetInitialArrays(); return Void; }, Only612: true),
        ["reset_attributes"] = new(None, (m, a) => { m.BottomUp = false; m.CurrentLimit = Memblock.PhysAddrMax; return Void; }),
        ["find_in_range_node"] = new([H("size"), H("align"), H("start"), H("end"), I("nid"), I("flags")],
            (m, a) => Addr(m.FindInRangeNode(a.U64("size"), a.U64("align"), a.U64("start"), a.U64("end"), a.I32("nid"), a.Flags("flags")))),
        ["find_in_range"] = new([H("start"), H("end"), H("size"), H("align")],
            (m, a) => Addr(m.FindInRange(a.U64("start"), a.U64("end"), a.U64("size"), a.U64("align")))),
        ["overlaps_region"] = new([("type", Arg.Type), H("base"), H("size")],
            (m, a) => Bool(m.OverlapsRegion(a.Type("type"), a.U64("base"), a.U64("size")))),
        ["is_region_reserved"] = new(BaseSize, (m, a) => Bool(m.IsRegionReserved(a.U64("base"), a.U64("size")))),
        ["is_reserved"] = new([H("addr")], (m, a) => Bool(m.IsReserved(a.U64("addr")))),
        ["is_memory"] = new([H("addr")], (m, a) => Bool(m.IsMemory(a.U64("addr")))),
        ["is_map_memory"] = new([H("addr")], (m, a) => Bool(m.IsMapMemory(a.U64("addr")))),
        ["is_region_memory"] = new(BaseSize, (m, a) => Bool(m.IsRegionMemory(a.U64("base"), a.U64("size")))),
        ["search_pfn_nid"] = new([H("pfn")], (m, a) =>
        {
            int nid = m.SearchPfnNid(a.U64("pfn"), out ulong start, out ulong end);
            return nid == -1 ? Int(-1) : new Result(nid.ToString(CultureInfo.InvariantCulture),
                $"{{end_pfn:{JsonValues.Hex(end)},start_pfn:{JsonValues.Hex(start)}}}");
        }),
        ["phys_mem_size"] = new(None, (m, a) => Addr(m.PhysMemSize())),
        ["reserved_size"] = new(None, (m, a) => Addr(m.ReservedSize())),
        ["start_of_dram"] = new(None, (m, a) => Addr(m.StartOfDram())),
        ["end_of_dram"] = new(None, (m, a) => m.Rules.Version == MemblockVersion.Linux6_12 && m.EndOfDramIsUndefined
            ? Void with { Undefined = "memory is empty (cnt 0): memblock_end_of_DRAM() reads regions[-1]" }
            : Addr(m.EndOfDram())),
        ["get_current_limit"] = new(None, (m, a) => Addr(m.CurrentLimit)),
        ["get_bottom_up"] = new(None, (m, a) => Bool(m.BottomUp)),
        ["free_mem_range"] = new([I("nid"), I("flags")], (m, a) => Ranges(m.FreeMemRanges(a.I32("nid"), a.Flags("flags")))),
        ["free_mem_range_reverse"] = new([I("nid"), I("flags")], (m, a) => Ranges(m.FreeMemRangesReverse(a.I32("nid"), a.Flags("flags")))),
        ["mem_range"] = new(None, (m, a) => Ranges(m.MemRanges())),
        ["mem_range_rev"] = new(None, (m, a) => Ranges(m.MemRangesReverse())),
        ["reserved_mem_range"] = new(None, (m, a) => Ranges(m.ReservedRanges())),
        ["mem_pfn_range"] = new([I("nid")], (m, a) => Ranges(m.MemPfnRanges(a.I32("nid")))),
        ["reserved_mark_noinit"] = new(BaseSize, (m, a) => Int(m.ReservedMarkNoInit(a.U64("base"), a.U64("size"))), Only612: true),
        ["validate_numa_coverage"] = new([H("threshold_bytes")], (m, a) => Bool(m.ValidateNumaCoverage(a.U64("threshold_bytes"))), Only612: true),
        ["has_mirror"] = new(None, (m, a) => Bool(m.QueryHasMirror()), Only612: true),
        ["estimated_nr_free_pages"] = new(None, (m, a) => Addr(m.EstimatedNrFreePages()), Only612: true),
        ["reserve_mem"] = new([("param", Arg.Str)], (m, a) => Int(m.ReserveMem(a.Text("param"))), Only612: true),
        ["reserve_mem_find_by_name"] = new([("name", Arg.Str)], (m, a) =>
        {
            int found = m.ReserveMemFindByName(a.Text("name"), out ulong start, out ulong size);
            return found == 0 ? Int(0) : new Result("1", $"{{size:{JsonValues.Hex(size)},start:{JsonValues.Hex(start)}}}");
        }, Only612: true),
    };

    /// <summary>Whether <paramref name="op"/> is an operation of the schema.</summary>
    public static bool IsKnown(string op) => Specs.ContainsKey(op);

    /// <summary>Whether <paramref name="op"/> (a known op) exists in <paramref name="version"/>'s memblock.</summary>
    public static bool ExistsIn(string op, MemblockVersion version) => !Specs[op].Only612 || version == MemblockVersion.Linux6_12;

    /// <summary>Checks that <paramref name="args"/> has exactly the op's arguments, each of the right kind.</summary>
    public static void ValidateArgs(string op, JsonElement args, Func<string, Exception> error)
    {
        var spec = Specs[op];
        int present = 0;
        if (args.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in args.EnumerateObject())
            {
                present++;
                int i = Array.FindIndex(spec.Args, a => a.Name == property.Name);
                if (i < 0)
                    throw error($"unknown argument \"{property.Name}\"");
                var v = property.Value;
                bool ok = spec.Args[i].Kind switch
                {
                    Arg.Hex => v.ValueKind == JsonValueKind.String && JsonValues.TryHex(v.GetString(), out _),
                    Arg.Int => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out _),
                    Arg.Bool => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
                    Arg.Str => v.ValueKind == JsonValueKind.String,
                    _ => v.ValueKind == JsonValueKind.String && v.GetString() is "memory" or "reserved" or "physmem",
                };
                if (!ok)
                    throw error($"bad value for argument \"{property.Name}\": {v.GetRawText()}");
            }
        }
        if (present != spec.Args.Length)
            throw error($"expected arguments {string.Join(", ", spec.Args.Select(a => a.Name))}");
    }

    /// <summary>Runs one op against <paramref name="memblock"/>.</summary>
    public static Result Run(Memblock memblock, string op, JsonElement args) => Specs[op].Run(memblock, new Args(args, memblock));
}
