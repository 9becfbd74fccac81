using System;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Concatenate</c>: joins a list of tensors along an axis; no weights.</summary>
/// <remarks>
/// The output is the first input's shape with the axis' lengths summed (unknown when one is). In a
/// <see cref="KerasModelBuilder"/>, name the layers it joins: <c>.Concatenate(["lstm", "gru"])</c>. Source: Keras 3
/// <c>keras/src/layers/merging/concatenate.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class Concatenate : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="axis">Keras <c>axis</c>: the joined axis, counted with the batch as 0, negative from the end; not the batch axis.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is 0.</exception>
    public Concatenate(int axis = -1, string? name = null)
        : base("Concatenate", name)
    {
        if (axis == 0)
        {
            Guard.ThrowOutOfRange(nameof(axis), axis, "must not be the batch axis 0");
        }

        Axis = axis;
    }

    /// <summary>Gets the joined axis.</summary>
    /// <value>Keras <c>axis</c>; default -1, the last.</value>
    public int Axis { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        LayerMath.NoWeights(MergeMath.Concatenate(Guard.NotNull(context, nameof(context)), Axis));
}
