namespace MemblockSharp.Boot.Simulation;

// The swiotlb state of kernel/dma/swiotlb.c (6.1 and 6.12): default_nslabs, default_nareas, swiotlb_force_bounce and
// swiotlb_force_disable, as swiotlb= sets them while the early parameters are parsed and mem_init then uses them.
internal sealed partial class BootFlow
{
    private const int IoTlbShift = 11;
    private const ulong IoTlbMinSlabs = (1UL << 20) >> IoTlbShift;

    private ulong _swiotlbSlabs;
    private ulong _swiotlbAreas;
    private bool _swiotlbForce, _swiotlbNoForce;

    private ulong SwiotlbDefaultSlabs => _p.SwiotlbBytes >> IoTlbShift;

    // PAGE_ALIGN(nslabs << IO_TLB_SHIFT): what swiotlb_memblock_alloc asks memblock for.
    private ulong SwiotlbBytes(ulong nslabs) => AlignUp(nslabs << IoTlbShift, Page);

    // setup_io_tlb_npages for every swiotlb= in order (an area count prints its lines right away, as the kernel does).
    private void SwiotlbEarlyParams()
    {
        _swiotlbSlabs = SwiotlbDefaultSlabs;
        if (!_p.Swiotlb)
            return;
        foreach (var parameter in _cmd.Swiotlb)
        {
            if (parameter.Slabs is { } slabs)
                _swiotlbSlabs = slabs;
            if (parameter.Areas is { } areas)
                SwiotlbAdjustAreas(areas);
            if (parameter.Force)
                _swiotlbForce = true;
            else if (parameter.NoForce)
                _swiotlbNoForce = true;
        }
    }

    // swiotlb_adjust_nareas: a power of two (0 counts as 1) in an unsigned int, then the slabs rounded to fit.
    private void SwiotlbAdjustAreas(ulong requested)
    {
        uint nareas = unchecked((uint)requested);
        if (nareas == 0)
            nareas = 1;
        else if ((nareas & (nareas - 1)) != 0)
            nareas = unchecked((uint)RoundUpPow2(nareas));
        _swiotlbAreas = nareas;
        Print($"software IO TLB: area num {nareas}.");
        if (SwiotlbRoundUpSlabs())
            Print($"software IO TLB: SWIOTLB bounce buffer size roundup to {(_swiotlbSlabs << IoTlbShift) >> 20}MB");
    }

    // round_up_default_nslabs: at least a segment per area, and a power of two; true when it changed the count.
    private bool SwiotlbRoundUpSlabs()
    {
        if (_swiotlbAreas == 0)
            return false;
        if (_swiotlbSlabs < SwiotlbParameter.SegmentSlabs * _swiotlbAreas)
            _swiotlbSlabs = SwiotlbParameter.SegmentSlabs * _swiotlbAreas;
        else if ((_swiotlbSlabs & (_swiotlbSlabs - 1)) == 0)
            return false;
        _swiotlbSlabs = RoundUpPow2(_swiotlbSlabs);
        return true;
    }

    // swiotlb_adjust_size: only while swiotlb= has not set the size.
    private void SwiotlbAdjustSize(ulong size)
    {
        if (_swiotlbSlabs != SwiotlbDefaultSlabs)
            return;
        size = AlignUp(size, 1UL << IoTlbShift);
        _swiotlbSlabs = AlignUp(size >> IoTlbShift, SwiotlbParameter.SegmentSlabs);
        if (SwiotlbRoundUpSlabs())
            size = _swiotlbSlabs << IoTlbShift;
        Print($"software IO TLB: SWIOTLB bounce buffer size adjusted to {size >> 20}MB");
    }

    // limit_nareas: no more areas than whole segments.
    private static ulong SwiotlbLimitAreas(ulong nareas, ulong nslots) =>
        nslots < nareas * SwiotlbParameter.SegmentSlabs ? nslots / SwiotlbParameter.SegmentSlabs : nareas;
}
