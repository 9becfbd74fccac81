using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams;

/// <summary>Stacks layers onto an input and builds an immutable <see cref="ModelSummary"/>, inferring every layer's input from the previous layer's output.</summary>
/// <remarks>
/// <para>A model belongs to one framework. Start from <see cref="KerasModelBuilder"/> for a Keras model or
/// <see cref="TorchModelBuilder"/> for a PyTorch one: each takes only its own framework's layers, so a Keras layer in a
/// PyTorch model is a compile-time error, and its summary knows its <see cref="Convention"/>.</para>
/// <para>A builder is mutable and not thread-safe. <see cref="Build"/> snapshots: adding layers afterwards never changes a
/// summary already built, and the builder can go on.</para>
/// </remarks>
public abstract class ModelBuilder
{
    private readonly List<(Layer Layer, string[]? Inputs)> layers = [];
    private readonly HashSet<int> frozen = [];
    private readonly FormulaRegistry formulas;
    private OutputShape? input;
    private string? inputLayerName;
    private ElementType inputElementType;

    private protected ModelBuilder(string name, Convention convention, FormulaRegistry? formulas)
    {
        Guard.NotEmpty(name, nameof(name));
        Name = name;
        Convention = convention;
        this.formulas = formulas ?? FormulaRegistry.Default;
    }

    /// <summary>Gets the model's name.</summary>
    /// <value>Keras' model name (<c>sequential</c>) or the PyTorch module's class name; not empty.</value>
    public string Name { get; }

    /// <summary>Gets the framework whose layers, names and shapes the model follows.</summary>
    /// <value><see cref="Convention.Keras"/> for a <see cref="KerasModelBuilder"/>, <see cref="Convention.Torch"/> for a <see cref="TorchModelBuilder"/>.</value>
    public Convention Convention { get; }

    /// <summary>Builds the summary: infers every layer's shapes, names the layers and counts their parameters.</summary>
    /// <returns>An immutable summary of this builder's <see cref="Convention"/>; later calls on this builder do not change it.</returns>
    /// <exception cref="InvalidOperationException">
    /// The model has no input or no layers, two layers share a name, or a layer cannot take what the previous one returns;
    /// the message names the layer (name and index), what it received and what to do.
    /// </exception>
    /// <exception cref="OverflowException">A count does not fit in a <see cref="long"/>.</exception>
    public ModelSummary Build() => BuildSummary();

