using MemblockSharp.DeviceTree;
using static MemblockSharp.DeviceTree.FdtFormat;

namespace MemblockSharp.DeviceTree.Tests;

/// <summary>Blobs broken on purpose: each must raise <see cref="FdtException"/> with the exact kind.</summary>
public sealed class HostileInputTests
{
    private static FdtException Reject(byte[] blob, FdtErrorKind expected, FdtReaderOptions? options = null)
    {
        var ex = Assert.Throws<FdtException>(() => FlattenedDeviceTree.Parse(blob.AsMemory(), options));
        Assert.Equal(expected, ex.Kind);
        Assert.InRange(ex.Offset, 0, Math.Max(blob.Length, 1));
        var again = Assert.Throws<FdtException>(() => FdtReader.Validate(blob, options));
        Assert.Equal(expected, again.Kind);
        Assert.Contains("0x", ex.Message);
        return ex;
    }

    [Fact]
    public void Sample_IsValid() => Assert.Equal(3, FlattenedDeviceTree.Parse(RawFdt.Sample().Build().AsMemory()).NodeCount);

    [Fact]
    public void Magic_Wrong_IsBadMagic()
    {
        var blob = RawFdt.Sample().Build();
        RawFdt.SetField(blob, Field.Magic, 0xfeeddead);
        Assert.Equal(0, Reject(blob, FdtErrorKind.BadMagic).Offset);
    }

    [Fact]
    public void Magic_UnfinishedSequentialWrite_IsBadMagic()
    {
        var blob = RawFdt.Sample().Build();
        RawFdt.SetField(blob, Field.Magic, SequentialWriteMagic);
        Reject(blob, FdtErrorKind.BadMagic);
    }

    [Theory]
    [InlineData(1u, 1u)]
    [InlineData(17u, 18u)]
    [InlineData(16u, 17u)]
    public void Version_Unsupported_IsBadVersion(uint version, uint lastComp)
    {
        var blob = RawFdt.Sample().Build();
        RawFdt.SetField(blob, Field.Version, version);
        RawFdt.SetField(blob, Field.LastCompatibleVersion, lastComp);
        Reject(blob, FdtErrorKind.BadVersion);
    }

    [Fact]
    public void Buffer_CutAtEveryByte_IsHeaderTruncatedOrBadTotalSize()
    {
        var blob = RawFdt.Sample().Build();
        for (var length = 0; length < blob.Length; length++)
        {
            var cut = blob[..length];
            Reject(cut, length < HeaderSizeV17 ? FdtErrorKind.HeaderTruncated : FdtErrorKind.BadTotalSize);
        }
    }

    [Fact]
    public void TotalSize_CutInsideEveryBlock_IsBlockOutOfBounds()
    {
        var blob = RawFdt.Sample().Build();
        for (var total = HeaderSizeV17; total < blob.Length; total++)
        {
            var cut = blob[..total];
            RawFdt.SetField(cut, Field.TotalSize, (uint)total);
            Reject(cut, FdtErrorKind.BlockOutOfBounds);
        }
    }

    [Fact]
    public void Version16_StructureCutEverywhere_IsStructureError()
    {
        // v16 has no size_dt_struct: the structure block is bounded by totalsize only. Put the strings first.
        var raw = RawFdt.Sample();
        var v17 = raw.Build();
        var tree = FlattenedDeviceTree.Parse(v17.AsMemory());
        int structOff = (int)tree.Header.OffsetStruct, structSize = (int)tree.Header.SizeStruct;
        int stringsOff = (int)tree.Header.OffsetStrings, stringsSize = (int)tree.Header.SizeStrings;
        var moved = new byte[v17.Length];
        v17.AsSpan(0, structOff).CopyTo(moved);
        v17.AsSpan(stringsOff, stringsSize).CopyTo(moved.AsSpan(structOff));
        v17.AsSpan(structOff, structSize).CopyTo(moved.AsSpan(structOff + stringsSize));
        RawFdt.SetField(moved, Field.Version, 16);
        RawFdt.SetField(moved, Field.OffsetStrings, (uint)structOff);
        RawFdt.SetField(moved, Field.OffsetStruct, (uint)(structOff + stringsSize));
        Assert.Equal(3, FlattenedDeviceTree.Parse(moved.AsMemory()).NodeCount);
        FdtErrorKind[] structural = [FdtErrorKind.StructureTruncated, FdtErrorKind.PropertyTruncated, FdtErrorKind.UnterminatedNodeName];
        for (var total = structOff + stringsSize + 4; total < moved.Length; total++)
        {
            var cut = moved[..total];
            RawFdt.SetField(cut, Field.TotalSize, (uint)total);
            var ex = Assert.Throws<FdtException>(() => FlattenedDeviceTree.Parse(cut.AsMemory()));
            Assert.Contains(ex.Kind, structural);
        }
    }

