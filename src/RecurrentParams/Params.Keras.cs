using System;

namespace RecurrentParams;

public static partial class Params
{
    /// <summary>Counts Keras layers (Keras 3, tf.keras, standalone Keras 2, TensorFlow.js), argument order <c>(units, inputSize)</c>.</summary>
    /// <remarks>
    /// Keras keeps one bias vector per gate block (a GRU with <c>reset_after</c> two). <c>bidirectional: true</c> counts the
    /// layer wrapped in <c>Bidirectional</c>: twice the layer, whatever the merge mode, since the forward and backward
    /// copies each hold the full set of weights and the merge mode changes only the output width.
    /// Source: Keras 3 <c>keras/src/layers/rnn/</c>; Keras 2.2.4 <c>keras/layers/cudnn_recurrent.py</c> for the cuDNN layers.
    /// </remarks>
    public static partial class Keras
    {
        /// <summary>Counts a <c>SimpleRNN</c>: <c>u·u + u·i + u</c> (kernel, recurrent_kernel, bias).</summary>
        /// <param name="units">Keras <c>units</c>, at least 1.</param>
        /// <param name="inputSize">Input features per time step, at least 1.</param>
        /// <param name="useBias">Keras <c>use_bias</c>.</param>
        /// <param name="bidirectional">Whether the layer is wrapped in <c>Bidirectional</c> (twice the count).</param>
        /// <returns>The parameter count; <c>SimpleRnn(4, 5)</c> is 40, and 80 bidirectional.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long SimpleRnn(int units, int inputSize, bool useBias = true, bool bidirectional = false) =>
            KerasBlock(1, units, inputSize, useBias ? 1 : 0, bidirectional);

        /// <summary>Counts an <c>LSTM</c>: <c>4 × (u·u + u·i + u)</c>.</summary>
        /// <param name="units">Keras <c>units</c>, at least 1.</param>
        /// <param name="inputSize">Input features per time step, at least 1.</param>
        /// <param name="useBias">Keras <c>use_bias</c>.</param>
        /// <param name="bidirectional">Whether the layer is wrapped in <c>Bidirectional</c> (twice the count).</param>
        /// <returns>The parameter count; <c>Lstm(4, 5)</c> is 160 (320 bidirectional) and <c>Lstm(5, 4)</c> is 200.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long Lstm(int units, int inputSize, bool useBias = true, bool bidirectional = false) =>
            KerasBlock(4, units, inputSize, useBias ? 1 : 0, bidirectional);

        /// <summary>Counts a <c>GRU</c>: <c>3 × (u·u + u·i + u)</c>, plus <c>3u</c> for the second bias when <paramref name="resetAfter"/> is set.</summary>
        /// <param name="units">Keras <c>units</c>, at least 1.</param>
        /// <param name="inputSize">Input features per time step, at least 1.</param>
        /// <param name="useBias">Keras <c>use_bias</c>.</param>
        /// <param name="resetAfter">Keras <c>reset_after</c>: <see langword="true"/> is the Keras 3 / TF2 default (bias <c>(2, 3u)</c>); <see langword="false"/> is Keras 2.3 and older, TF1 and TensorFlow.js (bias <c>(3u,)</c>).</param>
        /// <param name="bidirectional">Whether the layer is wrapped in <c>Bidirectional</c> (twice the count).</param>
        /// <returns>The parameter count; <c>Gru(4, 5)</c> is 132, <c>Gru(4, 5, resetAfter: false)</c> 120, and twice that bidirectional.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long Gru(int units, int inputSize, bool useBias = true, bool resetAfter = true, bool bidirectional = false) =>
            KerasBlock(3, units, inputSize, !useBias ? 0 : resetAfter ? 2 : 1, bidirectional);

        /// <summary>Counts a Keras 2 <c>CuDNNLSTM</c>: <c>4 × (u·u + u·i + 2u)</c>, cuDNN's input and recurrent biases, as PyTorch's <c>nn.LSTM</c>.</summary>
        /// <param name="units">Keras <c>units</c>, at least 1.</param>
        /// <param name="inputSize">Input features per time step, at least 1.</param>
        /// <param name="bidirectional">Whether the layer is wrapped in <c>Bidirectional</c> (twice the count).</param>
        /// <returns>The parameter count; <c>CuDnnLstm(4, 5)</c> is 176.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long CuDnnLstm(int units, int inputSize, bool bidirectional = false) => KerasBlock(4, units, inputSize, 2, bidirectional);

        /// <summary>Counts a Keras 2 <c>CuDNNGRU</c>: <c>3 × (u·u + u·i + 2u)</c>, as PyTorch's <c>nn.GRU</c>.</summary>
        /// <param name="units">Keras <c>units</c>, at least 1.</param>
        /// <param name="inputSize">Input features per time step, at least 1.</param>
        /// <param name="bidirectional">Whether the layer is wrapped in <c>Bidirectional</c> (twice the count).</param>
        /// <returns>The parameter count; <c>CuDnnGru(4, 5)</c> is 132.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="inputSize"/> is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long CuDnnGru(int units, int inputSize, bool bidirectional = false) => KerasBlock(3, units, inputSize, 2, bidirectional);
    }
}
