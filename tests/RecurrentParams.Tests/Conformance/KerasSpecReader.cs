using System;
using System.Linq;
using System.Text.Json;
using RecurrentParams.Keras;

namespace RecurrentParams.Tests.Conformance;

/// <summary>Turns a vector's Keras layer description (<c>{layer, config, inner}</c>, snake_case config) into a library layer.</summary>
internal static class KerasSpecReader
{
    /// <summary>Layers the vectors hold that the library does not model (yet); their rows are skipped, and counted.</summary>
    /// <remarks>ThresholdedReLU (tf.keras 2 and TensorFlow.js only) has no core class: the readers treat it as the weightless layer it is.</remarks>
    public static readonly string[] Unsupported = ["InputLayer", "ThresholdedReLU"];

    public static bool IsSupported(JsonElement node) =>
        !Unsupported.Contains(node.String("layer")) && (!node.TryGetProperty("inner", out JsonElement inner) || inner.ValueKind != JsonValueKind.Object || IsSupported(inner));

    public static bool IsSupportedOrInput(JsonElement node) => node.String("layer") == "InputLayer" || IsSupported(node);

    public static KerasLayer Read(JsonElement node, bool gruResetAfterDefault, string? name = null)
    {
        string layer = node.String("layer")!;
        JsonElement c = node.GetProperty("config");
        switch (layer)
        {
            case "SimpleRNN" or "LSTM" or "GRU":
                return new Recurrent(
                    new CellType(layer),
                    c.Int("units")!.Value,
                    c.Bool("return_sequences") ?? false,
                    c.Bool("return_state") ?? false,
                    c.Bool("use_bias") ?? true,
                    layer != "GRU" || (c.Bool("reset_after") ?? gruResetAfterDefault),
                    name);
            case "RNN":
                return new Rnn(
                    node.GetProperty("cells").EnumerateArray().Select(cell =>
                    {
                        JsonElement cc = cell.GetProperty("config");
                        string type = cell.String("layer")!;
                        type = type[..^"Cell".Length];
                        return new RecurrentCell(new CellType(type), cc.Int("units")!.Value, cc.Bool("use_bias") ?? true, type != "GRU" || (cc.Bool("reset_after") ?? gruResetAfterDefault));
                    }),
                    c.Bool("return_sequences") ?? false,
                    c.Bool("return_state") ?? false,
                    name);
            case "Bidirectional":
                return new Bidirectional((Recurrent)Read(node.GetProperty("inner"), gruResetAfterDefault), MergeModeOf(c), name);
            case "TimeDistributed":
                return new TimeDistributed(Read(node.GetProperty("inner"), gruResetAfterDefault), name);
            case "Dense":
                return new Dense(c.Int("units")!.Value, c.Bool("use_bias") ?? true, name);
            case "Embedding":
                return new Embedding(c.Int("input_dim")!.Value, c.Int("output_dim")!.Value, name);
            case "Conv1D":
                return new Conv1D(c.Int("filters")!.Value, First(c, "kernel_size") ?? 1, First(c, "strides") ?? 1, PaddingOf(c), First(c, "dilation_rate") ?? 1, c.Int("groups") ?? 1, c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "Conv2D":
                return new Conv2D(c.Int("filters")!.Value, All(c, "kernel_size")!, All(c, "strides"), PaddingOf(c), All(c, "dilation_rate"), c.Int("groups") ?? 1, c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "Conv3D":
                return new Conv3D(c.Int("filters")!.Value, All(c, "kernel_size")!, All(c, "strides"), PaddingOf(c), All(c, "dilation_rate"), c.Int("groups") ?? 1, c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "Conv1DTranspose":
                return new Conv1DTranspose(c.Int("filters")!.Value, First(c, "kernel_size")!.Value, First(c, "strides") ?? 1, PaddingOf(c), First(c, "output_padding"), First(c, "dilation_rate") ?? 1, c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "Conv2DTranspose":
                return new Conv2DTranspose(c.Int("filters")!.Value, All(c, "kernel_size")!, All(c, "strides"), PaddingOf(c), All(c, "output_padding"), All(c, "dilation_rate"), c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "Conv3DTranspose":
                return new Conv3DTranspose(c.Int("filters")!.Value, All(c, "kernel_size")!, All(c, "strides"), PaddingOf(c), All(c, "output_padding"), All(c, "dilation_rate"), c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "SeparableConv1D":
                return new SeparableConv1D(c.Int("filters")!.Value, First(c, "kernel_size")!.Value, First(c, "strides") ?? 1, PaddingOf(c), First(c, "dilation_rate") ?? 1, c.Int("depth_multiplier") ?? 1, c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "SeparableConv2D":
                return new SeparableConv2D(c.Int("filters")!.Value, All(c, "kernel_size")!, All(c, "strides"), PaddingOf(c), All(c, "dilation_rate"), c.Int("depth_multiplier") ?? 1, c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "DepthwiseConv1D":
                return new DepthwiseConv1D(First(c, "kernel_size")!.Value, First(c, "strides") ?? 1, PaddingOf(c), c.Int("depth_multiplier") ?? 1, First(c, "dilation_rate") ?? 1, c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "DepthwiseConv2D":
                return new DepthwiseConv2D(All(c, "kernel_size")!, All(c, "strides"), PaddingOf(c), c.Int("depth_multiplier") ?? 1, All(c, "dilation_rate"), c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "ConvLSTM1D":
                return new ConvLstm1D(c.Int("filters")!.Value, First(c, "kernel_size")!.Value, First(c, "strides") ?? 1, PaddingOf(c), First(c, "dilation_rate") ?? 1, c.Bool("return_sequences") ?? false, c.Bool("return_state") ?? false, c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "ConvLSTM2D":
                return new ConvLstm2D(c.Int("filters")!.Value, All(c, "kernel_size")!, All(c, "strides"), PaddingOf(c), All(c, "dilation_rate"), c.Bool("return_sequences") ?? false, c.Bool("return_state") ?? false, c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "ConvLSTM3D":
                return new ConvLstm3D(c.Int("filters")!.Value, All(c, "kernel_size")!, All(c, "strides"), PaddingOf(c), All(c, "dilation_rate"), c.Bool("return_sequences") ?? false, c.Bool("return_state") ?? false, c.Bool("use_bias") ?? true, FormatOf(c), name);
            case "BatchNormalization":
                return new BatchNormalization(c.Bool("center") ?? true, c.Bool("scale") ?? true, First(c, "axis") ?? -1, name);
            case "LayerNormalization":
                bool rms = c.Bool("rms_scaling") ?? false;
                return new LayerNormalization((c.Bool("center") ?? true) && !rms, (c.Bool("scale") ?? true) || rms, All(c, "axis"), name);
            case "GroupNormalization":
                return new GroupNormalization(c.Int("groups") ?? 32, c.Int("axis") ?? -1, c.Bool("center") ?? true, c.Bool("scale") ?? true, name);
            case "UnitNormalization":
                return new UnitNormalization(name);
            case "Normalization":
                return new Normalization(c.TryGetProperty("axis", out JsonElement axis) && axis.ValueKind == JsonValueKind.Null ? [] : All(c, "axis"), c.TryGetProperty("mean", out JsonElement mean) && mean.ValueKind != JsonValueKind.Null, name);
            case "Dropout":
                return new Dropout(c.GetProperty("rate").GetDouble(), name);
            case "Flatten":
                return new Flatten(name);
            case "RepeatVector":
                return new RepeatVector(c.Int("n")!.Value, name);
            case "Reshape":
                return new Reshape(All(c, "target_shape")!, name);
            case "Permute":
                return new Permute(All(c, "dims")!, name);
            case "Masking":
                return new Masking(Double(c, "mask_value") ?? 0, name);
            case "Cropping1D":
                int[] crop1 = Pair(c, "cropping", 1);
                return new Cropping1D(crop1[0], crop1[1], name);
            case "Cropping2D":
                int[] crop2 = Quad(c, "cropping", 0);
                return new Cropping2D(crop2[0], crop2[1], crop2[2], crop2[3], FormatOf(c), name);
            case "ZeroPadding1D":
                int[] pad1 = Pair(c, "padding", 1);
                return new ZeroPadding1D(pad1[0], pad1[1], FormatOf(c), name);
            case "ZeroPadding2D":
                int[] pad2 = Quad(c, "padding", 1);
                return new ZeroPadding2D(pad2[0], pad2[1], pad2[2], pad2[3], FormatOf(c), name);
            case "UpSampling1D":
                return new UpSampling1D(c.Int("size") ?? 2, name);
            case "UpSampling2D":
                return new UpSampling2D(All(c, "size"), FormatOf(c), name);
            case "GlobalAveragePooling1D":
                return new GlobalAveragePooling1D(c.Bool("keepdims") ?? false, FormatOf(c), name);
            case "GlobalAveragePooling2D":
                return new GlobalAveragePooling2D(c.Bool("keepdims") ?? false, FormatOf(c), name);
            case "GlobalAveragePooling3D":
                return new GlobalAveragePooling3D(c.Bool("keepdims") ?? false, FormatOf(c), name);
            case "GlobalMaxPooling1D":
                return new GlobalMaxPooling1D(c.Bool("keepdims") ?? false, FormatOf(c), name);
            case "GlobalMaxPooling2D":
                return new GlobalMaxPooling2D(c.Bool("keepdims") ?? false, FormatOf(c), name);
            case "GlobalMaxPooling3D":
                return new GlobalMaxPooling3D(c.Bool("keepdims") ?? false, FormatOf(c), name);
            case "MaxPooling1D":
                return new MaxPooling1D(First(c, "pool_size") ?? 2, First(c, "strides"), PaddingOf(c), FormatOf(c), name);
            case "AveragePooling1D":
                return new AveragePooling1D(First(c, "pool_size") ?? 2, First(c, "strides"), PaddingOf(c), FormatOf(c), name);
            case "MaxPooling2D":
                return new MaxPooling2D(All(c, "pool_size"), All(c, "strides"), PaddingOf(c), FormatOf(c), name);
            case "AveragePooling2D":
                return new AveragePooling2D(All(c, "pool_size"), All(c, "strides"), PaddingOf(c), FormatOf(c), name);
            case "MaxPooling3D":
                return new MaxPooling3D(All(c, "pool_size"), All(c, "strides"), PaddingOf(c), FormatOf(c), name);
            case "AveragePooling3D":
                return new AveragePooling3D(All(c, "pool_size"), All(c, "strides"), PaddingOf(c), FormatOf(c), name);
            case "Concatenate":
                return new Concatenate(c.Int("axis") ?? -1, name);
            case "Add":
                return new Add(name);
            case "Subtract":
                return new Subtract(name);
            case "Multiply":
                return new Multiply(name);
            case "Average":
                return new Average(name);
            case "Maximum":
                return new Maximum(name);
            case "Minimum":
                return new Minimum(name);
            case "Dot":
                return new Dot(All(c, "axes")!, c.Bool("normalize") ?? false, name);
            case "Attention":
                return new Attention(c.Bool("use_scale") ?? false, c.String("score_mode") == "concat" ? AttentionScoreMode.Concat : AttentionScoreMode.Dot, name);
            case "AdditiveAttention":
                return new AdditiveAttention(c.Bool("use_scale") ?? true, name);
            case "MultiHeadAttention":
                return new MultiHeadAttention(c.Int("num_heads")!.Value, c.Int("key_dim")!.Value, c.Int("value_dim"), c.Bool("use_bias") ?? true, All(c, "output_shape"), name);
            case "Activation":
                return new Activation(c.String("activation") ?? "linear", name);
            case "ReLU":
                return new ReLU(name);
            case "LeakyReLU":
                return new LeakyReLU(Double(c, "negative_slope") ?? Double(c, "alpha") ?? 0.3, name);
            case "ELU":
                return new ELU(Double(c, "alpha") ?? 1.0, name);
            case "Softmax":
                return new Softmax(c.Int("axis") ?? -1, name);
            case "PReLU":
                return new PReLU(All(c, "shared_axes"), name);
            case "GaussianNoise":
                return new GaussianNoise(Double(c, "stddev")!.Value, name);
            case "GaussianDropout":
                return new GaussianDropout(Double(c, "rate")!.Value, name);
            case "AlphaDropout":
                return new AlphaDropout(Double(c, "rate")!.Value, name);
            case "SpatialDropout1D":
                return new SpatialDropout1D(Double(c, "rate")!.Value, name);
            case "SpatialDropout2D":
                return new SpatialDropout2D(Double(c, "rate")!.Value, FormatOf(c), name);
            case "ActivityRegularization":
                return new ActivityRegularization(Double(c, "l1") ?? 0, Double(c, "l2") ?? 0, name);
            default:
                throw new NotSupportedException("layer " + layer);
        }
    }

    public static OutputShape Shape(JsonElement shape) =>
        new(shape.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Null ? (long?)null : d.GetInt64()).ToArray());

    /// <summary>A vector's output shape: one shape, or a list of shapes when the layer returns several tensors.</summary>
    public static OutputShape[] Shapes(JsonElement shape) =>
        shape.GetArrayLength() > 0 && shape[0].ValueKind == JsonValueKind.Array
            ? shape.EnumerateArray().Select(Shape).ToArray()
            : [Shape(shape)];

    private static MergeMode MergeModeOf(JsonElement c) =>
        !c.TryGetProperty("merge_mode", out JsonElement mode) || mode.ValueKind == JsonValueKind.Null
            ? (c.TryGetProperty("merge_mode", out _) ? MergeMode.None : MergeMode.Concat)
            : mode.GetString() switch
            {
                "concat" => MergeMode.Concat,
                "sum" => MergeMode.Sum,
                "mul" => MergeMode.Mul,
                "ave" => MergeMode.Ave,
                var other => throw new NotSupportedException("merge_mode " + other),
            };

    private static DataFormat FormatOf(JsonElement c) => c.String("data_format") is "channels_first" or "channelsFirst" ? DataFormat.ChannelsFirst : DataFormat.ChannelsLast;

    private static double? Double(JsonElement c, string name) =>
        c.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>A Keras (before, after) pair: an int for both, or a pair.</summary>
    private static int[] Pair(JsonElement c, string name, int fallback) =>
        !c.TryGetProperty(name, out JsonElement value) ? [fallback, fallback]
        : value.ValueKind == JsonValueKind.Number ? [value.GetInt32(), value.GetInt32()]
        : [value[0].GetInt32(), value[1].GetInt32()];

    /// <summary>A Keras 2-D ((top, bottom), (left, right)): an int for all, (rows, cols) symmetric, or the pairs.</summary>
    private static int[] Quad(JsonElement c, string name, int fallback)
    {
        if (!c.TryGetProperty(name, out JsonElement value))
        {
            return [fallback, fallback, fallback, fallback];
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            int all = value.GetInt32();
            return [all, all, all, all];
        }

        int[] rows = value[0].ValueKind == JsonValueKind.Number ? [value[0].GetInt32(), value[0].GetInt32()] : [value[0][0].GetInt32(), value[0][1].GetInt32()];
        int[] cols = value[1].ValueKind == JsonValueKind.Number ? [value[1].GetInt32(), value[1].GetInt32()] : [value[1][0].GetInt32(), value[1][1].GetInt32()];
        return [rows[0], rows[1], cols[0], cols[1]];
    }

    private static Padding PaddingOf(JsonElement c) => c.String("padding") switch
    {
        null or "valid" => Padding.Valid,
        "same" => Padding.Same,
        "causal" => Padding.Causal,
        var other => throw new NotSupportedException("padding " + other),
    };

    private static int? First(JsonElement c, string name) =>
        !c.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Array ? value[0].GetInt32() : value.GetInt32();

    private static int[]? All(JsonElement c, string name) =>
        !c.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetInt32()).ToArray() : [value.GetInt32()];
}