    [Theory]
    [InlineData(Field.OffsetStruct)]
    [InlineData(Field.OffsetStrings)]
    [InlineData(Field.OffsetReservations)]
    public void BlockOffset_PastTheEnd_IsBlockOutOfBounds(int field)
    {
        var blob = RawFdt.Sample().Build();
        RawFdt.SetField(blob, field, (uint)blob.Length + 8);
        Assert.Equal(field, Reject(blob, FdtErrorKind.BlockOutOfBounds).Offset);
    }

    [Fact]
    public void BlockOffset_InsideHeader_IsBlockOutOfBounds()
    {
        var blob = RawFdt.Sample().Build();
        RawFdt.SetField(blob, Field.OffsetStruct, 8);
        Reject(blob, FdtErrorKind.BlockOutOfBounds);
    }

    [Fact]
    public void StructSize_Huge_IsBlockOutOfBounds()
    {
        var blob = RawFdt.Sample().Build();
        RawFdt.SetField(blob, Field.SizeStruct, 0xfffffff0);
        Reject(blob, FdtErrorKind.BlockOutOfBounds);
    }

    [Fact]
    public void TotalSize_Huge_IsBadTotalSize()
    {
        var blob = RawFdt.Sample().Build();
        RawFdt.SetField(blob, Field.TotalSize, 0xffffffff);
        Reject(blob, FdtErrorKind.BadTotalSize);
    }

    [Fact]
    public void TotalSize_SmallerThanHeader_IsBadTotalSize()
    {
        var blob = RawFdt.Sample().Build();
        RawFdt.SetField(blob, Field.TotalSize, 20);
        Reject(blob, FdtErrorKind.BadTotalSize);
    }

    [Fact]
    public void Blocks_StringsOverlapStructure_IsBlocksOverlap()
    {
        var raw = new RawFdt().Begin("").End().Finish();
        var blob = raw.Build();
        RawFdt.SetField(blob, Field.OffsetStrings, (uint)raw.StructOffset);
        RawFdt.SetField(blob, Field.SizeStrings, 8);
        Reject(blob, FdtErrorKind.BlocksOverlap);
    }

    [Fact]
    public void Blocks_ReservationMapOverlapsStructure_IsBlocksOverlap()
    {
        // Structure words: BEGIN_NODE, "" (padded), END_NODE, NOP, NOP, END. With the reservation map pointed at the
        // structure block, entry 0 is (0x1_00000000, 0x2_00000004): non-zero size; entry 1 is (0x4_00000009, 0)
        // once 16 zero bytes follow the blob, so the map ends there and covers the structure block.
        var raw = new RawFdt().Begin("").End().Nop().Nop().Finish();
        var blob = raw.Build();
        var structOff = raw.StructOffset;
        var overlapping = new byte[blob.Length + 16];
        blob.CopyTo(overlapping, 0);
        RawFdt.SetField(overlapping, Field.OffsetReservations, (uint)structOff);
        RawFdt.SetField(overlapping, Field.TotalSize, (uint)overlapping.Length);
        RawFdt.SetField(overlapping, Field.OffsetStrings, (uint)blob.Length);
        RawFdt.SetField(overlapping, Field.SizeStrings, 0);
        Reject(overlapping, FdtErrorKind.BlocksOverlap);
    }

    [Fact]
    public void ReservationMap_WithoutTerminator_IsReservationMapTruncated()
    {
        var blob = new RawFdt().Begin("").End().Finish().Build();
        // Point the map at the last 24 bytes: one entry fits, its size is non-zero, the next does not fit.
        var off = (uint)((blob.Length - 24) & ~7);
        RawFdt.SetField(blob, Field.OffsetReservations, off);
        blob.AsSpan((int)off + 8, 8).Fill(0xff);
        Reject(blob, FdtErrorKind.ReservationMapTruncated);
    }

