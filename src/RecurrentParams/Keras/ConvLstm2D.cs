using System;
using System.Collections.Generic;
using System.Globalization;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>ConvLSTM2D</c>: an LSTM whose gates are 2-D convolutions, over <c>(batch, time, rows, cols, channels)</c>.</summary>
/// <remarks>
/// Weights: kernel <c>(kh, kw, c, 4f)</c>, recurrent_kernel <c>(kh, kw, f, 4f)</c>, bias <c>(4f,)</c>:
/// <c>4f·(kh·kw·(c + f) + 1)</c>. Output <c>(batch, [time,] rows', cols', f)</c>, rows' and cols' as a convolution's.
/// Source: Keras 3 <c>keras/src/layers/rnn/conv_lstm.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class ConvLstm2D : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="filters">Keras <c>filters</c>, at least 1.</param>
    /// <param name="kernelRows">First element of Keras <c>kernel_size</c>, at least 1.</param>
    /// <param name="kernelCols">Second element of Keras <c>kernel_size</c>, at least 1.</param>
    /// <param name="padding">Keras <c>padding</c>: valid or same.</param>
    /// <param name="returnSequences">Keras <c>return_sequences</c>.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="strideRows">First element of Keras <c>strides</c>, at least 1.</param>
    /// <param name="strideCols">Second element of Keras <c>strides</c>, at least 1.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or <paramref name="padding"/> is causal.</exception>
    public ConvLstm2D(int filters, int kernelRows, int kernelCols, Padding padding = Padding.Valid, bool returnSequences = false, bool useBias = true, int strideRows = 1, int strideCols = 1, string? name = null)
        : base("ConvLSTM2D", name)
    {
        Guard.Positive(filters, nameof(filters));
        Guard.Positive(kernelRows, nameof(kernelRows));
        Guard.Positive(kernelCols, nameof(kernelCols));
        RejectCausal(padding);
        Guard.Positive(strideRows, nameof(strideRows));
        Guard.Positive(strideCols, nameof(strideCols));
        StrideRows = strideRows;
        StrideCols = strideCols;
        Filters = filters;
        KernelRows = kernelRows;
        KernelCols = kernelCols;
        Padding = padding;
        ReturnSequences = returnSequences;
        UseBias = useBias;
    }

    /// <summary>Gets the number of filters.</summary>
    /// <value>At least 1.</value>
    public int Filters { get; }

    /// <summary>Gets the kernel height.</summary>
    /// <value>At least 1.</value>
    public int KernelRows { get; }

    /// <summary>Gets the kernel width.</summary>
    /// <value>At least 1.</value>
    public int KernelCols { get; }

    /// <summary>Gets the vertical stride of the input convolution.</summary>
    /// <value>At least 1.</value>
    public int StrideRows { get; }

    /// <summary>Gets the horizontal stride of the input convolution.</summary>
    /// <value>At least 1.</value>
    public int StrideCols { get; }

    /// <summary>Gets the padding of the input convolution (the recurrent one always pads same).</summary>
    /// <value>Valid or same.</value>
    public Padding Padding { get; }

    /// <summary>Gets a value indicating whether every time step is returned.</summary>
    /// <value>Keras <c>return_sequences</c>.</value>
    public bool ReturnSequences { get; }

    /// <summary>Gets a value indicating whether the layer has a bias.</summary>
    /// <value>Keras <c>use_bias</c>.</value>
    public bool UseBias { get; }

    internal static void RejectCausal(Padding padding)
    {
        if (padding is not Padding.Valid and not Padding.Same)
        {
            Guard.ThrowOutOfRange(nameof(padding), padding, "must be Padding.Valid or Padding.Same (causal padding is for Conv1D)");
        }
    }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        context.ExpectRank(5, "a sequence of images (batch, time, rows, cols, channels)");
        long channels = context.ExpectKnown(-1, "the number of channels");
        long gates = checked(4L * Filters);
        var weights = new List<WeightTensor>
        {
            new("kernel", "conv_lstm_cell/kernel", new TensorShape(KernelRows, KernelCols, channels, gates)),
            new("recurrent_kernel", "conv_lstm_cell/recurrent_kernel", new TensorShape(KernelRows, KernelCols, Filters, gates)),
        };
        if (UseBias)
        {
            weights.Add(new WeightTensor("bias", "conv_lstm_cell/bias", new TensorShape(gates)));
        }

        OutputShape input = context.Input;
        long? rows = LayerMath.WindowOutput(input[2], KernelRows, StrideRows, Padding);
        long? cols = LayerMath.WindowOutput(input[3], KernelCols, StrideCols, Padding);
        if (rows == 0 || cols == 0)
        {
            context.Fail(string.Format(CultureInfo.InvariantCulture, "has a {0}×{1} kernel larger than its {2}×{3} input; use padding Same or a smaller kernel", KernelRows, KernelCols, input[2], input[3]));
        }

        OutputShape output = ReturnSequences
            ? new OutputShape(input[0], input[1], rows, cols, Filters)
            : new OutputShape(input[0], rows, cols, Filters);
        long positions = rows is long r && cols is long c ? checked(r * c) : 0;
        return new LayerResult(new[] { output }, weights)
        {
            Derivation = LayerMath.FromWeights(string.Format(CultureInfo.InvariantCulture, "ConvLSTM2D(filters={0}, kernel_size=({1}, {2})) on {3} channels", Filters, KernelRows, KernelCols, channels), weights),
            MacsPerStep = checked((weights[0].Count + weights[1].Count) * positions),
        };
    }
}
