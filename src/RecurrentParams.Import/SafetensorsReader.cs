using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using RecurrentParams.Formulas;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import;

/// <summary>Reads a safetensors file's header — tensor names, dtypes, shapes — without reading the tensors, and recovers PyTorch recurrent modules from it.</summary>
/// <remarks>
/// <para>The format: an unsigned 64-bit little-endian header size N, N bytes of JSON
/// <c>{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}</c>, then the tensors' bytes. Headers
/// over 100 MB are refused (the reference implementation's limit), and so are headers over
/// <see cref="ModelReaderOptions.MaxDocumentBytes"/> (64 MiB by default); a header is read in chunks that grow with the
/// bytes that arrive, so a stream that cannot seek costs what it holds, not what its first 8 bytes claim. At most
/// <see cref="ModelReaderOptions.MaxTensors"/> tensors are listed, with names of at most
/// <see cref="ModelReaderOptions.MaxNameLength"/> characters. Every tensor's offsets must lie inside the data that
/// follows (when the stream's length is known) and span exactly its element count times the dtype's size.</para>
/// <para>The summary, in the PyTorch convention, has one row per module recovered by <see cref="TorchArchitecture.Recover"/>
/// (with its derivation) and one row per group of other tensors sharing a module prefix (<c>fc.weight</c>,
/// <c>fc.bias</c> → <c>fc</c>). Buffers a state dict keeps beside parameters (<c>running_mean</c>, <c>running_var</c>,
/// <c>num_batches_tracked</c>) count as non-trainable, so <see cref="ModelSummary.TrainableParams"/> matches PyTorch's
/// <c>sum(p.numel() for p in m.parameters())</c> and <see cref="ModelSummary.TotalParams"/> the state dict's element count.
/// <see cref="ImportedModel.Module"/> holds the module tree the names describe (<see cref="TorchArchitecture.RecoverModuleTree"/>).
/// All members are thread-safe.</para>
/// </remarks>
public static partial class SafetensorsReader
{
    /// <summary>The largest header read, in bytes (the safetensors reference implementation's limit).</summary>
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Reads a safetensors header from a stream; the stream is left after the header.</summary>
    /// <param name="stream">A readable stream positioned at the file's start; it is not closed.</param>
    /// <param name="options">The limits to read within; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The tensors, the recovered modules and the summary, with <see cref="ImportedModel.Format"/> <see cref="ModelFileFormat.Safetensors"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The header is truncated, past a limit of <paramref name="options"/>, not valid JSON, or a tensor's dtype, shape or offsets are invalid; the message gives the byte offset or JSON path.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel Read(Stream stream, ModelReaderOptions? options = null)
    {
        StreamInput.CheckReadable(stream, nameof(stream));
        return FromStream(stream, "safetensors", options ?? ModelReaderOptions.Default);
    }

    /// <summary>Reads a safetensors file's header.</summary>
    /// <param name="path">The file's path, e.g. <c>model.safetensors</c>.</param>
    /// <param name="options">The limits to read within; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The tensors, the recovered modules and the summary; the model is named after the file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The header is truncated, past a limit of <paramref name="options"/>, not valid JSON, or a tensor's dtype, shape or offsets are invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadFile(string path, ModelReaderOptions? options = null)
    {
        using FileStream stream = StreamInput.OpenFile(path, nameof(path));
        return FromStream(stream, Path.GetFileNameWithoutExtension(path) is { Length: > 0 } name ? name : "safetensors", options ?? ModelReaderOptions.Default);
    }

