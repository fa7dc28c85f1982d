namespace MemblockSharp.Boot.Simulation;

/// <summary>
/// One input of a boot and where it came from: the RAM, the kernel image, the device tree blob and the initrd (given
/// by an option, read from the device tree or an EFI log, or assumed), and the build facts (from the profile, a
/// <c>Memory:</c> line or an option). An assumed input is not a warning: the boot is exact for that layout, which is
/// the one the boot took because the input did not say.
/// </summary>
/// <param name="What">What it is: <c>RAM</c>, <c>kernel image</c>, <c>device tree blob</c>, <c>initrd</c>, <c>image sections</c>, <c>default CMA size</c>.</param>
/// <param name="Value">Its value as printed: a physical range (<c>0x40200000-0x41ffffff</c>), <c>none</c>, or sizes.</param>
/// <param name="Source">Where it came from, in words: the option, the device-tree property, or the rule the boot assumed.</param>
/// <param name="Assumed">True when the boot took it by default because no input said.</param>
/// <param name="Base">The range's physical base, when it is one.</param>
/// <param name="Size">The range's size in bytes, when it is one.</param>
public sealed record BootInput(string What, string Value, string Source, bool Assumed, ulong? Base = null, ulong? Size = null)
{
    /// <summary>The one-line form: <c>WHAT VALUE (SOURCE)</c>, with <c>assumed:</c> in front of an assumed one's source.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => $"{What} {Value} ({(Assumed ? "assumed: " : "")}{Source})";
}
