using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using Google.Protobuf;

namespace RecurrentParams.Import.Onnx;

/// <summary>
/// Walks protobuf wire format with Google.Protobuf's <see cref="CodedInputStream"/>, knowing every field's absolute
/// offset, and skips length-delimited fields by seeking when the stream can seek (a <see cref="CodedInputStream"/>
/// reads skipped bytes; a 1 GB <c>raw_data</c> must not be read). After a seek a fresh <see cref="CodedInputStream"/>
/// continues at the new offset.
/// </summary>
internal sealed class ProtoInput : IDisposable
{
    private readonly TrackingStream stream;
    private CodedInputStream input;

    private readonly int recursionLimit;

    /// <param name="stream">The model.</param>
    /// <param name="recursionLimit">How deep messages parsed whole may nest (<see cref="ModelReaderOptions.MaxDepth"/>).</param>
    public ProtoInput(Stream stream, int recursionLimit)
    {
        this.stream = new TrackingStream(stream);
        this.recursionLimit = recursionLimit;
        if (stream.CanSeek)
        {
            Length = stream.Length - stream.Position;
        }

        input = Open();
    }

    /// <summary>Gets the length of the message, when the stream knows it.</summary>
    public long? Length { get; }

    /// <summary>Gets the offset of the next byte to parse, from the start of the model.</summary>
    public long Position => input.Position;

    public string Where => "byte " + Position.ToString(CultureInfo.InvariantCulture);

    /// <summary>The next tag, or 0 at the end of the stream.</summary>
    public uint ReadTag() => input.ReadTag();

    public static int Field(uint tag) => WireFormat.GetTagFieldNumber(tag);

    public static WireFormat.WireType Wire(uint tag) => WireFormat.GetTagWireType(tag);

    public void Expect(uint tag, WireFormat.WireType wire)
    {
        if (Wire(tag) != wire)
        {
            throw Error(string.Format(CultureInfo.InvariantCulture, "field {0} has wire type {1}; the ONNX schema says {2}", Field(tag), Wire(tag), wire));
        }
    }

    /// <summary>Reads a length prefix and returns the absolute end offset of the field, checked against the stream.</summary>
    public long ReadEnd(long enclosingEnd)
    {
        long start = Position;
        int length = input.ReadLength();
        long end = Position + length;
        if (length < 0 || end > enclosingEnd || (Length is long total && end > total))
        {
            throw Error(string.Format(CultureInfo.InvariantCulture, "a field at byte {0} claims {1} bytes, past the end of its message or of the file", start, (uint)length));
        }

        return end;
    }

    public long ReadInt64() => input.ReadInt64();

    public int ReadInt32() => input.ReadInt32();

    public string ReadString() => input.ReadString();

    public void ReadMessage(IMessage message) => input.ReadMessage(message);

    /// <summary>Skips the field whose tag was just read: seeking over length-delimited data when possible.</summary>
    public void SkipField(uint tag, long enclosingEnd)
    {
        if (Wire(tag) == WireFormat.WireType.LengthDelimited && stream.CanSeek)
        {
            SeekTo(ReadEnd(enclosingEnd));
        }
        else
        {
            input.SkipLastField();
        }
    }

    /// <summary>Skips the field whose tag was just read, like <see cref="SkipField"/>, and returns its payload's length in bytes.</summary>
    /// <returns>For a length-delimited field the bytes it holds (without its length prefix); otherwise the bytes of its value.</returns>
    public long SkipPayload(uint tag, long enclosingEnd)
    {
        if (Wire(tag) == WireFormat.WireType.LengthDelimited && stream.CanSeek)
        {
            long end = ReadEnd(enclosingEnd);
            long length = end - Position;
            SeekTo(end);
            return length;
        }

        long before = Position;
        input.SkipLastField();
        long total = Position - before;
        return Wire(tag) == WireFormat.WireType.LengthDelimited ? total - PrefixSize(total) : total;
    }

    public ByteString ReadBytes() => input.ReadBytes();

    /// <summary>
    /// Reads a length-delimited field whose tag was just read, after checking its claimed length against the enclosing
    /// message and the stream's length (so the stream must be able to seek) and handing it to <paramref name="accept"/>,
    /// which throws to refuse it: nothing is allocated for a length the file does not back.
    /// </summary>
    public ByteString ReadBoundedBytes(long enclosingEnd, Action<long> accept)
    {
        long start = Position;
        long end = ReadEnd(enclosingEnd);
        accept(end - Position);
        SeekTo(start);
        return input.ReadBytes();
    }

    public float ReadFloat() => input.ReadFloat();

    public double ReadDouble() => input.ReadDouble();

    /// <summary>Fails unless the field just read ended inside its message.</summary>
    public void CheckInside(long end)
    {
        if (Position > end)
        {
            throw Error(string.Format(CultureInfo.InvariantCulture, "a field runs past the end of its message at byte {0}", end));
        }
    }

    public void Dispose() => input.Dispose();

    public ModelFormatException Error(string message, Exception? inner = null) => new(message, Where, inner);

    /// <summary>The size of the varint length prefix of a length-delimited field that took <paramref name="total"/> bytes in all.</summary>
    private static long PrefixSize(long total)
    {
        long size = 1;
        while (CodedOutputStream.ComputeUInt64Size((ulong)(total - size)) > size)
        {
            size++;
        }

        return size;
    }

    private void SeekTo(long position)
    {
        if (position == Position)
        {
            return;
        }

        stream.Seek(position, SeekOrigin.Begin);
        input = Open();
    }

    private CodedInputStream Open() => CodedInputStream.CreateWithLimits(stream, int.MaxValue, recursionLimit);

    /// <summary>
    /// Positions relative to where the model starts, for seekable and forward-only streams alike
    /// (<see cref="CodedInputStream.Position"/> asks its stream for the position).
    /// </summary>
    // Stream plumbing: CodedInputStream only reads, and this reader only seeks from the start.
    [ExcludeFromCodeCoverage]
    private sealed class TrackingStream : Stream
    {
        private readonly Stream inner;
        private readonly long origin;
        private long position;

        public TrackingStream(Stream inner)
        {
            this.inner = inner;
            origin = inner.CanSeek ? inner.Position : 0;
        }

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length - origin;

        public override long Position
        {
            get => position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = inner.Read(buffer, offset, count);
            position += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            if (origin != SeekOrigin.Begin)
            {
                throw new NotSupportedException();
            }

            inner.Seek(this.origin + offset, SeekOrigin.Begin);
            position = offset;
            return position;
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
