using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Simulation;

// The early parameters that change how memory is laid out, each settled as the kernel's early_param handler does.
internal sealed partial class BootFlow
{
    /// <summary><c>nr_cpu_ids</c> once the early parameters are read: <c>NR_CPUS</c>, or a lower <c>nr_cpus=</c>.</summary>
    private int NrCpuIds => _cmd.NrCpus is { } n && n < _p.NrCpus ? n : _p.NrCpus;

    // cpumask_size() with CPUMASK_OFFSTACK: nr_cpu_ids bits in longs (the kernel's bitmap_size).
    private ulong OffstackCpumaskBytes => ((ulong)NrCpuIds + 8 * _p.Sizes.Pointer - 1) / (8 * _p.Sizes.Pointer) * _p.Sizes.Pointer;

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

    // The early parameters whose handler is built only with some configurations, checked against the profile's:
    // what the kernel does with them and is not modelled here warns; a bare numa is refused by its handler.
    private void CheckBuildDependentParams()
    {
        if (_cmd.NumaMalformed && _p.Numa)
            Print("Malformed early option 'numa'");
        if (_p.Numa && _cmd.Parameters.Any(t => t.StartsWith("numa=fake=", StringComparison.Ordinal)))
            Warn("numa=fake", "not modelled: NUMA emulation (6.12 CONFIG_NUMA_EMU) splits memory into fake nodes");
        if (_cmd.KernelCoreMirror)
            Warn("kernelcore=mirror", "not modelled: ZONE_MOVABLE from memory not marked mirrored (memblock's MIRROR flag is not read)");
        long kfenceInterval = _cmd.KfenceSampleInterval ?? _p.KfenceSampleInterval;
        if (_p.Kfence && kfenceInterval != 0)
            Warn("kfence.sample_interval", "not modelled: KFENCE is built and on, so its pool ((KFENCE_NUM_OBJECTS + 1) × 2 pages) and metadata are taken from memblock");
        if (_p.Memtest && _cmd.Parameters.Any(t => NameOf(t) == "memtest"))
            Warn("memtest", "not modelled: CONFIG_MEMTEST is built, so early_memtest tests free memory and prints its patterns");
        if (_p.PageOwner && _cmd.Parameters.Any(t => NameOf(t) == "page_owner"))
            Warn("page_owner", "not modelled: CONFIG_PAGE_OWNER is built, so page_ext storage is set up for every page");
        bool noSoftReserve = _cmd.Parameters.Any(t => NameOf(t) == "efi" && t[(t.IndexOf('=', StringComparison.Ordinal) + 1)..].Split(',').Contains("nosoftreserve"));
        if (noSoftReserve && _efi is not null)
            Warn("efi=nosoftreserve", "not modelled: UEFI memory marked specific-purpose (EFI_MEMORY_SP) would become usable RAM; the memory map's attributes are not read");
    }

    private static string NameOf(string token)
    {
        int eq = token.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? token : token[..eq];
    }

    // Parameters whose handler this build does not have, so the kernel passes them to user space as unknown.
    private bool NotBuilt(string name) => name switch
    {
        "numa" => !_p.Numa,
        "memtest" => !_p.Memtest,
        "page_owner" => !_p.PageOwner,
        "movable_node" => !_p.MemoryHotplug,
        _ => false,
    };

    /// <summary>
    /// The parameters <c>print_unknown_bootoptions</c> lists, in its order: unknown_bootoption puts a bare one in
    /// argv_init (in order) and a NAME=VALUE one in envp_init, where a later one replaces an earlier one of the same
    /// name in place (and HOME= or TERM= replaces the two entries init starts with, which are not listed); argv first.
    /// </summary>
    private List<string> UnknownBootOptions()
    {
        var extraKnown = _p.Rules.ExtraKnownParameters;
        var parserUnknown = _cmd.Unknown.ToHashSet(StringComparer.Ordinal);
        var argv = new List<string>();
        var envp = new List<string> { "HOME=/", "TERM=linux" };
        foreach (string token in _cmd.Parameters)
        {
            string name = NameOf(token);
            bool unknown = (parserUnknown.Contains(token) && !extraKnown.Contains(name)) || NotBuilt(name);
            if (!unknown)
                continue;
            if (!token.Contains('=', StringComparison.Ordinal))
            {
                argv.Add(token);
                continue;
            }
            int same = envp.FindIndex(e => e.StartsWith(name + "=", StringComparison.Ordinal));
            if (same >= 0)
                envp[same] = token;
            else
                envp.Add(token);
        }
        return [.. argv, .. envp.Skip(2)];
    }
}
