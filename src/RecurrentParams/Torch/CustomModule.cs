using System;
using System.Collections.Generic;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>A module class of your own, <c>class Encoder(nn.Module)</c>: a class name, named children, parameters and buffers of its own, and its <c>forward</c>.</summary>
/// <remarks>
/// <para>The forward is a function of the call and the first input, written as in Python:</para>
/// <code>
/// var encoder = new CustomModule("Encoder", [("embedding", new Embedding(1000, 64)), ("lstm", new Recurrent(CellType.Lstm, 64, 128, batchFirst: true))],
///     forward: (self, x) =&gt; self.Call("lstm", self.Call("embedding", x)).Item(0));
/// </code>
/// <para>Without a forward the module is not callable, like a PyTorch module that never defines one; it can still be
/// summarized without an input, printed and counted. The forward must depend only on its arguments.</para>
/// <para>Instances are immutable and thread-safe: <see cref="Add"/> and the other methods return changed copies.</para>
/// </remarks>
public sealed class CustomModule : TorchModule
{
    private Func<ForwardContext, Tensor, Tensor>? forward;
    private string extraRepr = string.Empty;

    /// <summary>Initializes a module with children, registered in order as <c>self.name = module</c> in <c>__init__</c>.</summary>
    /// <param name="className">The class name torchinfo and <c>print(model)</c> show; not empty.</param>
    /// <param name="children">The names and children; names unique, not empty, without dots. One module under two names is shared. <see langword="null"/> for none (a leaf of your own, such as an activation).</param>
    /// <param name="forward">The forward pass, <c>(self, x) =&gt; ...</c>; <see langword="null"/> for a module that is not called.</param>
    /// <exception cref="ArgumentNullException"><paramref name="className"/>, a name or a child is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="className"/> is empty, or a name is empty, has a dot or is used twice.</exception>
    public CustomModule(string className, IEnumerable<(string Name, TorchModule Module)>? children = null, Func<ForwardContext, Tensor, Tensor>? forward = null)
        : base(className)
    {
        foreach ((string name, TorchModule module) in children ?? [])
        {
            RegisterModule(name, module);
        }

        this.forward = forward;
    }

    /// <summary>Gets a value indicating whether the module has a forward pass.</summary>
    /// <value><see langword="false"/> when it was made without one.</value>
    public bool HasForward => forward is not null;

    /// <inheritdoc/>
    /// <value>What <see cref="WithExtraRepr"/> set; empty by default.</value>
    public override string ExtraRepr => extraRepr;

    /// <summary>Returns a copy with one more child, as <c>self.name = module</c>.</summary>
    /// <param name="name">The attribute name; not empty, without dots, not already used.</param>
    /// <param name="module">The child.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is empty, has a dot or is taken.</exception>
    public CustomModule Add(string name, TorchModule module)
    {
        var copy = (CustomModule)Extend();
        copy.RegisterModule(name, module);
        return copy;
    }

    /// <summary>Returns a copy with one more parameter of its own, as <c>self.name = nn.Parameter(torch.empty(shape, dtype=...))</c> (trainable).</summary>
    /// <param name="name">The attribute name; not empty, without dots, not already used.</param>
    /// <param name="shape">The parameter's shape.</param>
    /// <param name="elementType">Its element type; default float32.</param>
    /// <returns>The copy; use <see cref="TorchModule.RequiresGrad(string, bool)"/> to freeze the parameter.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is empty, has a dot or is taken.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elementType"/> is not defined.</exception>
    public CustomModule AddParameter(string name, TensorShape shape, ElementType elementType = ElementType.Float32)
    {
        var copy = (CustomModule)Extend();
        copy.RegisterParameter(name, shape, elementType);
        return copy;
    }

    /// <summary>Returns a copy with one more buffer, as <c>self.register_buffer(name, tensor)</c>.</summary>
    /// <param name="name">The attribute name; not empty, without dots, not already used.</param>
    /// <param name="shape">The buffer's shape.</param>
    /// <param name="elementType">Its element type.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is empty, has a dot or is taken.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elementType"/> is not defined.</exception>
    public CustomModule AddBuffer(string name, TensorShape shape, ElementType elementType = ElementType.Float32)
    {
        var copy = (CustomModule)Extend();
        copy.RegisterBuffer(name, shape, elementType);
        return copy;
    }

    /// <summary>Returns a copy with another forward pass.</summary>
    /// <param name="forward">The forward pass, <c>(self, x) =&gt; ...</c>.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="forward"/> is <see langword="null"/>.</exception>
    public CustomModule WithForward(Func<ForwardContext, Tensor, Tensor> forward)
    {
        var copy = (CustomModule)Extend();
        copy.forward = Guard.NotNull(forward, nameof(forward));
        return copy;
    }

    /// <summary>Returns a copy whose <c>print(model)</c> line shows the given arguments, as an <c>extra_repr()</c> override.</summary>
    /// <param name="extraRepr">The text inside the parentheses, e.g. <c>heads=4</c>; lines separated by <c>\n</c>.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="extraRepr"/> is <see langword="null"/>.</exception>
    public CustomModule WithExtraRepr(string extraRepr)
    {
        var copy = (CustomModule)Extend();
        copy.extraRepr = Guard.NotNull(extraRepr, nameof(extraRepr));
        return copy;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The module has no forward pass, or the forward fails.</exception>
    protected internal override Tensor Forward(ForwardContext context)
    {
        Guard.NotNull(context, nameof(context));
        if (forward is null)
        {
            context.Fail("has no forward pass; give the CustomModule one, or summarize the model without an input");
        }

        Tensor? output = forward(context, context.Input);
        if (output is null)
        {
            context.Fail("returned null from its forward; return a tensor or a tuple");
        }

        return output;
    }
}
