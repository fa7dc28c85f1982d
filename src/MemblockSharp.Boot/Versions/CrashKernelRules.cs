namespace MemblockSharp.Boot.Versions;

/// <summary>
/// The rules of one release's <c>crashkernel=</c> handling where releases differ (arm64: arch/arm64/mm/init.c of 6.1,
/// kernel/crash_reserve.c <c>reserve_crashkernel_generic</c> of 6.12; 32-bit ARM only takes the parse rules).
/// </summary>
/// <param name="DefaultLowBytes">
/// The low part of <c>crashkernel=SIZE,high</c> without <c>,low</c>, and after a plain form fell back above the DMA
/// limit: 0 on 6.1 (no low part), <c>DEFAULT_CRASH_KERNEL_LOW_SIZE</c> (128 MiB) on 6.12.
/// </param>
/// <param name="FallsBack">
/// Whether a failed first try is retried in the other window (6.12: plain below the DMA limit, then above it with
/// the default low part; <c>,high</c> above the DMA limit, then below it). 6.1 tries once: plain below the DMA limit,
/// <c>,high</c> anywhere below the top of the physical address range.
/// </param>
/// <param name="RejectsSizeNotBelowRam">Whether <c>parse_crashkernel</c> refuses, silently, a size not below the system RAM (6.12).</param>
/// <param name="PageAlignsSize">Whether the size is rounded up to a page first (6.1's <c>PAGE_ALIGN(crash_size)</c>).</param>
/// <param name="FixedBaseFailure">
/// The line printed when <c>SIZE@BASE</c> cannot be had, or null when it is the generic
/// <c>cannot allocate crashkernel (size:0x…)</c> (6.1).
/// </param>
internal sealed record CrashKernelRules(ulong DefaultLowBytes, bool FallsBack, bool RejectsSizeNotBelowRam, bool PageAlignsSize, string? FixedBaseFailure)
{
    /// <summary>Linux 6.1.</summary>
    public static CrashKernelRules Linux61 { get; } = new(0, FallsBack: false, RejectsSizeNotBelowRam: false, PageAlignsSize: true, FixedBaseFailure: null);

    /// <summary>Linux 6.12.</summary>
    public static CrashKernelRules Linux612 { get; } = new(128UL << 20, FallsBack: true, RejectsSizeNotBelowRam: true, PageAlignsSize: false,
        FixedBaseFailure: "crashkernel reservation failed - memory is in use.");
}
