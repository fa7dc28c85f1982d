using System.Globalization;
using MemblockSharp.Boot.Architectures;
using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.Boot.Profiles;
using MemblockSharp.Boot.Versions;

namespace MemblockSharp.Boot.Simulation;

/// <summary>
/// The boot of Linux 6.1 on arm64 and 32-bit ARM, step by step (docs/boot-flow-arm64.md): each step calls the memblock core with the
/// kernel function named as caller, and prints what the kernel prints.
/// </summary>
internal sealed partial class BootFlow
{
    private const ulong SZ_1M = 1UL << 20, SZ_2M = 2UL << 20, SZ_1G = 1UL << 30, SZ_4G = 1UL << 32;

    private readonly BootOptions _options;
    private readonly KernelProfile _p;
    private readonly IBootArchitecture _arch;
    private readonly IKernelVersionPolicy _rules;
    private readonly DeviceTree.FlattenedDeviceTree _tree;
    private readonly BootScanResult _scan;
    private readonly KernelCommandLine _cmd;
    private readonly Memblock _mb;
    private readonly List<string> _log = [];
    private readonly List<string> _trace = [];
    private readonly CostLedger _costs = new();
    private readonly List<(ulong Base, ulong Size, string Name)> _cmaAreas = [];
    private readonly List<BootWarning> _warnings = [];
    private readonly List<BootInput> _inputs = [];

    private ulong _kernelPhys, _dtbPhys, _memstart, _dmaLimit, _dma32Limit;
    private ulong _initrdStart, _initrdEnd, _physOffset;
    private ulong? _lowmemLimit;
    private ulong _totalCmaPages;
    private int _cpus;
    private int[] _cpuNode = [];
    private bool _cmaDefaultFromDt;
    private bool _traceCut;
    private readonly SortedSet<int> _nodes = [];
    private readonly EfiBootLog? _efi;

    /// <summary>A boot of <paramref name="tree"/>, read through its early scan <paramref name="scan"/>.</summary>
    public BootFlow(BootOptions options, DeviceTree.FlattenedDeviceTree tree, BootScanResult scan)
    {
        _options = options;
        _p = options.Profile;
        _arch = BootArchitectures.For(_p);
        _rules = KernelVersionPolicies.For(_p.Version);
        _tree = tree;
        _scan = scan;
        _cmd = KernelCommandLine.Parse(options.CommandLine ?? scan.Chosen.Bootargs ?? "");
        _efi = options.EfiLog is null ? null : EfiBootLog.Parse(options.EfiLog);
        _mb = new Memblock(new MemblockOptions
        {
            MaxNumNodes = _p.MaxNumNodes,
            Numa = _p.Numa,
            SmpCacheBytes = 64,
            PageSize = _p.PageSize,
            KernelVersion = _rules.MemblockCore,
            PhysAddrBytes = _p.PhysAddrBytes,
            // sizeof(struct memblock_region): base, size, flags (and the node with NUMA), padded to the base's alignment.
            RegionEntrySize = _p.PhysAddrBytes == 4 && !_p.Numa ? 12UL : 24UL,
        });
    }

    private ulong Page => _p.PageSize;

    private ulong PfnUp(ulong addr) => (addr + Page - 1) / Page;

    private ulong PfnDown(ulong addr) => addr / Page;

    private ulong Phys(ulong symbol) => symbol - _p.Image.Text + _kernelPhys;

    // 32-bit ARM: lowmem virtual address to physical (PAGE_OFFSET maps PHYS_OFFSET).
    private ulong Phys32(ulong virt) => virt - _p.PageOffset + _physOffset;

    private static ulong AlignUp(ulong v, ulong a) => (v + a - 1) & ~(a - 1);

    private static ulong AlignDown(ulong v, ulong a) => v & ~(a - 1);

    private void Print(string line) => _log.Add(line);

    /// <summary>An address or size as this kernel's <c>%pa</c> prints it: 16 hex digits, or 8 with a 32-bit <c>phys_addr_t</c>.</summary>
    private string Pa(ulong value) => MemblockSharp.Text.Hex.FormatPhys(value, _p.PhysAddrBytes);

    /// <summary>Records that <paramref name="subject"/> changes memory in a way this boot does not model (once per subject and message).</summary>
    private void Warn(string subject, string message)
    {
        var warning = new BootWarning(subject, message);
        if (!_warnings.Contains(warning))
            _warnings.Add(warning);
    }

