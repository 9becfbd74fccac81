using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>PyTorch's <c>nn.ModuleList</c>: children named <c>0</c>, <c>1</c>, ..., which the parent's forward calls; the list itself is not callable.</summary>
/// <remarks>
/// Loop over it in a forward: <c>foreach (string name in self.ChildNames("layers")) x = self.Call("layers." + name, x);</c>.
/// torchinfo shows the list as a row above its children, again whenever the forward pass comes back to it after another
/// module. Instances are immutable and thread-safe.
/// </remarks>
public sealed class ModuleList : TorchModule
{
    /// <summary>Initializes the list, as <c>nn.ModuleList(modules)</c>.</summary>
    /// <param name="modules">The children; possibly none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="modules"/> or an element is <see langword="null"/>.</exception>
    public ModuleList(params TorchModule[] modules)
        : this((IEnumerable<TorchModule>)Guard.NotNull(modules, nameof(modules)))
    {
    }

    /// <summary>Initializes the list, as <c>nn.ModuleList(modules)</c>.</summary>
    /// <param name="modules">The children; possibly none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="modules"/> or an element is <see langword="null"/>.</exception>
    public ModuleList(IEnumerable<TorchModule> modules)
        : base("ModuleList")
    {
        TorchModule[] all = Guard.NotNull(modules, nameof(modules)).ToArray();
        for (int k = 0; k < all.Length; k++)
        {
            RegisterModule(k.ToString(CultureInfo.InvariantCulture), Guard.NotNull(all[k], nameof(modules)));
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Always: a ModuleList has no forward.</exception>
    protected internal override Tensor Forward(ForwardContext context)
    {
        Guard.NotNull(context, nameof(context)).Fail("is not callable (PyTorch: missing the required \"forward\" function); call its children, e.g. self.Call(\"layers.0\", x), or loop over ChildNames(\"layers\")");
        return context.Input;
    }
}
