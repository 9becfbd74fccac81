using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace RecurrentParams.Import.Tests.Robustness.Fuzzing;

/// <summary>
/// Mutates protobuf wire format as a tree of fields (length-delimited fields that parse as messages are nested): varints
/// set to hostile values, strings to hostile names or invalid UTF-8, fields deleted, duplicated, retyped, or given a
/// length prefix that claims more than follows.
/// </summary>
internal static class ProtoMutator
{
    public static (byte[] Bytes, string How) Mutate(byte[] original, Random random)
    {
        List<Field>? root = Parse(original, 0, original.Length, 0);
        if (root is null || root.Count == 0 || random.Next(8) == 0)
        {
            return ByteMutator.Mutate(original, random);
        }

        var all = new List<(Field Field, List<Field> Owner)>();
        Collect(root, all);
        int mutations = 1 + (random.Next(4) == 0 ? random.Next(3) : 0);
        var how = new List<string>();
        for (int k = 0; k < mutations && all.Count > 0; k++)
        {
            (Field field, List<Field> owner) = all[random.Next(all.Count)];
            how.Add(MutateField(field, owner, random));
            all.Clear();
            Collect(root, all); // a field deleted or retyped is no longer where it was
        }

        using var output = new MemoryStream();
        Write(root, output);
        return (output.ToArray(), "protobuf: " + string.Join("; ", how));
    }

    private static string MutateField(Field field, List<Field> owner, Random random)
    {
        string name = "field " + field.Number.ToString(CultureInfo.InvariantCulture);
        switch (random.Next(7))
        {
            case 0:
            case 1:
                if (field.Wire == 0)
                {
                    field.Varint = Hostile.Integer(random);
                    return name + " = " + field.Varint.ToString(CultureInfo.InvariantCulture);
                }

                if (field.Wire == 2 && field.Children is null)
                {
                    field.Bytes = random.Next(5) switch
                    {
                        0 => [0xED, 0xB0, 0x80], // a surrogate encoded as UTF-8: not valid UTF-8
                        1 => [0xC3, 0x28],
                        _ => Encoding.UTF8.GetBytes(Hostile.Name(random).Replace(Hostile.LoneSurrogateMarker, "x", StringComparison.Ordinal)),
                    };
                    return name + " = a hostile string of " + field.Bytes.Length.ToString(CultureInfo.InvariantCulture) + " bytes";
                }

                goto case 2;
            case 2:
                owner.Remove(field);
                return name + " deleted";
            case 3:
                int copies = 1 + random.Next(random.Next(4) == 0 ? 1000 : 8);
                int index = owner.IndexOf(field);
                for (int c = 0; c < copies; c++)
                {
                    owner.Insert(index, field.Clone());
                }

                return name + " duplicated " + copies.ToString(CultureInfo.InvariantCulture) + " times";
            case 4:
                if (field.Wire == 2)
                {
                    field.LengthClaim = random.Next(2) == 0 ? Hostile.Integer(random) & 0xFFFF_FFFF : (ulong)random.Next(1, 64);
                    return name + " claims a length of " + field.LengthClaim.Value.ToString(CultureInfo.InvariantCulture);
                }

                goto case 0;
            case 5:
                field.Wire = new[] { 0, 1, 2, 5 }.Where(w => w != field.Wire).ElementAt(random.Next(3));
                field.Children = null;
                field.Bytes ??= [];
                return name + " retyped to wire type " + field.Wire.ToString(CultureInfo.InvariantCulture);
            default:
                field.Number = random.Next(3) == 0 ? random.Next(1, 536_870_911) : random.Next(1, 20);
                return name + " renumbered to " + field.Number.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static void Collect(List<Field> fields, List<(Field, List<Field>)> all)
    {
        foreach (Field field in fields)
        {
            all.Add((field, fields));
            if (field.Children is not null)
            {
                Collect(field.Children, all);
            }
        }
    }

    private static List<Field>? Parse(byte[] bytes, int start, int end, int depth)
    {
        var fields = new List<Field>();
        int at = start;
        while (at < end)
        {
            if (!TryVarint(bytes, ref at, end, out ulong tag) || tag >> 3 == 0 || tag >> 3 > int.MaxValue)
            {
                return null;
            }

            var field = new Field { Number = (int)(tag >> 3), Wire = (int)(tag & 7) };
            switch (field.Wire)
            {
                case 0:
                    if (!TryVarint(bytes, ref at, end, out ulong value))
                    {
                        return null;
                    }

                    field.Varint = value;
                    break;
                case 1:
                case 5:
                    int width = field.Wire == 1 ? 8 : 4;
                    if (at + width > end)
                    {
                        return null;
                    }

                    field.Bytes = bytes.AsSpan(at, width).ToArray();
                    at += width;
                    break;
                case 2:
                    if (!TryVarint(bytes, ref at, end, out ulong length) || length > (ulong)(end - at))
                    {
                        return null;
                    }

                    field.Bytes = bytes.AsSpan(at, (int)length).ToArray();
                    field.Children = depth < 12 && length > 1 ? Parse(bytes, at, at + (int)length, depth + 1) : null;
                    at += (int)length;
                    break;
                default:
                    return null;
            }

            fields.Add(field);
        }

        return fields;
    }

    private static bool TryVarint(byte[] bytes, ref int at, int end, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && at < end; shift += 7)
        {
            byte b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void Write(List<Field> fields, Stream output)
    {
        foreach (Field field in fields)
        {
            WriteVarint(output, ((ulong)field.Number << 3) | (uint)field.Wire);
            switch (field.Wire)
            {
                case 0:
                    WriteVarint(output, field.Varint);
                    break;
                case 2:
                    byte[] payload = field.Payload();
                    WriteVarint(output, field.LengthClaim ?? (ulong)payload.Length);
                    output.Write(payload);
                    break;
                default:
                    byte[] raw = field.Bytes ?? [];
                    int width = field.Wire == 1 ? 8 : 4;
                    output.Write(raw.Concat(new byte[width]).Take(width).ToArray());
                    break;
            }
        }
    }

    private static void WriteVarint(Stream output, ulong value)
    {
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            output.WriteByte(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
    }

    private sealed class Field
    {
        public int Number { get; set; }

        public int Wire { get; set; }

        public ulong Varint { get; set; }

        public byte[]? Bytes { get; set; }

        public List<Field>? Children { get; set; }

        public ulong? LengthClaim { get; set; }

        public byte[] Payload()
        {
            if (Children is null)
            {
                return Bytes ?? [];
            }

            using var output = new MemoryStream();
            Write(Children, output);
            return output.ToArray();
        }

        public Field Clone() => new()
        {
            Number = Number,
            Wire = Wire,
            Varint = Varint,
            Bytes = Bytes,
            Children = Children?.Select(c => c.Clone()).ToList(),
            LengthClaim = LengthClaim,
        };
    }
}
