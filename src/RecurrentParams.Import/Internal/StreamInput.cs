using System;
using System.Globalization;
using System.IO;

namespace RecurrentParams.Import.Internal;

/// <summary>Reads whole small documents (JSON configs) and exact byte counts, never trusting a size a file claims.</summary>
internal static class StreamInput
{
    /// <summary>Topology JSON larger than this is refused: real configs are kilobytes to a few megabytes.</summary>
    public const int MaxJsonBytes = 64 * 1024 * 1024;

    public static void CheckReadable(Stream stream, string paramName)
    {
        if (!Guard.NotNull(stream, paramName).CanRead)
        {
            throw new ArgumentException("'" + paramName + "' must be readable.", paramName);
        }
    }

    public static FileStream OpenFile(string path, string paramName)
    {
        Guard.NotEmpty(path, paramName);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
    }

    /// <summary>Reads the rest of the stream, at most <paramref name="limit"/> bytes; the buffer grows with what actually arrives.</summary>
    public static byte[] ReadToEnd(Stream stream, int limit, string what)
    {
        int initial = 16 * 1024;
        if (stream.CanSeek)
        {
            long remaining = stream.Length - stream.Position;
            if (remaining > limit)
            {
                throw Fail.Error(what, string.Format(CultureInfo.InvariantCulture, "the document is {0} bytes; at most {1} are read", remaining, limit));
            }

            initial = (int)Math.Max(0, remaining);
        }

        byte[] buffer = new byte[Math.Max(initial, 1)];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= limit)
                {
                    if (stream.ReadByte() < 0)
                    {
                        break;
                    }

                    throw Fail.Error(what, string.Format(CultureInfo.InvariantCulture, "the document is longer than {0} bytes, the most that is read", limit));
                }

                Array.Resize(ref buffer, (int)Math.Min(limit, (long)buffer.Length * 2));
            }

            int read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length != buffer.Length)
        {
            Array.Resize(ref buffer, length);
        }

        return buffer;
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes or fails as truncated.</summary>
    public static void ReadExactly(Stream stream, byte[] buffer, int count, long offset)
    {
        int done = 0;
        while (done < count)
        {
            int read = stream.Read(buffer, done, count - done);
            if (read == 0)
            {
                throw Fail.Error(Fail.Byte(offset + done), string.Format(CultureInfo.InvariantCulture, "the file ends; {0} more bytes were expected", count - done));
            }

            done += read;
        }
    }
}
