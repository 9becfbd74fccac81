using System;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>Keras' <c>Activation</c>: applies an activation function element-wise; no weights, output shape equal to the input's.</summary>
/// <remarks>Source: Keras 3 <c>keras/src/layers/activations/activation.py</c>. Instances are immutable and thread-safe.</remarks>
public sealed class Activation : KerasLayer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="activation">Keras <c>activation</c>, e.g. <c>relu</c>; not empty.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> for Keras' generated one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="activation"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="activation"/> is empty.</exception>
    public Activation(string activation = "linear", string? name = null)
        : base("Activation", name)
    {
        Guard.NotEmpty(activation, nameof(activation));
        Function = activation;
    }

    /// <summary>Gets the activation function's name, Keras' <c>activation</c>.</summary>
    /// <value>For example <c>relu</c>; not empty.</value>
    public string Function { get; }

    /// <inheritdoc/>
    public override LayerResult Build(LayerContext context) => LayerMath.NoWeights(Guard.NotNull(context, nameof(context)).Input);
}
