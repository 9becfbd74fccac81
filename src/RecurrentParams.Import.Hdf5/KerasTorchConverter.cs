using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using RecurrentParams.Import.Hdf5.Format;
using RecurrentParams.Internal;
using RecurrentParams.Porting;

namespace RecurrentParams.Import.Hdf5;

/// <summary>
/// Converts model files between Keras and PyTorch: a Keras model (<c>.keras</c>, legacy <c>.h5</c>, or <c>*.weights.h5</c>
/// with its model) to a PyTorch state dict in safetensors, and a PyTorch safetensors state dict to Keras 3
/// <c>*.weights.h5</c> with the Keras model's JSON; exact, or refused with the reason.
/// </summary>
/// <remarks>
/// <para>
/// The tensors move by <see cref="WeightMap.ForModel"/>. The layer options the weights do not show are read from the
/// Keras config and refused when PyTorch's modules have no equivalent: a recurrent <c>activation</c> other than
/// <c>tanh</c>, a <c>recurrent_activation</c> other than <c>sigmoid</c> (Keras 2's <c>hard_sigmoid</c>), <c>go_backwards</c>,
/// a <c>Bidirectional</c> merge mode other than <c>concat</c>; a <c>Dense</c> activation is noted (PyTorch applies it as a
/// separate module). A PyTorch state dict has neither the module order nor the modules' classes, so the PyTorch model
/// comes from the caller, e.g. from <see cref="TorchModelBuilder"/>, with module names matching the state dict's prefixes.
/// </para>
/// <para>All members are thread-safe.</para>
/// </remarks>
public static class KerasTorchConverter
{
    private static readonly HashSet<string> Recurrent = new(StringComparer.Ordinal) { "SimpleRNN", "LSTM", "GRU" };

    /// <summary>Converts a Keras model file, <c>.keras</c> or a legacy <c>.h5</c> with its <c>model_config</c>, to a PyTorch state dict.</summary>
    /// <param name="path">The Keras file.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The conversion; <see cref="ModelConversion.WriteFile"/> writes the safetensors file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ModelFormatException">The file is malformed, has no topology (use <see cref="KerasWeightsToTorch"/>), or a limit is exceeded.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ModelConversion KerasToTorch(string path, ModelReaderOptions? options = null)
    {
        Guard.NotEmpty(path, nameof(path));
        ModelReaderOptions limits = options ?? ModelReaderOptions.Default;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        bool archive = KerasWeights.IsZip(stream);
        ImportedModel model = archive ? KerasArchiveReader.ReadFile(path) : KerasHdf5Reader.ReadFile(path);
        if (model.Metadata.ContainsKey("topology"))
        {
            throw new ModelFormatException("the file holds weights without a model (written by save_weights()); pass the model to KerasWeightsToTorch", "the root group", null);
        }

        string config = archive ? ArchiveConfig(stream, limits) : Hdf5Config(stream, limits);
        stream.Position = 0;
        IReadOnlyList<NamedTensor> stored = archive ? KerasWeights.ReadArchive(stream, limits) : KerasWeights.Read(stream, limits);
        return Convert(model.Summary, stored, config);
    }

    /// <summary>Converts the weights of a Keras model held in a separate file (<c>*.weights.h5</c>, or a legacy <c>.h5</c>) to a PyTorch state dict.</summary>
    /// <param name="path">The weights file.</param>
    /// <param name="kerasModel">The Keras model the weights belong to, e.g. read from its JSON with <see cref="KerasModelReader"/> or built with <see cref="KerasModelBuilder"/>.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The conversion (the layer options cannot be checked without the Keras config: Keras 3's defaults are assumed).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or <paramref name="kerasModel"/> is not a Keras model.</exception>
    /// <exception cref="ModelFormatException">The file is malformed or a limit is exceeded.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ModelConversion KerasWeightsToTorch(string path, ModelSummary kerasModel, ModelReaderOptions? options = null)
    {
        Guard.NotEmpty(path, nameof(path));
        Guard.NotNull(kerasModel, nameof(kerasModel));
        if (kerasModel.Convention != Convention.Keras)
        {
            Guard.ThrowArgument(nameof(kerasModel), "'kerasModel' must be a Keras model; got a PyTorch model.");
        }

        return Convert(kerasModel, KerasWeights.ReadFile(path, options), null);
    }

    /// <summary>Converts a PyTorch state dict in safetensors to Keras weights, for the Keras model <see cref="ModelConversion.KerasJson"/> describes.</summary>
    /// <param name="path">The safetensors file.</param>
    /// <param name="torchModel">The PyTorch model: its modules in order, named as the state dict's prefixes (<c>lstm</c> for <c>lstm.weight_ih_l0</c>), e.g. from <see cref="TorchModelBuilder"/>.</param>
    /// <param name="options">The limits; <see langword="null"/> for <see cref="ModelReaderOptions.Default"/>.</param>
    /// <returns>The conversion; <see cref="ModelConversion.WriteFile"/> writes the <c>*.weights.h5</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, <paramref name="torchModel"/> is not a PyTorch model, or a tensor the model needs is missing from the file or has another shape.</exception>
    /// <exception cref="ModelFormatException">The file is malformed or a limit is exceeded.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static ModelConversion TorchToKeras(string path, ModelSummary torchModel, ModelReaderOptions? options = null)
    {
        Guard.NotEmpty(path, nameof(path));
        Guard.NotNull(torchModel, nameof(torchModel));
        if (torchModel.Convention != Convention.Torch)
        {
            Guard.ThrowArgument(nameof(torchModel), "'torchModel' must be a PyTorch model; got a Keras model.");
        }

        IReadOnlyList<NamedTensor> tensors = SafetensorsReader.ReadWeightsFile(path, options);
        return new ModelConversion(torchModel, WeightMap.ForModel(torchModel, WeightLayout.Keras), tensors, [], []);
    }

