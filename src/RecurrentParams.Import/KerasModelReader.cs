using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using RecurrentParams.Import.Internal;
using RecurrentParams.Internal;

namespace RecurrentParams.Import;

/// <summary>Reads Keras topology JSON — <c>model.to_json()</c> of Keras 3, tf.keras 2.x and standalone Keras 2, or TensorFlow.js <c>model.toJSON()</c> — into a summary, without any weights.</summary>
/// <remarks>
/// <para>Sequential and Functional models (branches, merges, shared layers, several inputs and outputs) with every layer
/// RecurrentParams counts: SimpleRNN, LSTM, GRU, Keras 2's CuDNNLSTM and CuDNNGRU, RNN over a SimpleRNNCell / LSTMCell /
/// GRUCell, Bidirectional, TimeDistributed, Dense, Embedding, Conv1D, ConvLSTM2D, BatchNormalization, LayerNormalization, Dropout, Flatten,
/// RepeatVector, GlobalAveragePooling1D and MaxPooling1D, and every other common Keras layer (reshaping, convolution,
/// pooling, merging, attention, activation and noise, normalization, Lambda, nested models; see docs/keras-layers.md), in
/// Keras 3, Keras 2 / tf.keras, TensorFlow.js and Keras 1 spellings. A layer the library cannot count (a user's own
/// class) never makes the file unreadable: it is a row with <see cref="CountBasis.LowerBound"/>, the total is a lower
/// bound (<see cref="ModelSummary.IsLowerBound"/>), and <see cref="ImportedModel.UnsupportedLayers"/> says why; with
/// <see cref="ModelReaderOptions.Strict"/> the reader throws a <see cref="ModelFormatException"/> whose
/// <see cref="ModelFormatException.UnsupportedLayers"/> names every such layer instead.</para>
/// <para>A frozen layer (<c>trainable: false</c>) counts its weights as non-trainable as the file's framework does: Keras 3
/// and TensorFlow.js go by the <c>trainable</c> of the layer that owns each weight (a wrapper's or nested model's own flag
/// leaves its inner layers' weights trainable; a top-level Functional model's freezes all), Keras 2 / tf.keras and Keras 1
/// by every enclosing layer's.</para>
/// <para>A GRU without a <c>reset_after</c> key (Keras before 2.1, or a hand-written file) gets the default of the
/// format: <see langword="true"/> for Keras 3 (a file with <c>module</c> / <c>registered_name</c> / <c>build_config</c>,
/// or <c>keras_version</c> 3.x), <see langword="false"/> otherwise, as Keras 2.x and TensorFlow.js default.</para>
/// <para>A JSON document is read whole, up to <see cref="ModelReaderOptions.MaxDocumentBytes"/> (64 MiB) and
/// <see cref="ModelReaderOptions.MaxDepth"/> (128) levels deep, with at most <see cref="ModelReaderOptions.MaxLayers"/>
/// layers whose names are at most <see cref="ModelReaderOptions.MaxNameLength"/> characters. A TensorFlow.js <c>model.json</c> (with
/// <c>modelTopology</c>) is handed to <see cref="TfjsModelReader"/>. All members are thread-safe.</para>
/// </remarks>
public static class KerasModelReader
{
    /// <summary>Reads topology JSON from a stream, to its end.</summary>
    /// <param name="stream">A readable stream positioned at the JSON; it is not closed.</param>
    /// <param name="options">The limits and strictness to read with; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary, with <see cref="ImportedModel.Format"/> <see cref="ModelFileFormat.KerasJson"/> (or <see cref="ModelFileFormat.TensorFlowJs"/> for a <c>model.json</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The JSON is malformed, past a limit of <paramref name="options"/>, is not a Keras topology, or uses layers the library cannot count; the message gives the JSON path.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel Read(Stream stream, ModelReaderOptions? options = null)
    {
        StreamInput.CheckReadable(stream, nameof(stream));
        options ??= ModelReaderOptions.Default;
        return FromUtf8(ReadDocument(stream, options), null, "model", options);
    }

