namespace MemblockSharp;

/// <summary>
/// Linux's early physical memory allocator, memblock, re-created call for call, as Linux 6.1 (the default) or 6.12 has it
/// (<see cref="MemblockOptions.KernelVersion"/>; what differs is listed in <see cref="MemblockRules"/>).
/// </summary>
/// <remarks>
/// <para>
/// memblock describes physical memory as two region tables (<see cref="MemblockType"/>):
/// <see cref="Memory"/>, the RAM the firmware or device tree declared, and <see cref="Reserved"/>, the ranges
/// already taken (the kernel image, device-tree reservations, and everything memblock itself handed out).
/// A third table, <see cref="PhysMem"/>, records all physical memory where an architecture keeps it.
/// Free memory is <c>memory</c> minus <c>reserved</c>.
/// </para>
/// <para>
/// Every operation reduces to a few primitives on one table: add a range (only the uncovered pieces are inserted,
/// then neighbours with equal node and flags merge), isolate a range (split regions at its two ends), remove the
/// isolated regions, and set an attribute on them. When a table is full and resizing is allowed, its array doubles and
/// the new array is itself allocated from and reserved in memblock, exactly as the kernel does.
/// </para>
/// <para>
/// Ranges are half-open, <c>[base, base + size)</c>, and a size is always cut so that <c>base + size</c> fits in
/// 64 bits. Mutators return 0 or <see cref="ENOMEM"/>; allocators return a physical address or 0 on failure.
/// Each member names the Linux function it mirrors. The kernel's build parameters are the <see cref="Options"/>.
/// </para>
/// <para>Every traced call can be printed as the kernel's <c>memblock=debug</c> lines through <see cref="Trace"/>.</para>
/// </remarks>
public sealed partial class Memblock
{
    /// <summary><c>NUMA_NO_NODE</c>: any node.</summary>
    public const int NumaNoNode = -1;

    /// <summary>The error code the kernel returns when a table cannot grow (<c>-ENOMEM</c>).</summary>
    public const int ENOMEM = -12;

    /// <summary>The highest physical address (<c>PHYS_ADDR_MAX</c>), also "no limit" for <see cref="CurrentLimit"/>.</summary>
    public const ulong PhysAddrMax = ulong.MaxValue;

    /// <summary><c>MEMBLOCK_ALLOC_ACCESSIBLE</c>: an end or max address of 0 means "up to the current limit".</summary>
    public const ulong AllocAccessible = 0;

    /// <summary><c>MEMBLOCK_ALLOC_NOLEAKTRACE</c>: an end of 1 also means "up to the current limit" (no kmemleak tracking).</summary>
    public const ulong AllocNoLeakTrace = 1;

    /// <summary>Creates a memblock in its boot-time state: both tables empty with their static arrays, top-down, no limit.</summary>
    /// <param name="options">The kernel build parameters; <see cref="MemblockOptions.Default"/> when null.</param>
    public Memblock(MemblockOptions? options = null)
    {
        Options = options ?? MemblockOptions.Default;
        Options.Validate();
        Rules = MemblockRules.For(Options.KernelVersion);
        Memory = new MemblockType("memory", Options, Rules);
        Reserved = new MemblockType("reserved", Options, Rules);
        PhysMem = new MemblockType("physmem", Options, Rules);
    }

    /// <summary>The kernel build parameters this instance follows.</summary>
    public MemblockOptions Options { get; }

    /// <summary>The rules of the kernel release this instance follows (<see cref="MemblockOptions.KernelVersion"/>).</summary>
    public MemblockRules Rules { get; }

    /// <summary>The usable RAM (<c>memblock.memory</c>).</summary>
    public MemblockType Memory { get; }

    /// <summary>The taken ranges (<c>memblock.reserved</c>).</summary>
    public MemblockType Reserved { get; }

    /// <summary>All physical memory, for architectures that keep it (<c>physmem</c>, <c>CONFIG_HAVE_MEMBLOCK_PHYS_MAP</c>).</summary>
    public MemblockType PhysMem { get; }

    /// <summary>Allocation direction: true for bottom-up, false (the default) for top-down (<c>memblock_set_bottom_up</c>, <c>memblock_bottom_up</c>).</summary>
    public bool BottomUp { get; set; }

    /// <summary>The highest address allocations may reach (<c>memblock.current_limit</c>, <c>memblock_set_current_limit</c>).</summary>
    public ulong CurrentLimit { get; set; } = PhysAddrMax;

    /// <summary>The <c>movable_node</c> kernel parameter: when on, hot-pluggable memory is skipped by allocations.</summary>
    public bool MovableNode { get; set; }

    /// <summary>The kernel's "system has some mirrored memory" flag; when set, allocations first ask for mirrored memory.</summary>
    public bool HasMirror { get; set; }

    /// <summary>The <c>kernelcore=mirror</c> setting; when false, <see cref="MarkMirror"/> does nothing. Default true.</summary>
    public bool MirroredKernelcore { get; set; } = true;

    /// <summary>True once <see cref="AllowResize"/> has been called: full tables may then double their arrays.</summary>
    public bool ResizeAllowed { get; private set; }

    /// <summary>
    /// Receives one line per traced call in the kernel's <c>memblock=debug</c> format (without the timestamp), such as
    /// <c>memblock_reserve: [0x0000000048000000-0x00000000480f1fff] arm64_memblock_init</c>. Null disables tracing.
    /// </summary>
    public Action<string>? Trace { get; set; }

    /// <summary>Lets full tables grow by doubling their arrays (<c>memblock_allow_resize</c>).</summary>
    public void AllowResize() => ResizeAllowed = true;

    /// <summary>Forbids or allows array doubling; a harness knob used by replays and tests.</summary>
    public void SetResizeAllowed(bool allowed) => ResizeAllowed = allowed;

    /// <summary>
    /// Empties both tables as the kernel test harness's <c>reset_memblock_regions</c> does: the boot-time empty state (in
    /// 6.1 one placeholder with node 0, in 6.12 no entry), the initial capacity, total 0. Each table keeps the array it
    /// uses (a doubled array stays where it is, and is freed by the next doubling), and the direction, limit and resize
    /// permission are left as they are.
    /// </summary>
    public void ResetRegions()
    {
        Memory.Reset(Options.InitialRegions, keepArray: true);
        Reserved.Reset(Options.InitialRegions, keepArray: true);
        PhysMem.Reset(Options.InitialRegions, keepArray: true);
    }

    /// <summary>
    /// Puts both tables back on their initial static arrays, then empties them as <see cref="ResetRegions"/> does (what
    /// some 6.12 harness tests do after doubling an array): the next doubling then frees no old array.
    /// </summary>
    public void ResetInitialArrays()
    {
        Memory.Reset(Options.InitialRegions, keepArray: false);
        Reserved.Reset(Options.InitialRegions, keepArray: false);
        PhysMem.Reset(Options.InitialRegions, keepArray: false);
    }

    /// <summary>The node id the kernel gives regions added without a node (<c>MAX_NUMNODES</c>).</summary>
    private int NoNode => Options.MaxNumNodes;

    /// <summary>Cuts <paramref name="size"/> so that <c>base + size</c> cannot pass 2^64 − 1 (<c>memblock_cap_size</c>).</summary>
    private static ulong CapSize(ulong @base, ulong size) => Math.Min(size, PhysAddrMax - @base);
}
