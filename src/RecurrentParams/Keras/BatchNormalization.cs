using System;
using System.Collections.Generic;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>BatchNormalization</c> on the last axis: 4c weights, of which the moving statistics are non-trainable.</summary>
/// <remarks>
/// Weights: gamma <c>(c,)</c> (with <see cref="Scale"/>), beta <c>(c,)</c> (with <see cref="Center"/>), moving_mean and
/// moving_variance <c>(c,)</c>, non-trainable. Keras counts the moving statistics as parameters ("Non-trainable params");
/// PyTorch's <c>BatchNorm1d</c> keeps them as buffers and does not. Source: Keras 3
/// <c>keras/src/layers/normalization/batch_normalization.py</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class BatchNormalization : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="center">Keras <c>center</c>: learn an offset beta.</param>
    /// <param name="scale">Keras <c>scale</c>: learn a factor gamma.</param>
    /// <param name="axis">Keras <c>axis</c>: the channel axis, counted with the batch as 0; negative counts from the end (default -1, the last).</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is 0 (the batch axis).</exception>
    public BatchNormalization(bool center = true, bool scale = true, int axis = -1, string? name = null)
        : base("BatchNormalization", name)
    {
        if (axis == 0)
        {
            Guard.ThrowOutOfRange(nameof(axis), axis, "must not be the batch axis 0");
        }

        Center = center;
        Scale = scale;
        Axis = axis;
    }

    /// <summary>Gets the channel axis.</summary>
    /// <value>Keras <c>axis</c>; -1 for the last.</value>
    public int Axis { get; }

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
        long channels = context.ExpectKnown(Axis, "the size of the normalized axis");
        var shape = new TensorShape(channels);
        var weights = new List<WeightTensor>();
        if (Scale)
        {
            weights.Add(new WeightTensor("gamma", shape));
        }

        if (Center)
        {
            weights.Add(new WeightTensor("beta", shape));
        }

        weights.Add(new WeightTensor("moving_mean", shape) { Trainable = false });
        weights.Add(new WeightTensor("moving_variance", shape) { Trainable = false });
        return new LayerResult(new[] { context.Input }, weights)
        {
            Derivation = LayerMath.FromWeights("BatchNormalization on " + LayerMath.Invariant(channels) + " features (moving mean and variance non-trainable)", weights),
        };
    }
}
