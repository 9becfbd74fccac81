using System;
using System.Diagnostics.Contracts;
using RecurrentParams.Internal;

namespace RecurrentParams;

public sealed partial record LayerSpec
{
    /// <summary>Creates specs of PyTorch <c>torch.nn</c> recurrent modules, with their names and argument order <c>(inputSize, hiddenSize, ...)</c>.</summary>
    /// <remarks>The specs have <see cref="Convention.Torch"/>; <see cref="Params.Torch"/> counts the same modules directly.</remarks>
    public static class Torch
    {
        /// <summary>Creates an <c>nn.RNN</c> spec (tanh and relu count the same).</summary>
        /// <param name="inputSize">PyTorch <c>input_size</c>, at least 1.</param>
        /// <param name="hiddenSize">PyTorch <c>hidden_size</c>, at least 1.</param>
        /// <param name="numLayers">PyTorch <c>num_layers</c>, at least 1.</param>
        /// <param name="bias">PyTorch <c>bias</c>: two bias vectors, <c>bias_ih</c> and <c>bias_hh</c>.</param>
        /// <param name="bidirectional">PyTorch <c>bidirectional</c>.</param>
        /// <returns>The spec.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size or <paramref name="numLayers"/> is less than 1.</exception>
        [Pure]
        public static LayerSpec Rnn(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false) =>
            TorchSpec(CellType.SimpleRnn, inputSize, hiddenSize, numLayers, bias, bidirectional);

        /// <summary>Creates an <c>nn.LSTM</c> spec.</summary>
        /// <param name="inputSize">PyTorch <c>input_size</c>, at least 1.</param>
        /// <param name="hiddenSize">PyTorch <c>hidden_size</c>, at least 1.</param>
        /// <param name="numLayers">PyTorch <c>num_layers</c>, at least 1.</param>
        /// <param name="bias">PyTorch <c>bias</c>.</param>
        /// <param name="bidirectional">PyTorch <c>bidirectional</c>.</param>
        /// <param name="projSize">PyTorch <c>proj_size</c>: 0, or 1 to <paramref name="hiddenSize"/> − 1.</param>
        /// <returns>The spec.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size or <paramref name="numLayers"/> is less than 1, or <paramref name="projSize"/> is not in [0, <paramref name="hiddenSize"/>).</exception>
        [Pure]
        public static LayerSpec Lstm(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false, int projSize = 0)
        {
            Guard.ProjectionSize(projSize, hiddenSize);
            return TorchSpec(CellType.Lstm, inputSize, hiddenSize, numLayers, bias, bidirectional) with { ProjSize = projSize };
        }

        /// <summary>Creates an <c>nn.GRU</c> spec.</summary>
        /// <param name="inputSize">PyTorch <c>input_size</c>, at least 1.</param>
        /// <param name="hiddenSize">PyTorch <c>hidden_size</c>, at least 1.</param>
        /// <param name="numLayers">PyTorch <c>num_layers</c>, at least 1.</param>
        /// <param name="bias">PyTorch <c>bias</c>.</param>
        /// <param name="bidirectional">PyTorch <c>bidirectional</c>.</param>
        /// <returns>The spec.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size or <paramref name="numLayers"/> is less than 1.</exception>
        [Pure]
        public static LayerSpec Gru(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false) =>
            TorchSpec(CellType.Gru, inputSize, hiddenSize, numLayers, bias, bidirectional);

        /// <summary>Creates an <c>nn.RNNCell</c> spec.</summary>
        /// <param name="inputSize">PyTorch <c>input_size</c>, at least 1.</param>
        /// <param name="hiddenSize">PyTorch <c>hidden_size</c>, at least 1.</param>
        /// <param name="bias">PyTorch <c>bias</c>.</param>
        /// <returns>The spec.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
        [Pure]
        public static LayerSpec RnnCell(int inputSize, int hiddenSize, bool bias = true) =>
            TorchSpec(CellType.SimpleRnn, inputSize, hiddenSize, 1, bias, bidirectional: false) with { IsCell = true };

        /// <summary>Creates an <c>nn.LSTMCell</c> spec.</summary>
        /// <param name="inputSize">PyTorch <c>input_size</c>, at least 1.</param>
        /// <param name="hiddenSize">PyTorch <c>hidden_size</c>, at least 1.</param>
        /// <param name="bias">PyTorch <c>bias</c>.</param>
        /// <returns>The spec.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
        [Pure]
        public static LayerSpec LstmCell(int inputSize, int hiddenSize, bool bias = true) =>
            TorchSpec(CellType.Lstm, inputSize, hiddenSize, 1, bias, bidirectional: false) with { IsCell = true };

        /// <summary>Creates an <c>nn.GRUCell</c> spec.</summary>
        /// <param name="inputSize">PyTorch <c>input_size</c>, at least 1.</param>
        /// <param name="hiddenSize">PyTorch <c>hidden_size</c>, at least 1.</param>
        /// <param name="bias">PyTorch <c>bias</c>.</param>
        /// <returns>The spec.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
        [Pure]
        public static LayerSpec GruCell(int inputSize, int hiddenSize, bool bias = true) =>
            TorchSpec(CellType.Gru, inputSize, hiddenSize, 1, bias, bidirectional: false) with { IsCell = true };
    }

    internal static LayerSpec TorchSpec(CellType cellType, int inputSize, int hiddenSize, int numLayers, bool bias, bool bidirectional)
    {
        // Validate in the argument order a PyTorch user wrote them, with PyTorch's parameter names.
        Guard.Positive(inputSize, nameof(inputSize));
        Guard.Positive(hiddenSize, nameof(hiddenSize));
        return new LayerSpec(cellType, hiddenSize, inputSize)
        {
            Convention = Convention.Torch,
            NumLayers = numLayers,
            UseBias = bias,
            Bidirectional = bidirectional,
        };
    }
}
