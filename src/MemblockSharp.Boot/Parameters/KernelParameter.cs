using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Parameters;

/// <summary>One kernel parameter of the memory path, as docs/parameters.md lists it.</summary>
/// <param name="Name">The name before <c>=</c> (<c>swiotlb</c>, <c>kfence.sample_interval</c>, <c>nokaslr</c>).</param>
/// <param name="Arm64">Its status on arm64 kernels.</param>
/// <param name="Arm">Its status on 32-bit ARM kernels.</param>
/// <param name="Changes">What it changes in the kernel's memory (the warning says this when it is not modelled).</param>
/// <param name="Config">The kernel configuration it depends on (empty when always there).</param>
public sealed record KernelParameter(string Name, ParameterStatus Arm64, ParameterStatus Arm, string Changes, string Config)
{
    /// <summary>Its status on the architecture of <paramref name="arch"/>.</summary>
    /// <param name="arch">The kernel's architecture.</param>
    /// <returns><see cref="Arm64"/> or <see cref="Arm"/>.</returns>
    public ParameterStatus StatusOn(KernelArch arch) => arch == KernelArch.Arm64 ? Arm64 : Arm;
}
