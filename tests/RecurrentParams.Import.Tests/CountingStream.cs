using System.IO;

namespace RecurrentParams.Import.Tests;

/// <summary>Wraps a stream and counts the bytes read through it.</summary>
internal sealed class CountingStream : Stream
{
    private readonly Stream inner;

    public CountingStream(Stream inner)
    {
        this.inner = inner;
    }

    public long BytesRead { get; private set; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = inner.Read(buffer, offset, count);
        BytesRead += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => throw new System.NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new System.NotSupportedException();
}
