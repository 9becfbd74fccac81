using System;
using RecurrentParams.Internal;

namespace RecurrentParams.Layers;

/// <summary>What every layer shares, whatever its framework: a class name, an optional name, and how it builds on its input.</summary>
/// <remarks>
/// <para>
/// A layer belongs to one framework: derive from <see cref="Keras.KerasLayer"/> for a Keras layer or from
/// <see cref="Torch.TorchModule"/> for a PyTorch module, never from this class directly. That is what keeps a Keras
/// layer out of a PyTorch model at compile time. The built-in layers use the same two extension points.
/// </para>
/// <para>
/// A layer is a description (its configuration), not an instance with weights: the same object may be added to
/// several models. Implementations must be immutable and thread-safe.
/// </para>
/// </remarks>
public abstract class Layer
{
    /// <summary>Initializes a layer.</summary>
    /// <param name="className">The framework's class name, shown in summaries as the layer's type (<c>LSTM</c>, <c>Dense</c>).</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> to let the builder name it as Keras does.</param>
    /// <exception cref="ArgumentNullException"><paramref name="className"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="className"/> or <paramref name="name"/> is empty.</exception>
    private protected Layer(string className, string? name)
    {
        Guard.NotNull(className, nameof(className));
        if (className.Length == 0)
        {
            Guard.ThrowArgument(nameof(className), "'className' must not be empty.");
        }

        if (name is { Length: 0 })
        {
            Guard.ThrowArgument(nameof(name), "'name' must not be empty; pass null to get a generated name.");
        }

        ClassName = className;
        Name = name;
    }

    /// <summary>Gets the framework's class name, shown as the layer's type.</summary>
    /// <value>For example <c>LSTM</c>, <c>Bidirectional</c>, <c>Linear</c>.</value>
    public string ClassName { get; }

    /// <summary>Gets the explicit layer name.</summary>
    /// <value><see langword="null"/> when the builder generates the name.</value>
    public string? Name { get; }

    /// <summary>Gets the base of generated names: Keras' snake-cased class name (<c>lstm</c>, then <c>lstm_1</c>, ...).</summary>
    /// <value>The snake-cased <see cref="ClassName"/> unless overridden.</value>
    public virtual string NameBase => KerasNaming.ToSnakeCase(ClassName);

    /// <summary>Infers the output shapes and lists the weights of this layer for the given input.</summary>
    /// <param name="context">The input shape, the resolved name and the helpers to report bad input.</param>
    /// <returns>The outputs, weights, derivation and multiply-accumulates of the layer.</returns>
    /// <exception cref="InvalidOperationException">The input does not fit the layer; raise it with <see cref="LayerContext.Fail"/> or the <c>Expect</c> helpers.</exception>
    public abstract LayerResult Build(LayerContext context);

    /// <summary>Gets the framework this layer belongs to.</summary>
    internal abstract Convention Convention { get; }

    /// <summary>Gets a value indicating whether the layer is a row of the summary; forward-pass operations that are not modules (taking the last time step) are not.</summary>
    internal virtual bool ShowsInSummary => true;

    /// <summary>Gets a value indicating whether the layer is frozen by its own configuration (Keras' <c>trainable=False</c>).</summary>
    internal virtual bool IsFrozen => false;

    /// <summary>Tells a user how to make this layer return a sequence, when a following layer needs one.</summary>
    /// <param name="name">This layer's resolved name.</param>
    /// <returns>A remedy, or <see langword="null"/> when there is none.</returns>
    internal virtual string? Remedy(string name) => null;
}
