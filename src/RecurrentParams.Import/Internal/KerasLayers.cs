using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using RecurrentParams.Keras;

namespace RecurrentParams.Import.Internal;

/// <summary>
/// Turns one layer entry of a Keras topology into a node: the layers the core library counts (recurrent layers and their
/// wrappers here, the other families through <see cref="KerasLayerConfigs"/>), nested models, weightless layers without a
/// core class, and, for anything else, an <see cref="UnknownNode"/> that the reading records. Applies the frozen-layer
/// rule of the file's framework (<see cref="KerasReading.OwnerRule"/>).
/// </summary>
internal static class KerasLayers
{
    /// <summary>Weightless layers without a core class whose output is their input.</summary>
    private static readonly HashSet<string> Identity = new(StringComparer.Ordinal)
    {
        "Identity", "ThresholdedReLU", "SpatialDropout3D", "Rescaling", "RandomFlip", "RandomRotation", "RandomZoom",
        "RandomTranslation", "RandomContrast", "RandomBrightness", "InputSpec",
    };

    /// <summary>Layers that hold other layers: under the owner rule their own <c>trainable</c> does not reach their inner layers' weights.</summary>
    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal)
    {
        "Bidirectional", "TimeDistributed", "RNN", "Sequential", "Functional", "Model",
    };

    private static readonly string[] RecurrentClasses = ["SimpleRNN", "LSTM", "GRU", "CuDNNLSTM", "CuDNNGRU"];

    /// <summary>The layer's <c>class_name</c>: a non-empty string.</summary>
    public static string ClassOf(Json layer)
    {
        Json className = layer.Get("class_name");
        string value = className.String();
        return value.Length > 0 ? value : Fail.At<string>(className.Path, "expected a layer class name but found an empty string");
    }

    /// <summary>The layer's name: <c>config.name</c>, else the entry's <c>name</c>, else one made from the class.</summary>
    public static string NameOf(Json layer, string className, int index)
    {
        if (layer.TryGet("config", out Json config) && config.Kind == JsonValueKind.Object && config.OptString("name") is { Length: > 0 } name)
        {
            return name;
        }

        if (layer.OptString("name") is { Length: > 0 } outer)
        {
            return outer;
        }

        return className.ToLowerInvariant() + "_" + index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Creates the node of a layer entry; a layer the library cannot count becomes an <see cref="UnknownNode"/>, recorded in <paramref name="reading"/>.</summary>
    public static KerasNode Create(Json layer, string name, string className, KerasReading reading)
    {
        Json configJson = layer.Get("config");
        if (className is "Sequential" or "Functional" or "Model")
        {
            bool trainable = configJson.Kind != JsonValueKind.Object || new KerasConfig(configJson).Trainable;
            return new ModelNode(name, className, layer.Path, KerasGraph.Parse(layer, reading, name))
            {
                Trainable = trainable,
                FreezeWeights = !trainable && !reading.OwnerRule,
            };
        }

        var config = new KerasConfig(configJson);
        if (className == "Merge" && reading.Keras1)
        {
            return Keras1Layers.Merge(layer, name, config, reading);
        }

        if (Identity.Contains(className))
        {
            return new IdentityNode(name, className, layer.Path) { Trainable = config.Trainable };
        }

        string? reason = null;
        KerasLayer? core = null;
        try
        {
            core = CreateCore(layer, className, config, name, reading, out reason);
        }
        catch (ArgumentException e)
        {
            return Fail.At<KerasNode>(layer.Path, "the layer's configuration is not valid: " + e.Message, e);
        }

        if (core is null)
        {
            reading.Record(name, className, layer.Path, reason ?? "no such layer in RecurrentParams");
            return new UnknownNode(name, className, layer.Path, reason ?? "no such layer in RecurrentParams") { Trainable = config.Trainable };
        }

        CoreNode.Inputs inputs = className switch
        {
            "Concatenate" or "Add" or "Subtract" or "Multiply" or "Average" or "Maximum" or "Minimum" or "Dot" or "Attention" or "AdditiveAttention" => CoreNode.Inputs.All,
            "MultiHeadAttention" => CoreNode.Inputs.QueryValueKey,
            _ => CoreNode.Inputs.First,
        };
        bool frozen = !config.Trainable;
        return new CoreNode(name, className, layer.Path, core, inputs)
        {
            Trainable = config.Trainable,
            FreezeWeights = (frozen && !(reading.OwnerRule && Wrappers.Contains(className))) || InnerFrozen(className, config),
        };
    }

    /// <summary>The core layer of a configuration, or <see langword="null"/> with the reason the library cannot count it.</summary>
    private static KerasLayer? CreateCore(Json layer, string className, KerasConfig config, string name, KerasReading reading, out string? reason)
    {
        reason = null;
        if (Array.IndexOf(RecurrentClasses, className) >= 0)
        {
            return Recurrent(className, config, name, reading);
        }

        switch (className)
        {
            case "RNN":
                return GenericRnn(config, name, reading, out reason);
            case "Bidirectional":
                return Bidirectional(config, name, reading, out reason);
            case "TimeDistributed":
                return TimeDistributed(config, name, reading, out reason);
            case "TimeDistributedDense":
                return Keras1Layers.TimeDistributedDense(config, name);
            case "Dense":
                return Lora(config, out reason) ? null : new Dense(config.Size("units", "output_dim"), config.Bool("use_bias", config.Bool("bias", true)), name);
            case "Embedding":
                return Lora(config, out reason) ? null : new Embedding(config.Size("input_dim"), config.Size("output_dim"), name);
            case "BatchNormalization":
                return BatchNormalization(config, name, out reason);
            case "LayerNormalization":
                return LayerNormalization(config, name);
            case "Merge":
                reason = "the Keras 1 Merge layer is read in files written by Keras 1";
                return null;
            case "StackedRNNCells":
                reason = "stacked cells are read inside an RNN layer";
                return null;
            default:
                return KerasLayerConfigs.Create(className, config, name);
        }
    }

    /// <summary>
    /// Whether the layer an RNN or TimeDistributed holds is frozen by its own configuration (a cell, the wrapped layer): every
    /// framework builds it from that configuration, and its weights are all the wrapper has.
    /// </summary>
    private static bool InnerFrozen(string className, KerasConfig config) =>
        className is "RNN" or "TimeDistributed" && config.TryGet(out Json inner, className == "RNN" ? "cell" : "layer") && inner.Kind == JsonValueKind.Object
        && inner.TryGet("config", out Json innerConfig) && innerConfig.Kind == JsonValueKind.Object && !new KerasConfig(innerConfig).Trainable;

    private static Recurrent Recurrent(string className, KerasConfig config, string name, KerasReading reading) =>
        Recurrent(className, config, config, name, reading);

    private static Recurrent Recurrent(string className, KerasConfig layerConfig, KerasConfig cellConfig, string name, KerasReading reading)
    {
        CellType cell = className switch
        {
            "SimpleRNN" => CellType.SimpleRnn,
            "LSTM" => CellType.Lstm,
            "GRU" => CellType.Gru,
            "CuDNNLSTM" => CellType.CuDnnLstm,
            _ => CellType.CuDnnGru,
        };
        bool resetAfter = cell != CellType.Gru || cellConfig.Bool("reset_after", reading.GruResetAfterDefault);
        return new Recurrent(
            cell,
            cellConfig.Size("units", "output_dim"),
            layerConfig.Bool("return_sequences", false),
            layerConfig.Bool("return_state", false),
            cellConfig.Bool("use_bias", true),
            resetAfter,
            name)
        {
            Trainable = cellConfig.Trainable,
        };
    }

    /// <summary>A cell class (<c>LSTMCell</c>) as the recurrent class it steps (<c>LSTM</c>), or <see langword="null"/>.</summary>
    private static string? CellLayer(string cellClass) => cellClass switch
    {
        "SimpleRNNCell" => "SimpleRNN",
        "LSTMCell" => "LSTM",
        "GRUCell" => "GRU",
        _ => null,
    };

    /// <summary>
    /// An RNN over one cell (a recurrent layer) or over a stack of cells (<c>StackedRNNCells</c>, or a list of cells, as
    /// TensorFlow.js and Keras 2 also write it).
    /// </summary>
    private static KerasLayer? GenericRnn(KerasConfig config, string name, KerasReading reading, out string? reason)
    {
        reason = null;
        Json cell = config.Get("cell");
        IEnumerable<Json> cells;
        if (cell.Kind == JsonValueKind.Array)
        {
            cells = cell.Items();
        }
        else if (ClassOf(cell.Object()) == "StackedRNNCells")
        {
            cells = new KerasConfig(cell.Get("config")).Get("cells").Items();
        }
        else
        {
            string cellClass = ClassOf(cell);
            string? layerClass = CellLayer(cellClass);
            if (layerClass is null)
            {
                reason = "the cell '" + cellClass + "' is not one of SimpleRNNCell, LSTMCell, GRUCell";
                return null;
            }

            return Recurrent(layerClass, config, new KerasConfig(cell.Get("config")), name, reading);
        }

        var stack = new List<RecurrentCell>();
        foreach (Json item in cells)
        {
            string cellClass = ClassOf(item.Object());
            string? layerClass = CellLayer(cellClass);
            if (layerClass is null)
            {
                reason = "the cell '" + cellClass + "' is not one of SimpleRNNCell, LSTMCell, GRUCell";
                return null;
            }

            Recurrent one = Recurrent(layerClass, config, new KerasConfig(item.Get("config")), name, reading);
            stack.Add(new RecurrentCell(one.CellType, one.Units, one.UseBias, one.ResetAfter));
        }

        return stack.Count == 0 ? Fail.At<KerasLayer>(config.Path, "expected at least one cell") : new Rnn(stack, config.Bool("return_sequences", false), config.Bool("return_state", false), name);
    }

    private static Bidirectional? Bidirectional(KerasConfig config, string name, KerasReading reading, out string? reason)
    {
        Json inner = config.Get("layer").Object();
        Recurrent? forward = InnerRecurrent(inner, reading, out reason);
        if (forward is null)
        {
            reason = "it wraps '" + ClassOf(inner) + "': " + reason;
            return null;
        }

        if (config.TryGet(out Json backward, "backward_layer"))
        {
            Recurrent? back = InnerRecurrent(backward.Object(), reading, out _);
            if (back is null || back.CellType != forward.CellType || back.Units != forward.Units || back.UseBias != forward.UseBias || back.ResetAfter != forward.ResetAfter)
            {
                reason = "its backward_layer differs from the forward layer";
                return null;
            }
        }

        MergeMode mode = MergeMode.Concat;
        if (config.TryGet(out Json merge, "merge_mode"))
        {
            mode = merge.String() switch
            {
                "concat" => MergeMode.Concat,
                "sum" => MergeMode.Sum,
                "mul" => MergeMode.Mul,
                "ave" => MergeMode.Ave,
                _ => Fail.At<MergeMode>(merge.Path, "expected merge_mode concat, sum, mul, ave or null but found " + merge.Describe()),
            };
        }
        else if (config.Present("merge_mode"))
        {
            mode = MergeMode.None;
        }

        return new Bidirectional(forward, mode, name);
    }

    /// <summary>The recurrent layer a Bidirectional wrapper holds (a recurrent class, or RNN over one cell); null with the reason otherwise.</summary>
    private static Recurrent? InnerRecurrent(Json inner, KerasReading reading, out string? reason)
    {
        string innerClass = ClassOf(inner);
        var innerConfig = new KerasConfig(inner.Get("config"));
        string innerName = NameOf(inner, innerClass, 0);
        if (Array.IndexOf(RecurrentClasses, innerClass) >= 0)
        {
            reason = null;
            return Recurrent(innerClass, innerConfig, innerName, reading);
        }

        if (innerClass == "RNN" && GenericRnn(innerConfig, innerName, reading, out reason) is Recurrent rnn)
        {
            return rnn;
        }

        reason = "only SimpleRNN, LSTM, GRU, CuDNNLSTM, CuDNNGRU and RNN over one cell are modelled";
        return null;
    }

    private static TimeDistributed? TimeDistributed(KerasConfig config, string name, KerasReading reading, out string? reason)
    {
        reason = null;
        Json inner = config.Get("layer").Object();
        string innerClass = ClassOf(inner);
        var innerConfig = new KerasConfig(inner.Get("config"));
        string innerName = NameOf(inner, innerClass, 0);
        KerasLayer? core = Identity.Contains(innerClass)
            ? new Activation("linear", innerName)
            : CreateCore(inner, innerClass, innerConfig, innerName, reading, out reason);
        if (core is null)
        {
            reason = "it wraps '" + innerClass + "': " + (reason ?? "no such layer in RecurrentParams");
            return null;
        }

        return new TimeDistributed(core, name);
    }

    private static BatchNormalization? BatchNormalization(KerasConfig config, string name, out string? reason)
    {
        reason = null;
        int axis = -1;
        if (config.TryGet(out Json axisJson, "axis"))
        {
            if (axisJson.Kind == JsonValueKind.Array && axisJson.Length != 1)
            {
                reason = "normalizing over several axes is not modelled";
                return null;
            }

            axis = axisJson.Single().Int();
            if (axis == 0)
            {
                throw Fail.Error(axisJson.Path, "expected an axis other than the batch axis 0");
            }
        }

        return new BatchNormalization(config.Bool("center", true), config.Bool("scale", true), axis, name);
    }

    private static LayerNormalization LayerNormalization(KerasConfig config, string name)
    {
        var axes = new List<int>();
        if (config.TryGet(out Json axis, "axis"))
        {
            if (axis.Kind == JsonValueKind.Array)
            {
                axes.AddRange(axis.Items().Select(a => a.Int()));
            }
            else
            {
                axes.Add(axis.Int());
            }

            if (axes.Contains(0))
            {
                throw Fail.Error(axis.Path, "expected axes other than the batch axis 0");
            }
        }

        bool rms = config.Bool("rms_scaling", false);
        return new LayerNormalization(config.Bool("center", true) && !rms, config.Bool("scale", true) || rms, axes, name);
    }

    /// <summary>Keras 3's LoRA (<c>lora_rank</c> above 0) adds weights and freezes the kernel: not modelled.</summary>
    private static bool Lora(KerasConfig config, out string? reason)
    {
        reason = config.TryGet(out Json rank, "lora_rank") && rank.Long() > 0 ? "LoRA weights (lora_rank) are not modelled" : null;
        return reason is not null;
    }
}