    [Fact]
    public void Offsets_Misaligned_AreMisalignedBlock()
    {
        var raw = RawFdt.Sample();
        var blob = raw.Build();
        RawFdt.SetField(blob, Field.OffsetStruct, (uint)raw.StructOffset + 2);
        Reject(blob, FdtErrorKind.MisalignedBlock);
        blob = raw.Build();
        RawFdt.SetField(blob, Field.OffsetReservations, 44);
        Reject(blob, FdtErrorKind.MisalignedBlock);
    }

    [Fact]
    public void PropertyName_Unterminated_IsUnterminatedString()
    {
        var raw = new RawFdt();
        raw.RawStrings("abc"u8.ToArray());
        raw.Begin("").PropAt(0, [1, 2, 3, 4]).End().Finish();
        Reject(raw.Build(), FdtErrorKind.UnterminatedString);
    }

    [Theory]
    [InlineData(100u)]
    [InlineData(0xffffffffu)]
    public void PropertyName_OffsetPastStrings_IsBadStringOffset(uint nameOffset)
    {
        var raw = new RawFdt();
        raw.AddString("compatible");
        raw.Begin("").PropAt(nameOffset, [1, 2, 3, 4]).End().Finish();
        Reject(raw.Build(), FdtErrorKind.BadStringOffset);
    }

    [Fact]
    public void NodeName_Unterminated_IsUnterminatedNodeName()
    {
        var raw = new RawFdt().Word(TagBeginNode).Word(0x61626364).Word(0x65666768);
        Reject(raw.Build(), FdtErrorKind.UnterminatedNodeName);
    }

    [Fact]
    public void Property_BeforeAnyNode_IsPropertyOutsideNode()
    {
        var raw = new RawFdt().Prop("model", "x\0"u8.ToArray()).Begin("").End().Finish();
        Reject(raw.Build(), FdtErrorKind.PropertyOutsideNode);
    }

    [Fact]
    public void EndNode_Unbalanced_IsUnbalancedEndNode()
    {
        var raw = new RawFdt().Begin("").End().End().Finish();
        Reject(raw.Build(), FdtErrorKind.UnbalancedEndNode);
    }

    [Fact]
    public void End_WithOpenNodes_IsUnclosedNode()
    {
        var raw = new RawFdt().Begin("").Begin("a").End().Finish();
        var ex = Reject(raw.Build(), FdtErrorKind.UnclosedNode);
        Assert.Equal("/", ex.NodePath);
    }

    [Fact]
    public void OldVersion_NodeNameNotAPath_IsBadNodeName()
    {
        var good = new RawFdt().Begin("/").Begin("/child@1").End().End().Finish().Build(version: 3);
        var tree = FlattenedDeviceTree.Parse(good.AsMemory());
        Assert.Equal("child@1", tree.Root.Children.Single().Name);
        Reject(new RawFdt().Begin("/").Begin("child").End().End().Finish().Build(version: 3), FdtErrorKind.BadNodeName);
    }

    [Fact]
    public void Property_AfterTheRootClosed_IsPropertyOutsideNode() =>
        Reject(new RawFdt().Begin("").End().Prop("x", [1, 2, 3, 4]).Finish().Build(), FdtErrorKind.PropertyOutsideNode);

    [Fact]
    public void TwoRoots_IsMultipleRoots() =>
        Reject(new RawFdt().Begin("").End().Begin("").End().Finish().Build(), FdtErrorKind.MultipleRoots);

    [Fact]
    public void RootWithName_IsNamedRoot() =>
        Reject(new RawFdt().Begin("fake").End().Finish().Build(), FdtErrorKind.NamedRoot);

    [Fact]
    public void NoRoot_IsMissingRoot() => Reject(new RawFdt().Nop().Finish().Build(), FdtErrorKind.MissingRoot);

    [Fact]
    public void Tag_Unknown_IsUnknownTag()
    {
        var ex = Reject(new RawFdt().Begin("").Word(0x12345678).End().Finish().Build(), FdtErrorKind.UnknownTag);
        Assert.Equal("/", ex.NodePath);
    }

