using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;

namespace RecurrentParams.Import.Hdf5;

/// <summary>
/// A read-only view of an HDF5 file that checks each global heap collection and each local heap before PureHDF decodes it.
/// </summary>
/// <remarks>
/// <para>PureHDF 2.2.0 decodes a global heap collection (signature <c>GCOL</c>, where variable-length strings such as
/// <c>model_config</c> live) by allocating every object's claimed size and only then reading it, so a 15 KB file whose
/// object claims 2 GB costs 2 GB before the read fails. This stream notices a read that returns the signature, walks the
/// collection's object headers the way PureHDF will (sizes only, no data), and refuses any object that claims more
/// bytes than the file holds after it or more than the reader's limit for one string.</para>
/// <para>A local heap (signature <c>HEAP</c>, where a group's link names live) is read the same way: PureHDF allocates
/// the data segment's claimed size, then reads it. Its header is checked when its signature is read, and a segment that
/// claims more than the file holds after its address, or more than the same limit, is refused. Everything else passes
/// through.</para>
/// <para>Wrapping also keeps PureHDF off its file-handle driver, which would read a <see cref="FileStream"/> around
/// this check.</para>
/// </remarks>
internal sealed class GlobalHeapGuardStream : Stream
{
    private static ReadOnlySpan<byte> Signature => "GCOL"u8;
    private static ReadOnlySpan<byte> LocalHeapSignature => "HEAP"u8;
    private static ReadOnlySpan<byte> SuperblockSignature => [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];

    private readonly Stream inner;
    private readonly long maxObjectBytes;
    private readonly long length;
    private readonly string? entry;
    private int lengthsSize;
    private int offsetsSize;

    /// <param name="inner">The HDF5 file, seekable.</param>
    /// <param name="maxObjectBytes">The most one global heap object or one local heap's data segment may claim.</param>
    /// <param name="entry">The zip entry the file is (errors then say <c>model.weights.h5, byte N</c>); <see langword="null"/> for a file of its own.</param>
    public GlobalHeapGuardStream(Stream inner, long maxObjectBytes, string? entry)
    {
        this.inner = inner;
        this.maxObjectBytes = maxObjectBytes;
        this.entry = entry;
        length = inner.Length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        long at = inner.Position;
        int read = inner.Read(buffer);
        if (read >= Signature.Length && buffer[..Signature.Length].SequenceEqual(Signature))
        {
            CheckCollection(at);
        }
        else if (read >= LocalHeapSignature.Length && buffer[..LocalHeapSignature.Length].SequenceEqual(LocalHeapSignature))
        {
            CheckLocalHeap(at);
        }

        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Walks the object headers of the collection at <paramref name="at"/> as PureHDF will, then restores the position.</summary>
    private void CheckCollection(long at)
    {
        long resume = inner.Position;
        int sizeBytes = LengthsSize();
        ulong headerSize = 8UL + (ulong)sizeBytes;

        // PureHDF's loop, mirrored with its unsigned arithmetic: a size that overruns the collection wraps 'remaining'
        // and the walk goes on past the collection's end, so this one does too (bounded by the file's end).
        ulong remaining = unchecked(ReadLength(at + 8, sizeBytes) - headerSize);
        long position = at + (long)headerSize;
        while (remaining > headerSize && position + (long)headerSize <= length)
        {
            ushort index = (ushort)ReadLength(position, 2);
            if (index == 0)
            {
                break;
            }

            ulong size = ReadLength(position + 8, sizeBytes);
            long dataStart = position + (long)headerSize;
            long available = Math.Min(length - dataStart, maxObjectBytes);
            if (size > (ulong)available)
            {
                throw new ModelFormatException(
                    string.Format(CultureInfo.InvariantCulture, "global heap object {0} claims {1} bytes, but at most {2} can follow it ({3} bytes remain in the file; one object is read up to {4} bytes)", index, size, available, length - dataStart, maxObjectBytes),
                    Byte(position),
                    null);
            }

            ulong consumed = headerSize + ((size + 7) & ~7UL);
            remaining = unchecked(remaining - consumed);
            position += (long)consumed;
        }

        inner.Position = resume;
    }

    /// <summary>Checks the data segment size of the local heap at <paramref name="at"/> against the file, then restores the position.</summary>
    private void CheckLocalHeap(long at)
    {
        long resume = inner.Position;
        int sizeBytes = LengthsSize();

        // Version 0, the only one: signature, version, 3 reserved bytes, the data segment's size and the free list's
        // offset (lengths), the data segment's address (an offset, relative to the base address, which is at least 0).
        if (ReadLength(at + 4, 1) == 0)
        {
            ulong size = ReadLength(at + 8, sizeBytes);
            ulong address = ReadLength(at + 8 + (2 * sizeBytes), offsetsSize);
            long available = address > (ulong)length ? 0 : Math.Min(length - (long)address, maxObjectBytes);
            if (size > (ulong)available)
            {
                throw new ModelFormatException(
                    string.Format(CultureInfo.InvariantCulture, "the local heap claims a {0}-byte data segment at byte {1}, but at most {2} bytes can be there ({3} bytes follow that address in the file; a segment is read up to {4} bytes)", size, address, available, address > (ulong)length ? 0 : length - (long)address, maxObjectBytes),
                    Byte(at),
                    null);
            }
        }

        inner.Position = resume;
    }

    /// <summary>The width of a length field, from the superblock (at byte 0, or 512, 1024, ... after a user block); the width of an offset is noted too.</summary>
    private int LengthsSize()
    {
        if (lengthsSize != 0)
        {
            return lengthsSize;
        }

        Span<byte> head = stackalloc byte[16];
        for (long at = 0; at + head.Length <= length; at = at == 0 ? 512 : at * 2)
        {
            inner.Position = at;
            inner.ReadExactly(head);
            if (head[..8].SequenceEqual(SuperblockSignature))
            {
                // Versions 0 and 1 keep the widths of offsets and lengths at bytes 13 and 14, versions 2 and 3 at 9 and 10.
                int offsets = head[8] < 2 ? head[13] : head[9];
                int size = head[8] < 2 ? head[14] : head[10];
                if (size is not (2 or 4 or 8) || offsets is not (2 or 4 or 8))
                {
                    throw new ModelFormatException(string.Format(CultureInfo.InvariantCulture, "the superblock's offset and length sizes are {0} and {1}; HDF5 allows 2, 4 or 8", offsets, size), Byte(at), null);
                }

                offsetsSize = offsets;
                return lengthsSize = size;
            }
        }

        throw new ModelFormatException("expected an HDF5 superblock", entry ?? "the file", null);
    }

    private string Byte(long offset) =>
        (entry is null ? string.Empty : entry + ", ") + "byte " + offset.ToString(CultureInfo.InvariantCulture);

    private ulong ReadLength(long at, int size)
    {
        Span<byte> bytes = stackalloc byte[8];
        bytes.Clear();
        if (at < 0 || at + size > length)
        {
            return 0;
        }

        inner.Position = at;
        inner.ReadExactly(bytes[..size]);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
