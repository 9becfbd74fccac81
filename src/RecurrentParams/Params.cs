using System;
using System.Collections.Generic;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams;

/// <summary>The one-line front door: exact parameter counts of recurrent layers, e.g. <c>Params.Lstm(4, 5)</c> → 160.</summary>
/// <remarks>
/// <para>
/// <see cref="Keras"/> counts Keras layers, argument order <c>(units, inputSize)</c>; <see cref="Torch"/> mirrors
/// <c>torch.nn</c> with PyTorch's order <c>(inputSize, hiddenSize)</c>. The three classic cells are also here at the top,
/// <see cref="SimpleRnn"/>, <see cref="Lstm"/> and <see cref="Gru"/>, in the Keras convention: <c>Params.Lstm(4, 5)</c> is
/// <c>Params.Keras.Lstm(4, 5)</c>. The fixed-cell members allocate nothing. <see cref="Count"/>, <see cref="Weights"/> and
/// <see cref="Explain"/> take any <see cref="LayerSpec"/>, including user cells registered in <see cref="FormulaRegistry.Default"/>.
/// </para>
/// <para>All members are thread-safe. Counts are exact; a count that does not fit in a <see cref="long"/> throws <see cref="OverflowException"/>.</para>
/// </remarks>
public static partial class Params
{
    /// <summary>Counts a Keras <c>SimpleRNN</c>: <c>u·u + u·i + u</c>; the same as <see cref="Keras.SimpleRnn"/>.</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="inputSize">Input features per time step, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <returns>The parameter count; <c>SimpleRnn(4, 5)</c> is 40.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
    /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
    public static long SimpleRnn(int units, int inputSize, bool useBias = true) => KerasBlock(1, units, inputSize, useBias ? 1 : 0, false);

    /// <summary>Counts a Keras <c>LSTM</c>: <c>4 × (u·u + u·i + u)</c>; the same as <see cref="Keras.Lstm"/>.</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="inputSize">Input features per time step, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <returns>The parameter count; <c>Lstm(4, 5)</c> is 160 and <c>Lstm(5, 4)</c> is 200.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
    /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
    public static long Lstm(int units, int inputSize, bool useBias = true) => KerasBlock(4, units, inputSize, useBias ? 1 : 0, false);

    /// <summary>Counts a Keras <c>GRU</c>: <c>3 × (u·u + u·i + u)</c>, plus <c>3u</c> for the second bias when <paramref name="resetAfter"/> is set; the same as <see cref="Keras.Gru"/>.</summary>
    /// <param name="units">Keras <c>units</c>, at least 1.</param>
    /// <param name="inputSize">Input features per time step, at least 1.</param>
    /// <param name="useBias">Keras <c>use_bias</c>.</param>
    /// <param name="resetAfter">Keras <c>reset_after</c>: <see langword="true"/> is the Keras 3 / TF2 default (bias <c>(2, 3u)</c>); <see langword="false"/> is Keras 2.3 and older, TF1 and TensorFlow.js (bias <c>(3u,)</c>).</param>
    /// <returns>The parameter count; <c>Gru(4, 5)</c> is 132 and <c>Gru(4, 5, resetAfter: false)</c> is 120.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
    /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
    public static long Gru(int units, int inputSize, bool useBias = true, bool resetAfter = true) =>
        KerasBlock(3, units, inputSize, !useBias ? 0 : resetAfter ? 2 : 1, false);

    /// <summary>Counts any layer with the formula registered in <see cref="FormulaRegistry.Default"/> for its cell type.</summary>
    /// <param name="spec">The layer.</param>
    /// <returns>The exact parameter count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No formula is registered for the spec's cell type.</exception>
    /// <exception cref="ArgumentException">The spec has an option its cell or convention does not support.</exception>
    /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
    public static long Count(LayerSpec spec) => FormulaRegistry.Default.CountParameters(spec);

    /// <summary>Lists a layer's weight tensors with the framework's own names and shapes.</summary>
    /// <param name="spec">The layer.</param>
    /// <returns>The tensors in the framework's order; their counts add up to <see cref="Count"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No formula is registered for the spec's cell type.</exception>
    /// <exception cref="ArgumentException">The spec has an option its cell or convention does not support.</exception>
    /// <exception cref="OverflowException">A tensor's size does not fit in a <see cref="long"/>.</exception>
    public static IReadOnlyList<WeightTensor> Weights(LayerSpec spec) => FormulaRegistry.Default.GetWeights(spec);

    /// <summary>Explains a layer's count, e.g. <c>LSTM(units=4) on 5 features: 4 × (4·4 + 4·5 + 4) = 4 × 40 = 160</c>.</summary>
    /// <param name="spec">The layer.</param>
    /// <returns>The derivation; print it with <see cref="Derivation.ToString"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No formula is registered for the spec's cell type.</exception>
    /// <exception cref="ArgumentException">The spec has an option its cell or convention does not support.</exception>
    /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
    public static Derivation Explain(LayerSpec spec) => FormulaRegistry.Default.Explain(spec);

    private static long KerasBlock(int gates, int units, int inputSize, int biasVectors, bool bidirectional)
    {
        Guard.Positive(units, nameof(units));
        Guard.Positive(inputSize, nameof(inputSize));
        long one = GateArithmetic.Block(gates, units, inputSize, units, biasVectors, 0);
        return bidirectional ? checked(2 * one) : one;
    }
}
