namespace MemblockSharp.Boot.Maps;

/// <summary>What a piece of reserved memory is for, as the memory map colours it.</summary>
public enum ReservationCategory
{
    /// <summary>The kernel image (<c>_text</c> to <c>_end</c>).</summary>
    KernelImage,
    /// <summary>The flattened device tree blob and the unflattened tree.</summary>
    Fdt,
    /// <summary>The initial RAM disk.</summary>
    Initrd,
    /// <summary>Early page tables.</summary>
    PageTables,
    /// <summary>The <c>struct page</c> array (sparse memmap) and section tables.</summary>
    Memmap,
    /// <summary>Per-CPU areas.</summary>
    PerCpu,
    /// <summary>Contiguous memory allocator pools (handed back to the buddy allocator as <c>MIGRATE_CMA</c>).</summary>
    Cma,
    /// <summary>The swiotlb bounce buffer.</summary>
    Swiotlb,
    /// <summary>The crash kernel region (<c>crashkernel=</c>).</summary>
    CrashKernel,
    /// <summary>The printk log buffer (<c>log_buf_len=</c>).</summary>
    LogBuffer,
    /// <summary>A <c>/reserved-memory</c> child node or a <c>/memreserve/</c> entry.</summary>
    ReservedMemoryNode,
    /// <summary>Everything else (hash tables, NUMA data, memblock arrays, firmware, unattributed bytes).</summary>
    Other,
}

/// <summary>Names of <see cref="ReservationCategory"/> values for people.</summary>
public static class ReservationCategories
{
    /// <summary>The category's name as the legend shows it.</summary>
    /// <param name="category">The category.</param>
    /// <returns>A short lower-case name.</returns>
    public static string DisplayName(this ReservationCategory category) => category switch
    {
        ReservationCategory.KernelImage => "kernel image",
        ReservationCategory.Fdt => "FDT",
        ReservationCategory.Initrd => "initrd",
        ReservationCategory.PageTables => "page tables",
        ReservationCategory.Memmap => "memmap",
        ReservationCategory.PerCpu => "per-CPU",
        ReservationCategory.Cma => "CMA",
        ReservationCategory.Swiotlb => "swiotlb",
        ReservationCategory.CrashKernel => "crash kernel",
        ReservationCategory.LogBuffer => "log buffer",
        ReservationCategory.ReservedMemoryNode => "reserved-memory node",
        _ => "other",
    };

    /// <summary>Maps a category name used by the replay's and the boot's accounts to a map category.</summary>
    /// <param name="accountCategory">The account's category text ("kernel image", "CMA (reserved-memory linux,cma)", ...).</param>
    /// <param name="caller">The kernel function that made the reservation, or null.</param>
    /// <returns>The map category.</returns>
    public static ReservationCategory FromAccount(string accountCategory, string? caller)
    {
        ArgumentNullException.ThrowIfNull(accountCategory);
        string c = accountCategory;
        if (c.StartsWith("CMA", StringComparison.Ordinal))
            return ReservationCategory.Cma;
        switch (c)
        {
            case "kernel image": return ReservationCategory.KernelImage;
            case "FDT" or "device tree blob" or "unflattened device tree": return ReservationCategory.Fdt;
            case "initrd": return ReservationCategory.Initrd;
            case "page tables": return ReservationCategory.PageTables;
            case "memmap" or "sparse memmap and section tables": return ReservationCategory.Memmap;
            case "per-CPU" or "per-CPU areas": return ReservationCategory.PerCpu;
            case "swiotlb": return ReservationCategory.Swiotlb;
            case "crash kernel": return ReservationCategory.CrashKernel;
            case "log buffer": return ReservationCategory.LogBuffer;
            case "/memreserve/": return ReservationCategory.ReservedMemoryNode;
        }
        if (c.StartsWith("reserved-memory", StringComparison.Ordinal) || c.StartsWith("DT reserved memory", StringComparison.Ordinal)
            || c.Contains('@', StringComparison.Ordinal))
            return ReservationCategory.ReservedMemoryNode;
        if (caller is not null && (caller.Contains("fdt", StringComparison.Ordinal) || caller.Contains("unflatten", StringComparison.Ordinal)))
            return ReservationCategory.Fdt;
        return ReservationCategory.Other;
    }
}
