using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Collections.Generic;
using System.Text;

namespace RecurrentParams.Import.Internal;

/// <summary>Where one zip entry's data lies in its archive, as the central directory and the local header give it.</summary>
/// <param name="Flags">The general purpose bit flags of the central directory header (bit 0: encrypted).</param>
/// <param name="Method">The compression method: 0 stored, 8 deflate, ...</param>
/// <param name="CompressedSize">The bytes the entry occupies in the archive.</param>
/// <param name="UncompressedSize">The bytes it holds once inflated; equal to <paramref name="CompressedSize"/> when stored.</param>
/// <param name="DataOffset">The archive offset of the entry's first data byte, just after its local header.</param>
internal sealed record ZipEntryLocation(int Flags, int Method, long CompressedSize, long UncompressedSize, long DataOffset);

/// <summary>One central directory header: an entry's name, method and sizes, and where its local header is.</summary>
/// <param name="Name">The entry's name, decoded as UTF-8.</param>
/// <param name="Flags">The general purpose bit flags (bit 0: encrypted).</param>
/// <param name="Method">The compression method: 0 stored, 8 deflate, ...</param>
/// <param name="CompressedSize">The bytes the entry occupies in the archive.</param>
/// <param name="UncompressedSize">The bytes it holds once inflated.</param>
/// <param name="LocalHeaderOffset">The archive offset of its local header.</param>
internal sealed record ZipDirectoryEntry(string Name, int Flags, int Method, long CompressedSize, long UncompressedSize, long LocalHeaderOffset);

/// <summary>An archive's central directory: its entries in directory order, and where the directory starts (the entries' data lies before it).</summary>
/// <param name="Entries">The central directory headers.</param>
/// <param name="DirectoryOffset">The byte offset of the central directory.</param>
internal sealed record ZipDirectory(IReadOnlyList<ZipDirectoryEntry> Entries, long DirectoryOffset);

/// <summary>
/// Finds one entry of a zip archive by reading only its records: the end of central directory record (and the Zip64 one
/// when the record points to it), the central directory headers up to the entry's, and the entry's local header.
/// </summary>
/// <remarks>
/// Every offset and size is checked against the archive's length and against the records around it before it is used;
/// what is read is bounded by the records' own small sizes (the 65,557-byte tail that can hold the end record, one
/// 46-byte header at a time, one extra field of at most 64 KiB), never by a size an entry claims.
/// </remarks>
internal static class ZipLocator
{
    private const uint EndSignature = 0x0605_4B50;
    private const uint Zip64LocatorSignature = 0x0706_4B50;
    private const uint Zip64EndSignature = 0x0606_4B50;
    private const uint CentralSignature = 0x0201_4B50;
    private const uint LocalSignature = 0x0403_4B50;
    private const int EndSize = 22;
    private const int Zip64LocatorSize = 20;
    private const int Zip64EndSize = 56;
    private const int CentralSize = 46;
    private const int LocalSize = 30;
    private const int MaxTail = EndSize + ushort.MaxValue;
    private const uint Mask32 = uint.MaxValue;
    private const string End = "the archive's end of central directory";
    private const string Directory = "the archive's central directory";

    /// <summary>Reads the end of central directory record (and the Zip64 one) and checks where it puts the directory.</summary>
    private static (ulong Entries, long Offset, long Size) Locate(Stream archive)
    {
        long length = archive.Length;
        if (length < EndSize)
        {
            throw Error(End, Format("the archive is {0} bytes; a zip ends with a {1}-byte end of central directory record", length, EndSize));
        }

        // The record is 22 bytes plus a comment of up to 65,535: search only where it can start, from the end.
        int tailLength = (int)Math.Min(length, MaxTail);
        long tailStart = length - tailLength;
        byte[] tail = new byte[tailLength];
        ReadAt(archive, tailStart, tail);
        int at = tailLength - EndSize;
        while (at >= 0 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndSignature)
        {
            at--;
        }

        if (at < 0)
        {
            throw Error(End, Format("expected the end of central directory record (signature PK\\5\\6) in the archive's last {0} bytes; the archive is truncated or not a zip", tailLength));
        }

        long endOffset = tailStart + at;
        ReadOnlySpan<byte> end = tail.AsSpan(at, EndSize);
        uint disk = BinaryPrimitives.ReadUInt16LittleEndian(end[4..]);
        uint directoryDisk = BinaryPrimitives.ReadUInt16LittleEndian(end[6..]);
        ulong entries = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
        ulong directorySize = BinaryPrimitives.ReadUInt32LittleEndian(end[12..]);
        ulong directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
        long directoryLimit = endOffset;
        if ((disk == ushort.MaxValue || entries == ushort.MaxValue || directorySize == Mask32 || directoryOffset == Mask32)
            && Zip64End(archive, endOffset) is { } zip64)
        {
            (disk, directoryDisk, entries, directorySize, directoryOffset, directoryLimit) = zip64;
        }

        if (disk != 0 || directoryDisk != 0)
        {
            throw Error(End, Format("the record at byte {0} describes disk {1} of a spanned archive (central directory on disk {2}); only single-file archives are read", endOffset, disk, directoryDisk));
        }

        if (directoryOffset > (ulong)directoryLimit || directorySize > (ulong)directoryLimit - directoryOffset)
        {
            throw Error(Directory, Format("the end record puts the directory at byte {0} with {1} bytes, past the end records at byte {2} (the archive is {3} bytes)", directoryOffset, directorySize, directoryLimit, length));
        }

        return (entries, (long)directoryOffset, (long)directorySize);
    }

