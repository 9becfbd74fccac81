using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RecurrentParams.Import.Tests.Robustness.Fuzzing;

/// <summary>Mutates a safetensors file as its parts: the 8-byte header size, the header's JSON tree (tensor names, dtypes, shapes, offsets), the data.</summary>
internal static class SafetensorsMutator
{
    public static (byte[] Bytes, string How) Mutate(byte[] original, Random random)
    {
        if (original.Length < 8)
        {
            return ByteMutator.Mutate(original, random);
        }

        ulong size = BinaryPrimitives.ReadUInt64LittleEndian(original);
        if (size > (ulong)(original.Length - 8))
        {
            return ByteMutator.Mutate(original, random);
        }

        byte[] header = original.AsSpan(8, (int)size).ToArray();
        byte[] data = original.AsSpan(8 + (int)size).ToArray();
        switch (random.Next(6))
        {
            case 0:
                byte[] claimed = (byte[])original.Clone();
                ulong claim = random.Next(2) == 0 ? Hostile.Integer(random) : 100_000_000;
                BinaryPrimitives.WriteUInt64LittleEndian(claimed, claim);
                return (claimed, "header size set to " + claim.ToString(CultureInfo.InvariantCulture));
            case 1:
                return Rebuild(TorchNames(header, random, out string renamed), data, "tensor renamed to " + renamed);
            case 2:
            case 3:
            case 4:
                (byte[] mutated, string how) = JsonMutator.Mutate(header, random);
                return Rebuild(mutated, data, "header " + how);
            default:
                return ByteMutator.Mutate(original, random);
        }
    }

    private static (byte[] Bytes, string How) Rebuild(byte[] header, byte[] data, string how)
    {
        byte[] bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return (bytes, how);
    }

    /// <summary>Renames one tensor to a PyTorch recurrent name whose layer index is absurd, keeping its entry.</summary>
    private static byte[] TorchNames(byte[] header, Random random, out string renamed)
    {
        renamed = "nothing";
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(header);
        }
        catch (JsonException)
        {
            return header; // another mutator's input that is not a JSON header: nothing to rename
        }

        if (parsed is not JsonObject root)
        {
            return header;
        }

        string[] keys = root.Select(p => p.Key).Where(k => k != "__metadata__").ToArray();
        if (keys.Length == 0)
        {
            return header;
        }

        string key = keys[random.Next(keys.Length)];
        int dot = key.LastIndexOf('.');
        string prefix = dot < 0 ? string.Empty : key[..(dot + 1)];
        string[] kinds = ["weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr"];
        string index = random.Next(3) switch
        {
            0 => "999999",
            1 => int.MaxValue.ToString(CultureInfo.InvariantCulture),
            _ => random.Next(1, 64).ToString(CultureInfo.InvariantCulture),
        };
        renamed = prefix + kinds[random.Next(kinds.Length)] + "_l" + index + (random.Next(2) == 0 ? "_reverse" : string.Empty);
        if (root.ContainsKey(renamed))
        {
            return header;
        }

        JsonNode? entry = root[key];
        root.Remove(key);
        root[renamed] = entry;
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}