    /// <summary>Reads topology JSON from a file.</summary>
    /// <param name="path">The file's path, e.g. <c>model.json</c>.</param>
    /// <param name="options">The limits and strictness to read with; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary; an unnamed model takes the file's name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The JSON is malformed, past a limit of <paramref name="options"/>, is not a Keras topology, or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadFile(string path, ModelReaderOptions? options = null)
    {
        using FileStream stream = StreamInput.OpenFile(path, nameof(path));
        options ??= ModelReaderOptions.Default;
        return FromUtf8(ReadDocument(stream, options), null, Path.GetFileNameWithoutExtension(path), options);
    }

    /// <summary>Reads topology JSON from a string, e.g. the <c>model_config</c> attribute of an <c>.h5</c> file.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="kerasVersion">The Keras version that wrote it (the <c>keras_version</c> attribute), or <see langword="null"/> to go by the JSON; it picks the GRU <c>reset_after</c> default and the frozen-layer rule.</param>
    /// <param name="options">The limits and strictness to read with; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ModelFormatException">The JSON is malformed, past a limit of <paramref name="options"/>, is not a Keras topology, or (with <see cref="ModelReaderOptions.Strict"/>) uses layers the library cannot count.</exception>
    public static ImportedModel Parse(string json, string? kerasVersion = null, ModelReaderOptions? options = null)
    {
        Guard.NotNull(json, nameof(json));
        options ??= ModelReaderOptions.Default;

        // A character takes at least one UTF-8 byte, so a string longer than the limit is refused before it is counted.
        long bytes = json.Length > options.MaxDocumentBytes ? json.Length : Encoding.UTF8.GetByteCount(json);
        if (bytes > options.MaxDocumentBytes)
        {
            throw Limits.Exceeded(Document, string.Format(CultureInfo.InvariantCulture, "the document is {0} bytes", json.Length > options.MaxDocumentBytes ? "at least " + bytes.ToString("N0", CultureInfo.InvariantCulture) : bytes.ToString("N0", CultureInfo.InvariantCulture)), options.MaxDocumentBytes, "bytes", nameof(ModelReaderOptions.MaxDocumentBytes));
        }

        return FromUtf8(Encoding.UTF8.GetBytes(json), kerasVersion, "model", options);
    }

    /// <summary>Reads a whole JSON document from a stream, up to <see cref="ModelReaderOptions.MaxDocumentBytes"/>.</summary>
    internal static byte[] ReadDocument(Stream stream, ModelReaderOptions options) =>
        StreamInput.ReadToEnd(stream, options.MaxDocumentBytes, Document, nameof(ModelReaderOptions.MaxDocumentBytes));

    internal const string Document = "the JSON document";

    internal static ImportedModel FromUtf8(byte[] utf8, string? kerasVersion, string fallbackName, ModelReaderOptions options, string document = Document)
    {
        using JsonDocument parsed = Json.Parse(utf8, document, options);
        Json root = Json.Root(parsed).Object();
        if (root.Has("modelTopology"))
        {
            return TfjsModelReader.FromRoot(root, fallbackName, options);
        }

        if (!root.Has("class_name"))
        {
            throw Fail.Error(root.Path, "expected a Keras model (an object with 'class_name' and 'config', as model.to_json() writes) or a TensorFlow.js model.json (with 'modelTopology'); this JSON object has neither");
        }

        ModelSummary summary = KerasGraph.Summarize(root, kerasVersion, fallbackName, options, out IReadOnlyList<UnsupportedLayer> unsupported);
        try
        {
            return new ImportedModel(ModelFileFormat.KerasJson, summary, Array.Empty<TensorInfo>(), crossCheck: false)
            {
                Metadata = Metadata(root, kerasVersion),
                UnsupportedLayers = unsupported,
            };
        }
        catch (OverflowException e)
        {
            return Fail.At<ImportedModel>(root.Path, e.Message, e);
        }
    }

    internal static Dictionary<string, string> Metadata(Json root, string? kerasVersion)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in new[] { "keras_version", "backend" })
        {
            if (root.TryGet(key, out Json value) && value.Kind == JsonValueKind.String)
            {
                metadata[key] = value.String();
            }
        }

        if (kerasVersion is not null)
        {
            metadata["keras_version"] = kerasVersion;
        }

        return metadata;
    }
}
