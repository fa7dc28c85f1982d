using MemblockSharp.DeviceTree;
using SharpFuzz;

// One AFL++ execution: the FDT reader with full validation and the tree model, the DTS printer and path lookups, as
// the in-process `fdt` harness runs them (without the boot scan, whose assembly is not instrumented). A rejected blob
// is a FormatException; any other exception escapes and AFL++ records the input as a crash.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    try
    {
        var tree = FlattenedDeviceTree.Parse(buffer.ToArray().AsMemory());
        DtsPrinter.Print(tree);
        foreach (var path in new[] { "/memory", "/chosen", "/reserved-memory", "serial0", "/cpus/cpu@0" })
            tree.FindNode(path);
    }
    catch (FormatException)
    {
    }
});
