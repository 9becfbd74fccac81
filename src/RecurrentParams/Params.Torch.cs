using System;
using RecurrentParams.Internal;

namespace RecurrentParams;

public static partial class Params
{
    /// <summary>Counts PyTorch <c>torch.nn</c> recurrent modules, mirroring their names and argument order.</summary>
    /// <remarks>
    /// PyTorch keeps two bias vectors per gate block (<c>bias_ih</c>, <c>bias_hh</c>); layer k &gt; 0 takes
    /// <c>num_directions × (proj_size or hidden_size)</c> inputs. Arguments that do not change the count
    /// (<c>batch_first</c>, <c>dropout</c>, <c>nonlinearity</c>) are not taken.
    /// Source: <c>torch/nn/modules/rnn.py</c>, <c>RNNBase.__init__</c>.
    /// </remarks>
    public static partial class Torch
    {
        /// <summary>Counts <c>nn.RNN</c> (tanh and relu count the same): per layer and direction <c>h·h + h·i + 2h</c>.</summary>
        /// <param name="inputSize"><c>input_size</c>, at least 1.</param>
        /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
        /// <param name="numLayers"><c>num_layers</c>, at least 1.</param>
        /// <param name="bias"><c>bias</c>.</param>
        /// <param name="bidirectional"><c>bidirectional</c>.</param>
        /// <returns>The parameter count; <c>Rnn(5, 4)</c> is 44.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size or <paramref name="numLayers"/> is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long Rnn(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false) =>
            Stack(1, inputSize, hiddenSize, numLayers, bias, bidirectional, 0);

        /// <summary>Counts <c>nn.LSTM</c>: per layer and direction <c>4h·(i + r) + 8h</c> plus <c>p·h</c> with a projection (r = p or h).</summary>
        /// <param name="inputSize"><c>input_size</c>, at least 1.</param>
        /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
        /// <param name="numLayers"><c>num_layers</c>, at least 1.</param>
        /// <param name="bias"><c>bias</c>.</param>
        /// <param name="bidirectional"><c>bidirectional</c>.</param>
        /// <param name="projSize"><c>proj_size</c>: 0, or 1 to <paramref name="hiddenSize"/> − 1.</param>
        /// <returns>The parameter count; <c>Lstm(5, 4)</c> is 176 and <c>Lstm(5, 4, projSize: 2)</c> is 152.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size or <paramref name="numLayers"/> is less than 1, or <paramref name="projSize"/> is not in [0, <paramref name="hiddenSize"/>).</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long Lstm(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false, int projSize = 0) =>
            Stack(4, inputSize, hiddenSize, numLayers, bias, bidirectional, projSize);

        /// <summary>Counts <c>nn.GRU</c>: per layer and direction <c>3h·(i + h) + 6h</c>.</summary>
        /// <param name="inputSize"><c>input_size</c>, at least 1.</param>
        /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
        /// <param name="numLayers"><c>num_layers</c>, at least 1.</param>
        /// <param name="bias"><c>bias</c>.</param>
        /// <param name="bidirectional"><c>bidirectional</c>.</param>
        /// <returns>The parameter count; <c>Gru(5, 4)</c> is 132.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size or <paramref name="numLayers"/> is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long Gru(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false) =>
            Stack(3, inputSize, hiddenSize, numLayers, bias, bidirectional, 0);

        /// <summary>Counts <c>nn.RNNCell</c>, the single-step cell: <c>h·h + h·i + 2h</c>.</summary>
        /// <param name="inputSize"><c>input_size</c>, at least 1.</param>
        /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
        /// <param name="bias"><c>bias</c>.</param>
        /// <returns>The parameter count; <c>RnnCell(5, 4)</c> is 44.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long RnnCell(int inputSize, int hiddenSize, bool bias = true) => Rnn(inputSize, hiddenSize, 1, bias);

        /// <summary>Counts <c>nn.LSTMCell</c>: <c>4 × (h·h + h·i + 2h)</c>.</summary>
        /// <param name="inputSize"><c>input_size</c>, at least 1.</param>
        /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
        /// <param name="bias"><c>bias</c>.</param>
        /// <returns>The parameter count; <c>LstmCell(5, 4)</c> is 176.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long LstmCell(int inputSize, int hiddenSize, bool bias = true) => Lstm(inputSize, hiddenSize, 1, bias);

        /// <summary>Counts <c>nn.GRUCell</c>: <c>3 × (h·h + h·i + 2h)</c>.</summary>
        /// <param name="inputSize"><c>input_size</c>, at least 1.</param>
        /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
        /// <param name="bias"><c>bias</c>.</param>
        /// <returns>The parameter count; <c>GruCell(5, 4)</c> is 132.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
        /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
        public static long GruCell(int inputSize, int hiddenSize, bool bias = true) => Gru(inputSize, hiddenSize, 1, bias);

        private static long Stack(int gates, int inputSize, int hiddenSize, int numLayers, bool bias, bool bidirectional, int projSize)
        {
            Guard.Positive(inputSize, nameof(inputSize));
            Guard.Positive(hiddenSize, nameof(hiddenSize));
            Guard.Positive(numLayers, nameof(numLayers));
            Guard.ProjectionSize(projSize, hiddenSize);
            return GateArithmetic.Stack(gates, hiddenSize, inputSize, numLayers, bidirectional ? 2 : 1, bias ? 2 : 0, projSize);
        }
    }
}
