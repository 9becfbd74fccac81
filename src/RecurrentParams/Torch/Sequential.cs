using System;
using System.Collections.Generic;
using System.Globalization;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.Sequential</c>: children called one after another, each on what the previous one returned.</summary>
/// <remarks>
/// As in PyTorch, a child gets the previous child's whole output: after an <c>LSTM</c>, the tuple <c>(output, (h_n, c_n))</c>,
/// which a <c>Linear</c> cannot take; put a module of your own between them that picks the element (a
/// <see cref="CustomModule"/> whose forward returns <c>x.Item(0)</c>). Instances are immutable and thread-safe.
/// </remarks>
public sealed class Sequential : TorchModule
{
    /// <summary>Initializes the container with children named <c>0</c>, <c>1</c>, ..., as <c>nn.Sequential(*modules)</c>.</summary>
    /// <param name="modules">The children, in call order; possibly none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="modules"/> or an element is <see langword="null"/>.</exception>
    public Sequential(params TorchModule[] modules)
        : base("Sequential")
    {
        Guard.NotNull(modules, nameof(modules));
        for (int k = 0; k < modules.Length; k++)
        {
            RegisterModule(k.ToString(CultureInfo.InvariantCulture), Guard.NotNull(modules[k], nameof(modules)));
        }
    }

    /// <summary>Initializes the container with named children, as <c>nn.Sequential(OrderedDict([...]))</c>.</summary>
    /// <param name="modules">The names and children, in call order; names unique, not empty, without dots.</param>
    /// <exception cref="ArgumentNullException"><paramref name="modules"/>, a name or a child is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is empty, has a dot or is used twice.</exception>
    public Sequential(IEnumerable<(string Name, TorchModule Module)> modules)
        : base("Sequential")
    {
        foreach ((string name, TorchModule module) in Guard.NotNull(modules, nameof(modules)))
        {
            RegisterModule(name, module);
        }
    }

    /// <inheritdoc/>
    protected internal override Tensor Forward(ForwardContext context)
    {
        Guard.NotNull(context, nameof(context));
        if (context.Inputs.Count != 1)
        {
            context.Fail("takes one input, as Sequential.forward(input), but receives " + context.Inputs.Count.ToString(CultureInfo.InvariantCulture));
        }

        Tensor x = context.Input;
        foreach ((string name, _) in Children)
        {
            x = context.Call(name, x);
        }

        return x;
    }
}
