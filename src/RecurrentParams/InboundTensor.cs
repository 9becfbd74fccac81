using System;
using System.Globalization;
using RecurrentParams.Internal;

namespace RecurrentParams;

/// <summary>A tensor a layer of a graph (Functional) model receives: the layer that produced it, on which of its calls, and which of its outputs.</summary>
/// <remarks>Prints as Keras' "Connected to" column does, <c>lstm[0][0]</c>. Instances are immutable and thread-safe; equality is by value.</remarks>
public sealed class InboundTensor : IEquatable<InboundTensor>
{
    /// <summary>Initializes a reference.</summary>
    /// <param name="layer">The name of the layer that produced the tensor; not empty.</param>
    /// <param name="nodeIndex">Which call of that layer produced it (Keras' node index), 0 or more.</param>
    /// <param name="tensorIndex">Which of that call's outputs it is, 0 or more.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="layer"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nodeIndex"/> or <paramref name="tensorIndex"/> is negative.</exception>
    public InboundTensor(string layer, int nodeIndex, int tensorIndex)
    {
        if (Guard.NotNull(layer, nameof(layer)).Length == 0)
        {
            Guard.ThrowArgument(nameof(layer), "'layer' must not be empty.");
        }

        Guard.NotNegative(nodeIndex, nameof(nodeIndex));
        Guard.NotNegative(tensorIndex, nameof(tensorIndex));
        Layer = layer;
        NodeIndex = nodeIndex;
        TensorIndex = tensorIndex;
    }

    /// <summary>Gets the name of the layer that produced the tensor.</summary>
    /// <value>Not empty.</value>
    public string Layer { get; }

    /// <summary>Gets which call of <see cref="Layer"/> produced the tensor.</summary>
    /// <value>0 or more; 0 unless the layer is shared.</value>
    public int NodeIndex { get; }

    /// <summary>Gets which output of that call the tensor is.</summary>
    /// <value>0 or more; 0 is the main output.</value>
    public int TensorIndex { get; }

    /// <inheritdoc/>
    public bool Equals(InboundTensor? other) =>
        other is not null && Layer == other.Layer && NodeIndex == other.NodeIndex && TensorIndex == other.TensorIndex;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as InboundTensor);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        unchecked((((StringComparer.Ordinal.GetHashCode(Layer) * 31) + NodeIndex) * 31) + TensorIndex);

    /// <summary>Formats the reference as Keras does: <c>layer[node][tensor]</c>.</summary>
    /// <returns>For example <c>lstm[0][0]</c>.</returns>
    public override string ToString() =>
        Layer + "[" + NodeIndex.ToString(CultureInfo.InvariantCulture) + "][" + TensorIndex.ToString(CultureInfo.InvariantCulture) + "]";
}
