using System;
using System.Collections.Generic;
using System.IO;

namespace RecurrentParams.Import.Hdf5;

/// <summary>
/// A read-only, seekable copy of bytes that arrived from a stream that cannot seek (or from an inflater), kept in chunks
/// that are allocated only as the bytes arrive: the copy costs what the source holds, never what a header claims, and
/// never twice that (no doubling and copying as a <see cref="MemoryStream"/> does).
/// </summary>
internal sealed class ChunkedStream : Stream
{
    private const int FirstChunk = 64 * 1024;
    private const int LargestChunk = 1024 * 1024;

    private readonly List<byte[]> chunks = [];
    private long length;
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A position cannot be negative.");
    }

    /// <summary>
    /// Copies <paramref name="source"/> to its end, or up to <paramref name="limit"/> bytes: returns <see langword="null"/>
    /// when the source holds more (one byte past the limit is read to know).
    /// </summary>
    public static ChunkedStream? Copy(Stream source, long limit)
    {
        var copy = new ChunkedStream();
        while (true)
        {
            byte[] chunk = new byte[copy.chunks.Count == 0 ? FirstChunk : Math.Min(LargestChunk, copy.chunks[^1].Length * 2)];
            int filled = 0;
            int read;
            while (filled < chunk.Length && (read = source.Read(chunk, filled, chunk.Length - filled)) > 0)
            {
                filled += read;
            }

            if (copy.length + filled > limit)
            {
                return null;
            }

            if (filled > 0)
            {
                copy.chunks.Add(chunk);
                copy.length += filled;
            }

            if (filled < chunk.Length)
            {
                return copy;
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int done = 0;
        while (done < buffer.Length && position < length)
        {
            (int index, int within) = Locate(position);
            byte[] chunk = chunks[index];
            int count = (int)Math.Min(Math.Min(buffer.Length - done, chunk.Length - within), length - position);
            chunk.AsSpan(within, count).CopyTo(buffer[done..]);
            done += count;
            position += count;
        }

        return done;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Not a SeekOrigin."),
        };
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The chunk holding an offset: chunk sizes are 64 KiB, 128 KiB, ..., then 1 MiB each.</summary>
    private (int Index, int Within) Locate(long offset)
    {
        long start = 0;
        for (int k = 0; k < chunks.Count; k++)
        {
            if (offset < start + chunks[k].Length)
            {
                return (k, (int)(offset - start));
            }

            start += chunks[k].Length;
        }

        return (chunks.Count - 1, chunks[^1].Length);
    }
}
