using System;
using System.Globalization;
using System.Text;

namespace RecurrentParams.Import.Internal;

/// <summary>What the first bytes of a file say it is.</summary>
internal enum SniffedKind
{
    Unknown,
    Json,
    KerasZip,
    TorchZip,
    OtherZip,
    Hdf5,
    Safetensors,
    Onnx,
    TorchLegacy,
}

/// <summary>
/// Tells model file formats apart by their content, never by their name: magic numbers where a format has one (zip,
/// HDF5, a legacy PyTorch pickle), structure where it does not (safetensors' header length then <c>{</c>, ONNX's
/// protobuf fields, JSON's first character). Reads nothing but the head it is given.
/// </summary>
internal static class FormatSniffer
{
    /// <summary>How many bytes of a file the sniffer wants: enough for a zip's first local header and an ONNX prologue.</summary>
    public const int HeadBytes = 4096;

    private static readonly byte[] Hdf5Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    // A pickle (protocol 2) of PyTorch's legacy magic number 0x1950a86a20f9469cfc6c, torch.save's first record.
    private static readonly byte[] TorchLegacyMagic = [0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19];

    /// <summary>Classifies a file from its head.</summary>
    /// <param name="head">The file's first bytes (up to <see cref="HeadBytes"/>).</param>
    /// <param name="length">The file's length, when known; it sharpens the safetensors and ONNX checks.</param>
    public static SniffedKind Sniff(ReadOnlySpan<byte> head, long? length)
    {
        if (head.StartsWith(Hdf5Signature))
        {
            return SniffedKind.Hdf5;
        }

        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6)))
        {
            return ZipKind(head);
        }

        if (head.StartsWith(TorchLegacyMagic))
        {
            return SniffedKind.TorchLegacy;
        }

        if (IsJson(head))
        {
            return SniffedKind.Json;
        }

        if (IsSafetensors(head, length))
        {
            return SniffedKind.Safetensors;
        }

        return IsOnnx(head, length) ? SniffedKind.Onnx : SniffedKind.Unknown;
    }

    /// <summary>Names a zip archive by its first entry: a <c>.keras</c> archive starts with its metadata or config, a PyTorch archive with <c>&lt;name&gt;/data.pkl</c> or its storages.</summary>
    public static SniffedKind ZipKind(ReadOnlySpan<byte> head)
    {
        if (head.Length < 30 || head[2] != 3)
        {
            return SniffedKind.OtherZip;
        }

        int nameLength = head[26] | (head[27] << 8);
        if (head.Length < 30 + nameLength)
        {
            return SniffedKind.OtherZip;
        }

        return ClassifyEntry(Latin1(head.Slice(30, nameLength)));
    }

    /// <summary>Names a zip archive by one of its entry names.</summary>
    public static SniffedKind ClassifyEntry(string name)
    {
        if (name is "config.json" or "metadata.json" or "model.weights.h5")
        {
            return SniffedKind.KerasZip;
        }

        int slash = name.IndexOf('/');
        if (slash > 0)
        {
            string rest = name.Substring(slash + 1);
            if (rest is "data.pkl" or "constants.pkl" or "version" or "byteorder" or ".data/version"
                || rest.StartsWith("data/", StringComparison.Ordinal)
                || rest.StartsWith("code/", StringComparison.Ordinal))
            {
                return SniffedKind.TorchZip;
            }
        }

        return SniffedKind.OtherZip;
    }

    /// <summary>Describes a head for an error message: the first bytes in hex and as text.</summary>
    public static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0)
        {
            return "the file is empty";
        }

        ReadOnlySpan<byte> shown = head.Slice(0, Math.Min(16, head.Length));
        var hex = new StringBuilder();
        var text = new StringBuilder();
        foreach (byte b in shown)
        {
            hex.Append(hex.Length == 0 ? string.Empty : " ").Append(b.ToString("X2", CultureInfo.InvariantCulture));
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return "its first bytes are " + hex + " (\"" + text + "\")";
    }

    private static bool IsJson(ReadOnlySpan<byte> head)
    {
        int k = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        while (k < head.Length && head[k] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            k++;
        }

        return k < head.Length && head[k] == (byte)'{';
    }

    private static bool IsSafetensors(ReadOnlySpan<byte> head, long? length)
    {
        if (head.Length < 10 || head[8] != (byte)'{')
        {
            return false;
        }

        ulong size = 0;
        for (int k = 7; k >= 0; k--)
        {
            size = (size << 8) | head[k];
        }

        return size >= 2 && (length is not long known || size <= (ulong)Math.Max(0, known - 8));
    }

    /// <summary>
    /// An ONNX file is a protobuf <c>ModelProto</c>, which has no magic number: accept a head whose first fields are
    /// ModelProto fields with their wire types (ir_version, producer, graph, opset_import, ...) and lengths that fit.
    /// </summary>
    private static bool IsOnnx(ReadOnlySpan<byte> head, long? length)
    {
        int position = 0;
        int fields = 0;
        while (position < head.Length && fields < 4)
        {
            if (!TryVarint(head, ref position, out ulong tag) || tag > uint.MaxValue)
            {
                return false;
            }

            int field = (int)(tag >> 3);
            int wire = (int)(tag & 7);
            int expected = field switch
            {
                1 or 5 => 0, // ir_version, model_version
                2 or 3 or 4 or 6 or 7 or 8 or 14 or 20 or 25 => 2, // strings and messages
                _ => -1,
            };
            if (expected < 0 || wire != expected || (fields == 0 && field != 1 && field != 2 && field != 7 && field != 8))
            {
                return false;
            }

            if (!TryVarint(head, ref position, out ulong value))
            {
                return false;
            }

            if (wire == 2)
            {
                if (length is long known && value > (ulong)Math.Max(0, known - position))
                {
                    return false;
                }

                if (value > (ulong)(head.Length - position))
                {
                    return fields >= 1 || field == 7; // a large graph runs past the head: the structure so far is ModelProto
                }

                position += (int)value;
            }

            fields++;
        }

        return fields >= 2 || (fields == 1 && position == head.Length);
    }

    private static bool TryVarint(ReadOnlySpan<byte> head, ref int position, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && position < head.Length; shift += 7)
        {
            byte b = head[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string Latin1(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (int k = 0; k < bytes.Length; k++)
        {
            chars[k] = (char)bytes[k];
        }

        return new string(chars);
    }
}
