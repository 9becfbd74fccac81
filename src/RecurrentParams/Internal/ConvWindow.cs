using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Layers;

namespace RecurrentParams.Internal;

/// <summary>
/// The validated window of a convolution, transposed convolution or pooling layer (kernel or pool size, strides,
/// dilation, padding, data format) and the weights and shapes every convolution family shares. The public layers
/// (<c>Conv2D</c>, <c>SeparableConv1D</c>, <c>MaxPooling3D</c>, ...) hold one and differ only in their weights.
/// </summary>
internal sealed class ConvWindow
{
    public ConvWindow(int rank, IReadOnlyList<int>? kernel, IReadOnlyList<int>? strides, IReadOnlyList<int>? dilation, Padding padding, DataFormat format, int defaultKernel, string kernelName, string stridesName, IReadOnlyList<int>? defaultStrides = null, bool allowCausal = false)
    {
        Rank = rank;
        Kernel = Spatial.PerAxis(kernel, rank, defaultKernel, 1, kernelName);
        Strides = strides is null && defaultStrides is not null ? defaultStrides.ToArray() : Spatial.PerAxis(strides, rank, 1, 1, stridesName);
        Dilation = Spatial.PerAxis(dilation, rank, 1, 1, "dilationRate");
        Spatial.CheckPadding(padding, allowCausal);
        Spatial.CheckDataFormat(format);
        if (Strides.Max() > 1 && Dilation.Max() > 1)
        {
            Guard.ThrowArgument("dilationRate", "'dilationRate' above 1 cannot be combined with 'strides' above 1 (Keras refuses both at once).");
        }

        Padding = padding;
        Format = format;
    }

    public int Rank { get; }

    public int[] Kernel { get; }

    public int[] Strides { get; }

    public int[] Dilation { get; }

    public Padding Padding { get; }

    public DataFormat Format { get; }

    public long KernelVolume => Kernel.Aggregate(1L, (acc, k) => checked(acc * k));

    /// <summary>The kernel's spatial shape followed by <paramref name="tail"/>: <c>(k₀, k₁, ..., tail...)</c>.</summary>
    public TensorShape KernelShape(params long[] tail) => new(Kernel.Select(k => (long)k).Concat(tail).ToArray());

    /// <summary>A <c>(1, ..., 1, tail...)</c> shape: a separable convolution's pointwise kernel.</summary>
    public TensorShape PointwiseShape(params long[] tail) => new(Enumerable.Repeat(1L, Rank).Concat(tail).ToArray());

    /// <summary>Requires the input's rank for this window and returns its channels.</summary>
    public long Channels(LayerContext context)
    {
        Spatial.ExpectRank(context, Rank, Format);
        return Spatial.Channels(context, Format);
    }

    /// <summary>The output shape of a convolution or pooling with <paramref name="channels"/> output channels.</summary>
    public OutputShape Output(LayerContext context, long? channels, string what)
    {
        long?[] dims = Spatial.Windows(context, Spatial.Dims(context.Input, Format), Kernel, Strides, Dilation, Padding, what);
        return Spatial.Shape(context.Input[0], dims, channels, Format);
    }

    /// <summary>The output shape of a transposed convolution.</summary>
    public OutputShape TransposedOutput(LayerContext context, long channels, int[]? outputPadding)
    {
        long?[] input = Spatial.Dims(context.Input, Format);
        long?[] dims = input.Select((d, k) => Spatial.Transposed(d, Kernel[k], Strides[k], Dilation[k], Padding, outputPadding?[k])).ToArray();
        return Spatial.Shape(context.Input[0], dims, channels, Format);
    }

    /// <summary>
    /// The output positions a kernel is applied at in one step (for multiply-accumulates): 1 for a 1-D layer, whose spatial
    /// axis is time (one position per step); for an image or a volume, every position (the sample is one step), 0 when one is unknown.
    /// </summary>
    public long Positions(OutputShape output, DataFormat format) =>
        Rank == 1 ? 1 : Spatial.Product(Spatial.Dims(output, format)) ?? 0;

    /// <summary>Validates an output padding: one value per axis (or one for all), each 0 or more and less than the stride.</summary>
    public int[]? OutputPadding(IReadOnlyList<int>? outputPadding)
    {
        if (outputPadding is null)
        {
            return null;
        }

        int[] values = Spatial.PerAxis(outputPadding, Rank, 0, 0, nameof(outputPadding));
        for (int k = 0; k < Rank; k++)
        {
            if (values[k] >= Strides[k])
            {
                Guard.ThrowOutOfRange(nameof(outputPadding), values[k], "must hold values less than the stride of their axis (" + Strides[k].ToString(CultureInfo.InvariantCulture) + ")");
            }
        }

        return values;
    }

