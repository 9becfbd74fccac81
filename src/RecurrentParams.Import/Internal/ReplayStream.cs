using System;
using System.IO;

namespace RecurrentParams.Import.Internal;

/// <summary>A read-only, forward-only stream that gives back the bytes already read from a non-seekable stream, then the rest of it.</summary>
internal sealed class ReplayStream : Stream
{
    private readonly byte[] head;
    private readonly int headLength;
    private readonly Stream rest;
    private int headPosition;
    private long position;

    public ReplayStream(byte[] head, int headLength, Stream rest)
    {
        this.head = head;
        this.headLength = headLength;
        this.rest = rest;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The stream cannot seek.");

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException("The stream cannot seek.");
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (headPosition < headLength)
        {
            int n = Math.Min(count, headLength - headPosition);
            Buffer.BlockCopy(head, headPosition, buffer, offset, n);
            headPosition += n;
            position += n;
            return n;
        }

        int read = rest.Read(buffer, offset, count);
        position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");
}
