using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import.Hdf5.Format;

/// <summary>
/// Reads the values of floating-point datasets of one file, as 32-bit floats: compact, contiguous and chunked layouts
/// (chunks indexed by a version 1 B-tree, as HDF5 writes in the default file layout), the deflate, shuffle and
/// Fletcher-32 filters, IEEE 754 binary16, binary32 and binary64 and bfloat16, little- or big-endian.
/// </summary>
/// <remarks>
/// <para>Nothing a dataset claims is allocated before it is checked: its byte size against
/// <see cref="ModelReaderOptions.MaxWeightBytes"/> (all datasets of the file together) and against the bytes the file
/// holds for it (contiguous and compact data exactly; unfiltered chunks exactly; a deflated chunk at most 1032 times its
/// stored bytes, deflate's largest ratio, and all deflated chunks together within
/// <see cref="ModelReaderOptions.MaxInflatedBytes"/>). Chunks must cover the dataset exactly once (Keras and h5py write
/// every chunk); a chunk index is walked like the group B-trees, a node reached twice refused.</para>
/// </remarks>
internal sealed class H5ValueReader
{
    /// <summary>Deflate's largest ratio: a 258-byte match in two bits.</summary>
    private const long MaxDeflateRatio = 1032;

    private readonly H5File file;
    private readonly ModelReaderOptions options;
    private long weightBytes;
    private long inflatedBytes;

    public H5ValueReader(H5File file, ModelReaderOptions options)
    {
        this.file = file;
        this.options = options;
    }

    /// <summary>Gets a value indicating whether <paramref name="type"/> is a floating-point type whose values this reader reads (2, 4 or 8 bytes).</summary>
    public static bool IsFloat(H5Datatype type) => type.Class == H5Datatype.FloatingPoint && type.Size is 2 or 4 or 8;

    /// <summary>Reads the values of <paramref name="dataset"/> (a floating-point dataset, see <see cref="IsFloat"/>), in row-major order.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="path">Its path in the file, for messages.</param>
    public float[] Read(H5Object dataset, string path)
    {
        H5Datatype type = dataset.Datatype;
        (FloatKind kind, bool bigEndian) = Kind(type, dataset.Address, path);
        H5Dataspace space = dataset.Dataspace;
        ulong elements = space.Elements;
        int size = (int)type.Size;
        ulong claimed = elements > ulong.MaxValue / (ulong)size ? ulong.MaxValue : elements * (ulong)size;
        if (claimed > (ulong)(options.MaxWeightBytes - weightBytes) || claimed > (ulong)Array.MaxLength)
        {
            throw file.Error(dataset.Address, Limits.Message(string.Format(CultureInfo.InvariantCulture, "the dataset '{0}' claims {1} bytes of values, and the weights take", path, claimed), Math.Min(options.MaxWeightBytes, Array.MaxLength), "bytes", nameof(ModelReaderOptions.MaxWeightBytes)));
        }

        weightBytes += (long)claimed;
        if (elements == 0)
        {
            return [];
        }

        H5Layout layout = dataset.Layout;
        byte[] raw = layout.Class switch
        {
            0 => Compact(layout, (long)claimed, dataset.Address, path),
            1 => Contiguous(layout, (long)claimed, dataset.Address, path),
            2 => Chunked(dataset, layout, space, size, (long)claimed, path),
            _ => throw file.Error(dataset.Address, string.Format(CultureInfo.InvariantCulture, "the dataset '{0}' has layout class {1}; compact (0), contiguous (1) and chunked (2) datasets are read", path, layout.Class)),
        };
        return Decode(raw, kind, bigEndian, (int)elements);
    }

    private enum FloatKind
    {
        Binary16,
        BFloat16,
        Binary32,
        Binary64,
    }