    /// <summary>Builds the summary of a stack of layers; a builder whose models are not stacks overrides it.</summary>
    private protected virtual ModelSummary BuildSummary()
    {
        if (input is null)
        {
            throw new InvalidOperationException("The model '" + Name + "' has no input; " + InputRemedy + ", then add layers.");
        }

        if (layers.Count == 0)
        {
            throw new InvalidOperationException("The model '" + Name + "' has no layers; add at least one layer before Build().");
        }

        var names = new LayerNames();
        var rows = new List<LayerSummary>(layers.Count + 1);
        var produced = new Dictionary<string, OutputShape>(StringComparer.Ordinal);
        bool graph = layers.Exists(l => l.Inputs is not null);
        if (inputLayerName is not null)
        {
            rows.Add(new LayerSummary(names.Claim(inputLayerName, explicitName: true), "InputLayer", new[] { input }, Array.Empty<WeightTensor>()));
            produced.Add(inputLayerName, input);
        }

        OutputShape current = input;
        Layer? previous = null;
        string? previousName = null;
        string? previousRow = inputLayerName;
        int previousOutputs = 1;
        for (int index = 0; index < layers.Count; index++)
        {
            (Layer layer, string[]? inputNames) = layers[index];
            string name = names.Claim(layer.Name ?? layer.NameBase, explicitName: layer.Name is not null);
            OutputShape[] inputs;
            LayerContext context;
            if (inputNames is null)
            {
                inputs = [current];
                context = new LayerContext(inputs, name, index, Convention, formulas, baseName => names.Claim(baseName, explicitName: false), previous, previousName);
                if (previousOutputs > 1 && Convention == Convention.Keras)
                {
                    context.Fail("receives the " + previousOutputs.ToString(CultureInfo.InvariantCulture) + " tensors '" + previousName + "' returns (return_state or merge mode None), but a sequential model passes one; set returnState: false on '" + previousName + "' or make it the last layer");
                }
            }
            else
            {
                inputs = inputNames.Select(source => produced.TryGetValue(source, out OutputShape? shape)
                    ? shape
                    : throw new InvalidOperationException(string.Format(
                        CultureInfo.InvariantCulture,
                        "Layer '{0}' (index {1}) takes the output of '{2}', but no layer before it is named '{2}'; name a layer added earlier (or the InputLayer).",
                        name,
                        index,
                        source))).ToArray();
                context = new LayerContext(inputs, name, index, Convention, formulas, baseName => names.Claim(baseName, explicitName: false), null, null);
            }

            LayerResult result = layer.Build(context);
            if (layer.ShowsInSummary)
            {
                bool trainable = !frozen.Contains(index) && !layer.IsFrozen;
                string[] sources = inputNames ?? (previousRow is null ? [] : [previousRow]);
                rows.Add(new LayerSummary(name, layer.ClassName, result.Outputs, trainable ? result.Weights : LayerMath.Frozen(result.Weights))
                {
                    InputShape = inputs[0],
                    Derivation = result.Derivation,
                    MacsPerStep = result.MacsPerStep,
                    Trainable = trainable,
                    InboundNodes = graph ? [sources.Select(source => new InboundTensor(source, 0, 0)).ToArray()] : [],
                });
                previousRow = name;
            }

            produced[name] = result.Outputs[0];
            previousName = name;
            current = result.Outputs[0];
            previous = layer;
            previousOutputs = result.Outputs.Count;
        }

        return new ModelSummary(Name, Convention, input, rows) { Output = current, InputElementType = inputElementType };
    }

    /// <summary>Gets how to give this kind of model an input, for messages.</summary>
    private protected abstract string InputRemedy { get; }

    /// <summary>Appends a layer of this builder's framework; the derived builders' <c>Add</c> overloads make the type check.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="inputs">The names of the layers whose main outputs it takes, or <see langword="null"/> for the previous layer's.</param>
    private protected void AddLayer(Layer layer, string[]? inputs = null)
    {
        if (input is null)
        {
            throw new InvalidOperationException(string.Format(
                CultureInfo.InvariantCulture,
                "Layer '{0}' ({1}, index {2}) was added before any input; {3} first.",
                layer.Name ?? layer.NameBase,
                layer.ClassName,
                layers.Count,
                InputRemedy));
        }

        layers.Add((layer, inputs));
    }

    /// <summary>Freezes the layer added last.</summary>
    private protected void FreezeLast()
    {
        if (layers.Count == 0)
        {
            throw new InvalidOperationException("Freeze() freezes the layer added last, but the model '" + Name + "' has no layer yet; add one first.");
        }

        frozen.Add(layers.Count - 1);
    }

    /// <summary>Sets the model's input once.</summary>
    private protected void SetInput(OutputShape shape, string? layerName, ElementType elementType = ElementType.Float32)
    {
        if (input is not null)
        {
            throw new InvalidOperationException("The model '" + Name + "' already has the input " + input + "; a sequential model has one input.");
        }

        input = shape;
        inputLayerName = layerName;
        inputElementType = elementType;
    }

    /// <summary>Keras' naming: the first layer of a kind gets the base name, the next ones <c>_1</c>, <c>_2</c>, ...</summary>
    private sealed class LayerNames
    {
        private readonly HashSet<string> used = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> counters = new(StringComparer.Ordinal);

        public string Claim(string nameBase, bool explicitName)
        {
            if (explicitName)
            {
                if (!used.Add(nameBase))
                {
                    throw new InvalidOperationException("Two layers are named '" + nameBase + "'; layer names must be unique within a model.");
                }

                return nameBase;
            }

            counters.TryGetValue(nameBase, out int uid);
            string name;
            do
            {
                name = uid == 0 ? nameBase : nameBase + "_" + uid.ToString(CultureInfo.InvariantCulture);
                uid++;
            }
            while (!used.Add(name));

            counters[nameBase] = uid;
            return name;
        }
    }
}
