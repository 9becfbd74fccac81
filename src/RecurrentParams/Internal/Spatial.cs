using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Layers;

namespace RecurrentParams.Internal;

/// <summary>
/// The one home of the spatial arithmetic of convolution, pooling and reshaping layers: per-axis arguments, the channels
/// axis of a data format, and the output lengths of windows (Keras 3 <c>compute_conv_output_shape</c>,
/// <c>compute_pooling_output_shape</c>, <c>compute_conv_transpose_output_shape</c>).
/// </summary>
internal static class Spatial
{
    /// <summary>
    /// Validates a per-axis argument (<c>kernel_size</c>, <c>strides</c>, ...) of a layer with <paramref name="rank"/>
    /// spatial axes: one value for every axis, as Keras takes an int, or one value per axis.
    /// </summary>
    /// <returns>One value per axis.</returns>
    public static int[] PerAxis(IReadOnlyList<int>? values, int rank, int fallback, int minimum, string paramName)
    {
        if (values is null)
        {
            return Enumerable.Repeat(fallback, rank).ToArray();
        }

        if (values.Count != 1 && values.Count != rank)
        {
            Guard.ThrowArgument(paramName, string.Format(CultureInfo.InvariantCulture, "'{0}' must hold 1 value (for every axis) or {1} (one per axis); got {2}.", paramName, rank, values.Count));
        }

        foreach (int value in values)
        {
            if (value < minimum)
            {
                Guard.ThrowOutOfRange(paramName, value, "must hold values of at least " + minimum.ToString(CultureInfo.InvariantCulture));
            }
        }

        return values.Count == rank ? values.ToArray() : Enumerable.Repeat(values[0], rank).ToArray();
    }

    /// <summary>Validates a padding mode; causal padding is only for 1-D convolutions.</summary>
    public static void CheckPadding(Padding padding, bool allowCausal)
    {
        if (padding is not Padding.Valid and not Padding.Same and not Padding.Causal || (padding == Padding.Causal && !allowCausal))
        {
            Guard.ThrowOutOfRange(nameof(padding), padding, allowCausal ? "must be a defined Padding" : "must be Padding.Valid or Padding.Same (causal padding is for 1-D convolutions)");
        }
    }

    /// <summary>Validates a data format.</summary>
    public static void CheckDataFormat(DataFormat dataFormat)
    {
        if (dataFormat is not DataFormat.ChannelsLast and not DataFormat.ChannelsFirst)
        {
            Guard.ThrowOutOfRange(nameof(dataFormat), dataFormat, "must be a defined DataFormat");
        }
    }

    /// <summary>Requires <c>(batch, spatial × rank, channels)</c> in either data format: a sequence, an image or a volume.</summary>
    public static void ExpectRank(LayerContext context, int rank, DataFormat format) =>
        context.ExpectRank(rank + 2, Noun(rank) + " " + Layout(rank, format));

    /// <summary>What a layer of <paramref name="rank"/> spatial axes takes: <c>a sequence</c>, <c>an image</c>, <c>a volume</c>.</summary>
    public static string Noun(int rank) => rank switch
    {
        1 => "a sequence",
        2 => "an image",
        _ => "a volume",
    };

    /// <summary>The axes of an input: <c>(batch, rows, cols, channels)</c>, channels first with <see cref="DataFormat.ChannelsFirst"/>.</summary>
    public static string Layout(int rank, DataFormat format, string prefix = "batch")
    {
        string axes = rank switch
        {
            1 => prefix == "batch" ? "time" : "steps",
            2 => "rows, cols",
            _ => "depth, rows, cols",
        };
        return format == DataFormat.ChannelsLast
            ? "(" + prefix + ", " + axes + ", channels)"
            : "(" + prefix + ", channels, " + axes + ") with data_format channels_first";
    }

    /// <summary>The index of the channels axis.</summary>
    public static int ChannelAxis(OutputShape shape, DataFormat format) => format == DataFormat.ChannelsLast ? shape.Rank - 1 : 1;

    /// <summary>The number of channels, which must be known.</summary>
    public static long Channels(LayerContext context, DataFormat format) =>
        context.ExpectKnown(ChannelAxis(context.Input, format), "the number of channels");

    /// <summary>The spatial dimensions of a shape in a data format.</summary>
    public static long?[] Dims(OutputShape shape, DataFormat format) =>
        !shape.IsKnown ? throw new InvalidOperationException("The input's shape is unknown, so its dimensions are too.")
        : format == DataFormat.ChannelsLast
            ? shape.Dimensions.Skip(1).Take(shape.Rank - 2).ToArray()
            : shape.Dimensions.Skip(2).ToArray();

    /// <summary>A shape from its batch, spatial dimensions and channels, in a data format.</summary>
    public static OutputShape Shape(long? batch, IEnumerable<long?> spatial, long? channels, DataFormat format)
    {
        var dims = new List<long?> { batch };
        if (format == DataFormat.ChannelsFirst)
        {
            dims.Add(channels);
        }

        dims.AddRange(spatial);
        if (format == DataFormat.ChannelsLast)
        {
            dims.Add(channels);
        }

        return new OutputShape(dims.ToArray());
    }