    private (FloatKind Kind, bool BigEndian) Kind(H5Datatype type, long at, string path)
    {
        if (type.Fields is not H5FloatFields f)
        {
            throw file.Error(at, "the dataset '" + path + "' has a floating-point datatype without its bit fields");
        }

        bool bigEndian = (type.Bits & 0x01) != 0;
        int sign = (type.Bits >> 8) & 0xFF;
        int bits = (int)type.Size * 8;
        (int ExponentLocation, int ExponentSize, int MantissaSize, uint Bias, FloatKind Kind)? known = (type.Size, f.ExponentLocation, f.ExponentSize) switch
        {
            (2, 10, 5) => (10, 5, 10, 15u, FloatKind.Binary16),
            (2, 7, 8) => (7, 8, 7, 127u, FloatKind.BFloat16),
            (4, _, _) => (23, 8, 23, 127u, FloatKind.Binary32),
            (8, _, _) => (52, 11, 52, 1023u, FloatKind.Binary64),
            _ => null,
        };
        if ((type.Bits & 0x40) != 0 || known is not { } k || f.Offset != 0 || f.Precision != bits || sign != bits - 1 || f.ExponentLocation != k.ExponentLocation
            || f.ExponentSize != k.ExponentSize || f.MantissaLocation != 0 || f.MantissaSize != k.MantissaSize || f.ExponentBias != k.Bias)
        {
            throw file.Error(at, string.Format(
                CultureInfo.InvariantCulture,
                "the dataset '{0}' has a {1}-byte floating-point type (sign bit {2}, exponent {3} bits at {4}, mantissa {5} bits at {6}, bias {7}{8}); IEEE 754 binary16, binary32, binary64 and bfloat16 are read",
                path,
                type.Size,
                sign,
                f.ExponentSize,
                f.ExponentLocation,
                f.MantissaSize,
                f.MantissaLocation,
                f.ExponentBias,
                (type.Bits & 0x40) != 0 ? ", VAX byte order" : string.Empty));
        }

        return (k.Kind, bigEndian);
    }

    private static float[] Decode(byte[] raw, FloatKind kind, bool big, int elements)
    {
        var values = new float[elements];
        ReadOnlySpan<byte> bytes = raw;
        switch (kind)
        {
            case FloatKind.Binary32:
                for (int k = 0; k < elements; k++)
                {
                    values[k] = big ? BinaryPrimitives.ReadSingleBigEndian(bytes.Slice(4 * k)) : BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * k));
                }

