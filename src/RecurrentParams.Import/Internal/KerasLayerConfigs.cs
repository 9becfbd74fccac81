using System.Linq;
using System.Text.Json;
using RecurrentParams.Keras;

namespace RecurrentParams.Import.Internal;

/// <summary>
/// Reads the configuration of each layer family around the recurrent layers into the core library's layer: reshaping,
/// convolution, pooling, merging, attention, activation and noise, normalization. Keras 3, Keras 2 / tf.keras and
/// TensorFlow.js spellings (camelCase through <see cref="KerasConfig"/>), and Keras 1's names (<c>nb_filter</c>,
/// <c>filter_length</c>, <c>border_mode</c>, <c>subsample</c>, <c>pool_length</c>, <c>dim_ordering</c>, <c>p</c>, ...).
/// Returns <see langword="null"/> for a class it does not read.
/// </summary>
internal static class KerasLayerConfigs
{
    public static KerasLayer? Create(string className, KerasConfig c, string name) => className switch
    {
        "Reshape" => new Reshape(c.Ints("target_shape", "dims") ?? Fail.At<int[]>(c.Path, "expected a property 'target_shape'"), name),
        "Permute" => new Permute(c.Ints("dims") ?? Fail.At<int[]>(c.Path, "expected a property 'dims'"), name),
        "Flatten" => new Flatten(name),
        "RepeatVector" => new RepeatVector(c.Size("n"), name),
        "Masking" => new Masking(c.Double("mask_value", 0), name),
        "Cropping1D" => Cropping1D(c, name),
        "Cropping2D" => Cropping2D(c, name),
        "ZeroPadding1D" => ZeroPadding1D(c, name),
        "ZeroPadding2D" => ZeroPadding2D(c, name),
        "UpSampling1D" => new UpSampling1D(c.OptInt("size", "length") ?? 2, name),
        "UpSampling2D" => new UpSampling2D(c.Ints("size"), c.DataFormat(), name),
        "Conv1D" or "Convolution1D" or "AtrousConvolution1D" => new Conv1D(Filters(c), Kernel1(c), c.One("strides", "subsample_length") ?? 1, c.Padding(allowCausal: true), c.One("dilation_rate", "atrous_rate") ?? 1, c.OptInt("groups") ?? 1, UseBias(c), c.DataFormat(), name),
        "Conv2D" or "Convolution2D" or "AtrousConvolution2D" => new Conv2D(Filters(c), Kernel(c, 2), Strides(c, 2), c.Padding(false), Dilation(c), c.OptInt("groups") ?? 1, UseBias(c), c.DataFormat(), name),
        "Conv3D" or "Convolution3D" => new Conv3D(Filters(c), Kernel(c, 3), Strides(c, 3), c.Padding(false), Dilation(c), c.OptInt("groups") ?? 1, UseBias(c), c.DataFormat(), name),
        "Conv1DTranspose" or "Convolution1DTranspose" => new Conv1DTranspose(Filters(c), Kernel1(c), c.One("strides", "subsample_length") ?? 1, c.Padding(false), c.One("output_padding"), c.One("dilation_rate", "atrous_rate") ?? 1, UseBias(c), c.DataFormat(), name),
        "Conv2DTranspose" or "Convolution2DTranspose" => new Conv2DTranspose(Filters(c), Kernel(c, 2), Strides(c, 2), c.Padding(false), c.Ints("output_padding"), Dilation(c), UseBias(c), c.DataFormat(), name),
        "Conv3DTranspose" or "Convolution3DTranspose" => new Conv3DTranspose(Filters(c), Kernel(c, 3), Strides(c, 3), c.Padding(false), c.Ints("output_padding"), Dilation(c), UseBias(c), c.DataFormat(), name),
        "SeparableConv1D" or "SeparableConvolution1D" => new SeparableConv1D(Filters(c), Kernel1(c), c.One("strides", "subsample_length") ?? 1, c.Padding(false), c.One("dilation_rate", "atrous_rate") ?? 1, c.OptInt("depth_multiplier") ?? 1, UseBias(c), c.DataFormat(), name),
        "SeparableConv2D" or "SeparableConvolution2D" => new SeparableConv2D(Filters(c), Kernel(c, 2), Strides(c, 2), c.Padding(false), Dilation(c), c.OptInt("depth_multiplier") ?? 1, UseBias(c), c.DataFormat(), name),
        "DepthwiseConv1D" => new DepthwiseConv1D(Kernel1(c), c.One("strides", "subsample_length") ?? 1, c.Padding(false), c.OptInt("depth_multiplier") ?? 1, c.One("dilation_rate", "atrous_rate") ?? 1, UseBias(c), c.DataFormat(), name),
        "DepthwiseConv2D" => new DepthwiseConv2D(Kernel(c, 2), Strides(c, 2), c.Padding(false), c.OptInt("depth_multiplier") ?? 1, Dilation(c), UseBias(c), c.DataFormat(), name),
        "ConvLSTM1D" => new ConvLstm1D(Filters(c), Kernel1(c), c.One("strides", "subsample_length") ?? 1, c.Padding(false), c.One("dilation_rate", "atrous_rate") ?? 1, c.Bool("return_sequences", false), c.Bool("return_state", false), UseBias(c), c.DataFormat(), name),
        "ConvLSTM2D" => new ConvLstm2D(Filters(c), Kernel(c, 2), Strides(c, 2), c.Padding(false), Dilation(c), c.Bool("return_sequences", false), c.Bool("return_state", false), UseBias(c), c.DataFormat(), name),
        "ConvLSTM3D" => new ConvLstm3D(Filters(c), Kernel(c, 3), Strides(c, 3), c.Padding(false), Dilation(c), c.Bool("return_sequences", false), c.Bool("return_state", false), UseBias(c), c.DataFormat(), name),
        "MaxPooling1D" or "MaxPool1D" => new MaxPooling1D(c.One("pool_size", "pool_length") ?? 2, c.One("strides", "stride"), c.Padding(false), c.DataFormat(), name),
        "AveragePooling1D" or "AvgPool1D" => new AveragePooling1D(c.One("pool_size", "pool_length") ?? 2, c.One("strides", "stride"), c.Padding(false), c.DataFormat(), name),
        "MaxPooling2D" or "MaxPool2D" => new MaxPooling2D(PoolSize(c), PoolStrides(c), c.Padding(false), c.DataFormat(), name),
        "AveragePooling2D" or "AvgPool2D" => new AveragePooling2D(PoolSize(c), PoolStrides(c), c.Padding(false), c.DataFormat(), name),
        "MaxPooling3D" or "MaxPool3D" => new MaxPooling3D(PoolSize(c), PoolStrides(c), c.Padding(false), c.DataFormat(), name),
        "AveragePooling3D" or "AvgPool3D" => new AveragePooling3D(PoolSize(c), PoolStrides(c), c.Padding(false), c.DataFormat(), name),
        "GlobalMaxPooling1D" or "GlobalMaxPool1D" => new GlobalMaxPooling1D(c.Bool("keepdims", false), c.DataFormat(), name),
        "GlobalAveragePooling1D" or "GlobalAvgPool1D" => new GlobalAveragePooling1D(c.Bool("keepdims", false), c.DataFormat(), name),
        "GlobalMaxPooling2D" or "GlobalMaxPool2D" => new GlobalMaxPooling2D(c.Bool("keepdims", false), c.DataFormat(), name),
        "GlobalAveragePooling2D" or "GlobalAvgPool2D" => new GlobalAveragePooling2D(c.Bool("keepdims", false), c.DataFormat(), name),
        "GlobalMaxPooling3D" or "GlobalMaxPool3D" => new GlobalMaxPooling3D(c.Bool("keepdims", false), c.DataFormat(), name),
        "GlobalAveragePooling3D" or "GlobalAvgPool3D" => new GlobalAveragePooling3D(c.Bool("keepdims", false), c.DataFormat(), name),
        "Concatenate" => new Concatenate(Axis(c, "axis", -1), name),
        "Add" => new Add(name),
        "Subtract" => new Subtract(name),
        "Multiply" => new Multiply(name),
        "Average" => new Average(name),
        "Maximum" => new Maximum(name),
        "Minimum" => new Minimum(name),
        "Dot" => new Dot(c.Ints("axes") ?? Fail.At<int[]>(c.Path, "expected a property 'axes'"), c.Bool("normalize", false), name),
        "Attention" => new Attention(c.Bool("use_scale", false), c.String("score_mode") == "concat" ? AttentionScoreMode.Concat : AttentionScoreMode.Dot, name),
        "AdditiveAttention" => new AdditiveAttention(c.Bool("use_scale", true), name),
        "MultiHeadAttention" => new MultiHeadAttention(c.Size("num_heads"), c.Size("key_dim"), c.TryGet(out Json valueDim, "value_dim") ? valueDim.Size() : null, c.Bool("use_bias", true), c.Ints("output_shape"), name),
        "Activation" => new Activation(c.String("activation") is { Length: > 0 } activation ? activation : "linear", name),
        "ReLU" => new ReLU(name),
        "LeakyReLU" => new LeakyReLU(NonNegative(c, "negative_slope", "alpha", 0.3), name),
        "ELU" => new ELU(c.Double("alpha", 1.0), name),
        "Softmax" => new Softmax(c.OptInt("axis") ?? -1, name),
        "PReLU" => new PReLU(c.Ints("shared_axes"), name),
        "GaussianNoise" => new GaussianNoise(NonNegative(c, "stddev", "sigma", 0), name),
        "GaussianDropout" => new GaussianDropout(Rate(c), name),
        "AlphaDropout" => new AlphaDropout(Rate(c), name),
        "Dropout" => new Dropout(Rate(c), name),
        "SpatialDropout1D" => new SpatialDropout1D(Rate(c), name),
        "SpatialDropout2D" => new SpatialDropout2D(Rate(c), c.DataFormat(), name),
        "ActivityRegularization" => new ActivityRegularization(NonNegative(c, "l1", "l1", 0), NonNegative(c, "l2", "l2", 0), name),
        "UnitNormalization" => new UnitNormalization(name),
        "GroupNormalization" => new GroupNormalization(c.OptInt("groups") ?? 32, Axis(c, "axis", -1), c.Bool("center", true), c.Bool("scale", true), name),
        "Normalization" => new Normalization(NormalizationAxes(c), c.TryGet(out _, "mean") && c.TryGet(out _, "variance"), name),
        "Lambda" => new Lambda(LambdaShape(c), name),
        _ => null,
    };

