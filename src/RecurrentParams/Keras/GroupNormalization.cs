using System;
using System.Collections.Generic;
using System.Globalization;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>GroupNormalization</c>: normalizes groups of channels; gamma and beta per channel.</summary>
/// <remarks>
/// Weights: gamma <c>(c,)</c> with <see cref="Scale"/>, beta <c>(c,)</c> with <see cref="Center"/>, c the size of the
/// normalized axis, which the groups must divide. Source: Keras 3 <c>keras/src/layers/normalization/group_normalization.py</c>.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class GroupNormalization : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="groups">Keras <c>groups</c>: at least 1, or -1 for one group per channel (instance normalization).</param>
    /// <param name="axis">Keras <c>axis</c>: the channels axis, counted with the batch as 0, negative from the end; not 0.</param>
    /// <param name="center">Keras <c>center</c>: learn an offset beta.</param>
    /// <param name="scale">Keras <c>scale</c>: learn a factor gamma.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="groups"/> is 0 or below -1, or <paramref name="axis"/> is 0.</exception>
    public GroupNormalization(int groups = 32, int axis = -1, bool center = true, bool scale = true, string? name = null)
        : base("GroupNormalization", name)
    {
        if (groups == 0 || groups < -1)
        {
            Guard.ThrowOutOfRange(nameof(groups), groups, "must be at least 1, or -1 for one group per channel");
        }

        if (axis == 0)
        {
            Guard.ThrowOutOfRange(nameof(axis), axis, "must not be the batch axis 0");
        }

        Groups = groups;
        Axis = axis;
        Center = center;
        Scale = scale;
    }

    /// <summary>Gets the number of groups.</summary>
    /// <value>At least 1, or -1 for one per channel; default 32.</value>
    public int Groups { get; }

    /// <summary>Gets the channels axis.</summary>
    /// <value>Keras <c>axis</c>; default -1.</value>
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
        long channels = context.ExpectKnown(Axis, "the size of the channels axis");
        long groups = Groups == -1 ? channels : Groups;
        if (groups > channels || channels % groups != 0)
        {
            context.Fail(string.Format(CultureInfo.InvariantCulture, "splits {0} channels into {1} groups; the groups must divide the channels", channels, groups));
        }

        var weights = new List<WeightTensor>();
        if (Scale)
        {
            weights.Add(new WeightTensor("gamma", new TensorShape(channels)));
        }

        if (Center)
        {
            weights.Add(new WeightTensor("beta", new TensorShape(channels)));
        }

        return new LayerResult(new[] { context.Input }, weights)
        {
            Derivation = LayerMath.FromWeights("GroupNormalization(groups=" + LayerMath.Invariant(groups) + ") on " + LayerMath.Invariant(channels) + " channels", weights),
        };
    }
}
