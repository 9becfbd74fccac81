using System;
using System.Collections.Generic;
using System.Globalization;

namespace RecurrentParams.Import.Tests.Robustness.Fuzzing;

/// <summary>Format-blind mutations: bit flips, truncation, insertion, deletion, duplication, runs of 00/FF, and integers at hostile values.</summary>
internal static class ByteMutator
{
    public static (byte[] Bytes, string How) Mutate(byte[] original, Random random)
    {
        if (original.Length == 0)
        {
            return ([0], "one zero byte");
        }

        var bytes = new List<byte>(original);
        int at = random.Next(bytes.Count);
        switch (random.Next(7))
        {
            case 0:
                int flips = 1 + random.Next(4);
                for (int k = 0; k < flips; k++)
                {
                    int p = random.Next(bytes.Count);
                    bytes[p] ^= (byte)(1 << random.Next(8));
                }

                return ([.. bytes], flips.ToString(CultureInfo.InvariantCulture) + " bit flips");
            case 1:
                return ([.. bytes.GetRange(0, at)], "truncated at " + at.ToString(CultureInfo.InvariantCulture));
            case 2:
                byte[] insert = new byte[1 + random.Next(16)];
                random.NextBytes(insert);
                bytes.InsertRange(at, insert);
                return ([.. bytes], insert.Length.ToString(CultureInfo.InvariantCulture) + " random bytes inserted at " + at.ToString(CultureInfo.InvariantCulture));
            case 3:
                int count = Math.Min(bytes.Count - at, 1 + random.Next(64));
                bytes.RemoveRange(at, count);
                return ([.. bytes], count.ToString(CultureInfo.InvariantCulture) + " bytes deleted at " + at.ToString(CultureInfo.InvariantCulture));
            case 4:
                int length = Math.Min(bytes.Count - at, 1 + random.Next(256));
                bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                return ([.. bytes], length.ToString(CultureInfo.InvariantCulture) + " bytes duplicated from " + at.ToString(CultureInfo.InvariantCulture));
            case 5:
                byte value = (byte)(random.Next(2) == 0 ? 0xFF : 0x00);
                for (int k = at; k < Math.Min(bytes.Count, at + 8); k++)
                {
                    bytes[k] = value;
                }

                return ([.. bytes], "8 bytes set to " + value.ToString("X2", CultureInfo.InvariantCulture) + " at " + at.ToString(CultureInfo.InvariantCulture));
            default:
                return Integer(original, at, random);
        }
    }

    /// <summary>An integer field of 1, 2, 4 or 8 bytes at <paramref name="at"/> set to a hostile value, or to the file's length (give or take).</summary>
    public static (byte[] Bytes, string How) Integer(byte[] original, int at, Random random)
    {
        byte[] bytes = (byte[])original.Clone();
        int width = 1 << random.Next(4);
        ulong value = random.Next(4) == 0 ? unchecked((ulong)(original.Length + random.Next(-16, 17))) : Hostile.Integer(random);
        Hostile.WriteLittleEndian(bytes, at, width, value);
        return (bytes, string.Format(CultureInfo.InvariantCulture, "{0}-byte integer at {1} set to {2}", width, at, value));
    }
}