    private static int Filters(KerasConfig c) => c.Size("filters", "nb_filter");

    private static bool UseBias(KerasConfig c) => c.Bool("use_bias", c.Bool("bias", true));

    private static int Kernel1(KerasConfig c) => c.One("kernel_size", "filter_length") ?? Fail.At<int>(c.Path, "expected a property 'kernel_size'");

    /// <summary>kernel_size, or Keras 1's filter_length / (nb_row, nb_col) / kernel_dim1..3.</summary>
    private static int[] Kernel(KerasConfig c, int rank)
    {
        if (c.Ints("kernel_size", "filter_length") is int[] kernel)
        {
            return kernel;
        }

        string[] keras1 = rank == 2 ? ["nb_row", "nb_col"] : ["kernel_dim1", "kernel_dim2", "kernel_dim3"];
        return rank > 1 && c.TryGet(out _, keras1[0])
            ? keras1.Select(key => c.Size(key)).ToArray()
            : Fail.At<int[]>(c.Path, "expected a property 'kernel_size'");
    }

    private static int[]? Strides(KerasConfig c, int rank) => c.Ints("strides", rank == 1 ? "subsample_length" : "subsample");

    private static int[]? Dilation(KerasConfig c) => c.Ints("dilation_rate", "atrous_rate");

