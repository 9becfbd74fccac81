using System;
using System.Diagnostics.Contracts;

namespace RecurrentParams;

public sealed partial record LayerSpec
{
    /// <summary>Creates specs of Keras layers (Keras 3, tf.keras, Keras 2, TensorFlow.js), argument order <c>(units, inputSize)</c>.</summary>
    /// <remarks>The specs have <see cref="Convention.Keras"/>; <see cref="Params.Keras"/> counts the same layers directly.</remarks>
    public static class Keras
    {
        /// <summary>Creates a <c>SimpleRNN</c> layer spec.</summary>
        /// <param name="units">Units, at least 1.</param>
        /// <param name="inputSize">Input features, at least 1.</param>
        /// <param name="useBias">Keras <c>use_bias</c>.</param>
        /// <param name="bidirectional">Whether the layer is wrapped in Keras' <c>Bidirectional</c>.</param>
        /// <returns>The spec.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        [Pure]
        public static LayerSpec SimpleRnn(int units, int inputSize, bool useBias = true, bool bidirectional = false) =>
            new(CellType.SimpleRnn, units, inputSize) { UseBias = useBias, Bidirectional = bidirectional };

        /// <summary>Creates a <c>LSTM</c> layer spec.</summary>
        /// <param name="units">Units, at least 1.</param>
        /// <param name="inputSize">Input features, at least 1.</param>
        /// <param name="useBias">Keras <c>use_bias</c>.</param>
        /// <param name="bidirectional">Whether the layer is wrapped in Keras' <c>Bidirectional</c>.</param>
        /// <returns>The spec.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        [Pure]
        public static LayerSpec Lstm(int units, int inputSize, bool useBias = true, bool bidirectional = false) =>
            new(CellType.Lstm, units, inputSize) { UseBias = useBias, Bidirectional = bidirectional };

        /// <summary>Creates a <c>GRU</c> layer spec.</summary>
        /// <param name="units">Units, at least 1.</param>
        /// <param name="inputSize">Input features, at least 1.</param>
        /// <param name="useBias">Keras <c>use_bias</c>.</param>
        /// <param name="resetAfter">Keras <c>reset_after</c>: <see langword="true"/> (Keras 3 / TF2 default) or <see langword="false"/> (Keras 2.3 and older, TF1, TensorFlow.js).</param>
        /// <param name="bidirectional">Whether the layer is wrapped in Keras' <c>Bidirectional</c>.</param>
        /// <returns>The spec.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        [Pure]
        public static LayerSpec Gru(int units, int inputSize, bool useBias = true, bool resetAfter = true, bool bidirectional = false) =>
            new(CellType.Gru, units, inputSize) { UseBias = useBias, ResetAfter = resetAfter, Bidirectional = bidirectional };

        /// <summary>Creates a 2 <c>CuDNNLSTM</c> layer spec (always two bias vectors per gate).</summary>
        /// <param name="units">Units, at least 1.</param>
        /// <param name="inputSize">Input features, at least 1.</param>
        /// <param name="bidirectional">Whether the layer is wrapped in Keras' <c>Bidirectional</c>.</param>
        /// <returns>The spec.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        [Pure]
        public static LayerSpec CuDnnLstm(int units, int inputSize, bool bidirectional = false) =>
            new(CellType.CuDnnLstm, units, inputSize) { Bidirectional = bidirectional };

        /// <summary>Creates a 2 <c>CuDNNGRU</c> layer spec (always two bias vectors per gate).</summary>
        /// <param name="units">Units, at least 1.</param>
        /// <param name="inputSize">Input features, at least 1.</param>
        /// <param name="bidirectional">Whether the layer is wrapped in Keras' <c>Bidirectional</c>.</param>
        /// <returns>The spec.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        [Pure]
        public static LayerSpec CuDnnGru(int units, int inputSize, bool bidirectional = false) =>
            new(CellType.CuDnnGru, units, inputSize) { Bidirectional = bidirectional };
    }
}
