using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace RecurrentParams.Import.Tests.Robustness.Fuzzing;

/// <summary>
/// Mutates a zip (<c>.keras</c>) as entries and records: an entry's content mutated by its own format's mutator and the
/// archive rebuilt (stored or deflated); a field of a local header, central directory header or end record set to a
/// hostile value; <c>model.weights.h5</c> replaced by a compression bomb (2, 65 or 250 MiB of zeros) whose headers tell
/// or hide its size.
/// </summary>
internal static class ZipMutator
{
    /// <summary>(signature, field offset, width) of the size, offset, count and method fields of each record.</summary>
    private static readonly (uint Signature, (int Offset, int Width)[] Fields)[] Records =
    [
        (0x04034b50, [(8, 2), (18, 4), (22, 4), (26, 2), (28, 2)]),
        (0x02014b50, [(10, 2), (20, 4), (24, 4), (28, 2), (30, 2), (32, 2), (42, 4)]),
        (0x06054b50, [(8, 2), (10, 2), (12, 4), (16, 4), (20, 2)]),
        (0x06064b50, [(24, 8), (32, 8), (40, 8), (48, 8)]),
        (0x07064b50, [(8, 8)]),
    ];

    private static readonly Lazy<byte[]> Zeros = new(() => new byte[1024 * 1024]);

    /// <summary>Bombs by size: deflating 250 MiB takes a while, so each is built once.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, int), byte[]> Bombs = new();

    public static (byte[] Bytes, string How) Mutate(byte[] original, Random random, Func<byte[], Random, (byte[], string)> weights)
    {
        List<(string Name, byte[] Content, bool Deflated)>? entries = Entries(original);
        if (entries is null || random.Next(6) == 0)
        {
            return ByteMutator.Mutate(original, random);
        }

        switch (random.Next(5))
        {
            case 0:
            case 1:
                int which = random.Next(entries.Count);
                (string name, byte[] content, bool deflated) = entries[which];
                (byte[] mutated, string how) = name.EndsWith(".json", StringComparison.Ordinal) ? JsonMutator.Mutate(content, random)
                    : name.EndsWith(".h5", StringComparison.Ordinal) ? weights(content, random)
                    : ByteMutator.Mutate(content, random);
                entries[which] = (name, mutated, random.Next(5) == 0 ? !deflated : deflated);
                return (Build(entries), name + ": " + how);
            case 2:
                return Field(original, random);
            case 3:
                return Bomb(entries, random);
            default:
                var shuffled = entries.ToList();
                if (random.Next(2) == 0 && shuffled.Count > 0)
                {
                    shuffled.Add(shuffled[random.Next(shuffled.Count)]);
                    return (Build(shuffled), "an entry twice");
                }

                shuffled.RemoveAt(random.Next(shuffled.Count));
                return (Build(shuffled), "an entry removed");
        }
    }

    private static (byte[] Bytes, string How) Field(byte[] original, Random random)
    {
        var found = new List<(int At, int Width)>();
        for (int at = 0; at + 4 <= original.Length; at++)
        {
            uint signature = BitConverter.ToUInt32(original, at);
            foreach ((uint sig, (int Offset, int Width)[] fields) in Records)
            {
                if (signature == sig)
                {
                    found.AddRange(fields.Where(f => at + f.Offset + f.Width <= original.Length).Select(f => (at + f.Offset, f.Width)));
                }
            }
        }

        if (found.Count == 0)
        {
            return ByteMutator.Mutate(original, random);
        }

        (int fieldAt, int width) = found[random.Next(found.Count)];
        byte[] bytes = (byte[])original.Clone();
        ulong value = random.Next(3) == 0 ? unchecked((ulong)(original.Length + random.Next(-64, 65))) : Hostile.Integer(random);
        Hostile.WriteLittleEndian(bytes, fieldAt, width, value);
        return (bytes, string.Format(CultureInfo.InvariantCulture, "zip record field at {0} ({1} bytes) set to {2}", fieldAt, width, value));
    }

    /// <summary>model.weights.h5 as megabytes of zeros, deflated; the headers say the true size or a small one.</summary>
    private static (byte[] Bytes, string How) Bomb(List<(string Name, byte[] Content, bool Deflated)> entries, Random random)
    {
        int megabytes = random.Next(3) switch
        {
            0 => 250,
            1 => 65,
            _ => 2,
        };

        // One bomb per size (around the first archive that asks for it): deflating 250 MiB takes a second or two.
        byte[] bytes = (byte[])Bombs.GetOrAdd((0, megabytes), _ => BuildBomb(entries, megabytes)).Clone();
        bool lie = random.Next(2) == 0;
        if (lie)
        {
            // Declare 1 MiB in both headers of the bomb entry: the inflater must stop at the declared size.
            foreach ((uint sig, int offset) in new[] { (0x04034b50u, 22), (0x02014b50u, 24) })
            {
                for (int at = 0; at + 46 <= bytes.Length; at++)
                {
                    if (BitConverter.ToUInt32(bytes, at) == sig && NameAt(bytes, at, sig) == "model.weights.h5")
                    {
                        Hostile.WriteLittleEndian(bytes, at + offset, 4, 1024 * 1024);
                    }
                }
            }
        }

        return (bytes, string.Format(CultureInfo.InvariantCulture, "model.weights.h5 is {0} MiB of deflated zeros{1}", megabytes, lie ? " declared as 1 MiB" : string.Empty));
    }

    private static byte[] BuildBomb(List<(string Name, byte[] Content, bool Deflated)> entries, int megabytes)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] content, bool deflated) in entries.Where(e => e.Name != "model.weights.h5"))
            {
                Add(zip, name, content, deflated);
            }

            ZipArchiveEntry bomb = zip.CreateEntry("model.weights.h5", CompressionLevel.Optimal);
            using Stream stream = bomb.Open();
            for (int k = 0; k < megabytes; k++)
            {
                stream.Write(Zeros.Value);
            }
        }

        return output.ToArray();
    }

    private static string NameAt(byte[] bytes, int at, uint signature)
    {
        int nameLengthAt = signature == 0x04034b50 ? 26 : 28;
        int nameAt = signature == 0x04034b50 ? 30 : 46;
        int length = BitConverter.ToUInt16(bytes, at + nameLengthAt);
        return at + nameAt + length <= bytes.Length ? System.Text.Encoding.ASCII.GetString(bytes, at + nameAt, length) : string.Empty;
    }

    private static List<(string, byte[], bool)>? Entries(byte[] original)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(original, writable: false), ZipArchiveMode.Read);
            var entries = new List<(string, byte[], bool)>();
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                using Stream data = entry.Open();
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                entries.Add((entry.FullName, copy.ToArray(), entry.CompressedLength != entry.Length));
            }

            return entries.Count == 0 ? null : entries;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static byte[] Build(IEnumerable<(string Name, byte[] Content, bool Deflated)> entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] content, bool deflated) in entries)
            {
                Add(zip, name, content, deflated);
            }
        }

        return output.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content, bool deflated)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, deflated ? CompressionLevel.Fastest : CompressionLevel.NoCompression);
        using Stream stream = entry.Open();
        stream.Write(content);
    }
}
