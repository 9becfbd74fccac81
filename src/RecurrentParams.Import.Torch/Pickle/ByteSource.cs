using System;
using System.Globalization;
using System.IO;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import.Torch.Pickle;

/// <summary>
/// Reads a stream forward through a small buffer, tracking the absolute offset for messages. Nothing the bytes claim
/// decides an allocation: a run of claimed length is refused when a seekable stream has fewer bytes left, and is
/// otherwise gathered in chunks that grow only with the bytes that arrive.
/// </summary>
internal sealed class ByteSource
{
    private const int ChunkBytes = 64 * 1024;
    private readonly Stream stream;
    private readonly byte[] buffer = new byte[8192];
    private readonly long? end;
    private int position;
    private int length;
    private long consumed;

    /// <summary>Initializes a source over <paramref name="stream"/> from its current position.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="origin">The absolute offset of the stream's current position, for messages.</param>
    /// <param name="where">What is read (<c>archive/data.pkl</c>, <c>the file</c>), for messages.</param>
    /// <param name="first">A byte already read from a forward-only stream, put back in front; -1 for none.</param>
    public ByteSource(Stream stream, long origin, string where, int first = -1)
    {
        this.stream = stream;
        Origin = origin;
        Where = where;
        if (stream.CanSeek)
        {
            end = stream.Length - stream.Position;
        }

        if (first >= 0)
        {
            buffer[0] = (byte)first;
            length = 1;
        }
    }

    /// <summary>Gets what is read, for messages.</summary>
    public string Where { get; }

    /// <summary>Gets the absolute offset of the first byte.</summary>
    public long Origin { get; }

    /// <summary>Gets the offset of the next byte, relative to <see cref="Origin"/>.</summary>
    public long Offset => consumed;

    /// <summary>Gets the bytes known to remain, or <see langword="null"/> on a stream of unknown length.</summary>
    public long? Remaining => end is long e ? e - consumed : null;

    /// <summary>The location of the byte at <paramref name="offset"/> for a message.</summary>
    public string At(long offset) => Where + ", byte " + (Origin + offset).ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads one byte, or returns -1 at the end.</summary>
    public int ReadByte()
    {
        if (position == length && !Fill())
        {
            return -1;
        }

        consumed++;
        return buffer[position++];
    }

    /// <summary>Reads one byte or fails as truncated.</summary>
    public byte Byte(string what)
    {
        int value = ReadByte();
        return value < 0 ? throw Truncated(what, 1) : (byte)value;
    }

    /// <summary>Fills <paramref name="target"/> (a few bytes) or fails as truncated.</summary>
    public void Exact(Span<byte> target, string what)
    {
        for (int k = 0; k < target.Length; k++)
        {
            int value = ReadByte();
            if (value < 0)
            {
                throw Truncated(what, target.Length - k);
            }

            target[k] = (byte)value;
        }
    }

    /// <summary>Reads a run of <paramref name="count"/> bytes that the input claims; see the class remarks.</summary>
    public byte[] Run(long count, long budget, string what, string limitText)
    {
        Claim(count, budget, what, limitText);
        byte[] data = new byte[(int)Math.Min(count, ChunkBytes)];
        int filled = 0;
        while (filled < count)
        {
            if (filled == data.Length)
            {
                Array.Resize(ref data, (int)Math.Min(count, (long)data.Length * 2));
            }

            int got = Read(data, filled, data.Length - filled);
            if (got == 0)
            {
                throw Truncated(what, count - filled);
            }

            filled += got;
        }

        return data;
    }

    /// <summary>Skips <paramref name="count"/> bytes: a seek on a seekable stream, reads into the small buffer otherwise.</summary>
    public void Skip(long count, string what)
    {
        if (Remaining is long remaining && count > remaining)
        {
            throw Fail.Error(At(consumed), string.Format(CultureInfo.InvariantCulture, "{0} claims {1} bytes but only {2} remain", what, count, remaining));
        }

        long left = count;
        int buffered = Math.Min(length - position, (int)Math.Min(left, int.MaxValue));
        position += buffered;
        consumed += buffered;
        left -= buffered;
        if (left == 0)
        {
            return;
        }

        if (stream.CanSeek)
        {
            stream.Seek(left, SeekOrigin.Current);
            consumed += left;
            return;
        }

        while (left > 0)
        {
            int got = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (got == 0)
            {
                throw Truncated(what, left);
            }

            left -= got;
            consumed += got;
        }
    }

    /// <summary>Reads a text line (protocol 0 opcodes) of at most <paramref name="max"/> bytes, without its newline.</summary>
    public byte[] Line(int max, string what, string limitText)
    {
        byte[] line = new byte[Math.Min(max, 256)];
        int count = 0;
        while (true)
        {
            byte b = Byte(what);
            if (b == (byte)'\n')
            {
                break;
            }

            if (count == max)
            {
                throw Fail.Error(At(consumed - 1), string.Format(CultureInfo.InvariantCulture, "{0} is longer than the {1:N0} {2}", what, max, limitText));
            }

            if (count == line.Length)
            {
                Array.Resize(ref line, Math.Min(max, line.Length * 2));
            }

            line[count++] = b;
        }

        Array.Resize(ref line, count);
        return line;
    }

    /// <summary>Refuses a claimed run longer than what remains or than the budget, before anything is allocated.</summary>
    public void Claim(long count, long budget, string what, string limitText)
    {
        if (count < 0)
        {
            throw Fail.Error(At(consumed), string.Format(CultureInfo.InvariantCulture, "{0} claims a negative length ({1})", what, count));
        }

        if (Remaining is long remaining && count > remaining)
        {
            throw Fail.Error(At(consumed), string.Format(CultureInfo.InvariantCulture, "{0} claims {1} bytes but only {2} remain", what, count, remaining));
        }

        if (count > budget)
        {
            throw Fail.Error(At(consumed), string.Format(CultureInfo.InvariantCulture, "{0} claims {1} bytes, more than the {2}", what, count, limitText));
        }
    }

    public ModelFormatException Truncated(string what, long missing) =>
        Fail.Error(At(consumed), string.Format(CultureInfo.InvariantCulture, "the input ends inside {0}; {1} more bytes were expected", what, missing));

    private int Read(byte[] target, int offset, int count)
    {
        if (position == length && !Fill())
        {
            return 0;
        }

        int take = Math.Min(count, length - position);
        Buffer.BlockCopy(buffer, position, target, offset, take);
        position += take;
        consumed += take;
        return take;
    }

    private bool Fill()
    {
        position = 0;
        length = stream.Read(buffer, 0, buffer.Length);
        return length > 0;
    }
}
