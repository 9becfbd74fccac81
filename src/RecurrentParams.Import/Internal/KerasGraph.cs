using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace RecurrentParams.Import.Internal;

/// <summary>What evaluating a topology gives: its rows, its outputs, its (first) input and that input's element type.</summary>
internal sealed class GraphResult
{
    public GraphResult(IReadOnlyList<LayerSummary> rows, IReadOnlyList<OutputShape> outputs, OutputShape input, string? inputDType)
    {
        Rows = rows;
        Outputs = outputs;
        Input = input;
        InputDType = inputDType;
    }

    public IReadOnlyList<LayerSummary> Rows { get; }

    public IReadOnlyList<OutputShape> Outputs { get; }

    public OutputShape Input { get; }

    public string? InputDType { get; }
}

/// <summary>
/// A Keras topology (<c>{"class_name", "config"}</c>) and the entry point that summarizes one: Keras 3 (<c>batch_shape</c>,
/// <c>inbound_nodes</c> with <c>args</c> / <c>keras_history</c>), Keras 2 / tf.keras / TensorFlow.js
/// (<c>batch_input_shape</c>, nested-list inbound nodes, a Keras 2.0 Sequential whose config is the list of layers) and
/// Keras 1 (<c>output_dim</c>, <c>Merge</c>). A Sequential model is evaluated layer after layer, a Functional one node by
/// node in dependency order (<see cref="FunctionalGraph"/>); a model used as a layer of another is a
/// <see cref="ModelNode"/> over its own graph.
/// </summary>
internal abstract class KerasGraph
{
    protected KerasGraph(string name)
    {
        Name = name;
    }

    /// <summary>Gets the model's name.</summary>
    public string Name { get; }

    /// <summary>Summarizes a topology; <paramref name="kerasVersion"/> (from an .h5 attribute or the JSON) picks the family and its defaults.</summary>
    public static ModelSummary Summarize(Json model, string? kerasVersion, string fallbackName, ModelReaderOptions options) =>
        Summarize(model, kerasVersion, fallbackName, options, out _);

    /// <summary>Summarizes a topology and lists the layers it could not count.</summary>
    public static ModelSummary Summarize(Json model, string? kerasVersion, string fallbackName, ModelReaderOptions options, out IReadOnlyList<UnsupportedLayer> unsupported)
    {
        model.Object();
        kerasVersion ??= model.OptString("keras_version");
        KerasFamily family = FamilyOf(model, kerasVersion);
        var reading = new KerasReading(family, family == KerasFamily.Keras3, options);
        try
        {
            KerasGraph graph = Parse(model, reading, fallbackName);
            reading.ThrowIfStrict();
            GraphResult result = graph.Evaluate(null, reading);
            IEnumerable<LayerSummary> rows = result.Rows;
            if (TopLevelFrozen(model, family))
            {
                rows = rows.Select(Frozen);
            }

            unsupported = reading.Unsupported;
            return new ModelSummary(graph.Name, Convention.Keras, result.Input, rows)
            {
                Output = result.Outputs[0],
                InputElementType = KerasShapes.ElementTypeOf(result.InputDType),
            };
        }
        catch (OverflowException e)
        {
            unsupported = reading.Unsupported;
            return Fail.At<ModelSummary>(model.Path, "the model's parameter count does not fit in a 64-bit integer", e);
        }
    }

    /// <summary>Parses a model entry (top-level or nested) into its graph.</summary>
    public static KerasGraph Parse(Json model, KerasReading reading, string fallbackName)
    {
        model.Object();
        string className = model.Get("class_name").String();
        return className switch
        {
            "Sequential" => SequentialGraph.Read(model, reading, fallbackName),
            "Functional" or "Model" => FunctionalGraph.Read(model, reading, fallbackName),
            _ => Fail.At<KerasGraph>(model.Path + ".class_name", "expected a Sequential, Functional or Model topology but found '" + className + "'"),
        };
    }

    /// <summary>Evaluates the graph on <paramref name="inputs"/> (a nested model's), or on its own declared inputs.</summary>
    public abstract GraphResult Evaluate(IReadOnlyList<OutputShape>? inputs, KerasReading reading);

    /// <summary>The row of a layer's first call.</summary>
    protected static LayerSummary Row(KerasNode node, NodeResult result, IReadOnlyList<IReadOnlyList<InboundTensor>>? connections = null) =>
        new(node.Name, node.ClassName, result.Outputs, result.Weights)
        {
            Derivation = result.Derivation,
            MacsPerStep = result.Macs,
            CountBasis = result.Basis,
            Trainable = node.Trainable,
            InboundNodes = connections ?? [],
        };

    /// <summary>
    /// The family of a topology: TensorFlow.js (<c>keras_version</c> <c>tfjs-layers ...</c>), Keras 3 (version 3.x, or
    /// <c>module</c> / <c>registered_name</c> / <c>build_config</c>), Keras 1 (version 1.x) or Keras 2 (any other).
    /// Keras 3 and TF2 default GRU reset_after to true; Keras 2.0–2.3 and TensorFlow.js to false. Files written by Keras 2.1
    /// and later state it explicitly, so the default only matters for older or hand-written files.
    /// </summary>
    private static KerasFamily FamilyOf(Json model, string? kerasVersion)
    {
        if (kerasVersion is { Length: > 0 })
        {
            return kerasVersion.StartsWith("tfjs", StringComparison.Ordinal) ? KerasFamily.Tfjs
                : kerasVersion[0] == '3' ? KerasFamily.Keras3
                : kerasVersion[0] == '1' ? KerasFamily.Keras1
                : KerasFamily.Keras2;
        }

        return model.Has("module") || model.Has("registered_name") || model.Has("build_config") ? KerasFamily.Keras3 : KerasFamily.Keras2;
    }

    /// <summary>A top-level model frozen in its configuration: Keras 3 honours it on a Functional model (whose <c>trainable</c> setter freezes every layer), Keras 2 and Keras 1 on any model.</summary>
    private static bool TopLevelFrozen(Json model, KerasFamily family)
    {
        if (!model.TryGet("config", out Json config) || config.Kind != JsonValueKind.Object || new KerasConfig(config).Trainable)
        {
            return false;
        }

        return family switch
        {
            KerasFamily.Keras3 => model.OptString("class_name") is "Functional" or "Model",
            KerasFamily.Tfjs => false,
            _ => true,
        };
    }

    private static LayerSummary Frozen(LayerSummary row) =>
        row.Weights.All(w => !w.Trainable)
            ? row
            : new LayerSummary(row.Name, row.ClassName, row.Outputs, row.Weights.Select(w => w with { Trainable = false }))
            {
                Derivation = row.Derivation,
                MacsPerStep = row.MacsPerStep,
                CountBasis = row.CountBasis,
                Trainable = row.Trainable,
                InboundNodes = row.InboundNodes,
                InputShape = row.InputShape,
            };
}
