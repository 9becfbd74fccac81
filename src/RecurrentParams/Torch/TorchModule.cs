using System;
using RecurrentParams.Layers;

namespace RecurrentParams.Torch;

/// <summary>A PyTorch module: what a <see cref="TorchModelBuilder"/> adds. Derive from it to add a <c>torch.nn</c> module the library does not have.</summary>
/// <remarks>
/// <para>
/// The built-in modules (<see cref="Recurrent"/>, <see cref="Linear"/>, <see cref="Embedding"/>, ...) derive from this
/// class too. Override <see cref="Layer.Build"/> to infer the output shape from the input and to list the parameters
/// with PyTorch's names and shapes (<c>weight (out, in)</c>, <c>bias (out,)</c>); raise bad input with
/// <see cref="LayerContext.Fail"/>.
/// </para>
/// <para>Implementations must be immutable and thread-safe: one module object may be added to several models.</para>
/// </remarks>
public abstract class TorchModule : Layer
{
    /// <summary>Initializes a PyTorch module.</summary>
    /// <param name="className">The module's class name, shown as its type (<c>LSTM</c>, <c>Linear</c>); not empty.</param>
    /// <param name="name">An explicit name, or <see langword="null"/> for a generated one; not empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="className"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="className"/> or <paramref name="name"/> is empty.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0022:Constructor make noninheritable base class inheritable", Justification = "By design: Layer is open only through the two framework bases, so a layer always belongs to one framework.")]
    protected TorchModule(string className, string? name)
        : base(className, name)
    {
    }

    /// <inheritdoc/>
    internal sealed override Convention Convention => Convention.Torch;
}
