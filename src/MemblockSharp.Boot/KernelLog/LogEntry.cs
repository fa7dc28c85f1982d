namespace MemblockSharp.Boot.KernelLog;

/// <summary>One record the reader recognised in a kernel log: a <c>memblock=debug</c> call or a context line.</summary>
/// <param name="LineNumber">The 1-based line number in the log.</param>
/// <param name="Timestamp">The printk timestamp in seconds, when the line had one.</param>
public abstract record LogEntry(int LineNumber, double? Timestamp);

/// <summary>Which memblock function a logged call line names.</summary>
public enum MemblockCallKind
{
    /// <summary><c>memblock_add</c>.</summary>
    Add,
    /// <summary><c>memblock_add_node</c> (prints the node and flags too).</summary>
    AddNode,
    /// <summary><c>memblock_remove</c>.</summary>
    Remove,
    /// <summary><c>memblock_reserve</c>.</summary>
    Reserve,
    /// <summary><c>memblock_phys_free</c> (6.1; <c>memblock_free(void *)</c> also prints this name).</summary>
    PhysFree,
    /// <summary><c>memblock_free</c> as kernels before 5.16 print it (a physical range).</summary>
    Free,
    /// <summary><c>memblock_free_late</c>: pages go straight to the buddy allocator; the tables do not change.</summary>
    FreeLate,
    /// <summary><c>memblock_physmem_add</c>.</summary>
    PhysMemAdd,
    /// <summary><c>memblock_phys_alloc_range</c>.</summary>
    PhysAllocRange,
    /// <summary><c>memblock_alloc_try_nid</c>.</summary>
    AllocTryNid,
    /// <summary><c>memblock_alloc_try_nid_raw</c>.</summary>
    AllocTryNidRaw,
    /// <summary><c>memblock_alloc_exact_nid_raw</c>.</summary>
    AllocExactNidRaw,
    /// <summary>An allocator line in the common format from another kernel version (<c>memblock_alloc_try_nid_nopanic</c>, <c>memblock_virt_alloc_try_nid</c>, ...).</summary>
    OtherAlloc,
}

/// <summary>A logged memblock call on a range: <c>memblock_add: [0x...-0x...] caller</c>.</summary>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Timestamp">The printk timestamp.</param>
/// <param name="Function">The memblock function name as printed.</param>
/// <param name="Kind">The function.</param>
/// <param name="Base">The range's first address.</param>
/// <param name="LastAddress">The range's last address as printed (<c>base + size - 1</c>, wrapping as the kernel computes it).</param>
/// <param name="Nid">The node, for <c>memblock_add_node</c>.</param>
/// <param name="Flags">The flags, for <c>memblock_add_node</c>.</param>
/// <param name="Caller">The logged caller.</param>
public sealed record MemblockRangeCall(int LineNumber, double? Timestamp, string Function, MemblockCallKind Kind,
    ulong Base, ulong LastAddress, int? Nid, uint? Flags, KernelCaller Caller) : LogEntry(LineNumber, Timestamp)
{
    /// <summary>The size the caller passed: <c>last - base + 1</c> modulo 2^64 (so a 0-byte free and a <c>ULLONG_MAX</c> remove come back exactly).</summary>
    public ulong Size => unchecked(LastAddress - Base + 1);
}

/// <summary>A logged memblock allocation request: <c>memblock_alloc_try_nid: N bytes align=0x.. nid=.. from=0x.. max_addr=0x.. caller</c>.</summary>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Timestamp">The printk timestamp.</param>
/// <param name="Function">The memblock function name as printed.</param>
/// <param name="Kind">The function.</param>
/// <param name="Size">The requested size in bytes.</param>
/// <param name="Align">The requested alignment.</param>
/// <param name="Nid">The requested node (<c>memblock_phys_alloc_range</c> prints none: <c>NUMA_NO_NODE</c>).</param>
/// <param name="MinAddr">The lowest address asked for (<c>from=</c>).</param>
/// <param name="MaxAddr">The highest address asked for (<c>max_addr=</c>; 0 and 1 mean the current limit).</param>
/// <param name="Caller">The logged caller.</param>
public sealed record MemblockAllocCall(int LineNumber, double? Timestamp, string Function, MemblockCallKind Kind,
    ulong Size, ulong Align, int Nid, ulong MinAddr, ulong MaxAddr, KernelCaller Caller) : LogEntry(LineNumber, Timestamp)
{
    /// <summary>True when the allocator never falls back to another node (<c>memblock_alloc_exact_nid_raw</c>).</summary>
    public bool ExactNid => Kind == MemblockCallKind.AllocExactNidRaw;

    /// <summary>True for the allocators that go through <c>memblock_alloc_internal</c> (cap at the limit, retry from 0).</summary>
    public bool ViaAllocInternal => Kind is MemblockCallKind.AllocTryNid or MemblockCallKind.AllocTryNidRaw
        or MemblockCallKind.AllocExactNidRaw or MemblockCallKind.OtherAlloc;
}

