using MemblockSharp.Boot.Profiles;
using MemblockSharp.Text;

namespace MemblockSharp.Boot.Lint;

public static partial class DtbLinter
{
    private sealed partial class Context
    {
        /// <summary>MB018, MB019: each memory bank of the tree against page rounding and the physical-address limits.</summary>
        public void CheckBanks()
        {
            if (Options.Ram.Count > 0 || Scan.IsUefiBoot)
                return;
            var page = ScanOptions.PageSize;
            var p = Options.Profile;
            // arm64_memblock_init: nothing at or above 2^PA_BITS, nothing beyond the linear map from the 1 GiB-aligned RAM start.
            ulong limit = ulong.MaxValue, linearEnd = ulong.MaxValue;
            if (p.Arch != KernelArch.Arm)
            {
                if (p.PhysAddrBits < 64)
                    limit = 1UL << p.PhysAddrBits;
                var added = Scan.AddedBanks.ToList();
                if (added.Count > 0 && p.VaBits < 64)
                    linearEnd = SaturatingAdd(added.Min(b => b.Base) & ~((1UL << 30) - 1), 1UL << (p.VaBits - 1));
            }
            foreach (var bank in Scan.Banks)
            {
                var rawEnd = SaturatingAdd(bank.RawBase, bank.RawSize);
                var roundedBase = SaturatingAdd(bank.RawBase, page - 1) & ~(page - 1);
                var roundedEnd = rawEnd & ~(page - 1);
                var where = bank.EntryIndex > 0 ? $"reg entry {bank.EntryIndex} " : "";
                if (((bank.RawBase | bank.RawSize) & (page - 1)) != 0)
                {
                    Add(LintRules.BankAlignment, bank.NodePath, roundedEnd <= roundedBase
                        ? $"{where}{Hex.Format(bank.RawBase)}+{Hex.Format(bank.RawSize)} holds no whole {Size(page)} page: the kernel ignores it"
                        : $"{where}{Hex.Format(bank.RawBase)}+{Hex.Format(bank.RawSize)} is not {Size(page)}-page aligned: the kernel uses " +
                          $"[{Hex.Format(roundedBase)}-{Hex.Format(roundedEnd - 1)}] and loses {Size(bank.RawSize - (roundedEnd - roundedBase))}");
                }
                if (roundedEnd <= roundedBase)
                    continue;
                ulong keptBase = bank.Added ? bank.Base : 0, keptEnd = bank.Added ? bank.Base + bank.Size : 0;
                keptEnd = Math.Min(keptEnd, Math.Min(limit, linearEnd));
                var kept = keptEnd > keptBase ? keptEnd - keptBase : 0;
                var rounded = roundedEnd - roundedBase;
                if (kept >= rounded)
                    continue;
                var why = p.Arch == KernelArch.Arm
                    ? $"outside [{Hex.Format(ScanOptions.MinMemblockAddress)}-{Hex.Format(ScanOptions.MaxMemblockAddress)}] (PHYS_OFFSET and phys_addr_t of {p.Name})"
                    : keptEnd == limit && limit <= linearEnd
                        ? $"at or above 2^{p.PhysAddrBits} (CONFIG_ARM64_PA_BITS of {p.Name})"
                        : $"beyond the {Size(1UL << (p.VaBits - 1))} linear map from {Hex.Format(linearEnd - (1UL << (p.VaBits - 1)))} (VA_BITS {p.VaBits})";
                Add(LintRules.BankBeyondLimit, bank.NodePath, kept == 0
                    ? $"{where}[{Hex.Format(roundedBase)}-{Hex.Format(roundedEnd - 1)}] lies {why}: the kernel never uses it"
                    : $"{where}[{Hex.Format(roundedBase)}-{Hex.Format(roundedEnd - 1)}]: {Size(rounded - kept)} {why} is never used");
            }
        }

        private static ulong SaturatingAdd(ulong a, ulong b) => a + b < a ? ulong.MaxValue : a + b;
    }
}
