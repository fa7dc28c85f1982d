using CsCheck;
using MemblockSharp.DeviceTree;
using MemblockSharp.Testing;

namespace MemblockSharp.DeviceTree.Tests;

/// <summary>
/// Mutation fuzzing over real DTBs with CsCheck: random byte flips, 32-bit word overwrites (tags, lengths,
/// offsets) and truncations. Only <see cref="FdtException"/> may escape; a tree that parses must also print
/// and re-serialise; the whole run must finish (no hang). Fixed seed, fixed number of cases.
/// </summary>
public sealed class MutationTests
{
    private const string Seed = "0Mb1Fd7T2e5q";
    private const int Cases = 3000;

    private static readonly byte[][] Corpus =
    [
        .. new[] { "test_tree1.dtb", "sw_tree1.test.dtb", "ov16_test_tree1.dtb.test.dtb", "ov3_test_tree1.dtb.test.dtb", "noppy.test_tree1.dtb" }
            .Select(f => File.ReadAllBytes(TestData.Path("dtbs", "dtc-tests", f))),
        File.ReadAllBytes(TestData.Path("dtbs", "arm64", "amlogic", "meson-gxbb-p200.dtb")),
        File.ReadAllBytes(TestData.Path("dtbs", "arm64", "arm", "foundation-v8-gicv3-psci.dtb")),
        TrimmedRealboot(),
    ];

    /// <summary>The realboot DTB cut to its used size (QEMU pads it to 1 MiB).</summary>
    private static byte[] TrimmedRealboot()
    {
        var tree = FlattenedDeviceTree.Parse(File.ReadAllBytes(TestData.Path("realboot", "virt-arm64-1G-reserved-memory", "board.dtb")).AsMemory());
        return FdtWriter.Write(tree);
    }

    private sealed record Mutation(int Kind, int Position, uint Value);

    private static readonly Gen<(int File, Mutation[] Mutations)> OneCase =
        Gen.Select(
            Gen.Int[0, Corpus.Length - 1],
            Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.UInt, (k, p, v) => new Mutation(k, p, v)).Array[1, 4]);

    private static byte[] Apply(byte[] original, Mutation[] mutations)
    {
        var blob = (byte[])original.Clone();
        foreach (var m in mutations)
        {
            var pos = m.Position % blob.Length;
            switch (m.Kind)
            {
                case 0: // flip one byte
                    blob[pos] ^= (byte)(m.Value | 1);
                    break;
                case 1: // overwrite an aligned word with a small or interesting value
                    pos &= ~3;
                    if (pos + 4 <= blob.Length)
                    {
                        uint[] interesting = [0, 1, 2, 3, 4, 9, 0xffffffff, 0x7fffffff, (uint)blob.Length, m.Value];
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(pos), interesting[m.Value % (uint)interesting.Length]);
                    }
                    break;
                case 2: // overwrite a header field with an offset inside the blob
                    var field = (int)(m.Value % 10) * 4;
                    if (field + 4 <= blob.Length)
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(field), (uint)pos);
                    break;
                default: // truncate
                    blob = blob[..pos];
                    if (blob.Length == 0)
                        return blob;
                    break;
            }
        }
        return blob;
    }

    [Fact]
    public async Task Mutants_OnlyFdtExceptionEscapes_AndNothingHangs()
    {
        int parsed = 0, rejected = 0;
        var run = Task.Run(() =>
            OneCase.Array[Cases].Sample(cases =>
            {
                foreach (var (file, mutations) in cases)
                {
                    var blob = Apply(Corpus[file], mutations);
                    try
                    {
                        var tree = FlattenedDeviceTree.Parse(blob.AsMemory());
                        _ = DtsPrinter.Print(tree);
                        var again = FlattenedDeviceTree.Parse(FdtWriter.Write(tree).AsMemory());
                        Assert.Equal(tree.NodeCount, again.NodeCount);
                        parsed++;
                    }
                    catch (FdtException ex)
                    {
                        Assert.InRange(ex.Offset, 0, Math.Max(blob.Length, 64));
                        Assert.Throws<FdtException>(() => FdtReader.Validate(blob));
                        rejected++;
                    }
                }
            }, seed: Seed, iter: 1, threads: 1));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == run, "the mutation run did not finish in 60 s");
        await run;
        Assert.Equal(Cases, parsed + rejected);
        Assert.True(rejected > Cases / 4, $"only {rejected} of {Cases} mutants were rejected");
        Assert.True(parsed > 0, "no mutant parsed");
    }
}