    /// <summary>A convolution's weights: kernel, then bias when <paramref name="useBias"/>.</summary>
    public static List<WeightTensor> KernelAndBias(TensorShape kernel, long biasSize, bool useBias)
    {
        var weights = new List<WeightTensor> { new("kernel", kernel) };
        if (useBias)
        {
            weights.Add(new WeightTensor("bias", new TensorShape(biasSize)));
        }

        return weights;
    }

    /// <summary>The configuration as Keras prints it, for derivations: <c>kernel_size=(3, 3)</c>.</summary>
    public string Describe(string kernelName) =>
        kernelName + "=" + Values(Kernel) + (Strides.Any(s => s != 1) ? ", strides=" + Values(Strides) : string.Empty)
        + (Dilation.Any(d => d != 1) ? ", dilation_rate=" + Values(Dilation) : string.Empty);

    /// <summary>A 1-D layer's value as a number (<c>3</c>), others as a tuple (<c>(3, 3)</c>).</summary>
    private string Values(int[] values) => Rank == 1 ? LayerMath.Invariant(values[0]) : Spatial.Tuple(values);

    /// <summary>
    /// A convolution (<c>Conv1D/2D/3D</c>): kernel <c>(k..., channels / groups, filters)</c> and bias <c>(filters,)</c>;
    /// <c>k·(c / g)·f</c> multiply-accumulates per output position.
    /// </summary>
    public LayerResult Convolve(LayerContext context, string className, int filters, int groups, bool useBias)
    {
        long channels = Channels(context);
        CheckGroups(context, channels, groups);
        OutputShape output = Output(context, filters, "kernel");
        List<WeightTensor> weights = KernelAndBias(KernelShape(channels / groups, filters), filters, useBias);
        return new LayerResult(new[] { output }, weights)
        {
            Derivation = LayerMath.FromWeights(string.Format(CultureInfo.InvariantCulture, "{0}(filters={1}, {2}{3}) on {4} channels", className, filters, Describe("kernel_size"), groups > 1 ? ", groups=" + groups.ToString(CultureInfo.InvariantCulture) : string.Empty, channels), weights),
            MacsPerStep = checked(weights[0].Count * Positions(output, Format)),
        };
    }

    /// <summary>
    /// A transposed convolution (<c>Conv1DTranspose/2D/3D</c>): kernel <c>(k..., filters, channels)</c> and bias
    /// <c>(filters,)</c>; every input position multiplies the whole kernel.
    /// </summary>
    public LayerResult Transpose(LayerContext context, string className, int filters, int[]? outputPadding, bool useBias)
    {
        long channels = Channels(context);
        OutputShape output = TransposedOutput(context, filters, outputPadding);
        List<WeightTensor> weights = KernelAndBias(KernelShape(filters, channels), filters, useBias);
        return new LayerResult(new[] { output }, weights)
        {
            Derivation = LayerMath.FromWeights(string.Format(CultureInfo.InvariantCulture, "{0}(filters={1}, {2}) on {3} channels", className, filters, Describe("kernel_size"), channels), weights),
            MacsPerStep = checked(weights[0].Count * Positions(context.Input, Format)),
        };
    }

    /// <summary>
    /// A separable convolution (<c>SeparableConv1D/2D</c>): depthwise kernel <c>(k..., channels, m)</c>, pointwise kernel
    /// <c>(1..., channels·m, filters)</c>, bias <c>(filters,)</c>.
    /// </summary>
    public LayerResult Separable(LayerContext context, string className, int filters, int depthMultiplier, bool useBias)
    {
        long channels = Channels(context);
        OutputShape output = Output(context, filters, "kernel");
        var weights = new List<WeightTensor>
        {
            new("depthwise_kernel", KernelShape(channels, depthMultiplier)),
            new("pointwise_kernel", PointwiseShape(checked(channels * depthMultiplier), filters)),
        };
        if (useBias)
        {
            weights.Add(new WeightTensor("bias", new TensorShape(filters)));
        }

        return new LayerResult(new[] { output }, weights)
        {
            Derivation = LayerMath.FromWeights(string.Format(CultureInfo.InvariantCulture, "{0}(filters={1}, {2}, depth_multiplier={3}) on {4} channels", className, filters, Describe("kernel_size"), depthMultiplier, channels), weights),
            MacsPerStep = checked((weights[0].Count + weights[1].Count) * Positions(output, Format)),
        };
    }

