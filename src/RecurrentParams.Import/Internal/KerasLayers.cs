using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Keras;

namespace RecurrentParams.Import.Internal;

/// <summary>Turns one Keras layer config into a node: every layer the core library counts, weightless identity and merge layers; anything else is recorded as unsupported.</summary>
internal sealed class KerasLayers
{
    private static readonly HashSet<string> Identity = new(StringComparer.Ordinal)
    {
        "Activation", "Masking", "SpatialDropout1D", "GaussianNoise", "GaussianDropout", "AlphaDropout",
        "ActivityRegularization", "ReLU", "LeakyReLU", "ELU", "Softmax",
    };

    private static readonly HashSet<string> ElementWise = new(StringComparer.Ordinal)
    {
        "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum",
    };

    private readonly bool gruResetAfterDefault;
    private readonly List<UnsupportedLayer> unsupported = [];

    public KerasLayers(bool gruResetAfterDefault)
    {
        this.gruResetAfterDefault = gruResetAfterDefault;
    }

    public IReadOnlyList<UnsupportedLayer> UnsupportedLayers => unsupported;

    public static string ClassOf(Json layer) => layer.Get("class_name").String();

    /// <summary>The layer's name: <c>config.name</c>, else the entry's <c>name</c>, else one made from the class.</summary>
    public static string NameOf(Json layer, string className, int index)
    {
        if (layer.TryGet("config", out Json config) && config.Kind == System.Text.Json.JsonValueKind.Object && config.OptString("name") is { Length: > 0 } name)
        {
            return name;
        }

        if (layer.OptString("name") is { Length: > 0 } outer)
        {
            return outer;
        }

        return className.ToLowerInvariant() + "_" + index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Creates the node for a top-level layer, or records it as unsupported and returns <see langword="null"/>.</summary>
    public KerasNode? Create(Json layer, string name, string className)
    {
        Json config = layer.Get("config").Object();
        if (Identity.Contains(className))
        {
            return new IdentityNode(name, className, layer.Path);
        }

        if (ElementWise.Contains(className))
        {
            return new MergeNode(name, className, layer.Path, null);
        }

        if (className == "Concatenate")
        {
            return new MergeNode(name, className, layer.Path, config.TryGet("axis", out Json axis) ? axis.Int() : -1);
        }

        KerasLayer? core = CreateCore(layer, name, className, config);
        return core is null ? null : new CoreNode(name, className, layer.Path, core);
    }

    private KerasLayer? CreateCore(Json layer, string name, string className, Json config)
    {
        switch (className)
        {
            case "SimpleRNN":
                return Recurrent(CellType.SimpleRnn, config, config, name);
            case "LSTM":
                return Recurrent(CellType.Lstm, config, config, name);
            case "GRU":
                return Recurrent(CellType.Gru, config, config, name);
            case "CuDNNLSTM":
                return Recurrent(CellType.CuDnnLstm, config, config, name);
            case "CuDNNGRU":
                return Recurrent(CellType.CuDnnGru, config, config, name);
            case "RNN":
                return GenericRnn(layer, config, name);
            case "Bidirectional":
                return Bidirectional(layer, config, name);
            case "TimeDistributed":
                return TimeDistributed(config, name);
            case "Dense":
                return NoLora(layer, name, className, config) ? new Dense(config.Get("units").Size(), config.OptBool("use_bias", true), name) : null;
            case "Embedding":
                return NoLora(layer, name, className, config) ? new Embedding(config.Get("input_dim").Size(), config.Get("output_dim").Size(), name) : null;
            case "Conv1D":
                return Conv1D(layer, name, config);
            case "ConvLSTM2D":
                return ConvLstm2D(layer, name, config);
            case "BatchNormalization":
                return BatchNormalization(layer, name, config);
            case "LayerNormalization":
                return LayerNormalization(config, name);
            case "Dropout":
                return new Dropout(Rate(config.Get("rate")), name);
            case "Flatten":
                return ChannelsLast(layer, name, className, config) ? new Flatten(name) : null;
            case "RepeatVector":
                return new RepeatVector(config.Get("n").Size(), name);
            case "GlobalAveragePooling1D":
                if (config.OptBool("keepdims", false))
                {
                    return Unsupported(layer, name, className, "keepdims=True is not modelled");
                }

                return ChannelsLast(layer, name, className, config) ? new GlobalAveragePooling1D(name) : null;
            case "MaxPooling1D":
                return ChannelsLast(layer, name, className, config)
                    ? new MaxPooling1D(
                        config.Get("pool_size").Single().Size(),
                        config.TryGet("strides", out Json strides) ? strides.Single().Size() : null,
                        Padding(config, allowCausal: false),
                        name)
                    : null;
            default:
                string reason = className switch
                {
                    "StackedRNNCells" => "stacked cells in one RNN layer are not modelled",
                    "Sequential" or "Functional" or "Model" => "a nested model is not summarized; summarize it on its own",
                    "Lambda" => "a Lambda layer's output shape cannot be known from its config",
                    _ => "no such layer in RecurrentParams",
                };
                return Unsupported(layer, name, className, reason);
        }
    }

    private static double Rate(Json rate)
    {
        double value = rate.Double();
        if (!(value >= 0 && value < 1))
        {
            throw Fail.Error(rate.Path, "expected a rate in [0, 1) but found " + rate.Describe());
        }

        return value;
    }

    private Recurrent Recurrent(CellType cell, Json layerConfig, Json cellConfig, string name)
    {
        bool resetAfter = cell == CellType.Gru ? cellConfig.OptBool("reset_after", gruResetAfterDefault) : true;
        return new Recurrent(
            cell,
            cellConfig.Get("units").Size(),
            layerConfig.OptBool("return_sequences", false),
            layerConfig.OptBool("return_state", false),
            cellConfig.OptBool("use_bias", true),
            resetAfter,
            name);
    }

    private Recurrent? GenericRnn(Json layer, Json config, string name)
    {
        if (!config.TryGet("cell", out Json cell) || cell.Kind != System.Text.Json.JsonValueKind.Object)
        {
            return (Recurrent?)Unsupported(layer, name, "RNN", "an RNN over a list of cells (StackedRNNCells) is not modelled");
        }

        string cellClass = ClassOf(cell);
        CellType? type = cellClass switch
        {
            "SimpleRNNCell" => CellType.SimpleRnn,
            "LSTMCell" => CellType.Lstm,
            "GRUCell" => CellType.Gru,
            _ => null,
        };
        if (type is null)
        {
            return (Recurrent?)Unsupported(layer, name, "RNN", "the cell '" + cellClass + "' is not one of SimpleRNNCell, LSTMCell, GRUCell");
        }

        return Recurrent(type, config, cell.Get("config").Object(), name);
    }

    private KerasLayer? Bidirectional(Json layer, Json config, string name)
    {
        Json inner = config.Get("layer").Object();
        string innerClass = ClassOf(inner);
        if (innerClass is not ("SimpleRNN" or "LSTM" or "GRU" or "CuDNNLSTM" or "CuDNNGRU" or "RNN"))
        {
            return Unsupported(layer, name, "Bidirectional", "it wraps '" + innerClass + "'; only SimpleRNN, LSTM, GRU, CuDNNLSTM, CuDNNGRU and RNN are modelled");
        }

        Recurrent? recurrent = InnerRecurrent(inner, innerClass);
        if (recurrent is null)
        {
            return null;
        }

        if (config.TryGet("backward_layer", out Json backward))
        {
            string backwardClass = ClassOf(backward.Object());
            Recurrent? back = backwardClass is "SimpleRNN" or "LSTM" or "GRU" or "CuDNNLSTM" or "CuDNNGRU" or "RNN" ? InnerRecurrent(backward, backwardClass) : null;
            if (back is null || back.CellType != recurrent.CellType || back.Units != recurrent.Units || back.UseBias != recurrent.UseBias || back.ResetAfter != recurrent.ResetAfter)
            {
                return Unsupported(layer, name, "Bidirectional", "its backward_layer differs from the forward layer");
            }
        }

        MergeMode mode = MergeMode.Concat;
        if (config.TryGet("merge_mode", out Json merge))
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
        else if (config.Element.TryGetProperty("merge_mode", out _))
        {
            mode = MergeMode.None;
        }

        return new Bidirectional(recurrent, mode, name);
    }

    /// <summary>The recurrent layer a wrapper holds (SimpleRNN, LSTM, GRU, a cuDNN layer, or RNN over a cell); null when unsupported (recorded).</summary>
    private Recurrent? InnerRecurrent(Json inner, string innerClass)
    {
        Json innerConfig = inner.Get("config").Object();
        string innerName = NameOf(inner, innerClass, 0);
        return innerClass switch
        {
            "SimpleRNN" => Recurrent(CellType.SimpleRnn, innerConfig, innerConfig, innerName),
            "LSTM" => Recurrent(CellType.Lstm, innerConfig, innerConfig, innerName),
            "GRU" => Recurrent(CellType.Gru, innerConfig, innerConfig, innerName),
            "CuDNNLSTM" => Recurrent(CellType.CuDnnLstm, innerConfig, innerConfig, innerName),
            "CuDNNGRU" => Recurrent(CellType.CuDnnGru, innerConfig, innerConfig, innerName),
            _ => GenericRnn(inner, innerConfig, innerName),
        };
    }

    private TimeDistributed? TimeDistributed(Json config, string name)
    {
        Json inner = config.Get("layer").Object();
        string innerClass = ClassOf(inner);
        Json innerConfig = inner.Get("config").Object();
        string innerName = NameOf(inner, innerClass, 0);
        if (Identity.Contains(innerClass))
        {
            return new TimeDistributed(new Dropout(0, innerName), name);
        }

        KerasLayer? core = CreateCore(inner, innerName, innerClass, innerConfig);
        return core is null ? null : new TimeDistributed(core, name);
    }

    private Conv1D? Conv1D(Json layer, string name, Json config)
    {
        if (!ChannelsLast(layer, name, "Conv1D", config) || !OnlyOnes(layer, name, "Conv1D", config, "dilation_rate") || !OnlyOnes(layer, name, "Conv1D", config, "groups"))
        {
            return null;
        }

        return new Conv1D(
            config.Get("filters").Size(),
            config.Get("kernel_size").Single().Size(),
            config.TryGet("strides", out Json strides) ? strides.Single().Size() : 1,
            Padding(config, allowCausal: true),
            config.OptBool("use_bias", true),
            name);
    }

    private KerasLayer? ConvLstm2D(Json layer, string name, Json config)
    {
        if (!ChannelsLast(layer, name, "ConvLSTM2D", config) || !OnlyOnes(layer, name, "ConvLSTM2D", config, "dilation_rate"))
        {
            return null;
        }

        if (config.OptBool("return_state", false))
        {
            return Unsupported(layer, name, "ConvLSTM2D", "return_state=True is not modelled");
        }

        (int kernelRows, int kernelCols) = Pair(config.Get("kernel_size"));
        (int strideRows, int strideCols) = config.TryGet("strides", out Json strides) ? Pair(strides) : (1, 1);
        return new ConvLstm2D(
            config.Get("filters").Size(),
            kernelRows,
            kernelCols,
            Padding(config, allowCausal: false),
            config.OptBool("return_sequences", false),
            config.OptBool("use_bias", true),
            strideRows,
            strideCols,
            name);
    }

    private KerasLayer? BatchNormalization(Json layer, string name, Json config)
    {
        int axis = -1;
        if (config.TryGet("axis", out Json axisJson))
        {
            if (axisJson.Kind == System.Text.Json.JsonValueKind.Array && axisJson.Length != 1)
            {
                return Unsupported(layer, name, "BatchNormalization", "normalizing over several axes is not modelled");
            }

            axis = axisJson.Single().Int();
            if (axis == 0)
            {
                throw Fail.Error(axisJson.Path, "expected an axis other than the batch axis 0");
            }
        }

        return new BatchNormalization(config.OptBool("center", true), config.OptBool("scale", true), axis, name);
    }

    private static LayerNormalization LayerNormalization(Json config, string name)
    {
        var axes = new List<int>();
        if (config.TryGet("axis", out Json axis))
        {
            if (axis.Kind == System.Text.Json.JsonValueKind.Array)
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

        bool rms = config.OptBool("rms_scaling", false);
        return new LayerNormalization(config.OptBool("center", true) && !rms, config.OptBool("scale", true) || rms, axes, name);
    }

    private static Padding Padding(Json config, bool allowCausal)
    {
        if (!config.TryGet("padding", out Json padding))
        {
            return RecurrentParams.Padding.Valid;
        }

        return padding.String().ToLowerInvariant() switch
        {
            "valid" => RecurrentParams.Padding.Valid,
            "same" => RecurrentParams.Padding.Same,
            "causal" when allowCausal => RecurrentParams.Padding.Causal,
            _ => Fail.At<Padding>(padding.Path, "expected padding valid or same" + (allowCausal ? " or causal" : string.Empty) + " but found " + padding.Describe()),
        };
    }

    private static (int First, int Second) Pair(Json value)
    {
        if (value.Kind == System.Text.Json.JsonValueKind.Array)
        {
            if (value.Length != 2)
            {
                throw Fail.Error(value.Path, "expected two values but found " + value.Length.ToString(CultureInfo.InvariantCulture));
            }

            return (value[0].Size(), value[1].Size());
        }

        int both = value.Size();
        return (both, both);
    }

    private bool ChannelsLast(Json layer, string name, string className, Json config)
    {
        if (config.OptString("data_format") is string format && format != "channels_last")
        {
            Unsupported(layer, name, className, "data_format '" + format + "' is not modelled; only channels_last");
            return false;
        }

        return true;
    }

    private bool OnlyOnes(Json layer, string name, string className, Json config, string key)
    {
        if (config.TryGet(key, out Json value) && (value.Kind == System.Text.Json.JsonValueKind.Array ? value.Items().Any(v => v.Long() != 1) : value.Long() != 1))
        {
            Unsupported(layer, name, className, key + " other than 1 is not modelled");
            return false;
        }

        return true;
    }

    private bool NoLora(Json layer, string name, string className, Json config)
    {
        if (config.TryGet("lora_rank", out Json rank) && rank.Long() > 0)
        {
            Unsupported(layer, name, className, "LoRA weights (lora_rank) are not modelled");
            return false;
        }

        return true;
    }

    private KerasLayer? Unsupported(Json layer, string name, string className, string reason)
    {
        unsupported.Add(new UnsupportedLayer(name, className, layer.Path, reason));
        return null;
    }
}