/// <summary>A <c>memblock: reserved is doubled to N at [0x..-0x..]</c> line (a region array grew).</summary>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Timestamp">The printk timestamp.</param>
/// <param name="Table">The table name (<c>memory</c> or <c>reserved</c>).</param>
/// <param name="NewCapacity">The new number of entries.</param>
/// <param name="Base">The new array's first address.</param>
/// <param name="LastAddress">The new array's last address.</param>
public sealed record MemblockArrayDoubled(int LineNumber, double? Timestamp, string Table, long NewCapacity, ulong Base, ulong LastAddress)
    : LogEntry(LineNumber, Timestamp);

/// <summary>A line that starts like a memblock debug line but has a form the reader does not know; reported, never dropped.</summary>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Timestamp">The printk timestamp.</param>
/// <param name="Text">The line's text.</param>
public sealed record UnknownMemblockLine(int LineNumber, double? Timestamp, string Text) : LogEntry(LineNumber, Timestamp);

/// <summary>One region line of a <c>MEMBLOCK configuration</c> dump.</summary>
/// <param name="Base">The first address.</param>
/// <param name="LastAddress">The last address.</param>
/// <param name="Size">The size as printed.</param>
/// <param name="Nid">The node (<c>on node N</c>), when printed.</param>
/// <param name="Flags">The region flags.</param>
public readonly record struct DumpRegion(ulong Base, ulong LastAddress, ulong Size, int? Nid, uint Flags);

/// <summary>A <c>MEMBLOCK configuration:</c> dump (<c>memblock_dump_all</c>, printed with <c>memblock=debug</c>).</summary>
/// <param name="LineNumber">The line of the <c>MEMBLOCK configuration:</c> header.</param>
/// <param name="Timestamp">The printk timestamp.</param>
/// <param name="MemorySize">The printed memory size.</param>
/// <param name="ReservedSize">The printed reserved size.</param>
/// <param name="Memory">The memory regions.</param>
/// <param name="Reserved">The reserved regions.</param>
/// <param name="LastLineNumber">The dump's last line.</param>
public sealed record MemblockDump(int LineNumber, double? Timestamp, ulong MemorySize, ulong ReservedSize,
    IReadOnlyList<DumpRegion> Memory, IReadOnlyList<DumpRegion> Reserved, int LastLineNumber) : LogEntry(LineNumber, Timestamp)
{
    /// <summary>True when the memory lines print <c>on node N</c> (a NUMA kernel).</summary>
    public bool ShowsNodes => Memory.Any(r => r.Nid is not null);
}