    /// <summary>A depthwise convolution (<c>DepthwiseConv1D/2D</c>): kernel <c>(k..., channels, m)</c>, bias <c>(channels·m,)</c>; the output has channels·m channels.</summary>
    public LayerResult Depthwise(LayerContext context, string className, int depthMultiplier, bool useBias)
    {
        long channels = Channels(context);
        long outputs = checked(channels * depthMultiplier);
        OutputShape output = Output(context, outputs, "kernel");
        List<WeightTensor> weights = KernelAndBias(KernelShape(channels, depthMultiplier), outputs, useBias);
        return new LayerResult(new[] { output }, weights)
        {
            Derivation = LayerMath.FromWeights(string.Format(CultureInfo.InvariantCulture, "{0}({1}, depth_multiplier={2}) on {3} channels", className, Describe("kernel_size"), depthMultiplier, channels), weights),
            MacsPerStep = checked(weights[0].Count * Positions(output, Format)),
        };
    }

    /// <summary>
    /// A convolutional LSTM (<c>ConvLSTM1D/2D/3D</c>) over <c>(batch, time, spatial..., channels)</c>: kernel
    /// <c>(k..., channels, 4f)</c>, recurrent kernel <c>(k..., f, 4f)</c>, bias <c>(4f,)</c>; each step's spatial lengths as a
    /// convolution's; with <paramref name="returnState"/> the states h and c follow, each one step's output.
    /// </summary>
    public LayerResult ConvLstm(LayerContext context, string className, int filters, bool returnSequences, bool returnState, bool useBias)
    {
        string steps = Rank switch
        {
            1 => "a sequence of sequences ",
            2 => "a sequence of images ",
            _ => "a sequence of volumes ",
        };
        context.ExpectRank(Rank + 3, steps + Spatial.Layout(Rank, Format, "batch, time"));
        long?[] dims = context.Input.Dimensions.ToArray();
        LayerContext step = context.Inner(new[] { new OutputShape(dims.Take(1).Concat(dims.Skip(2)).ToArray()) }, context.Name);
        long channels = Spatial.Channels(step, Format);
        OutputShape stepOutput = Output(step, filters, "kernel");
        long gates = checked(4L * filters);
        var weights = new List<WeightTensor>
        {
            new("kernel", "conv_lstm_cell/kernel", KernelShape(channels, gates)),
            new("recurrent_kernel", "conv_lstm_cell/recurrent_kernel", KernelShape(filters, gates)),
        };
        if (useBias)
        {
            weights.Add(new WeightTensor("bias", "conv_lstm_cell/bias", new TensorShape(gates)));
        }

        long?[] stepDims = stepOutput.Dimensions.ToArray();
        var outputs = new List<OutputShape>
        {
            returnSequences ? new OutputShape(stepDims.Take(1).Concat([dims[1]]).Concat(stepDims.Skip(1)).ToArray()) : stepOutput,
        };
        if (returnState)
        {
            outputs.Add(stepOutput);
            outputs.Add(stepOutput);
        }

        return new LayerResult(outputs, weights)
        {
            Derivation = LayerMath.FromWeights(string.Format(CultureInfo.InvariantCulture, "{0}(filters={1}, {2}) on {3} channels", className, filters, Describe("kernel_size"), channels), weights),
            MacsPerStep = checked((weights[0].Count + weights[1].Count) * Positions(stepOutput, Format)),
        };
    }

    /// <summary>A pooling layer: no weights; windows over the spatial axes, channels kept.</summary>
    public LayerResult Pool(LayerContext context)
    {
        Spatial.ExpectRank(context, Rank, Format);
        return LayerMath.NoWeights(Output(context, context.Input[Spatial.ChannelAxis(context.Input, Format)], "pool"));
    }

    /// <summary>Requires <paramref name="channels"/> to be divisible by the groups.</summary>
    public static void CheckGroups(LayerContext context, long channels, int groups)
    {
        if (channels % groups != 0)
        {
            context.Fail(string.Format(CultureInfo.InvariantCulture, "has groups={0}, which does not divide its {1} input channels", groups, channels));
        }
    }
}
