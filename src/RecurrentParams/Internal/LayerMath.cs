using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;

namespace RecurrentParams.Internal;

/// <summary>Shape arithmetic and derivations shared by the built-in layers.</summary>
internal static class LayerMath
{
    /// <summary>Output length of a window of <paramref name="size"/> moved by <paramref name="stride"/> (Keras <c>compute_conv_output_shape</c>).</summary>
    public static long? WindowOutput(long? length, long size, long stride, Padding padding)
    {
        if (length is not long n)
        {
            return null;
        }

        return padding is Padding.Same or Padding.Causal
            ? (n + stride - 1) / stride
            : n < size ? 0 : ((n - size) / stride) + 1;
    }

    /// <summary>
    /// The output length of a window over the time axis of a <c>(batch, time, channels)</c> input, failing when valid
    /// padding leaves no output: <paramref name="problem"/> is a format with the window size ({0}) and the time steps ({1}).
    /// </summary>
    public static long? TimeWindow(Layers.LayerContext context, long size, long stride, Padding padding, string problem)
    {
        if (padding == Padding.Valid && context.Input[1] is long steps && steps < size)
        {
            context.Fail(string.Format(CultureInfo.InvariantCulture, problem, size, steps));
        }

        return WindowOutput(context.Input[1], size, stride, padding);
    }

    /// <summary>A one-term derivation from the weights' shapes: <c>Dense(units=3) on 5 features: 5·3 + 3 = 18</c>.</summary>
    public static Derivation? FromWeights(string subject, IReadOnlyList<WeightTensor> weights)
    {
        if (weights.Count == 0)
        {
            return null;
        }

        long total = 0;
        foreach (WeightTensor weight in weights)
        {
            total = checked(total + weight.Count);
        }

        string expression = string.Join(" + ", weights.Select(w => w.Shape.Rank == 0 ? "1" : string.Join("·", w.Shape.Dimensions.Select(d => d.ToString(CultureInfo.InvariantCulture)))));
        return new Derivation(subject, new[] { new DerivationTerm(string.Empty, new[] { expression }, total) });
    }

    /// <summary>The weights of a frozen layer: every one non-trainable, as Keras' <c>layer.trainable = False</c> leaves them.</summary>
    public static IReadOnlyList<WeightTensor> Frozen(IEnumerable<WeightTensor> weights) =>
        weights is WeightSequence sequence
            ? WeightSequence.Map(sequence, w => w.Trainable ? w with { Trainable = false } : w)
            : weights.Select(w => w.Trainable ? w with { Trainable = false } : w).ToArray();

    /// <summary>The weights of a layer inside a wrapper or a nested model: frozen when the inner layer is.</summary>
    public static IReadOnlyList<WeightTensor> Inner(Keras.KerasLayer layer, IReadOnlyList<WeightTensor> weights) =>
        layer.Trainable ? weights : Frozen(weights);

    /// <summary>The result of a layer without weights.</summary>
    public static Layers.LayerResult NoWeights(OutputShape output) => new(new[] { output }, Array.Empty<WeightTensor>());

    /// <summary>Sum of the element counts of the given weights.</summary>
    public static long Sum(IEnumerable<WeightTensor> weights)
    {
        long total = 0;
        foreach (WeightTensor weight in weights)
        {
            total = checked(total + weight.Count);
        }

        return total;
    }

    /// <summary>Narrows a known dimension to the <see cref="int"/> a <see cref="LayerSpec"/> takes.</summary>
    public static int ToSize(long value, Layers.LayerContext context, string what)
    {
        if (value < 1 || value > int.MaxValue)
        {
            context.Fail(string.Format(CultureInfo.InvariantCulture, "needs {0} between 1 and {1}; got {2}", what, int.MaxValue, value));
        }

        return (int)value;
    }

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static long?[] Dims(OutputShape shape) =>
        shape.IsKnown ? shape.Dimensions.ToArray() : throw new InvalidOperationException("The input's shape is unknown, so its dimensions are too.");

    /// <summary>A recurrent layer's matrix multiply-accumulates per step: its kernels' elements (biases add, they do not multiply).</summary>
    public static long RecurrentMacs(IReadOnlyList<WeightTensor> weights) =>
        WeightSequence.SumOf(weights, w => w.Name.StartsWith("bias", StringComparison.Ordinal) ? 0 : w.Count);
}
