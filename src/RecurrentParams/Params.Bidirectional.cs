using System;

namespace RecurrentParams;

public static partial class Params
{
    /// <summary>Counts Keras layers wrapped in <c>Bidirectional</c>: twice the wrapped layer, whatever the merge mode.</summary>
    /// <remarks>The forward and backward copies each hold the full set of weights; the merge mode changes the output width only.</remarks>
    public static class Bidirectional
    {
        /// <summary>Counts <c>Bidirectional(SimpleRNN(units))</c>: <c>2 × (u·u + u·i + u)</c>.</summary>
        /// <param name="units">Keras <c>units</c> of the wrapped layer, at least 1.</param>
        /// <param name="inputSize">Input features per time step, at least 1.</param>
        /// <param name="useBias">Keras <c>use_bias</c>.</param>
        /// <returns>The parameter count; <c>SimpleRnn(4, 5)</c> is 80.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long SimpleRnn(int units, int inputSize, bool useBias = true) => checked(2 * Params.SimpleRnn(units, inputSize, useBias));

        /// <summary>Counts <c>Bidirectional(LSTM(units))</c>: <c>2 × 4 × (u·u + u·i + u)</c>.</summary>
        /// <param name="units">Keras <c>units</c> of the wrapped layer, at least 1.</param>
        /// <param name="inputSize">Input features per time step, at least 1.</param>
        /// <param name="useBias">Keras <c>use_bias</c>.</param>
        /// <returns>The parameter count; <c>Lstm(4, 5)</c> is 320.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long Lstm(int units, int inputSize, bool useBias = true) => checked(2 * Params.Lstm(units, inputSize, useBias));

        /// <summary>Counts <c>Bidirectional(GRU(units))</c>: twice <see cref="Params.Gru"/>.</summary>
        /// <param name="units">Keras <c>units</c> of the wrapped layer, at least 1.</param>
        /// <param name="inputSize">Input features per time step, at least 1.</param>
        /// <param name="useBias">Keras <c>use_bias</c>.</param>
        /// <param name="resetAfter">Keras <c>reset_after</c> (default <see langword="true"/>, as Keras 3 and TF2).</param>
        /// <returns>The parameter count; <c>Gru(4, 5)</c> is 264 and <c>Gru(4, 5, resetAfter: false)</c> is 240.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long Gru(int units, int inputSize, bool useBias = true, bool resetAfter = true) =>
            checked(2 * Params.Gru(units, inputSize, useBias, resetAfter));
    }
}
