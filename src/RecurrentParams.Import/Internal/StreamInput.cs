using System;
using System.Globalization;
using System.IO;
using RecurrentParams.Internal;

namespace RecurrentParams.Import.Internal;

/// <summary>Reads whole small documents (JSON configs) and exact byte counts, never trusting a size a file claims.</summary>
internal static class StreamInput
{
    /// <summary>The first buffer for bytes whose count is claimed or unknown; it grows (doubling) only as bytes arrive.</summary>
    private const int FirstChunk = 16 * 1024;

    public static void CheckReadable(Stream stream, string paramName)
    {
        if (!Guard.NotNull(stream, paramName).CanRead)
        {
            Guard.ThrowArgument(paramName, "'" + paramName + "' must be readable.");
        }
    }

    public static FileStream OpenFile(string path, string paramName)
    {
        Guard.NotEmpty(path, paramName);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
    }

    /// <summary>
    /// Reads the rest of the stream, at most <paramref name="limit"/> bytes (the value of the option
    /// <paramref name="property"/>); the buffer grows with what actually arrives.
    /// </summary>
    public static byte[] ReadToEnd(Stream stream, long limit, string what, string property)
    {
        long initial = FirstChunk;
        if (stream.CanSeek)
        {
            long remaining = stream.Length - stream.Position;
            if (remaining > limit)
            {
                throw Limits.Exceeded(what, string.Format(CultureInfo.InvariantCulture, "{0:N0} bytes remain in the stream", remaining), limit, "bytes", property);
            }

            initial = Math.Max(0, remaining);
        }

        byte[] buffer = new byte[Math.Max(Math.Min(initial, limit), 1)];
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

                    throw Limits.Exceeded(what, "the stream holds more", limit, "bytes", property);
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

    /// <summary>
    /// Reads exactly the <paramref name="count"/> bytes a file claims follow, or fails as truncated; the buffer starts
    /// small and grows only as bytes arrive, so a claim the stream does not back costs what the stream holds.
    /// </summary>
    /// <param name="stream">The stream, positioned at the bytes.</param>
    /// <param name="count">The claimed count, already checked against the reader's limit.</param>
    /// <param name="offset">The bytes' offset in the file, for the error's location.</param>
    public static byte[] ReadClaimed(Stream stream, int count, long offset)
    {
        byte[] buffer = new byte[Math.Min(count, FirstChunk)];
        int done = 0;
        while (done < count)
        {
            if (done == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(count, 2L * buffer.Length));
            }

            int read = stream.Read(buffer, done, buffer.Length - done);
            if (read == 0)
            {
                throw Truncated(offset + done, count - done);
            }

            done += read;
        }

        return buffer;
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes into a buffer the caller sized, or fails as truncated.</summary>
    public static void ReadExactly(Stream stream, byte[] buffer, int count, long offset)
    {
        int done = 0;
        while (done < count)
        {
            int read = stream.Read(buffer, done, count - done);
            if (read == 0)
            {
                throw Truncated(offset + done, count - done);
            }

            done += read;
        }
    }

    private static ModelFormatException Truncated(long at, long missing) =>
        Fail.Error(Fail.Byte(at), string.Format(CultureInfo.InvariantCulture, "the file ends; {0} more bytes were expected", missing));
}