    private static ModelConversion Convert(ModelSummary keras, IReadOnlyList<NamedTensor> stored, string? config)
    {
        var refusals = new List<string>();
        var notes = new List<string>();
        if (config is not null)
        {
            Check(config, refusals, notes);
        }

        return new ModelConversion(keras, WeightMap.ForModel(keras, WeightLayout.Torch), KerasWeights.Resolve(keras, stored), refusals, notes);
    }

    /// <summary>Refuses the layer options PyTorch cannot compute, from the Keras config: activations, direction, merge mode.</summary>
    private static void Check(string config, List<string> refusals, List<string> notes)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(config, new JsonDocumentOptions { MaxDepth = 256 });
            Visit(document.RootElement, null, refusals, notes);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException("the model config is not valid JSON: " + e.Message, "the model config", e);
        }
    }

    private static void Visit(JsonElement element, string? wrapper, List<string> refusals, List<string> notes)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                Visit(item, wrapper, refusals, notes);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (element.TryGetProperty("class_name", out JsonElement classElement) && classElement.ValueKind == JsonValueKind.String
            && element.TryGetProperty("config", out JsonElement layerConfig) && layerConfig.ValueKind == JsonValueKind.Object)
        {
            string className = classElement.GetString()!;
            string name = wrapper ?? (layerConfig.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : className);
            if (Recurrent.Contains(className))
            {
                CheckRecurrent(className, name, layerConfig, wrapper is not null, refusals);
                return;
            }

            if (className == "Dense" && Text(layerConfig, "activation") is string activation && activation != "linear")
            {
                notes.Add(name + ": the Dense activation '" + activation + "' is not part of nn.Linear; apply it after the layer");
            }

            if (className == "Bidirectional")
            {
                if (Text(layerConfig, "merge_mode") is string mode && mode != "concat")
                {
                    refusals.Add(name + ": merge_mode='" + mode + "' has no nn module equivalent (a bidirectional module concatenates its directions)");
                }

                if (layerConfig.TryGetProperty("layer", out JsonElement inner))
                {
                    Visit(inner, name, refusals, notes);
                }

                return;
            }
        }

        foreach (JsonProperty property in element.EnumerateObject())
        {
            Visit(property.Value, wrapper, refusals, notes);
        }
    }

    private static void CheckRecurrent(string className, string name, JsonElement config, bool wrapped, List<string> refusals)
    {
        string activation = Text(config, "activation") ?? "tanh";
        if (activation != "tanh")
        {
            refusals.Add(name + ": activation='" + activation + "'; PyTorch's " + (className == "SimpleRNN" ? "nn.RNN computes tanh (relu is not mapped)" : "nn." + className + " computes tanh"));
        }

        string recurrentActivation = Text(config, "recurrent_activation") ?? "sigmoid";
        if (className != "SimpleRNN" && recurrentActivation != "sigmoid")
        {
            refusals.Add(name + ": recurrent_activation='" + recurrentActivation + "'; PyTorch's nn." + className + " gates are sigmoid");
        }

        if (!wrapped && config.TryGetProperty("go_backwards", out JsonElement backwards) && backwards.ValueKind == JsonValueKind.True)
        {
            refusals.Add(name + ": go_backwards=True reads the sequence from its end and returns its outputs reversed; no nn module does alone");
        }
    }

    private static string? Text(JsonElement config, string name) =>
        !config.TryGetProperty(name, out JsonElement value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Object && value.TryGetProperty("class_name", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString() : value.GetRawText();

    private static string ArchiveConfig(Stream archive, ModelReaderOptions options)
    {
        archive.Position = 0;
        using Stream entry = KerasWeights.OpenEntry(archive, "config.json", options with { MaxInflatedBytes = Math.Min(options.MaxInflatedBytes, options.MaxDocumentBytes) });
        if (entry.Length > options.MaxDocumentBytes)
        {
            throw new ModelFormatException("config.json is longer than the bytes ModelReaderOptions.MaxDocumentBytes allows", "config.json", null);
        }

        using var reader = new StreamReader(entry);
        return reader.ReadToEnd();
    }

    private static string Hdf5Config(Stream stream, ModelReaderOptions options)
    {
        stream.Position = 0;
        var file = new H5File(stream, null);
        var root = new H5Object(file, file.Root, options.MaxNameLength);
        const string Where = "the attribute 'model_config'";
        H5Attribute attribute = root.Attribute("model_config") ?? throw new ModelFormatException("expected the root attribute 'model_config' holding the model's JSON (a file written by save_weights() has none: use KerasWeightsToTorch)", Where, null);
        if (attribute.Space.Elements != 1)
        {
            throw new ModelFormatException("expected a single string but found " + attribute.Space.Elements.ToString(CultureInfo.InvariantCulture) + " elements", Where, null);
        }

        return attribute.Strings(options.MaxDocumentBytes, Where, nameof(ModelReaderOptions.MaxDocumentBytes))[0].TrimEnd('\0');
    }
}
