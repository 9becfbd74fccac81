using System;
using System.IO;

namespace RecurrentParams.Import.Hdf5;

/// <summary>A read-only, seekable view of the bytes <c>[start, start + length)</c> of a seekable stream: one stored zip entry.</summary>
/// <remarks>Positions are relative to <c>start</c>; every read seeks the inner stream first, so nothing is copied.</remarks>
internal sealed class StreamWindow : Stream
{
    private readonly Stream inner;
    private readonly long start;
    private readonly long length;
    private long position;

    public StreamWindow(Stream inner, long start, long length)
    {
        this.inner = inner;
        this.start = start;
        this.length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A position cannot be negative.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (position >= length)
        {
            return 0;
        }

        int count = (int)Math.Min(buffer.Length, length - position);
        inner.Position = start + position;
        int read = inner.Read(buffer[..count]);
        position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Not a SeekOrigin."),
        };
        Position = target;
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
