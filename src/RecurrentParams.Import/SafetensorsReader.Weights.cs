using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using RecurrentParams.Formulas;
using RecurrentParams.Import.Internal;
using RecurrentParams.Porting;

namespace RecurrentParams.Import;

public static partial class SafetensorsReader
{
    /// <summary>Reads the weight values of a safetensors file (a PyTorch state dict): every floating-point tensor, as 32-bit floats.</summary>
    /// <param name="stream">A readable stream positioned at the file; it is not closed. A stream that cannot seek is read forward once.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>. <see cref="ModelReaderOptions.MaxWeightBytes"/> bounds the values read.</param>
    /// <returns>The tensors in the header's order, named as in the file (<c>lstm.weight_ih_l0</c>); F64, F16 and BF16 are converted to float32. Integer and boolean tensors (buffers such as <c>num_batches_tracked</c>) are left out.</returns>
    /// <remarks>Cost follows the bytes present: a size is checked against the stream's length before anything is allocated, and a stream that cannot seek is read in pieces that grow as bytes arrive.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The file is malformed or truncated, a tensor's data is out of range or overlaps the one before it in a stream that cannot seek, or a limit is exceeded; the message gives the position and the option that raises the limit.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static IReadOnlyList<NamedTensor> ReadWeights(Stream stream, ModelReaderOptions? options = null)
    {
        StreamInput.CheckReadable(stream, nameof(stream));
        return WeightsFromStream(stream, options ?? ModelReaderOptions.Default);
    }

    /// <summary>Reads the weight values of a safetensors file.</summary>
    /// <param name="path">The file's path, e.g. <c>model.safetensors</c>.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The floating-point tensors, as <see cref="ReadWeights"/> returns them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The file is malformed or a limit is exceeded.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static IReadOnlyList<NamedTensor> ReadWeightsFile(string path, ModelReaderOptions? options = null)
    {
        using FileStream stream = StreamInput.OpenFile(path, nameof(path));
        return WeightsFromStream(stream, options ?? ModelReaderOptions.Default);
    }

    private static NamedTensor[] WeightsFromStream(Stream stream, ModelReaderOptions options)
    {
        long start = stream.CanSeek ? stream.Position : 0;
        byte[] prefix = new byte[8];
        StreamInput.ReadExactly(stream, prefix, 8, 0);
        ulong size = 0;
        for (int k = 7; k >= 0; k--)
        {
            size = (size << 8) | prefix[k];
        }

        long available = stream.CanSeek ? Math.Max(0, stream.Length - start - 8) : long.MaxValue;
        if (size > (ulong)options.MaxDocumentBytes)
        {
            throw Fail.Error(Fail.Byte(0), string.Format(CultureInfo.InvariantCulture, "the header claims {0} bytes, more than the {1} bytes ModelReaderOptions.MaxDocumentBytes allows", size, options.MaxDocumentBytes));
        }

        if ((long)size > available)
        {
            throw Fail.Error(Fail.Byte(0), string.Format(CultureInfo.InvariantCulture, "the header size is {0} bytes but only {1} bytes follow", size, available));
        }

        byte[] header = WeightValues.ReadClaimed(stream, (long)size, 8);
        long dataStart = 8 + (long)size;
        long? dataLength = stream.CanSeek ? available - (long)size : null;
        var entries = new List<(string Name, string DataType, TensorShape Shape, long Begin, long End, string Where)>();
        using (JsonDocument document = Json.Parse(header, "the header (byte 8)", options))
        {
            Json root = Json.Root(document).Object();
            long total = 0;
            foreach (JsonProperty property in root.Element.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    continue;
                }

                var entry = new Json(property.Value, "$[\"" + property.Name + "\"]");
                if (entries.Count >= options.MaxTensors)
                {
                    throw Fail.Error(entry.Path, string.Format(CultureInfo.InvariantCulture, "the header lists more than the {0} tensors ModelReaderOptions.MaxTensors allows", options.MaxTensors));
                }

                if (property.Name.Length > options.MaxNameLength)
                {
                    throw Fail.Error(entry.Path, string.Format(CultureInfo.InvariantCulture, "the name has {0} characters, more than the {1} ModelReaderOptions.MaxNameLength allows", property.Name.Length, options.MaxNameLength));
                }

                TensorInfo info = Tensor(property.Name, entry.Object(), dataLength);
                int bytes = WeightValues.FloatSize(info.DataType);
                if (bytes == 0 || property.Name.Length == 0)
                {
                    continue;
                }

                Json offsets = entry.Get("data_offsets");
                long begin = offsets[0].Long();
                long end = offsets[1].Long();
                total = checked(total + (end - begin));
                if (total > options.MaxWeightBytes)
                {
                    throw Fail.Error(entry.Path, string.Format(CultureInfo.InvariantCulture, "the floating-point tensors take more than the {0} bytes ModelReaderOptions.MaxWeightBytes allows", options.MaxWeightBytes));
                }

                entries.Add((property.Name, info.DataType, info.Shape, begin, end, entry.Path));
            }
        }

        var values = new Dictionary<string, float[]>(StringComparer.Ordinal);
        long position = 0;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            long length = entry.End - entry.Begin;
            if (stream.CanSeek)
            {
                stream.Position = start + dataStart + entry.Begin;
            }
            else if (entry.Begin < position)
            {
                throw Fail.Error(entry.Where + ".data_offsets", string.Format(CultureInfo.InvariantCulture, "the tensor's data starts at {0}, inside the tensor before it (which ends at {1}); a stream that cannot seek is read forward only", entry.Begin, position));
            }
            else
            {
                WeightValues.Skip(stream, entry.Begin - position, dataStart + position);
            }

            values[entry.Name] = WeightValues.Decode(WeightValues.ReadClaimed(stream, length, dataStart + entry.Begin), entry.DataType);
            position = entry.End;
        }

        return entries.Select(e => NamedTensorOf(e.Name, e.Shape, values[e.Name])).ToArray();
    }

    private static NamedTensor NamedTensorOf(string name, TensorShape shape, float[] values) => new(name, shape, values);
}