    [Fact]
    public void Structure_WithoutEnd_IsStructureTruncated() =>
        Reject(new RawFdt().Begin("").End().Build(), FdtErrorKind.StructureTruncated);

    [Theory]
    [InlineData(0xfffffff0u)]
    [InlineData(0x7fffffffu)]
    [InlineData(64u)]
    public void PropertyLength_Huge_IsPropertyTruncated(uint length)
    {
        var raw = new RawFdt();
        var name = raw.AddString("reg");
        raw.Begin("").PropAt(name, [0, 0, 0, 0], lengthOverride: length).End().Finish();
        Reject(raw.Build(), FdtErrorKind.PropertyTruncated);
    }

    [Fact]
    public void Nesting_DeeperThanLimit_IsDepthExceeded()
    {
        var raw = new RawFdt().Begin("");
        for (var i = 0; i < 300; i++)
            raw.Begin("n");
        for (var i = 0; i < 300; i++)
            raw.End();
        var blob = raw.End().Finish().Build();
        Reject(blob, FdtErrorKind.DepthExceeded);
        Reject(blob, FdtErrorKind.DepthExceeded, new FdtReaderOptions { MaxDepth = 64 });
        Assert.Equal(301, FlattenedDeviceTree.Parse(blob.AsMemory(), new FdtReaderOptions { MaxDepth = 301 }).NodeCount);
        Reject(blob, FdtErrorKind.DepthExceeded, new FdtReaderOptions { MaxDepth = 300 });
    }

    [Fact]
    public void Nesting_VeryDeepWithinLimit_ParsesPrintsAndWritesWithoutRecursion()
    {
        const int depth = 20_000;
        var raw = new RawFdt().Begin("");
        for (var i = 0; i < depth; i++)
            raw.Begin("n");
        for (var i = 0; i < depth; i++)
            raw.End();
        var blob = raw.End().Finish().Build();
        var tree = FlattenedDeviceTree.Parse(blob.AsMemory(), new FdtReaderOptions { MaxDepth = depth + 1 });
        Assert.Equal(depth + 1, tree.Nodes().Count());
        var rewritten = FdtWriter.Write(tree);
        Assert.Equal(blob.Length, rewritten.Length);
        var deepest = tree.Nodes().Last();
        Assert.Equal(depth, deepest.Depth);
        Assert.Equal("n {\n};\n", DtsPrinter.Print(deepest));
    }

    [Fact]
    public void Reg_SizeCellsMismatch_IsCellLengthMismatch()
    {
        var raw = new RawFdt().Begin("").Cells("#address-cells", 2).Cells("#size-cells", 2)
            .Begin("memory").Cells("reg", 0, 0x40000000, 0x40000000).End().End().Finish();
        var tree = FlattenedDeviceTree.Parse(raw.Build().AsMemory());
        var ex = Assert.Throws<FdtException>(() => tree.FindNode("/memory")!.ReadReg());
        Assert.Equal(FdtErrorKind.CellLengthMismatch, ex.Kind);
        Assert.Equal("/memory", ex.NodePath);
    }

    [Theory]
    [InlineData(5u)]
    [InlineData(0xffffffffu)]
    public void Cells_OutOfRange_IsBadCellCount(uint cells)
    {
        var raw = new RawFdt().Begin("").Cells("#address-cells", cells)
            .Begin("memory").Cells("reg", 0, 1).End().End().Finish();
        var tree = FlattenedDeviceTree.Parse(raw.Build().AsMemory());
        Assert.Equal(FdtErrorKind.BadCellCount, Assert.Throws<FdtException>(() => tree.FindNode("/memory")!.ReadReg()).Kind);
    }

    [Fact]
    public void Cells_WrongLength_IsBadPropertyValue()
    {
        var raw = new RawFdt().Begin("").Cells("#size-cells", 1, 1)
            .Begin("memory").Cells("reg", 0, 1).End().End().Finish();
        var tree = FlattenedDeviceTree.Parse(raw.Build().AsMemory());
        Assert.Equal(FdtErrorKind.BadPropertyValue, Assert.Throws<FdtException>(() => tree.FindNode("/memory")!.ReadReg()).Kind);
    }
}
