using MemblockSharp.Boot.Profiles;

namespace MemblockSharp.Boot.Lint;

/// <summary>What the linter assumes about the kernel and the boot.</summary>
public sealed record LintOptions
{
    /// <summary>The kernel build (page size, CMA alignment, physical-address bits, arm or arm64 boot flow).</summary>
    public required KernelProfile Profile { get; init; }

    /// <summary>Memory banks that replace the tree's /memory nodes (what a bootloader fills in); empty = use the tree.</summary>
    public IReadOnlyList<(ulong Base, ulong Size)> Ram { get; init; } = [];

    /// <summary>Physical load address of the kernel image (<c>_text</c>); null = assume the default (RAM base + 2 MiB on arm64).</summary>
    public ulong? KernelAddress { get; init; }

    /// <summary>Physical address of the device tree blob; null = assume QEMU's placement (after the initrd, 2 MiB aligned).</summary>
    public ulong? DtbAddress { get; init; }
}