    /// <summary>Finds <paramref name="name"/>, or returns <see langword="null"/> when the central directory has no such entry.</summary>
    /// <exception cref="ModelFormatException">A record is missing, truncated, or points outside the archive or the records around it.</exception>
    public static ZipEntryLocation? Find(Stream archive, string name)
    {
        (ulong entries, long directoryOffset, long directorySize) = Locate(archive);
        long position = directoryOffset;
        long directoryEnd = position + directorySize;
        byte[] wanted = Encoding.UTF8.GetBytes(name);
        byte[] header = new byte[CentralSize];
        for (ulong index = 0; index < entries; index++)
        {
            if (CentralSize > directoryEnd - position)
            {
                throw Error(Directory, Format("header {0} of the {1} the end record counts would start at byte {2}, but the directory ends at byte {3}", index, entries, position, directoryEnd));
            }

            ReadAt(archive, position, header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != CentralSignature)
            {
                throw Error(Directory, Format("expected central directory header {0} (signature PK\\1\\2) at byte {1}", index, position));
            }

            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            long next = position + CentralSize + nameLength + extraLength + commentLength;
            if (next > directoryEnd)
            {
                throw Error(Directory, Format("header {0} at byte {1} declares a {2}-byte name, a {3}-byte extra field and a {4}-byte comment, which run past the directory's end at byte {5}", index, position, nameLength, extraLength, commentLength, directoryEnd));
            }

            if (nameLength == wanted.Length && Matches(archive, position + CentralSize, wanted))
            {
                byte[] extra = new byte[extraLength];
                ReadAt(archive, position + CentralSize + nameLength, extra);
                return Locate(archive, name, wanted, header, extra, directoryOffset);
            }

            position = next;
        }

        return null;
    }

