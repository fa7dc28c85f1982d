namespace MemblockSharp.Boot.Parameters;

/// <summary>How the simulation treats a kernel parameter (docs/parameters.md).</summary>
public enum ParameterStatus
{
    /// <summary>Changes memory, and the boot does what the kernel does with it.</summary>
    Modelled,

    /// <summary>Changes memory (memblock, the zones or MemTotal), but the boot does not model it: a warning, and the boot is not exact.</summary>
    NotModelled,

    /// <summary>A real parameter that changes nothing the simulation reports (accepted silently).</summary>
    NoMemoryEffect,
}