    private static ImportedModel FromStream(Stream stream, string name, ModelReaderOptions options)
    {
        long start = stream.CanSeek ? stream.Position : 0;
        byte[] prefix = new byte[8];
        StreamInput.ReadExactly(stream, prefix, 8, 0);
        ulong size = 0;
        for (int k = 7; k >= 0; k--)
        {
            size = (size << 8) | prefix[k];
        }

        if (size > MaxHeaderBytes)
        {
            throw Fail.Error(Fail.Byte(0), string.Format(CultureInfo.InvariantCulture, "the header size is {0} bytes; a safetensors header is at most {1}", size, MaxHeaderBytes));
        }

        if (size > (ulong)options.MaxDocumentBytes)
        {
            throw Limits.Exceeded(Fail.Byte(0), string.Format(CultureInfo.InvariantCulture, "the header claims {0:N0} bytes", size), options.MaxDocumentBytes, "bytes", nameof(ModelReaderOptions.MaxDocumentBytes));
        }

        long? dataLength = null;
        if (stream.CanSeek)
        {
            long available = stream.Length - start - 8;
            if ((long)size > available)
            {
                throw Fail.Error(Fail.Byte(0), string.Format(CultureInfo.InvariantCulture, "the header size is {0} bytes but only {1} bytes follow", size, Math.Max(0, available)));
            }

            dataLength = available - (long)size;
        }

        // Read in chunks that grow as bytes arrive: a stream that cannot seek may end long before the size it claims.
        byte[] header = StreamInput.ReadClaimed(stream, (int)size, 8);
        using JsonDocument document = Json.Parse(header, Where, options);
        Json root = Json.Root(document).Object();
        var tensors = new List<TensorInfo>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.Element.EnumerateObject())
        {
            var entry = new Json(property.Value, "$[\"" + Limits.Name(property.Name, options, Where) + "\"]");
            if (property.Name == "__metadata__")
            {
                foreach (JsonProperty item in entry.Object().Element.EnumerateObject())
                {
                    metadata[item.Name] = new Json(item.Value, entry.Path + "." + item.Name).String();
                }

                continue;
            }

            Limits.Tensors(tensors.Count + 1, options, entry.Path);
            tensors.Add(Tensor(property.Name, entry.Object(), dataLength));
        }

        try
        {
            IReadOnlyList<RecoveredModule> recovered = TorchArchitecture.Recover(tensors);
            ModelSummary summary = TensorGrouping.Summarize(name, tensors, recovered);
            return new ImportedModel(ModelFileFormat.Safetensors, summary, tensors, crossCheck: false)
            {
                Recovered = recovered,
                Metadata = metadata,
                Module = TorchArchitecture.RecoverModuleTree(tensors, name),
            };
        }
        catch (OverflowException e)
        {
            return Fail.At<ImportedModel>(Where, "the tensors' element count, or a statistic of the summary, does not fit in a 64-bit integer: " + e.Message, e);
        }
    }

    private const string Where = "the header (byte 8)";

    private static TensorInfo Tensor(string name, Json entry, long? dataLength)
    {
        Json dtypeJson = entry.Get("dtype");
        string dtype = dtypeJson.String();
        long[] dims = entry.Get("shape").Dimensions();
        TensorShape shape;
        try
        {
            shape = new TensorShape(dims);
        }
        catch (OverflowException e)
        {
            return Fail.At<TensorInfo>(entry.Path + ".shape", "the element count does not fit in a 64-bit integer", e);
        }

        Json offsets = entry.Get("data_offsets");
        if (offsets.Length != 2)
        {
            throw Fail.Error(offsets.Path, "expected [begin, end]");
        }

        long begin = offsets[0].Long();
        long end = offsets[1].Long();
        if (begin < 0 || end < begin || (dataLength is long length && end > length))
        {
            throw Fail.Error(offsets.Path, string.Format(CultureInfo.InvariantCulture, "expected 0 ≤ begin ≤ end ≤ {0} (the data after the header) but found [{1}, {2}]", dataLength?.ToString(CultureInfo.InvariantCulture) ?? "the data length", begin, end));
        }

        int bits = BitsPerElement(dtype);
        if (bits == 0)
        {
            throw Fail.Error(dtypeJson.Path, "expected a safetensors dtype (F64, F32, F16, BF16, F8_E4M3, F8_E5M2, I64, I32, I16, I8, U64, U32, U16, U8, BOOL, ...) but found \"" + dtype + "\"");
        }

        // The data must hold exactly the elements the shape claims (checked in 128 bits' worth: no overflow).
        decimal expected = Math.Ceiling((decimal)shape.ElementCount * bits / 8);
        if (expected != end - begin)
        {
            throw Fail.Error(offsets.Path, string.Format(CultureInfo.InvariantCulture, "a {0} tensor of shape {1} needs {2} bytes but the offsets span {3}", dtype, shape, expected, end - begin));
        }

        return new TensorInfo(name, dtype, shape);
    }

    private static int BitsPerElement(string dtype) => dtype switch
    {
        "F64" or "I64" or "U64" or "C64" => 64,
        "F32" or "I32" or "U32" => 32,
        "F16" or "BF16" or "I16" or "U16" => 16,
        "F8_E4M3" or "F8_E5M2" or "F8_E8M0" or "I8" or "U8" or "BOOL" => 8,
        "F6_E2M3" or "F6_E3M2" => 6,
        "F4" => 4,
        _ => 0,
    };
}
