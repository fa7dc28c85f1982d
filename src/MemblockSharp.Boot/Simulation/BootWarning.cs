namespace MemblockSharp.Boot.Simulation;

/// <summary>
/// Something of the boot's inputs that changes memory and that the simulation does not model (a kernel parameter, a
/// device-tree feature, an assumption it could not check): the numbers of that boot may differ from the kernel's.
/// Every warning makes the boot not exact (<see cref="BootResult.Exact"/>).
/// </summary>
/// <param name="Subject">What it is about, as the user wrote it: <c>hugetlb_cma=</c>, <c>/soc/dma-ranges</c>, <c>--initrd</c>.</param>
/// <param name="Message">What is not modelled and what it may change, in one line.</param>
public sealed record BootWarning(string Subject, string Message)
{
    /// <summary>The one-line form: <c>SUBJECT: MESSAGE</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => $"{Subject}: {Message}";
}
