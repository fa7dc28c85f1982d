using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Simulation;

// The early parameters that change how memory is laid out, each settled as the kernel's early_param handler does.
internal sealed partial class BootFlow
{
    // rodata_full after the command line (arm64; CONFIG_RODATA_FULL_DEFAULT_ENABLED is its default).
    private bool _rodataFull;

    // set_debug_rodata: arm64 takes full (rodata_full on), off and on (rodata_full off) itself; the generic handler
    // takes on and off and warns about anything else. 32-bit ARM has only the generic handler, and no rodata_full.
    private void ParseRodata()
    {
        _rodataFull = _p.Arch == KernelArch.Arm64 && _p.RodataFull;
        foreach (string? value in _cmd.Rodata)
        {
            if (_p.Arch == KernelArch.Arm64 && value is "full" or "off" or "on")
                _rodataFull = value == "full";
            else if (value is not ("on" or "off"))
                Print($"Invalid option string for rodata: '{value ?? "(null)"}'");
        }
    }

    /// <summary>
    /// arm64 map_mem: whether the linear map is built from pages only (<c>can_set_direct_map</c>: rodata_full, as
    /// DEBUG_PAGEALLOC is not modelled; or, in 6.1, <c>crash_mem_map</c>: a <c>crashkernel=</c> whose reservation is
    /// deferred because ZONE_DMA or ZONE_DMA32 is built). Otherwise 2 MiB and, with 4 KiB pages, 1 GiB blocks are used.
    /// </summary>
    private bool LinearMapByPages()
    {
        if (_rodataFull)
            return true;
        bool crashkernel = _cmd.Parameters.Any(t => t == "crashkernel" || t.StartsWith("crashkernel=", StringComparison.Ordinal));
        if (!crashkernel || _p.Rules.LinearMapIgnoresCrashkernel)
            return false;
        if (!_p.ZoneDma && !_p.ZoneDma32)
            Warn("crashkernel", "not modelled: without ZONE_DMA/ZONE_DMA32 the 6.1 kernel reserves it early and maps it apart with pages (page tables)");
        return _p.ZoneDma || _p.ZoneDma32;
    }
}
