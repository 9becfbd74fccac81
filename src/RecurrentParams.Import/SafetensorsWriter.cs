using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using RecurrentParams.Internal;
using RecurrentParams.Porting;

namespace RecurrentParams.Import;

/// <summary>Writes tensors as a safetensors file, the format <c>safetensors.torch.load_file</c> and Hugging Face tools read.</summary>
/// <remarks>
/// The layout: an 8-byte little-endian header length, a JSON header (each tensor's <c>dtype</c> <c>F32</c>, <c>shape</c> and
/// <c>data_offsets</c>, plus <c>__metadata__</c>) padded with spaces to a multiple of 8 bytes, then the values, little-endian,
/// one tensor after the other in the order given. All members are thread-safe.
/// </remarks>
public static class SafetensorsWriter
{
    /// <summary>Writes tensors to a stream.</summary>
    /// <param name="stream">A writable stream; it is not closed.</param>
    /// <param name="tensors">The tensors, e.g. from <see cref="WeightMap.Apply"/>; names must be unique.</param>
    /// <param name="metadata">String metadata for the header's <c>__metadata__</c>, e.g. <c>format</c> = <c>pt</c>; <see langword="null"/> for <c>{"format": "pt"}</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="tensors"/> is, or holds, <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable, or two tensors have the same name or one is named <c>__metadata__</c>.</exception>
    /// <exception cref="IOException">Writing fails.</exception>
    public static void Write(Stream stream, IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!Guard.NotNull(stream, nameof(stream)).CanWrite)
        {
            Guard.ThrowArgument(nameof(stream), "'stream' must be writable.");
        }

        var all = new List<NamedTensor>();
        var names = new HashSet<string>(StringComparer.Ordinal) { "__metadata__" };
        foreach (NamedTensor tensor in Guard.NotNull(tensors, nameof(tensors)))
        {
            if (!names.Add(Guard.NotNull(tensor, nameof(tensors)).Name))
            {
                Guard.ThrowArgument(nameof(tensors), "'tensors' must have unique names other than __metadata__; got '" + tensor.Name + "' twice or as a name.");
            }

            all.Add(tensor);
        }

        byte[] header = Header(all, metadata ?? new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "pt" });
        byte[] length = BitConverter.GetBytes((ulong)header.Length);
        if (!BitConverter.IsLittleEndian)
        {
            Array.Reverse(length);
        }

        stream.Write(length, 0, 8);
        stream.Write(header, 0, header.Length);
        foreach (NamedTensor tensor in all)
        {
            byte[] bytes = MemoryMarshal.AsBytes(tensor.Values.Span).ToArray();
            if (!BitConverter.IsLittleEndian)
            {
                for (int at = 0; at < bytes.Length; at += 4)
                {
                    Array.Reverse(bytes, at, 4);
                }
            }

            stream.Write(bytes, 0, bytes.Length);
        }
    }

    /// <summary>Writes tensors to a file, replacing it.</summary>
    /// <param name="path">The file's path, e.g. <c>model.safetensors</c>.</param>
    /// <param name="tensors">The tensors; names must be unique.</param>
    /// <param name="metadata">String metadata for <c>__metadata__</c>; <see langword="null"/> for <c>{"format": "pt"}</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the names are not unique.</exception>
    /// <exception cref="IOException">Writing fails.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be created.</exception>
    public static void WriteFile(string path, IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Guard.NotEmpty(path, nameof(path));
        Guard.NotNull(tensors, nameof(tensors));
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(stream, tensors, metadata);
    }

    private static byte[] Header(List<NamedTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("__metadata__");
            foreach (KeyValuePair<string, string> pair in metadata)
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
            long offset = 0;
            foreach (NamedTensor tensor in tensors)
            {
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", "F32");
                writer.WriteStartArray("shape");
                foreach (long dimension in tensor.Shape.Dimensions)
                {
                    writer.WriteNumberValue(dimension);
                }

                writer.WriteEndArray();
                long end = checked(offset + (4 * tensor.Shape.ElementCount));
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(end);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset = end;
            }

            writer.WriteEndObject();
        }

        int padding = (int)((8 - (buffer.Length % 8)) % 8);
        for (int k = 0; k < padding; k++)
        {
            buffer.WriteByte((byte)' ');
        }

        return buffer.ToArray();
    }
}