                break;
            case FloatKind.Binary64:
                for (int k = 0; k < elements; k++)
                {
                    values[k] = (float)(big ? BinaryPrimitives.ReadDoubleBigEndian(bytes.Slice(8 * k)) : BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(8 * k)));
                }

                break;
            case FloatKind.Binary16:
                for (int k = 0; k < elements; k++)
                {
                    values[k] = (float)(big ? BinaryPrimitives.ReadHalfBigEndian(bytes.Slice(2 * k)) : BinaryPrimitives.ReadHalfLittleEndian(bytes.Slice(2 * k)));
                }

                break;
            default:
                for (int k = 0; k < elements; k++)
                {
                    ushort half = big ? BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(2 * k)) : BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(2 * k));
                    values[k] = BitConverter.Int32BitsToSingle(half << 16);
                }

                break;
        }

        return values;
    }

    private byte[] Compact(H5Layout layout, long bytes, long at, string path)
    {
        if (layout.Data is not H5Bytes data || layout.Size != (ulong)bytes)
        {
            throw file.Error(at, string.Format(CultureInfo.InvariantCulture, "the compact dataset '{0}' holds {1} bytes of values; its elements take {2}", path, layout.Size, bytes));
        }

        return data.From(0, "a compact dataset's values").Span((int)bytes, "a compact dataset's values").ToArray();
    }

    private byte[] Contiguous(H5Layout layout, long bytes, long at, string path)
    {
        if (layout.Version < 3)
        {
            throw file.Error(at, string.Format(CultureInfo.InvariantCulture, "the dataset '{0}' has a data layout message of version {1} (HDF5 1.6 and earlier); versions 3 and 4 are read for values", path, layout.Version));
        }

        if (layout.Address is not long address)
        {
            throw file.Error(at, "the dataset '" + path + "' has no values stored (its data address is undefined: never written)");
        }

        if (layout.Size != (ulong)bytes)
        {
            throw file.Error(at, string.Format(CultureInfo.InvariantCulture, "the dataset '{0}' stores {1} bytes of values; its elements take {2}", path, layout.Size, bytes));
        }

        return file.ReadArray(address, bytes, "the values of the dataset '" + path + "'");
    }

    private byte[] Chunked(H5Object dataset, H5Layout layout, H5Dataspace space, int size, long bytes, string path)
    {
        long at = dataset.Address;
        if (layout.Version != 3)
        {
            throw file.Error(at, string.Format(CultureInfo.InvariantCulture, "the chunked dataset '{0}' has a data layout message of version {1}; version 3 (a version 1 B-tree chunk index, HDF5's default file layout) is read for values", path, layout.Version));
        }

        int rank = space.Dimensions.Count;
        if (layout.Chunk.Count != rank + 1 || layout.Chunk[rank] != (ulong)size || layout.Chunk.Take(rank).Any(c => c == 0))
        {
            throw file.Error(at, string.Format(CultureInfo.InvariantCulture, "the chunked dataset '{0}' of {1} dimensions and {2}-byte elements has chunk dimensions ({3}); expected {4} positive dimensions and the element size", path, rank, size, string.Join(", ", layout.Chunk), rank + 1));
        }

        ulong chunkElements = 1;
        ulong required = 1;
        for (int k = 0; k < rank; k++)
        {
            ulong c = layout.Chunk[k];
            ulong across = (space.Dimensions[k] / c) + (space.Dimensions[k] % c == 0 ? 0UL : 1UL);
            chunkElements = chunkElements > ulong.MaxValue / c ? ulong.MaxValue : chunkElements * c;
            required = required > ulong.MaxValue / across ? ulong.MaxValue : required * across;
        }

        ulong chunkClaim = chunkElements > ulong.MaxValue / (ulong)size ? ulong.MaxValue : chunkElements * (ulong)size;
        if (chunkClaim > (ulong)Math.Min(options.MaxWeightBytes, Array.MaxLength))
        {
            throw file.Error(at, Limits.Message(string.Format(CultureInfo.InvariantCulture, "a chunk of the dataset '{0}' claims {1} bytes", path, chunkClaim), Math.Min(options.MaxWeightBytes, Array.MaxLength), "bytes", nameof(ModelReaderOptions.MaxWeightBytes)));
        }

        int chunkBytes = (int)chunkClaim;
        if (layout.Address is not long index)
        {
            throw file.Error(at, "the dataset '" + path + "' has no chunks stored (its chunk index address is undefined: never written)");
        }

        List<H5Filter> filters = dataset.FilterPipeline is H5Bytes pipeline ? H5Filter.Pipeline(pipeline) : [];
        List<Chunk> chunks = Chunks(index, rank, required, path);
        if ((ulong)chunks.Count != required)
        {
            throw file.Error(index, string.Format(CultureInfo.InvariantCulture, "the dataset '{0}' needs {1} chunks but its chunk index holds {2}; datasets with chunks never written are not read", path, required, chunks.Count));
        }

        // Every chunk in place, once, and its stored size what its filters can turn into the chunk's bytes: checked for
        // all chunks before the values are allocated.
        var seen = new bool[chunks.Count];
        long inflating = 0;
        foreach (Chunk chunk in chunks)
        {
            long linear = 0;
            for (int k = 0; k < rank; k++)
            {
                ulong offset = chunk.Offsets[k];
                if (offset % layout.Chunk[k] != 0 || offset >= space.Dimensions[k])
                {
                    throw file.Error(chunk.Key, string.Format(CultureInfo.InvariantCulture, "a chunk of the dataset '{0}' is at offset {1} in dimension {2}, not a multiple of {3} below {4}", path, offset, k, layout.Chunk[k], space.Dimensions[k]));
                }

                ulong across = (space.Dimensions[k] / layout.Chunk[k]) + (space.Dimensions[k] % layout.Chunk[k] == 0 ? 0UL : 1UL);
                linear = checked((linear * (long)across) + (long)(offset / layout.Chunk[k]));
            }

            if (seen[linear])
            {
                throw file.Error(chunk.Key, string.Format(CultureInfo.InvariantCulture, "the chunk index of the dataset '{0}' holds the chunk at ({1}) twice", path, string.Join(", ", chunk.Offsets)));
            }

            seen[linear] = true;
            List<H5Filter> active = Active(filters, chunk.Mask);
            if (active.FirstOrDefault(f => f.Id is not (H5Filter.Deflate or H5Filter.Shuffle or H5Filter.Fletcher32)) is H5Filter unknown)
            {
                throw file.Error(chunk.Key, string.Format(CultureInfo.InvariantCulture, "the dataset '{0}' is stored through {1}; the deflate (1), shuffle (2) and Fletcher-32 (3) filters are read", path, unknown.Name));
            }

            long stored = chunk.Size;
            bool deflated = active.Any(f => f.Id == H5Filter.Deflate);
            long checksum = active.Any(f => f.Id == H5Filter.Fletcher32) ? 4 : 0;
            bool fits = deflated ? stored > checksum && chunkBytes <= MaxDeflateRatio * (stored - checksum) : stored == chunkBytes + checksum;
            if (!fits)
            {
                throw file.Error(chunk.Key, string.Format(CultureInfo.InvariantCulture, "a chunk of the dataset '{0}' stores {1} bytes, which its filters ({2}) cannot turn into the chunk's {3} bytes", path, stored, active.Count == 0 ? "none" : string.Join(", ", active.Select(f => f.Name)), chunkBytes));
            }

            if (deflated)
            {
                inflating += chunkBytes;
                if (inflatedBytes + inflating > options.MaxInflatedBytes)
                {
                    throw file.Error(chunk.Key, Limits.Message("the deflated chunks of the dataset '" + path + "' (and the datasets before it) inflate to " + (inflatedBytes + inflating).ToString("N0", CultureInfo.InvariantCulture) + " bytes", options.MaxInflatedBytes, "bytes", nameof(ModelReaderOptions.MaxInflatedBytes)));
                }
            }
        }

        inflatedBytes += inflating;
        var values = new byte[bytes];
        var buffer = new byte[chunkBytes];
        foreach (Chunk chunk in chunks)
        {
            byte[] stored = file.ReadArray(chunk.Address, chunk.Size, "a chunk of the dataset '" + path + "'");
            Unfilter(stored, buffer, Active(filters, chunk.Mask), chunk, path);
            Place(buffer, values, chunk.Offsets, layout.Chunk, space.Dimensions, size);
        }

        return values;
    }

    /// <summary>The filters applied to a chunk: those its filter mask does not skip; any but deflate, shuffle and Fletcher-32 is refused.</summary>
    private static List<H5Filter> Active(List<H5Filter> filters, uint mask)
    {
        var active = new List<H5Filter>(filters.Count);
        for (int k = 0; k < filters.Count; k++)
        {
            if ((mask & (1u << k)) == 0)
            {
                active.Add(filters[k]);
            }
        }

        return active;
    }

    /// <summary>Undoes a chunk's filters, last applied first, into <paramref name="chunk"/> (the chunk's exact size).</summary>
    private void Unfilter(byte[] stored, byte[] chunk, List<H5Filter> filters, Chunk at, string path)
    {
        byte[] current = stored;
        int length = stored.Length;
        for (int k = filters.Count - 1; k >= 0; k--)
        {
            H5Filter filter = filters[k];
            switch (filter.Id)
            {
                case H5Filter.Fletcher32:
                    if (length < 4 || !Fletcher32Matches(current.AsSpan(0, length - 4), BinaryPrimitives.ReadUInt32LittleEndian(current.AsSpan(length - 4))))
                    {
                        throw file.Error(at.Address, "a chunk of the dataset '" + path + "' does not match its Fletcher-32 checksum");
                    }

                    length -= 4;
                    break;
                case H5Filter.Deflate:
                    current = Inflate(current, length, chunk.Length, at, path);
                    length = current.Length;
                    break;
                default:
                    Shuffle(filter, ref current, length, at, path);
                    break;
            }
        }

        if (length != chunk.Length)
        {
            throw file.Error(at.Address, string.Format(CultureInfo.InvariantCulture, "a chunk of the dataset '{0}' holds {1} bytes once unfiltered; the chunk takes {2}", path, length, chunk.Length));
        }

        Buffer.BlockCopy(current, 0, chunk, 0, length);
    }

    /// <summary>Undoes the shuffle filter (the only filter left once deflate and Fletcher-32 are handled; others are refused before).</summary>
    private void Shuffle(H5Filter filter, ref byte[] current, int length, Chunk at, string path)
    {
        if (filter.ClientData.Count < 1 || filter.ClientData[0] is 0 or > 1024)
        {
            throw file.Error(at.Address, "the shuffle filter of the dataset '" + path + "' has no element size between 1 and 1024");
        }

        current = Unshuffle(current, length, (int)filter.ClientData[0]);
    }

    private byte[] Inflate(byte[] data, int length, int expected, Chunk at, string path)
    {
        var inflated = new byte[expected];
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(data, 0, length, writable: false), CompressionMode.Decompress);
            int read = 0;
            int n;
            while (read < expected && (n = zlib.Read(inflated, read, expected - read)) > 0)
            {
                read += n;
            }

            if (read != expected || zlib.ReadByte() >= 0)
            {
                throw file.Error(at.Address, string.Format(CultureInfo.InvariantCulture, "a deflated chunk of the dataset '{0}' inflates to {1} bytes; the chunk takes {2}", path, read == expected ? "more than " + expected.ToString(CultureInfo.InvariantCulture) : read.ToString(CultureInfo.InvariantCulture), expected));
            }
        }
        catch (InvalidDataException e)
        {
            throw file.Error(at.Address, "a deflated chunk of the dataset '" + path + "' does not inflate: " + e.Message, e);
        }

        return inflated;
    }

    /// <summary>Undoes the shuffle filter: byte <c>j</c> of element <c>i</c> was stored at <c>j·n + i</c>; trailing bytes of a partial element stay in place.</summary>
    private static byte[] Unshuffle(byte[] data, int length, int elementSize)
    {
        var result = new byte[length];
        int n = length / elementSize;
        for (int j = 0; j < elementSize; j++)
        {
            for (int i = 0; i < n; i++)
            {
                result[(i * elementSize) + j] = data[(j * n) + i];
            }
        }

        Buffer.BlockCopy(data, n * elementSize, result, n * elementSize, length - (n * elementSize));
        return result;
    }

    /// <summary>
    /// HDF5's Fletcher-32: sums of 16-bit big-endian words (an odd last byte as a high byte), folded with end-around carry
    /// every 360 words and at the end; compared as written and byte-reversed (as HDF5 1.6.0 to 1.6.2 wrote it).
    /// </summary>
    private static bool Fletcher32Matches(ReadOnlySpan<byte> data, uint stored)
    {
        static ulong Fold(ulong sum) => (sum & 0xFFFF) + (sum >> 16);

        ulong sum1 = 0;
        ulong sum2 = 0;
        int words = data.Length / 2;
        for (int start = 0; start < words; start += 360)
        {
            int end = Math.Min(words, start + 360);
            for (int w = start; w < end; w++)
            {
                sum1 += (ulong)((data[2 * w] << 8) | data[(2 * w) + 1]);
                sum2 += sum1;
            }

            sum1 = Fold(sum1);
            sum2 = Fold(sum2);
        }

        if (data.Length % 2 == 1)
        {
            sum1 += (ulong)(data[^1] << 8);
            sum2 += sum1;
            sum1 = Fold(sum1);
            sum2 = Fold(sum2);
        }

        uint computed = (uint)(((Fold(sum2) << 16) | Fold(sum1)) & 0xFFFF_FFFF);
        return computed == stored || BinaryPrimitives.ReverseEndianness(computed) == stored;
    }

    /// <summary>Copies the part of a chunk inside the dataset to its place in the values (row-major, the last dimension contiguous).</summary>
    private static void Place(byte[] chunk, byte[] values, ulong[] offsets, IReadOnlyList<ulong> chunkDims, IReadOnlyList<ulong> dims, int size)
    {
        int rank = dims.Count;
        var extent = new long[rank];
        for (int k = 0; k < rank; k++)
        {
            extent[k] = (long)Math.Min(chunkDims[k], dims[k] - offsets[k]);
        }

        long run = extent[rank - 1] * size;
        var index = new long[rank];
        while (true)
        {
            long source = 0;
            long target = 0;
            for (int k = 0; k < rank; k++)
            {
                source = (source * (long)chunkDims[k]) + index[k];
                target = (target * (long)dims[k]) + (long)offsets[k] + index[k];
            }

            Buffer.BlockCopy(chunk, (int)(source * size), values, (int)(target * size), (int)run);

            // The next row: an odometer over every dimension but the last.
            int d = rank - 2;
            while (d >= 0 && ++index[d] == extent[d])
            {
                index[d] = 0;
                d--;
            }

            if (d < 0)
            {
                return;
            }
        }
    }

    /// <summary>Walks a version 1 B-tree of raw data chunks (type 1) to its chunks, stopping past <paramref name="required"/>.</summary>
    private List<Chunk> Chunks(long root, int rank, ulong required, string path)
    {
        var chunks = new List<Chunk>();
        var seen = new HashSet<long>();
        var pending = new Stack<(long Address, int Level)>();
        pending.Push((root, -1));
        int keySize = 8 + (8 * (rank + 1));
        while (pending.Count > 0)
        {
            (long address, int expectedLevel) = pending.Pop();
            if (!seen.Add(address))
            {
                throw file.Error(address, "the chunk index of the dataset '" + path + "' reaches the same node twice (a cycle)");
            }

            H5Bytes head = file.Read(address, 8 + (2 * file.OffsetSize), "a chunk B-tree node");
            if (!head.Signature("TREE"))
            {
                throw head.Error("expected a chunk B-tree node (signature TREE)");
            }

            int type = head.U8();
            int level = head.U8();
            int entries = head.U16();
            if (type != 1 || (expectedLevel >= 0 && level != expectedLevel))
            {
                throw head.Error(string.Format(CultureInfo.InvariantCulture, "expected a chunk B-tree node (type 1) at level {0} but found type {1} at level {2}", expectedLevel < 0 ? "any" : expectedLevel.ToString(CultureInfo.InvariantCulture), type, level));
            }

            // Keys and children alternate, one more key than children; a key is the chunk's stored size, its filter
            // mask and its offset in each dimension (and 0 for the element).
            H5Bytes body = file.Read(address + 8 + (2 * file.OffsetSize), ((entries + 1L) * keySize) + ((long)entries * file.OffsetSize), "a chunk B-tree node's keys and children");
            var children = new List<long>();
            for (int k = 0; k < entries; k++)
            {
                long key = body.Address;
                uint stored = body.U32();
                uint mask = body.U32();
                var offsets = new ulong[rank];
                for (int d = 0; d < rank; d++)
                {
                    offsets[d] = body.U64();
                }

                body.U64();
                long child = file.RequiredAddress(body.Offset(), body, "a chunk B-tree child");
                if (level > 0)
                {
                    children.Add(child);
                    continue;
                }

                chunks.Add(new Chunk(key, child, stored, mask, offsets));
                if ((ulong)chunks.Count > required)
                {
                    throw file.Error(key, string.Format(CultureInfo.InvariantCulture, "the chunk index of the dataset '{0}' holds more than the {1} chunks the dataset needs", path, required));
                }
            }

            for (int k = children.Count - 1; k >= 0; k--)
            {
                pending.Push((children[k], level - 1));
            }
        }

        return chunks;
    }

    /// <summary>A stored chunk: where its key is (for messages), where its bytes are, how many, which filters it skipped, and where it starts in the dataset.</summary>
    private sealed record Chunk(long Key, long Address, long Size, uint Mask, ulong[] Offsets);
}
