using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>LayerNormalization</c> on the last axis: gamma and beta, <c>2d</c> parameters.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/normalization/layer_normalization.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class LayerNormalization : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="center">Keras <c>center</c>: learn an offset beta.</param>
    /// <param name="scale">Keras <c>scale</c>: learn a factor gamma.</param>
    /// <param name="axes">Keras <c>axis</c>: the normalized axes, counted with the batch as 0, negative from the end; <see langword="null"/> or empty for the last axis. gamma and beta take the shape of these axes.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException">An axis is 0 (the batch axis).</exception>
    public LayerNormalization(bool center = true, bool scale = true, IReadOnlyList<int>? axes = null, string? name = null)
        : base("LayerNormalization", name)
    {
        int[] chosen = axes is { Count: > 0 } ? axes.ToArray() : [-1];
        if (chosen.Contains(0))
        {
            Guard.ThrowOutOfRange(nameof(axes), 0, "must not contain the batch axis 0");
        }

        Center = center;
        Scale = scale;
        Axes = Array.AsReadOnly(chosen);
    }

    /// <summary>Gets the normalized axes.</summary>
    /// <value>At least one axis; <c>[-1]</c> by default.</value>
    public IReadOnlyList<int> Axes { get; }

    /// <summary>Gets a value indicating whether beta is learned.</summary>
    /// <value>Keras <c>center</c>.</value>
    public bool Center { get; }

    /// <summary>Gets a value indicating whether gamma is learned.</summary>
    /// <value>Keras <c>scale</c>.</value>
    public bool Scale { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        long[] dims = Axes.Select(axis => context.ExpectKnown(axis, "the size of the normalized axes")).ToArray();
        var shape = new TensorShape(dims);
        var weights = new List<WeightTensor>();
        if (Scale)
        {
            weights.Add(new WeightTensor("gamma", shape));
        }

        if (Center)
        {
            weights.Add(new WeightTensor("beta", shape));
        }

        return new LayerResult(new[] { context.Input }, weights)
        {
            Derivation = LayerMath.FromWeights("LayerNormalization on " + string.Join("×", dims.Select(LayerMath.Invariant)) + " features", weights),
        };
    }
}
