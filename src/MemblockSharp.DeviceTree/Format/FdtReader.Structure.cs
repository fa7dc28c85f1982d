using System.Text;

namespace MemblockSharp.DeviceTree;

public static partial class FdtReader
{
    /// <summary>
    /// One pass over the structure block: checks every tag, name and property, and (when building) creates the
    /// nodes and properties. Nesting is tracked with an explicit stack bounded by <see cref="FdtReaderOptions.MaxDepth"/>.
    /// </summary>
    private sealed class StructureWalker(FdtHeader header, FdtReaderOptions options, bool build)
    {
        /// <summary>Property names already decoded, by name offset (each distinct name is allocated once).</summary>
        private readonly Dictionary<uint, string> _names = [];

        /// <summary>The open nodes, innermost last (null entries when not building).</summary>
        private readonly List<DeviceTreeNode?> _open = [];

        public DeviceTreeNode? Root { get; private set; }

        public int NodeCount { get; private set; }

        public int PropertyCount { get; private set; }

        /// <summary>The absolute offset just past the FDT_END tag.</summary>
        public long StructureEnd { get; private set; }

        public void Walk(ReadOnlySpan<byte> blob, ReadOnlyMemory<byte> memory)
        {
            long start = header.OffsetStruct;
            // Version 17 bounds the structure block by its size; older versions only by the blob (as libfdt).
            long limit = header.Version >= 17 ? start + header.SizeStruct : header.TotalSize;
            var oldFormat = header.Version < 16;
            var rootClosed = false;
            var offset = start;
            while (true)
            {
                var tagOffset = offset;
                var tag = U32(blob, offset, limit, FdtErrorKind.StructureTruncated, "a tag");
                offset += FdtFormat.TagSize;
                switch (tag)
                {
                    case FdtFormat.TagBeginNode:
                        offset = BeginNode(blob, memory, tagOffset, offset, limit, oldFormat, ref rootClosed);
                        break;
                    case FdtFormat.TagEndNode:
                        if (_open.Count == 0)
                            throw new FdtException(FdtErrorKind.UnbalancedEndNode, tagOffset, "END_NODE with no open node");
                        _open.RemoveAt(_open.Count - 1);
                        if (_open.Count == 0)
                            rootClosed = true;
                        break;
                    case FdtFormat.TagProp:
                        offset = Property(blob, memory, tagOffset, offset, limit, start, oldFormat);
                        break;
                    case FdtFormat.TagNop:
                        break;
                    case FdtFormat.TagEnd:
                        if (_open.Count != 0)
                            throw new FdtException(FdtErrorKind.UnclosedNode, tagOffset,
                                $"FDT_END with {_open.Count} node(s) still open", CurrentPath());
                        if (!rootClosed)
                            throw new FdtException(FdtErrorKind.MissingRoot, tagOffset, "the structure block has no root node");
                        StructureEnd = offset;
                        return;
                    default:
                        throw new FdtException(FdtErrorKind.UnknownTag, tagOffset, $"unknown tag 0x{tag:x8}", CurrentPath());
                }
            }
        }