    private static int[]? PoolSize(KerasConfig c) => c.Ints("pool_size", "pool_length");

    private static int[]? PoolStrides(KerasConfig c) => c.Ints("strides", "stride");

    private static int Axis(KerasConfig c, string key, int fallback) =>
        c.TryGet(out Json axis, key) ? (axis.Kind == JsonValueKind.Array ? axis.Single() : axis).Int() : fallback;

    private static double Rate(KerasConfig c)
    {
        Json rate = c.Get("rate", "p");
        double value = rate.Double();
        return value >= 0 && value < 1 ? value : Fail.At<double>(rate.Path, "expected a rate in [0, 1) but found " + rate.Describe());
    }

    private static double NonNegative(KerasConfig c, string key, string keras1, double fallback)
    {
        if (!c.TryGet(out Json value, key, keras1))
        {
            return fallback;
        }

        double d = value.Double();
        return d >= 0 ? d : Fail.At<double>(value.Path, "expected 0 or more but found " + value.Describe());
    }

    private static Cropping1D Cropping1D(KerasConfig c, string name)
    {
        (int start, int end) = c.Pair("cropping", 1);
        return new Cropping1D(start, end, name);
    }

    private static Cropping2D Cropping2D(KerasConfig c, string name)
    {
        (int top, int bottom, int left, int right) = c.Quad("cropping", 0);
        return new Cropping2D(top, bottom, left, right, c.DataFormat(), name);
    }

    private static ZeroPadding1D ZeroPadding1D(KerasConfig c, string name)
    {
        (int start, int end) = c.Pair("padding", 1);
        return new ZeroPadding1D(start, end, c.DataFormat(), name);
    }

    private static ZeroPadding2D ZeroPadding2D(KerasConfig c, string name)
    {
        (int top, int bottom, int left, int right) = c.Quad("padding", 1);
        return new ZeroPadding2D(top, bottom, left, right, c.DataFormat(), name);
    }

    /// <summary>Normalization's <c>axis</c>: an int, a list, or null for one mean over every axis; default -1.</summary>
    private static int[] NormalizationAxes(KerasConfig c) =>
        c.Present("axis") && !c.TryGet(out _, "axis") ? [] : c.Ints("axis") ?? [-1];

    /// <summary>A Lambda's declared output shape: a list of dimensions (without the batch); a function (Keras 2's <c>output_shape_type</c> other than <c>raw</c>) is not known.</summary>
    private static long?[]? LambdaShape(KerasConfig c) =>
        c.String("output_shape_type") is string type && type != "raw" ? null : c.Dims("output_shape");
}
