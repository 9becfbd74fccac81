using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RecurrentParams.Import.Tests.Robustness.Fuzzing;

/// <summary>
/// Mutates an HDF5 file through its structures: an integer field the reader reads (from its field map, when one is given:
/// every offset and width the HDF5 reader decodes while reading the original file) or a field near a structure's
/// signature (superblock, OHDR, TREE, SNOD, HEAP, GCOL, FRHP, BTHD, ...), set to a hostile value; otherwise bytes.
/// </summary>
internal sealed class Hdf5Mutator
{
    private static readonly string[] Signatures = ["OHDR", "OCHK", "TREE", "SNOD", "HEAP", "GCOL", "FRHP", "FHDB", "FHIB", "BTHD", "BTIN", "BTLF", "\u0089HDF"];

    private readonly Func<byte[], IReadOnlyList<(long Offset, int Width)>>? fieldMap;
    private readonly Dictionary<byte[], IReadOnlyList<(long Offset, int Width)>> maps = new(ReferenceEqualityComparer.Instance);

    /// <param name="fieldMap">The fields a reader decodes in a file, or <see langword="null"/> for signature-guided mutation only.</param>
    public Hdf5Mutator(Func<byte[], IReadOnlyList<(long Offset, int Width)>>? fieldMap)
    {
        this.fieldMap = fieldMap;
    }

    public (byte[] Bytes, string How) Mutate(byte[] original, Random random)
    {
        int mutations = 1 + (random.Next(3) == 0 ? random.Next(3) : 0);
        byte[] bytes = original;
        var how = new List<string>();
        for (int k = 0; k < mutations; k++)
        {
            (bytes, string step) = Once(original, bytes, random);
            how.Add(step);
        }

        return (bytes, "HDF5: " + string.Join("; ", how));
    }

    private (byte[] Bytes, string How) Once(byte[] original, byte[] bytes, Random random)
    {
        int choice = random.Next(10);
        if (choice < 5 && fieldMap is not null && bytes.Length == original.Length)
        {
            if (!maps.TryGetValue(original, out IReadOnlyList<(long Offset, int Width)>? map))
            {
                map = fieldMap(original);
                maps[original] = map;
            }

            if (map.Count > 0)
            {
                (long offset, int width) = map[random.Next(map.Count)];
                byte[] copy = (byte[])bytes.Clone();
                ulong value = random.Next(4) == 0 ? unchecked((ulong)(original.Length + random.Next(-64, 65))) : Hostile.Integer(random);
                if (random.Next(4) == 0)
                {
                    value = unchecked(Read(copy, (int)offset, width) + (ulong)random.Next(-8, 9)); // a near miss: off by a little
                }

                Hostile.WriteLittleEndian(copy, (int)offset, width, value);
                return (copy, string.Format(CultureInfo.InvariantCulture, "field at {0} ({1} bytes) set to {2}", offset, width, value));
            }
        }

        if (choice < 8)
        {
            var found = new List<int>();
            foreach (string signature in Signatures)
            {
                byte[] pattern = Encoding.Latin1.GetBytes(signature);
                for (int at = bytes.AsSpan().IndexOf(pattern); at >= 0;)
                {
                    found.Add(at);
                    int next = bytes.AsSpan(at + 1).IndexOf(pattern);
                    at = next < 0 ? -1 : at + 1 + next;
                }
            }

            if (found.Count > 0)
            {
                int start = found[random.Next(found.Count)];
                int at = Math.Min(bytes.Length - 1, start + 4 + random.Next(60));
                return ByteMutator.Integer(bytes, at, random);
            }
        }

        return ByteMutator.Mutate(bytes, random);
    }

    private static ulong Read(byte[] bytes, int at, int width)
    {
        ulong value = 0;
        for (int k = width - 1; k >= 0; k--)
        {
            value = (value << 8) | (at + k < bytes.Length ? bytes[at + k] : (byte)0);
        }

        return value;
    }
}
