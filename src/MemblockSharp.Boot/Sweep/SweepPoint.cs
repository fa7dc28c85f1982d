using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Sweep;

/// <summary>One boot of a sweep: a kernel, a parameter set and a RAM size.</summary>
/// <param name="Index">The point's place in the grid's order (kernel, then parameter set, then RAM size).</param>
/// <param name="Panel">The index of its (kernel, parameter set) pair: the plot's panel.</param>
/// <param name="Kernel">The kernel profile.</param>
/// <param name="Parameters">The parameter set.</param>
/// <param name="Ram">The RAM size.</param>
public sealed record SweepPoint(int Index, int Panel, KernelProfile Kernel, SweepParameters Parameters, SweepRam Ram);
