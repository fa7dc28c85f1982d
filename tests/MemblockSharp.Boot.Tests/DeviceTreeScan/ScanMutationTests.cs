using System.Buffers.Binary;
using CsCheck;
using MemblockSharp.Boot.DeviceTreeScan;
using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.Boot.Tests.DeviceTreeScan;

/// <summary>
/// The scan is as lenient as the kernel: whatever a blob that parses contains (cells of any value, properties of
/// any length), <see cref="BootScanner.Scan"/> and its text rendering never throw. Mutants of the realboot trees
/// with 32-bit words overwritten inside property values (cells, sizes, statuses, strings), fixed seed and case count.
/// </summary>
public sealed class ScanMutationTests
{
    private const int Cases = 2000;

    private static readonly byte[][] Corpus =
    [
        .. new[] { "virt-arm64-1G-reserved-memory", "virt-arm64-3G-numa-2G-1G", "virt-arm64-2G-uefi-dt", "virt-arm64-1G-memreserve" }
            .Select(c => FdtWriter.Write(FlattenedDeviceTree.Load(TestData.Path("realboot", c, "board.dtb")))),
    ];

    /// <summary>Per corpus blob: (offset, length) of every property value of 4 bytes or more.</summary>
    private static readonly (int Offset, int Length)[][] Values =
    [
        .. Corpus.Select(b => FlattenedDeviceTree.Parse(b.AsMemory()).Nodes().SelectMany(n => n.Properties)
            .Where(p => p.Length >= 4).Select(p => (p.ValueOffset, p.Length)).ToArray()),
    ];

    private static readonly Gen<(int File, (int Pos, uint Value)[] Writes)> OneCase =
        Gen.Select(Gen.Int[0, Corpus.Length - 1],
            Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOf(Gen.UInt[0, 5], Gen.UInt, Gen.Const(0xffffffffu))).Array[1, 6]);

    [Fact]
    public void Scan_NeverThrowsOnTreesThatParse()
    {
        int scanned = 0, rejected = 0;
        OneCase.Array[Cases].Sample(cases =>
        {
            foreach (var (file, writes) in cases)
            {
                var blob = (byte[])Corpus[file].Clone();
                var values = Values[file];
                foreach (var (pos, value) in writes)
                {
                    var (offset, length) = values[pos % values.Length];
                    var at = offset + (pos / values.Length % (length / 4)) * 4;
                    BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(at), value);
                }
                if (!FlattenedDeviceTree.TryParse(blob.AsMemory(), out var tree, out _))
                {
                    rejected++;
                    continue;
                }
                foreach (var options in new[] { BootScanOptions.Arm64, BootScanOptions.Arm32Lpae(0x40000000) })
                {
                    var scan = BootScanner.Scan(tree!, options);
                    _ = BootScanText.Format(scan);
                    Assert.All(scan.Banks.Where(b => b.Added), b => Assert.True(b.Size % options.PageSize == 0 && b.Base % options.PageSize == 0));
                    Assert.True(scan.ReservedMemoryTable.Count <= options.MaxReservedRegions);
                }
                scanned++;
            }
        }, seed: "0Mb1Fd7T2e5q", iter: 1, threads: 1);
        Assert.Equal(Cases, scanned + rejected);
        Assert.Equal(0, rejected); // values are opaque to the reader: every mutant parses
    }
}