    /// <summary>Reads every central directory header, in directory order.</summary>
    /// <param name="archive">A seekable archive.</param>
    /// <param name="maxEntries">The most entries read; more is refused with <paramref name="limitName"/> named.</param>
    /// <param name="limitName">The option that raises <paramref name="maxEntries"/>, for the message.</param>
    /// <exception cref="ModelFormatException">A record is missing, truncated or points outside the archive, or there are more than <paramref name="maxEntries"/> entries.</exception>
    public static ZipDirectory List(Stream archive, int maxEntries, string limitName)
    {
        (ulong entries, long directoryOffset, long directorySize) = Locate(archive);
        if (entries > (ulong)maxEntries)
        {
            throw Error(Directory, Format("the end record counts {0} entries, more than the {1:N0} {2} allows", entries, maxEntries, limitName));
        }

        long position = directoryOffset;
        long directoryEnd = position + directorySize;
        byte[] header = new byte[CentralSize];
        var list = new List<ZipDirectoryEntry>();
        for (ulong index = 0; index < entries; index++)
        {
            if (CentralSize > directoryEnd - position)
            {
                throw Error(Directory, Format("header {0} of the {1} the end record counts would start at byte {2}, but the directory ends at byte {3}", index, entries, position, directoryEnd));
            }

            ReadAt(archive, position, header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != CentralSignature)
            {
                throw Error(Directory, Format("expected central directory header {0} (signature PK\\1\\2) at byte {1}", index, position));
            }

            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            long next = position + CentralSize + nameLength + extraLength + commentLength;
            if (next > directoryEnd)
            {
                throw Error(Directory, Format("header {0} at byte {1} declares a {2}-byte name, a {3}-byte extra field and a {4}-byte comment, which run past the directory's end at byte {5}", index, position, nameLength, extraLength, commentLength, directoryEnd));
            }

            byte[] nameAndExtra = new byte[nameLength + extraLength];
            ReadAt(archive, position + CentralSize, nameAndExtra);
            string name = Encoding.UTF8.GetString(nameAndExtra, 0, nameLength);
            (ulong compressed, ulong uncompressed, ulong localOffset) = Sizes(header, nameAndExtra.AsSpan(nameLength), name);
            if (localOffset > (ulong)directoryOffset || compressed > (ulong)directoryOffset - localOffset)
            {
                throw Error(name, Format("the central directory puts the entry's {0} bytes at byte {1}, past the entries' area, which ends where the central directory starts (byte {2})", compressed, localOffset, directoryOffset));
            }

            list.Add(new ZipDirectoryEntry(
                name,
                BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8)),
                BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(10)),
                (long)compressed,
                uncompressed > long.MaxValue ? long.MaxValue : (long)uncompressed,
                (long)localOffset));
            position = next;
        }

        return new ZipDirectory(list.AsReadOnly(), directoryOffset);
    }

    /// <summary>Reads an entry's local header and returns where its data starts, checked against the directory.</summary>
    /// <exception cref="ModelFormatException">The local header is missing, names another entry or runs into the central directory.</exception>
    public static ZipEntryLocation Locate(Stream archive, ZipDirectoryEntry entry, long directoryOffset)
    {
        byte[] wanted = Encoding.UTF8.GetBytes(entry.Name);
        return Local(archive, entry.Name, wanted, entry.Flags, entry.Method, (ulong)entry.CompressedSize, (ulong)entry.UncompressedSize, (ulong)entry.LocalHeaderOffset, directoryOffset);
    }

    /// <summary>The Zip64 end record's fields, when a Zip64 locator precedes the end record; <see langword="null"/> when none does.</summary>
    private static (uint Disk, uint DirectoryDisk, ulong Entries, ulong Size, ulong Offset, long Limit)? Zip64End(Stream archive, long endOffset)
    {
        if (endOffset < Zip64LocatorSize)
        {
            return null;
        }

        long locatorOffset = endOffset - Zip64LocatorSize;
        byte[] locator = new byte[Zip64LocatorSize];
        ReadAt(archive, locatorOffset, locator);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
        {
            return null;
        }

        ulong recordOffset = BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8));
        if (locatorOffset < Zip64EndSize || recordOffset > (ulong)(locatorOffset - Zip64EndSize))
        {
            throw Error(End, Format("the Zip64 locator at byte {0} puts the Zip64 end record at byte {1}, where its {2} bytes do not fit before the locator", locatorOffset, recordOffset, Zip64EndSize));
        }

        byte[] record = new byte[Zip64EndSize];
        ReadAt(archive, (long)recordOffset, record);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature)
        {
            throw Error(End, Format("expected the Zip64 end of central directory record (signature PK\\6\\6) at byte {0}, where the locator puts it", recordOffset));
        }

        return (
            BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(16)),
            BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(20)),
            BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32)),
            BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40)),
            BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(48)),
            (long)recordOffset);
    }

    /// <summary>Resolves the entry's Zip64 sizes and offset, then reads its local header to find where the data starts.</summary>
    private static ZipEntryLocation Locate(Stream archive, string name, byte[] wanted, byte[] header, byte[] extra, long directoryOffset)
    {
        (ulong compressed, ulong uncompressed, ulong localOffset) = Sizes(header, extra, name);
        return Local(
            archive,
            name,
            wanted,
            BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8)),
            BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(10)),
            compressed,
            uncompressed,
            localOffset,
            directoryOffset);
    }

    /// <summary>A central directory header's compressed size, uncompressed size and local header offset, Zip64 fields resolved.</summary>
    private static (ulong Compressed, ulong Uncompressed, ulong LocalOffset) Sizes(byte[] header, ReadOnlySpan<byte> extra, string name)
    {
        ulong compressed = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(20));
        ulong uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(24));
        ulong localOffset = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(42));
        if (uncompressed == Mask32 || compressed == Mask32 || localOffset == Mask32)
        {
            ReadOnlySpan<byte> zip64 = Zip64Extra(extra, name);
            int needed = (uncompressed == Mask32 ? 8 : 0) + (compressed == Mask32 ? 8 : 0) + (localOffset == Mask32 ? 8 : 0);
            if (zip64.Length < needed)
            {
                throw Error(name, Format("the central directory header marks {0} bytes of sizes and offset as Zip64 (0xFFFFFFFF), but its Zip64 extra field holds {1}", needed, zip64.Length));
            }

            // The fields that overflowed, in this order, each 8 bytes.
            uncompressed = uncompressed == Mask32 ? Next(ref zip64) : uncompressed;
            compressed = compressed == Mask32 ? Next(ref zip64) : compressed;
            localOffset = localOffset == Mask32 ? Next(ref zip64) : localOffset;
        }

        return (compressed, uncompressed, localOffset);
    }

    /// <summary>Reads the entry's local header and checks it against what the central directory says.</summary>
    private static ZipEntryLocation Local(Stream archive, string name, byte[] wanted, int flags, int method, ulong compressed, ulong uncompressed, ulong localOffset, long directoryOffset)
    {
        if (localOffset > (ulong)directoryOffset || LocalSize > directoryOffset - (long)localOffset)
        {
            throw Error(name, Format("the central directory puts the local header at byte {0}, past the entries' area, which ends where the central directory starts (byte {1})", localOffset, directoryOffset));
        }

        byte[] local = new byte[LocalSize];
        ReadAt(archive, (long)localOffset, local);
        if (BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalSignature)
        {
            throw Error(name, Format("expected a local file header (signature PK\\3\\4) at byte {0}, where the central directory puts it", localOffset));
        }

        int localNameLength = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(26));
        int localExtraLength = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(28));
        long dataOffset = (long)localOffset + LocalSize + localNameLength + localExtraLength;
        if (dataOffset > directoryOffset)
        {
            throw Error(name, Format("the local header at byte {0} declares a {1}-byte name and a {2}-byte extra field, which run past the central directory's start at byte {3}", localOffset, localNameLength, localExtraLength, directoryOffset));
        }

        if (localNameLength != wanted.Length || !Matches(archive, (long)localOffset + LocalSize, wanted))
        {
            throw Error(name, Format("the local header at byte {0} names another entry than the central directory header does", localOffset));
        }

        int localMethod = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(8));
        if (localMethod != method)
        {
            throw Error(name, Format("the local header at byte {0} gives compression method {1}, the central directory method {2}", localOffset, localMethod, method));
        }

        if (compressed > (ulong)(directoryOffset - dataOffset))
        {
            throw Error(name, Format("the entry's {0} bytes from byte {1} run past the central directory's start at byte {2}", compressed, dataOffset, directoryOffset));
        }

        if (uncompressed > long.MaxValue)
        {
            throw Error(name, Format("the entry claims {0} bytes once inflated, more than a 64-bit offset can address", uncompressed));
        }

        if (method == 0 && compressed != uncompressed)
        {
            throw Error(name, Format("a stored entry holds as many bytes as it occupies, but the central directory gives {0} stored and {1} uncompressed", compressed, uncompressed));
        }

        return new ZipEntryLocation(flags, method, (long)compressed, (long)uncompressed, dataOffset);
    }

    /// <summary>The data of the Zip64 extended information field (header ID 1), or an empty span when there is none.</summary>
    private static ReadOnlySpan<byte> Zip64Extra(ReadOnlySpan<byte> extra, string name)
    {
        while (extra.Length >= 4)
        {
            int id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            int size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (size > extra.Length - 4)
            {
                throw Error(name, Format("an extra field (ID 0x{0:X4}) of the central directory header claims {1} bytes; {2} remain", id, size, extra.Length - 4));
            }

            if (id == 1)
            {
                return extra.Slice(4, size);
            }

            extra = extra[(4 + size)..];
        }

        return [];
    }

    private static ulong Next(ref ReadOnlySpan<byte> fields)
    {
        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(fields);
        fields = fields[8..];
        return value;
    }

    private static bool Matches(Stream archive, long offset, byte[] wanted)
    {
        byte[] name = new byte[wanted.Length];
        ReadAt(archive, offset, name);
        return name.AsSpan().SequenceEqual(wanted);
    }

    /// <summary>Reads exactly <paramref name="buffer"/>'s length at <paramref name="offset"/>, which callers have checked lies within the archive.</summary>
    private static void ReadAt(Stream archive, long offset, byte[] buffer)
    {
        archive.Position = offset;
        int done = 0;
        while (done < buffer.Length)
        {
            int read = archive.Read(buffer, done, buffer.Length - done);
            if (read == 0)
            {
                throw Error("the archive", Format("the archive ends at byte {0}; {1} more bytes were expected", offset + done, buffer.Length - done));
            }

            done += read;
        }
    }

    private static ModelFormatException Error(string location, string message) => new(message, location, null);

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
