using System;
using RecurrentParams.Layers;

namespace RecurrentParams.Keras;

/// <summary>A Keras layer: what a <see cref="KerasModelBuilder"/> stacks. Derive from it to add a Keras layer the library does not have.</summary>
/// <remarks>
/// <para>
/// The built-in Keras layers (<see cref="Recurrent"/>, <see cref="Dense"/>, <see cref="Bidirectional"/>, ...) derive
/// from this class too. Override <see cref="Layer.Build"/> to infer the output shapes from the input and to list the
/// weights with Keras' names and shapes (<c>kernel (in, out)</c>, <c>bias (out,)</c>); raise bad input with
/// <see cref="LayerContext.Fail"/>. Generated names follow Keras: the snake-cased class name, then <c>_1</c>, <c>_2</c>, ...
/// </para>
/// <para>Implementations must be immutable and thread-safe: one layer object may be added to several models.</para>
/// </remarks>
public abstract class KerasLayer : Layer
{
    /// <summary>Initializes a Keras layer.</summary>
    /// <param name="className">Keras' class name, shown as the layer's type (<c>LSTM</c>, <c>Dense</c>); not empty.</param>
    /// <param name="name">An explicit layer name, or <see langword="null"/> to let the builder name it as Keras does; not empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="className"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="className"/> or <paramref name="name"/> is empty.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0022:Constructor make noninheritable base class inheritable", Justification = "By design: Layer is open only through the two framework bases, so a layer always belongs to one framework.")]
    protected KerasLayer(string className, string? name)
        : base(className, name)
    {
    }

    /// <summary>Gets a value indicating whether the layer is trained, as Keras' <c>trainable</c>; set it to <see langword="false"/> to freeze the layer.</summary>
    /// <value>
    /// Default <see langword="true"/>. A frozen layer's weights count as non-trainable, and so do those of every layer it
    /// wraps or nests, as Keras' <c>layer.trainable = False</c> freezes a layer and its sublayers. Use it with an object
    /// initializer: <c>new Recurrent(CellType.Lstm, 4) { Trainable = false }</c>.
    /// </value>
    public bool Trainable { get; init; } = true;

    /// <inheritdoc/>
    internal sealed override Convention Convention => Convention.Keras;

    /// <inheritdoc/>
    internal sealed override bool IsFrozen => !Trainable;

    /// <summary>Tells a user how to make this layer return a sequence, when a following layer needs one (a recurrent layer before another).</summary>
    /// <param name="name">This layer's resolved name.</param>
    /// <returns>A remedy such as <c>set returnSequences: true on 'lstm'</c>, or <see langword="null"/> when there is none (the default).</returns>
    protected virtual string? SequenceRemedy(string name) => null;

    /// <inheritdoc/>
    internal sealed override string? Remedy(string name) => SequenceRemedy(name);
}