    private void OnTrace(string line)
    {
        _trace.Add(line);
        _log.Add(line);
        if (_trace.Count < _options.MaxTraceLines)
            return;
        // The kernel prints about a thousand lines per GiB (a page-table page per 2 MiB of linear map); past the cap the
        // trace stops, and the calls it no longer has to show are batched again, so a huge bank cannot stall the boot.
        string note = $"memblock: trace cut after {_trace.Count} lines (BootOptions.MaxTraceLines); the boot goes on untraced";
        _trace.Add(note);
        _log.Add(note);
        _traceCut = true;
        _mb.Trace = null;
    }

    private void StartTracing()
    {
        if (_options.Trace && !_traceCut)
            _mb.Trace = OnTrace;
    }

    /// <summary>Who owned each reserved byte at the hand-off to the buddy allocator, as the boot steps recorded it (set by <see cref="Run()"/>).</summary>
    internal IReadOnlyList<(ulong Base, ulong End, string Category, string? Caller)> LedgerAtHandOff { get; private set; } = [];

    // ---- memblock calls with ownership -----------------------------------------------------------------------------

    private void Reserve(string category, ulong @base, ulong size, string caller)
    {
        _mb.Reserve(@base, size, caller);
        _costs.Add(@base, size, category, caller);
    }

    private void PhysFree(ulong @base, ulong size, string caller)
    {
        _mb.PhysFree(@base, size, caller);
        _costs.Remove(@base, size);
    }

    private ulong Got(ulong addr, ulong size, string category, string caller)
    {
        if (addr == 0)
            throw new BootInputException($"out of memory: {caller} could not get {size} bytes for {category} (the kernel would panic)");
        _costs.Add(addr, size, category, caller);
        return addr;
    }

    private ulong Alloc(string category, ulong size, ulong align, string caller) =>
        Got(_mb.Alloc(size, align, caller), size, category, caller);

    private ulong AllocTryNid(string category, ulong size, ulong align, ulong min, ulong max, int nid, string caller) =>
        Got(_mb.AllocTryNid(size, align, min, max, nid, caller), size, category, caller);

    private ulong PhysAllocRange(string category, ulong size, ulong align, ulong start, ulong end, string caller) =>
        Got(_mb.PhysAllocRange(size, align, start, end, caller), size, category, caller);

    // ---- the flow ---------------------------------------------------------------------------------------------------

    /// <summary>Runs the architecture's steps in its order, then hands memory to the buddy allocator.</summary>
    public BootResult Run()
    {
        foreach (var step in _arch.Steps)
            Run(step);
        return HandOff(_zones!);
    }

    private void Run(BootStep step)
    {
        switch (step)
        {
            case BootStep.SetupMachineFdt: SetupMachineFdt(); break;
            case BootStep.ParseEarlyParams: ParseEarlyParams(); break;
            case BootStep.ArmAdjustLowmemBounds: AdjustLowmemBounds(); break;
            case BootStep.Arm64MemblockInit: Arm64MemblockInit(); break;
            case BootStep.ArmMemblockInit: ArmMemblockInit(); break;
            case BootStep.Arm64PagingInit: PagingInit(); break;
            case BootStep.ArmPagingInit: ArmPagingInit(); break;
            case BootStep.UnflattenDeviceTree: UnflattenDeviceTree(); break;
            case BootStep.Arm64BootmemInit: BootmemInit(); break;
            case BootStep.RequestStandardResources: RequestStandardResources(); break;
            case BootStep.SmpInitCpus: SmpInitCpus(); break;
            case BootStep.ArmReserveCrashkernel: ArmReserveCrashkernel(); break;
            case BootStep.SetupCommandLine: SetupCommandLine(); break;
            case BootStep.SetupPerCpuAreas: SetupPerCpuAreas(); break;
            case BootStep.ParseArgs: ParseArgs(); break;
            case BootStep.PrintUnknownBootOptions: PrintUnknownBootOptions(); break;
            case BootStep.SetupLogBuf: SetupLogBuf(); break;
            case BootStep.VfsCachesInitEarly: VfsCachesInitEarly(_zones!); break;
            case BootStep.PageExtInitFlatmem: PageExtInitFlatmem(_zones!); break;
            case BootStep.MemInit: MemInit(); break;
            default: throw new InvalidOperationException($"boot step {step} has no implementation");
        }
    }
}
