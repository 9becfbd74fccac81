using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using RecurrentParams.Formulas;
using RecurrentParams.Import.Internal;

namespace RecurrentParams.Import;

/// <summary>Reads a TensorFlow.js layers model's <c>model.json</c>: the <c>modelTopology</c> (Keras 2 format) and the <c>weightsManifest</c>'s weight shapes, without the weight files.</summary>
/// <remarks>
/// <para>The summary comes from the topology, as <see cref="KerasModelReader"/> reads it; <see cref="ImportedModel.Tensors"/>
/// lists the manifest's weights and <see cref="ImportedModel.StoredParams"/> their element count, so
/// <see cref="ImportedModel.CountsAgree"/> cross-checks the two. Both layouts are read: <c>model.save()</c>'s
/// (<c>modelTopology</c> is the topology) and the converter's (<c>modelTopology.model_config</c>). A graph model
/// (<c>format: graph-model</c>) has no layers and is refused. Quantized weights count their logical shape. The limits of
/// <see cref="ModelReaderOptions"/> apply as for <see cref="KerasModelReader"/>, and the manifest lists at most
/// <see cref="ModelReaderOptions.MaxTensors"/> weights. All members are thread-safe.</para>
/// </remarks>
public static class TfjsModelReader
{
    /// <summary>Reads a <c>model.json</c> from a stream, to its end.</summary>
    /// <param name="stream">A readable stream positioned at the JSON; it is not closed.</param>
    /// <param name="options">The limits and strictness to read with; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary, the manifest's tensors and their count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="ModelFormatException">The JSON is malformed, past a limit of <paramref name="options"/>, is not a layers model, or uses layers the library cannot count; the message gives the JSON path.</exception>
    /// <exception cref="IOException">Reading the stream fails.</exception>
    public static ImportedModel Read(Stream stream, ModelReaderOptions? options = null)
    {
        StreamInput.CheckReadable(stream, nameof(stream));
        options ??= ModelReaderOptions.Default;
        return FromUtf8(KerasModelReader.ReadDocument(stream, options), "model", options);
    }

    /// <summary>Reads a <c>model.json</c> file; the weight files beside it are not opened.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">The limits and strictness to read with; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The summary, the manifest's tensors and their count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The JSON is malformed, past a limit of <paramref name="options"/>, is not a layers model, or uses layers the library cannot count.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ImportedModel ReadFile(string path, ModelReaderOptions? options = null)
    {
        using FileStream stream = StreamInput.OpenFile(path, nameof(path));
        options ??= ModelReaderOptions.Default;
        return FromUtf8(KerasModelReader.ReadDocument(stream, options), Path.GetFileNameWithoutExtension(path), options);
    }

    internal static ImportedModel FromUtf8(byte[] utf8, string fallbackName, ModelReaderOptions options)
    {
        using JsonDocument document = Json.Parse(utf8, KerasModelReader.Document, options);
        return FromRoot(Json.Root(document).Object(), fallbackName, options);
    }

    internal static ImportedModel FromRoot(Json root, string fallbackName, ModelReaderOptions options)
    {
        if (root.OptString("format") is string format && format != "layers-model")
        {
            throw Fail.Error(root.Path + ".format", "expected a layers model but found format '" + format + "'; a graph model has no layers to summarize");
        }

        Json topology = root.Get("modelTopology").Object();
        string? kerasVersion = topology.OptString("keras_version");
        Json model = topology.TryGet("model_config", out Json modelConfig) ? modelConfig.Object() : topology;
        ModelSummary summary = KerasGraph.Summarize(model, kerasVersion, fallbackName, options, out IReadOnlyList<UnsupportedLayer> unsupported);

        var tensors = new List<TensorInfo>();
        bool hasManifest = root.TryGet("weightsManifest", out Json manifest);
        if (hasManifest)
        {
            foreach (Json group in manifest.Items())
            {
                foreach (Json weight in group.Object().Get("weights").Items())
                {
                    weight.Object();
                    long[] dims = weight.Get("shape").Dimensions();
                    TensorShape shape;
                    try
                    {
                        shape = new TensorShape(dims);
                    }
                    catch (OverflowException e)
                    {
                        return Fail.At<ImportedModel>(weight.Path + ".shape", "the shape's element count does not fit in a 64-bit integer", e);
                    }

                    Limits.Tensors(tensors.Count + 1, options, weight.Path);
                    Json name = weight.Get("name");
                    tensors.Add(new TensorInfo(Limits.Name(name.String(), options, name.Path), weight.OptString("dtype") ?? "float32", shape));
                }
            }
        }

        Dictionary<string, string> metadata = KerasModelReader.Metadata(topology, kerasVersion);
        foreach (string key in new[] { "format", "generatedBy", "convertedBy" })
        {
            if (root.TryGet(key, out Json value) && value.Kind == JsonValueKind.String)
            {
                metadata[key] = value.String();
            }
        }

        try
        {
            return new ImportedModel(ModelFileFormat.TensorFlowJs, summary, tensors, hasManifest) { Metadata = metadata, UnsupportedLayers = unsupported };
        }
        catch (OverflowException e)
        {
            return Fail.At<ImportedModel>(root.Path + ".weightsManifest", "the weights' element count, or a statistic of the summary, does not fit in a 64-bit integer: " + e.Message, e);
        }
    }
}
