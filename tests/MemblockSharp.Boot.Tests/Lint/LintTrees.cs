using MemblockSharp.Boot.Lint;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.DeviceTree;

namespace MemblockSharp.Boot.Tests.Lint;

/// <summary>
/// Builds small boards for the lint rules: a root with 2/2 cells, 1 GiB of RAM at 0x40000000 (unless told otherwise) and
/// whatever the test adds. With the default arm64 profile the assumed kernel image is [0x40210000-0x4220ffff] and the
/// assumed FDT sits at 0x48000000, so the tests keep their reservations at 0x50000000 and above unless they aim at those.
/// </summary>
internal static class LintTrees
{
    public const ulong Ram = 0x4000_0000, RamSize = 0x4000_0000;

    public static byte[] Board(Action<FdtWriter> body, bool memory = true, Action<FdtWriter>? reservations = null,
                               ulong memBase = Ram, ulong memSize = RamSize)
    {
        var w = new FdtWriter();
        reservations?.Invoke(w);
        w.BeginNode("").PropertyCells("#address-cells", 2).PropertyCells("#size-cells", 2).PropertyStrings("model", "lint test board");
        if (memory)
            w.BeginNode($"memory@{memBase:x}").PropertyStrings("device_type", "memory").PropertyCells("reg", Cells(memBase, memSize)).EndNode();
        body(w);
        w.EndNode();
        return w.Finish();
    }

    /// <summary>A /reserved-memory node with the given children (cells 2/2 and ranges unless told otherwise).</summary>
    public static Action<FdtWriter> ReservedMemory(params Action<FdtWriter>[] children) => ReservedMemoryWith(2, 2, true, children);

    public static Action<FdtWriter> ReservedMemoryWith(uint addressCells, uint sizeCells, bool ranges, params Action<FdtWriter>[] children) => w =>
    {
        w.BeginNode("reserved-memory").PropertyCells("#address-cells", addressCells).PropertyCells("#size-cells", sizeCells);
        if (ranges)
            w.Property("ranges");
        foreach (var child in children)
            child(w);
        w.EndNode();
    };

    /// <summary>A static child: name@base with one reg entry and the given flags/properties.</summary>
    public static Action<FdtWriter> Static(string name, ulong @base, ulong size, params string[] flags) =>
        Child($"{name}@{@base:x}", w => w.PropertyCells("reg", Cells(@base, size)), flags);

    /// <summary>A dynamic child with a size, an optional alignment and alloc-ranges.</summary>
    public static Action<FdtWriter> Dynamic(string name, ulong size, ulong alignment = 0, (ulong Base, ulong Size)[]? ranges = null, params string[] flags) =>
        Child(name, w =>
        {
            w.PropertyCells("size", Cells(size));
            if (alignment != 0)
                w.PropertyCells("alignment", Cells(alignment));
            if (ranges is not null)
                w.PropertyCells("alloc-ranges", ranges.SelectMany(r => Cells(r.Base, r.Size)).ToArray());
        }, flags);

    /// <summary>A child node; flags are property names, "cma" adds compatible = "shared-dma-pool".</summary>
    public static Action<FdtWriter> Child(string name, Action<FdtWriter> props, params string[] flags) => w =>
    {
        w.BeginNode(name);
        props(w);
        foreach (var f in flags)
        {
            if (f == "pool")
                w.PropertyStrings("compatible", "shared-dma-pool");
            else
                w.Property(f);
        }
        w.EndNode();
    };

    public static uint[] Cells(params ulong[] values) => values.SelectMany(v => new[] { (uint)(v >> 32), (uint)v }).ToArray();

    public static LintOptions Options(string profile = BuiltInProfiles.DebianArm64) => new() { Profile = BuiltInProfiles.Get(profile) };

    public static LintReport Run(byte[] dtb, LintOptions? options = null) => DtbLinter.Lint(dtb.AsMemory(), options ?? Options());
}
