using System;
using System.Collections.Generic;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.ModuleDict</c>: named children, which the parent's forward calls by name (<c>self.Call("heads.intent", x)</c>); the dictionary itself is not callable.</summary>
/// <remarks>Keys keep their insertion order, as in PyTorch. Instances are immutable and thread-safe.</remarks>
public sealed class ModuleDict : TorchModule
{
    /// <summary>Initializes the dictionary, as <c>nn.ModuleDict({...})</c>.</summary>
    /// <param name="modules">The keys and children, in order; keys unique, not empty, without dots.</param>
    /// <exception cref="ArgumentNullException"><paramref name="modules"/>, a key or a child is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A key is empty, has a dot or is used twice.</exception>
    public ModuleDict(IEnumerable<(string Name, TorchModule Module)> modules)
        : base("ModuleDict")
    {
        foreach ((string name, TorchModule module) in Guard.NotNull(modules, nameof(modules)))
        {
            RegisterModule(name, module);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Always: a ModuleDict has no forward.</exception>
    protected internal override Tensor Forward(ForwardContext context)
    {
        Guard.NotNull(context, nameof(context)).Fail("is not callable (PyTorch: missing the required \"forward\" function); call its entries by name, e.g. self.Call(\"heads.intent\", x)");
        return context.Input;
    }
}