/// <summary>What a context line says.</summary>
public enum ContextKind
{
    /// <summary><c>Booting Linux on physical CPU ...</c>: the first line of a boot.</summary>
    Booting,
    /// <summary><c>Linux version RELEASE ...</c>; <see cref="ContextLine.Name"/> is the release.</summary>
    KernelVersion,
    /// <summary><c>Machine model: ...</c>; <see cref="ContextLine.Name"/> is the model.</summary>
    MachineModel,
    /// <summary><c>Kernel command line: ...</c>; <see cref="ContextLine.Name"/> is the command line.</summary>
    CommandLine,
    /// <summary>A <c>Zone ranges:</c> entry: <see cref="ContextLine.Name"/> is the zone, Start/End its span (null when empty).</summary>
    ZoneRange,
    /// <summary>A <c>Movable zone start for each node</c> entry: Node and Start.</summary>
    MovableZoneStart,
    /// <summary>An <c>Early memory node ranges</c> entry: Node, Start, End (inclusive).</summary>
    NodeRange,
    /// <summary><c>Initmem setup node N [mem a-b]</c>.</summary>
    InitmemSetup,
    /// <summary>An <c>efi:</c> memory map line from <c>efi=debug</c>: Start, End (inclusive), Name = type, Attributes.</summary>
    EfiMemoryRange,
    /// <summary><c>efi: UEFI not found.</c> or another <c>efi:</c> status line.</summary>
    Efi,
    /// <summary><c>cma: Reserved N MiB at 0x...</c>: Start and Value (bytes).</summary>
    CmaReserved,
    /// <summary><c>Reserved memory: created CMA|DMA memory pool at 0x..., size N MiB</c>: Name (CMA/DMA), Start, Value (bytes).</summary>
    ReservedMemoryPool,
    /// <summary><c>OF: reserved mem: ...</c>; Name is the node name when the line names one.</summary>
    OfReservedMem,
    /// <summary><c>Memory: xK/yK available (...)</c>: Value = available KiB, Value2 = total KiB, Parts = the parenthesised items.</summary>
    MemoryInfo,
    /// <summary><c>Freeing WHAT memory: NK</c>, with or without the <c>(start - end)</c> suffix of 3.x-4.x kernels: Name = what, Value = KiB, Start/End = the virtual range when printed.</summary>
    Freeing,
    /// <summary><c>NUMA: Faking a node at [mem a-b]</c>: Start, End.</summary>
    NumaFakeNode,
    /// <summary><c>NUMA: Adding memblock [a - b] on node N</c>: Start, End, Node.</summary>
    NumaAddMemblk,
    /// <summary><c>NUMA: NODE_DATA [mem a-b]</c>: Start, End.</summary>
    NumaNodeData,
    /// <summary>Any other <c>NUMA:</c> line.</summary>
    Numa,
    /// <summary><c>crashkernel reserved: a - b (N MB)</c>: Start, End (exclusive as printed).</summary>
    CrashKernel,
    /// <summary><c>software IO TLB: mapped [mem a-b] (NMB)</c>: Start, End (exclusive as printed).</summary>
    Swiotlb,
    /// <summary><c>Memory limited to NMB</c> (<c>mem=</c>): Value = bytes.</summary>
    MemoryLimit,
    /// <summary><c>printk: log_buf_len: N bytes</c>: Value = bytes.</summary>
    LogBufLen,
    /// <summary><c>Run /init as init process</c>: user space started.</summary>
    RunInit,
    /// <summary><c>printk: console [NAME] enabled</c> (6.12: <c>printk: legacy console [NAME] enabled</c>): the real console took over (Name = the console).</summary>
    ConsoleEnabled,
    /// <summary>An x86 firmware memory map line, <c>BIOS-e820: [mem a-b] TYPE</c>: Start, End (inclusive), Name = the type.</summary>
    E820Range,
    /// <summary>
    /// The <c>Memory:</c> line of kernels before 3.13 on 32-bit ARM and others, <c>Memory: Nk/Nk available, Nk reserved, NK highmem</c>:
    /// Value = free pages (KiB), Value2 = pages handed to the buddy allocator (KiB), Parts = the items after the first comma.
    /// </summary>
    MemoryInfoLegacy,
    /// <summary>The older ARM bank summary <c>Memory: 64MB 16MB 747MB = 827MB total</c>: Value = the total (MiB), Parts = the banks.</summary>
    MemoryBanks,
    /// <summary>
    /// A 6.x <c>OF: reserved mem: A..B (N KiB) map|nomap reusable|non-reusable NAME</c> line: Start, End (inclusive),
    /// Value = bytes, Name = the node, Parts = [map or nomap, reusable or non-reusable].
    /// </summary>
    ReservedMemRegion,
    /// <summary><c>Reserved memory: failed to reserve memory for node 'X': base A, size N MiB</c>: Name, Start, Value (bytes, rounded down to MiB).</summary>
    ReservedMemFailed,
    /// <summary><c>cma: Failed to reserve N MiB</c>: Value = bytes.</summary>
    CmaFailed,
    /// <summary><c>NODE_DATA(N) allocated [mem a-b]</c> (6.12): Node, Start, End.</summary>
    NodeDataAllocated,
    /// <summary><c>percpu: Embedded N pages/cpu sS rR dD uU</c> (or <c>PERCPU:</c>): Value = S + R + D, the bytes each CPU keeps of its unit; Value2 = pages per CPU.</summary>
    PerCpu,
    /// <summary><c>pcpu-alloc: [g] c [g] c ...</c>: Value = the number of CPUs the line lists.</summary>
    PcpuGroups,
    /// <summary><c>NAME hash table entries: N (order: k, B bytes[, linear|vmalloc])</c>: Name, Value = bytes (0 when the size is not printed), Value2 = the order k when printed and not negative, Parts = [linear|vmalloc] when printed.</summary>
    HashTable,
    /// <summary>A <c>  ZONE zone: N pages used for memmap</c> line (kernels before 5.x print it): Name = the zone, Value = pages.</summary>
    MemmapPages,
    /// <summary><c>Initial ramdisk at: 0x... (N bytes)</c> or <c>INITRD: ...</c>: Value = bytes when printed.</summary>
    Initrd,
    /// <summary><c>SLUB: HWalign=...</c>: the slab allocator starts (<c>kmem_cache_init</c>), after memblock handed its memory to the buddy allocator.</summary>
    SlabAllocator,
}

