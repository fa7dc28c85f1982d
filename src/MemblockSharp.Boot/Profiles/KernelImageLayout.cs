namespace MemblockSharp.Boot.Profiles;

/// <summary>
/// Where the sections of a kernel image lie, as link-time virtual addresses taken from <c>System.map</c>.
/// Every figure the boot needs (the reserved image, the <c>Memory:</c> line's code/data/init/bss sizes, the
/// page-table segments, the per-CPU static size) is a difference of two of these symbols.
/// </summary>
public sealed record KernelImageLayout
{
    /// <summary><c>_text</c>: the first byte of the image.</summary>
    public required ulong Text { get; init; }

    /// <summary><c>_stext</c>: start of the kernel text proper (the reserved image starts here on arm64).</summary>
    public required ulong SText { get; init; }

    /// <summary><c>_etext</c>: end of the kernel text.</summary>
    public required ulong EText { get; init; }

    /// <summary><c>__start_rodata</c>.</summary>
    public required ulong StartRodata { get; init; }

    /// <summary><c>__end_rodata</c>.</summary>
    public required ulong EndRodata { get; init; }

    /// <summary><c>__init_begin</c>: start of the init sections freed by <c>free_initmem</c>.</summary>
    public required ulong InitBegin { get; init; }

    /// <summary><c>__init_end</c>.</summary>
    public required ulong InitEnd { get; init; }

    /// <summary><c>_sinittext</c>.</summary>
    public required ulong SInitText { get; init; }

    /// <summary><c>_einittext</c>.</summary>
    public required ulong EInitText { get; init; }

    /// <summary><c>__inittext_begin</c> (arm64 segment boundary; equals <see cref="InitBegin"/> when absent).</summary>
    public required ulong InitTextBegin { get; init; }

    /// <summary><c>__inittext_end</c> (arm64 segment boundary).</summary>
    public required ulong InitTextEnd { get; init; }

    /// <summary><c>__initdata_begin</c> (arm64 segment boundary).</summary>
    public required ulong InitDataBegin { get; init; }

    /// <summary><c>__initdata_end</c> (arm64 segment boundary).</summary>
    public required ulong InitDataEnd { get; init; }

    /// <summary><c>_sdata</c>.</summary>
    public required ulong SData { get; init; }

    /// <summary><c>_edata</c>.</summary>
    public required ulong EData { get; init; }

    /// <summary><c>__bss_start</c>.</summary>
    public required ulong BssStart { get; init; }

    /// <summary><c>__bss_stop</c>.</summary>
    public required ulong BssStop { get; init; }

    /// <summary><c>_end</c>: one past the last byte of the image.</summary>
    public required ulong End { get; init; }

    /// <summary><c>__per_cpu_start</c>.</summary>
    public required ulong PerCpuStart { get; init; }

    /// <summary><c>__per_cpu_end</c>.</summary>
    public required ulong PerCpuEnd { get; init; }

    /// <summary><c>init_pg_dir</c> (arm64: early page tables freed by <c>paging_init</c>); 0 when absent.</summary>
    public ulong InitPgDir { get; init; }

    /// <summary><c>init_pg_end</c>; 0 when absent.</summary>
    public ulong InitPgEnd { get; init; }

    /// <summary><c>swapper_pg_dir</c>: the kernel page directory (32-bit ARM reserves it); 0 when absent.</summary>
    public ulong SwapperPgDir { get; init; }

    /// <summary>Size of the per-CPU static section (<c>__per_cpu_end − __per_cpu_start</c>).</summary>
    public ulong PerCpuStaticSize => PerCpuEnd - PerCpuStart;

    /// <summary>The <c>kernel code</c> figure of the <c>Memory:</c> line, in bytes (<c>_etext − _stext</c>).</summary>
    public ulong CodeSize => Adjust(SText, EText, EText - SText, SInitText, InitCodeSize, StartRodata, RodataSize);

    /// <summary>The <c>rwdata</c> figure in bytes (<c>_edata − _sdata</c>, less embedded init or rodata).</summary>
    public ulong DataSize => Adjust(SData, EData, EData - SData, InitBegin, InitDataSize, StartRodata, RodataSize);

    /// <summary>The <c>rodata</c> figure in bytes.</summary>
    public ulong RodataSize => EndRodata - StartRodata;

    /// <summary>The <c>bss</c> figure in bytes.</summary>
    public ulong BssSize => BssStop - BssStart;

    /// <summary>The <c>init</c> figure in bytes: init data plus init text, counting init text once when it lies inside the init section.</summary>
    public ulong InitSize => InitDataSize + InitCodeSize;

    private ulong InitCodeSize => EInitText - SInitText;

    private ulong InitDataSize
    {
        get
        {
            ulong data = InitEnd - InitBegin;
            return InitBegin <= SInitText && SInitText < InitEnd && data > InitCodeSize ? data - InitCodeSize : data;
        }
    }

    // mem_init_print_info: a section that contains another one's start gives up that one's size, in order.
    private static ulong Adjust(ulong start, ulong end, ulong size, ulong pos1, ulong adj1, ulong pos2, ulong adj2)
    {
        if (start <= pos1 && pos1 < end && size > adj1)
            size -= adj1;
        if (start <= pos2 && pos2 < end && size > adj2)
            size -= adj2;
        return size;
    }
}