        private long BeginNode(ReadOnlySpan<byte> blob, ReadOnlyMemory<byte> memory, long tagOffset, long nameStart,
            long limit, bool oldFormat, ref bool rootClosed)
        {
            var nul = FindNul(blob, nameStart, limit);
            if (nul < 0)
                throw new FdtException(FdtErrorKind.UnterminatedNodeName, nameStart,
                    "the node name runs past the end of the structure block", CurrentPath());
            if (rootClosed)
                throw new FdtException(FdtErrorKind.MultipleRoots, tagOffset, "a second top-level node after the root");
            var nameBytes = blob[(int)nameStart..(int)nul];
            if (oldFormat)
            {
                // Before version 16 a node name is its full path; keep the leaf, as libfdt does.
                var slash = nameBytes.LastIndexOf((byte)'/');
                if (slash < 0)
                    throw new FdtException(FdtErrorKind.BadNodeName, nameStart,
                        "a pre-v16 node name is not a path", CurrentPath());
                nameBytes = nameBytes[(slash + 1)..];
            }
            if (_open.Count == 0 && !nameBytes.IsEmpty)
                throw new FdtException(FdtErrorKind.NamedRoot, nameStart,
                    $"the root node is named '{Encoding.Latin1.GetString(nameBytes)}'");
            if (_open.Count >= options.MaxDepth)
                throw new FdtException(FdtErrorKind.DepthExceeded, tagOffset,
                    $"nodes nest deeper than {options.MaxDepth} levels", CurrentPath());
            NodeCount++;
            DeviceTreeNode? node = null;
            if (build)
            {
                var parent = _open.Count == 0 ? null : _open[^1];
                node = new DeviceTreeNode(nameBytes.IsEmpty ? "" : Encoding.Latin1.GetString(nameBytes), parent, (int)tagOffset);
                if (parent is null)
                    Root = node;
                else
                    parent.AddChild(node);
            }
            _open.Add(node);
            _ = memory;
            return FdtFormat.AlignTag(nul + 1);
        }

        private long Property(ReadOnlySpan<byte> blob, ReadOnlyMemory<byte> memory, long tagOffset, long offset,
            long limit, long structStart, bool oldFormat)
        {
            CheckRange(offset, 8, limit, FdtErrorKind.PropertyTruncated, "a property header");
            var length = U32(blob, offset, limit, FdtErrorKind.PropertyTruncated);
            var nameOffset = U32(blob, offset + 4, limit, FdtErrorKind.PropertyTruncated);
            long valueOffset = offset + 8;
            // Before version 16, values of 8 bytes or more start on an 8-byte boundary (relative to the block).
            if (oldFormat && length >= 8 && (valueOffset - structStart) % 8 != 0)
                valueOffset += 4;
            if (length > int.MaxValue || (ulong)valueOffset + length > (ulong)limit)
                throw new FdtException(FdtErrorKind.PropertyTruncated, offset,
                    $"the property value ({length} bytes) runs past the end of the structure block", CurrentPath());
            if (_open.Count == 0)
                throw new FdtException(FdtErrorKind.PropertyOutsideNode, tagOffset, "a property outside any node");
            var name = PropertyName(blob, nameOffset, offset + 4);
            PropertyCount++;
            if (build)
            {
                var node = _open[^1]!;
                node.AddProperty(new DeviceTreeProperty(name, memory.Slice((int)valueOffset, (int)length), (int)valueOffset, node));
            }
            return FdtFormat.AlignTag(valueOffset + length);
        }

        /// <summary>Looks a property name up in the strings block, bounded by its size (v17) or the blob.</summary>
        private string PropertyName(ReadOnlySpan<byte> blob, uint nameOffset, long fieldOffset)
        {
            if (_names.TryGetValue(nameOffset, out var cached))
                return cached;
            var absolute = (long)header.OffsetStrings + nameOffset;
            long end = header.TotalSize;
            if (header.Version >= 17)
            {
                if (nameOffset >= header.SizeStrings)
                    throw new FdtException(FdtErrorKind.BadStringOffset, fieldOffset,
                        $"name offset {nameOffset} is past the {header.SizeStrings}-byte strings block", CurrentPath());
                end = Math.Min(end, (long)header.OffsetStrings + header.SizeStrings);
            }
            if (absolute >= header.TotalSize)
                throw new FdtException(FdtErrorKind.BadStringOffset, fieldOffset,
                    $"name offset {nameOffset} points past the end of the blob", CurrentPath());
            var nul = FindNul(blob, absolute, end);
            if (nul < 0)
                throw new FdtException(FdtErrorKind.UnterminatedString, absolute,
                    "the property name runs past the end of the strings block", CurrentPath());
            // Validation alone only needs to know the name is well formed; decode it when building.
            var name = build ? Encoding.Latin1.GetString(blob[(int)absolute..(int)nul]) : "";
            _names[nameOffset] = name;
            return name;
        }

        private string? CurrentPath()
        {
            if (!build || _open.Count == 0)
                return null;
            return _open[^1]?.Path;
        }
    }
}