/// <summary>A context line around the memblock calls, with the numbers it carries.</summary>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Timestamp">The printk timestamp.</param>
/// <param name="Kind">What the line says.</param>
/// <param name="Text">The line's text (without timestamp or level).</param>
/// <param name="Name">A name the line carries (zone, model, type, ...), per <see cref="ContextKind"/>.</param>
/// <param name="Node">A node number, per <see cref="ContextKind"/>.</param>
/// <param name="Start">A first address, per <see cref="ContextKind"/>.</param>
/// <param name="End">A last or end address, per <see cref="ContextKind"/>.</param>
/// <param name="Value">A number (size, KiB), per <see cref="ContextKind"/>.</param>
/// <param name="Value2">A second number, per <see cref="ContextKind"/>.</param>
/// <param name="Parts">Extra items (EFI attributes, the parts of the <c>Memory:</c> line as "NK label").</param>
public sealed record ContextLine(int LineNumber, double? Timestamp, ContextKind Kind, string Text,
    string? Name = null, int? Node = null, ulong? Start = null, ulong? End = null, ulong? Value = null, ulong? Value2 = null,
    IReadOnlyList<string>? Parts = null) : LogEntry(LineNumber, Timestamp);

/// <summary>What a note about the log says.</summary>
public enum LogNoteKind
{
    /// <summary>The log does not start with the boot's first line: its oldest lines are lost.</summary>
    HeadLost,
    /// <summary>The log ends before user space started; later memblock calls may be missing.</summary>
    TailMissing,
    /// <summary>A memblock line of an unknown form.</summary>
    UnknownMemblockLine,
    /// <summary>Lines are missing in the middle of the log (a serial capture with earlycon loses a stretch).</summary>
    Gap,
    /// <summary>The log has no <c>memblock=debug</c> lines.</summary>
    NoMemblockDebug,
    /// <summary>Lines inside console section markers (<c>@@@BEGIN x@@@</c>) were set aside.</summary>
    ConsoleSection,
    /// <summary>Text before the kernel's first line (firmware, boot loader) was set aside.</summary>
    Preamble,
    /// <summary>A line that could not be read (garbled, cut short) was skipped (lenient reading only).</summary>
    Skipped,
    /// <summary>A soft-wrapped line (e-mail, forum paste) was joined with the line(s) after it.</summary>
    Rejoined,
    /// <summary>A second boot starts in the log; it was set aside (lenient reading only).</summary>
    SecondBoot,
    /// <summary>A section of a collection (<c>==== name ====</c> headers) that is not the kernel log was set aside.</summary>
    BundleSection,
    /// <summary>The text was decoded from e-mail transfer encoding (quoted-printable soft breaks, <c>=3D</c>) or had quote marks (<c>&gt; </c>) removed.</summary>
    EmailText,
}

/// <summary>Something the reader wants the user to know about the log.</summary>
/// <param name="LineNumber">The line it concerns, or 0 for the whole log.</param>
/// <param name="Kind">What kind of note.</param>
/// <param name="Message">The note.</param>
public sealed record LogNote(int LineNumber, LogNoteKind Kind, string Message);
