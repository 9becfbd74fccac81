using System;
using System.IO;

namespace RecurrentParams.Import.Tests;

/// <summary>A seekable stream that claims a length and returns zeros (or a prefix), counting the bytes actually read.</summary>
internal sealed class ClaimingStream : Stream
{
    private readonly byte[] prefix;
    private long position;

    public ClaimingStream(long length, byte[]? prefix = null)
    {
        Length = length;
        this.prefix = prefix ?? [];
    }

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length { get; }

    public override long Position
    {
        get => position;
        set => position = value;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = (int)Math.Max(0, Math.Min(count, Length - position));
        for (int k = 0; k < n; k++)
        {
            long at = position + k;
            buffer[offset + k] = at < prefix.Length ? prefix[at] : (byte)0;
        }

        position += n;
        BytesRead += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => Length + offset,
        };
        return position;
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
