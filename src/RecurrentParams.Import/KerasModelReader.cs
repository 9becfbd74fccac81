using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import;

/// <summary>Reads Keras topology JSON — <c>model.to_json()</c> of Keras 3, tf.keras 2.x and standalone Keras 2, or TensorFlow.js <c>model.toJSON()</c> — into a summary, without any weights.</summary>
/// <remarks>
/// <para>Sequential and Functional models (branches, merges, shared layers, several inputs and outputs) with every layer
/// RecurrentParams counts: SimpleRNN, LSTM, GRU, Keras 2's CuDNNLSTM and CuDNNGRU, RNN over a SimpleRNNCell / LSTMCell /
/// GRUCell, Bidirectional, TimeDistributed, Dense, Embedding, Conv1D, ConvLSTM2D, BatchNormalization, LayerNormalization, Dropout, Flatten,
/// RepeatVector, GlobalAveragePooling1D and MaxPooling1D; the merge layers Concatenate, Add, Subtract, Multiply, Average,
/// Maximum and Minimum; and weightless layers that return their input's shape (Activation, Masking, SpatialDropout1D,
/// GaussianNoise, GaussianDropout, AlphaDropout, ActivityRegularization, ReLU, LeakyReLU, ELU, Softmax). Any other
/// layer makes the reader throw a <see cref="ModelFormatException"/> whose <see cref="ModelFormatException.UnsupportedLayers"/>
/// names every such layer.</para>
/// <para>A GRU without a <c>reset_after</c> key (Keras before 2.1, or a hand-written file) gets the default of the
/// format: <see langword="true"/> for Keras 3 (a file with <c>module</c> / <c>registered_name</c> / <c>build_config</c>,
/// or <c>keras_version</c> 3.x), <see langword="false"/> otherwise, as Keras 2.x and TensorFlow.js default.</para>
/// <para>A JSON document is read whole, up to 64 MiB and 128 levels deep. A TensorFlow.js <c>model.json</c> (with
/// <c>modelTopology</c>) is handed to <see cref="TfjsModelReader"/>. All members are thread-safe.</para>
/// </remarks>
public static class KerasModelReader
{
    /// <summary>Reads topology JSON from a stream, to its end.</summary>
    /// <param name="stream">A readable stream positioned at the JSON; it is not closed.</param>
    /// <returns>The summary, with <see cref="ImportedModel.Format"/> <see cref="ModelFileFormat.KerasJson"/> (or <see cref="ModelFileFormat.TensorFlowJs"/> for a <c>model.json</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The JSON is malformed, too large or too deep, is not a Keras topology, or uses layers the library cannot count; the message gives the JSON path.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel Read(Stream stream)
    {
        StreamInput.CheckReadable(stream, nameof(stream));
        return FromUtf8(StreamInput.ReadToEnd(stream, StreamInput.MaxJsonBytes, "the JSON document"), null, "model");
    }

    /// <summary>Reads topology JSON from a file.</summary>
    /// <param name="path">The file's path, e.g. <c>model.json</c>.</param>
    /// <returns>The summary; an unnamed model takes the file's name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The JSON is malformed, too large or too deep, is not a Keras topology, or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadFile(string path)
    {
        using FileStream stream = StreamInput.OpenFile(path, nameof(path));
        return FromUtf8(StreamInput.ReadToEnd(stream, StreamInput.MaxJsonBytes, "the JSON document"), null, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Reads topology JSON from a string, e.g. the <c>model_config</c> attribute of an <c>.h5</c> file.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="kerasVersion">The Keras version that wrote it (the <c>keras_version</c> attribute), or <see langword="null"/> to go by the JSON; it only picks the GRU <c>reset_after</c> default.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ModelFormatException">The JSON is malformed, too large or too deep, is not a Keras topology, or uses layers the library cannot count.</exception>
    public static ImportedModel Parse(string json, string? kerasVersion = null)
    {
        Guard.NotNull(json, nameof(json));
        if (json.Length > StreamInput.MaxJsonBytes)
        {
            throw Fail.Error("the JSON document", "the document is longer than the 64 MiB that are read");
        }

        return FromUtf8(Encoding.UTF8.GetBytes(json), kerasVersion, "model");
    }

    internal static ImportedModel FromUtf8(byte[] utf8, string? kerasVersion, string fallbackName, string document = "the JSON document")
    {
        using JsonDocument parsed = Json.Parse(utf8, document);
        Json root = Json.Root(parsed).Object();
        if (root.Has("modelTopology"))
        {
            return TfjsModelReader.FromRoot(root, fallbackName);
        }

        if (!root.Has("class_name"))
        {
            throw Fail.Error(root.Path, "expected a Keras model (an object with 'class_name' and 'config', as model.to_json() writes) or a TensorFlow.js model.json (with 'modelTopology'); this JSON object has neither");
        }

        ModelSummary summary = KerasGraph.Summarize(root, kerasVersion, fallbackName);
        return new ImportedModel(ModelFileFormat.KerasJson, summary, Array.Empty<TensorInfo>(), crossCheck: false)
        {
            Metadata = Metadata(root, kerasVersion),
        };
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