    /// <summary>
    /// Keras' output length of a window: valid <c>⌊(n − d·(k − 1) − 1) / s⌋ + 1</c>, same and causal <c>⌊(n − 1) / s⌋ + 1</c>;
    /// fails when valid padding leaves no output.
    /// </summary>
    public static long? Window(LayerContext context, long? length, int size, int stride, int dilation, Padding padding, string what)
    {
        if (length is not long n)
        {
            return null;
        }

        if (padding != Padding.Valid)
        {
            return n == 0 ? 0 : ((n - 1) / stride) + 1;
        }

        long span = checked(((long)dilation * (size - 1)) + 1);
        if (n < span)
        {
            context.Fail(string.Format(
                CultureInfo.InvariantCulture,
                "has a {0} that spans {1} positions but receives {2}; use padding Same or a smaller {0}",
                what,
                span,
                n));
        }

        return ((n - span) / stride) + 1;
    }

    /// <summary>The output lengths of windows over every spatial axis.</summary>
    public static long?[] Windows(LayerContext context, long?[] lengths, int[] sizes, int[] strides, int[] dilations, Padding padding, string what)
    {
        var output = new long?[lengths.Length];
        for (int k = 0; k < lengths.Length; k++)
        {
            output[k] = Window(context, lengths[k], sizes[k], strides[k], dilations[k], padding, what);
        }

        return output;
    }

    /// <summary>
    /// Keras' output length of a transposed convolution (<c>_get_output_shape_given_tf_padding</c>), with the dilated
    /// kernel <c>K = d·(k − 1) + 1</c>: valid <c>(n − 1)·s + K + (output_padding ?? max(K, s) − K)</c>; same <c>n·s</c>, or
    /// <c>(n − 1)·s + K mod 2 + output_padding</c> when an output padding is given.
    /// </summary>
    public static long? Transposed(long? length, int size, int stride, int dilation, Padding padding, int? outputPadding)
    {
        if (length is not long n)
        {
            return null;
        }

        long kernel = checked(((long)dilation * (size - 1)) + 1);
        if (padding == Padding.Valid)
        {
            long extra = outputPadding ?? (Math.Max(kernel, stride) - kernel);
            return checked(((n - 1) * stride) + kernel + extra);
        }

        return outputPadding is int given ? checked(((n - 1) * stride) + (kernel % 2) + given) : checked(n * stride);
    }

    /// <summary>The input with every spatial axis mapped (cropping, padding, upsampling), channels and batch kept.</summary>
    public static OutputShape MapAxes(LayerContext context, int rank, DataFormat format, Func<int, long?, long?> map)
    {
        ExpectRank(context, rank, format);
        long?[] dims = Dims(context.Input, format);
        long?[] mapped = dims.Select((d, axis) => map(axis, d)).ToArray();
        return Shape(context.Input[0], mapped, context.Input[ChannelAxis(context.Input, format)], format);
    }

    /// <summary>A global pooling: <c>(batch, channels)</c>, or the input with every spatial axis of length 1 when <paramref name="keepDims"/>.</summary>
    public static LayerResult GlobalPool(LayerContext context, int rank, DataFormat format, bool keepDims)
    {
        ExpectRank(context, rank, format);
        long? channels = context.Input[ChannelAxis(context.Input, format)];
        return LayerMath.NoWeights(keepDims
            ? Shape(context.Input[0], Enumerable.Repeat<long?>(1, rank), channels, format)
            : new OutputShape(context.Input[0], channels));
    }

    /// <summary>An axis cropped by <paramref name="before"/> and <paramref name="after"/>, failing when nothing would remain.</summary>
    public static long? Crop(LayerContext context, long? length, int before, int after)
    {
        if (length is long n && n <= (long)before + after)
        {
            context.Fail(string.Format(CultureInfo.InvariantCulture, "crops {0} + {1} positions from an axis of {2}; leave at least one", before, after, n));
        }

        return length - before - after;
    }

    /// <summary>The number of elements of a list of known dimensions, or <see langword="null"/> when one is unknown.</summary>
    public static long? Product(IEnumerable<long?> dims)
    {
        long? product = 1;
        foreach (long? d in dims)
        {
            product = product is long p && d is long q ? checked(p * q) : null;
        }

        return product;
    }

    /// <summary>Resolves a possibly negative axis of a rank, failing when it is out of range or the batch axis.</summary>
    public static int Axis(LayerContext context, int axis, int rank, string what)
    {
        int index = axis < 0 ? rank + axis : axis;
        if (index <= 0 || index >= rank)
        {
            context.Fail(string.Format(CultureInfo.InvariantCulture, "has {0} {1}, which is not an axis of its input {2} other than the batch axis", what, axis, context.Input));
        }

        return index;
    }

    /// <summary>Formats per-axis values as Keras prints a tuple: <c>(3, 3)</c>.</summary>
    public static string Tuple(IEnumerable<int> values) => "(" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + ")";
}
