using System;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.Dropout</c>: no parameters, output shape equal to the input's.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class Dropout : TorchModule
{
    /// <summary>Initializes the module.</summary>
    /// <param name="p"><c>p</c>: the probability of zeroing an element, in [0, 1].</param>
    /// <param name="name">An explicit name, or <see langword="null"/> for a generated one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
    public Dropout(double p = 0.5, string? name = null)
        : base("Dropout", name)
    {
        if (!(p >= 0 && p <= 1))
        {
            Guard.ThrowOutOfRange(nameof(p), p, "must be in [0, 1]");
        }

        P = p;
    }

    /// <summary>Gets <c>p</c>.</summary>
    /// <value>In [0, 1].</value>
    public double P { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) =>
        new(new[] { Guard.NotNull(context, nameof(context)).Input }, Array.Empty<WeightTensor>());
}
