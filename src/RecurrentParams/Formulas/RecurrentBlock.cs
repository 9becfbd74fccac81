using System;

namespace RecurrentParams.Formulas;

/// <summary>One (layer, direction) block of a recurrent layer: the unit whose weights a formula describes.</summary>
/// <remarks>
/// A spec with <c>NumLayers = L</c> and <c>Directions = D</c> has <c>L × D</c> blocks, layers outer, directions inner,
/// as PyTorch registers its parameters. Block input sizes follow PyTorch's <c>RNNBase</c>: layer 0 takes the spec's
/// input size, layer k &gt; 0 takes <c>D × </c> the per-direction output size. Instances are immutable.
/// </remarks>
public readonly struct RecurrentBlock : IEquatable<RecurrentBlock>
{
    /// <summary>Initializes a block.</summary>
    /// <param name="layer">The layer index, 0 for the first layer.</param>
    /// <param name="reverse"><see langword="true"/> for the backward direction of a bidirectional layer.</param>
    /// <param name="inputSize">The number of features entering this block.</param>
    public RecurrentBlock(int layer, bool reverse, long inputSize)
    {
        Layer = layer;
        Reverse = reverse;
        InputSize = inputSize;
    }

    /// <summary>Gets the layer index.</summary>
    /// <value>0 for the first layer.</value>
    public int Layer { get; }

    /// <summary>Gets a value indicating whether this block runs backward in time.</summary>
    /// <value><see langword="true"/> for PyTorch's <c>_reverse</c> weights and Keras' <c>backward_</c> layer.</value>
    public bool Reverse { get; }

    /// <summary>Gets the number of features entering this block.</summary>
    /// <value>The spec's input size on layer 0; directions × output size on deeper layers.</value>
    public long InputSize { get; }

    /// <summary>Compares two blocks by value.</summary>
    /// <param name="left">The first block.</param>
    /// <param name="right">The second block.</param>
    /// <returns><see langword="true"/> when all properties are equal.</returns>
    public static bool operator ==(RecurrentBlock left, RecurrentBlock right) => left.Equals(right);

    /// <summary>Compares two blocks by value.</summary>
    /// <param name="left">The first block.</param>
    /// <param name="right">The second block.</param>
    /// <returns><see langword="true"/> when a property differs.</returns>
    public static bool operator !=(RecurrentBlock left, RecurrentBlock right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(RecurrentBlock other) => Layer == other.Layer && Reverse == other.Reverse && InputSize == other.InputSize;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RecurrentBlock other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => unchecked((((Layer * 31) + (Reverse ? 1 : 0)) * 31) + InputSize.GetHashCode());
}
