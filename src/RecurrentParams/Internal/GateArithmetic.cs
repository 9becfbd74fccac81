namespace RecurrentParams.Internal;

/// <summary>
/// The one home of the recurrent arithmetic: a gate block <c>G·(u·r + u·i + b·u) + p·u</c> and a stack
/// of such blocks over layers and directions. Every built-in formula and the <see cref="Params"/> facade call it.
/// </summary>
/// <remarks>
/// All terms are non-negative, so an intermediate result never exceeds the final one: an
/// <see cref="System.OverflowException"/> from these checked expressions means the count itself does not fit.
/// </remarks>
internal static class GateArithmetic
{
    /// <summary>Parameters of one (layer, direction) block.</summary>
    /// <param name="gates">G: 1 for SimpleRNN, 3 for GRU, 4 for LSTM.</param>
    /// <param name="units">u: units (hidden size).</param>
    /// <param name="inputSize">i: features entering the block.</param>
    /// <param name="recurrentSize">r: width of the recurrent state fed back (u, or the projection size).</param>
    /// <param name="biasVectors">b: bias vectors per gate (0, 1 in Keras, 2 in PyTorch and Keras GRU reset_after).</param>
    /// <param name="projectionSize">p: projection size (PyTorch LSTM proj_size), 0 for none.</param>
    public static long Block(long gates, long units, long inputSize, long recurrentSize, long biasVectors, long projectionSize) =>
        checked((gates * ((units * recurrentSize) + (units * inputSize) + (biasVectors * units))) + (projectionSize * units));

    /// <summary>Parameters of <paramref name="numLayers"/> stacked layers in <paramref name="directions"/> directions.</summary>
    /// <remarks>Layer k &gt; 0 takes <c>directions × (projSize or units)</c> inputs, as PyTorch's <c>RNNBase</c> does.</remarks>
    public static long Stack(long gates, long units, long inputSize, long numLayers, long directions, long biasVectors, long projectionSize)
    {
        long recurrentSize = projectionSize > 0 ? projectionSize : units;
        long first = Block(gates, units, inputSize, recurrentSize, biasVectors, projectionSize);
        if (numLayers == 1)
        {
            return checked(directions * first);
        }

        long deeper = Block(gates, units, checked(directions * recurrentSize), recurrentSize, biasVectors, projectionSize);
        return checked(directions * (first + ((numLayers - 1) * deeper)));
    }
}
