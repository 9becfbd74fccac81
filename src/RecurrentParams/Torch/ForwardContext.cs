using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using RecurrentParams.Internal;

namespace RecurrentParams.Torch;

/// <summary>One call of a module in a forward pass: what it received, and how it calls its submodules (PyTorch's <c>self</c> inside <c>forward</c>).</summary>
/// <remarks>
/// <para>A <see cref="TorchModule.Forward"/> gets one per call. Calling a submodule through <see cref="Call"/> is what
/// makes it a row of torchinfo's summary, in the order of the calls; shape-only steps on <see cref="Tensor"/>s make no row.</para>
/// <para>Not thread-safe; valid only during the call it was made for.</para>
/// </remarks>
public sealed class ForwardContext
{
    private readonly TorchTrace trace;
    private readonly Tensor[] inputs;

    internal ForwardContext(TorchTrace trace, TorchModule module, string path, Tensor[] inputs)
    {
        this.trace = trace;
        Module = module;
        Path = path;
        this.inputs = inputs;
    }

    /// <summary>Gets the module being called.</summary>
    /// <value>The module whose <see cref="TorchModule.Forward"/> runs.</value>
    public TorchModule Module { get; }

    /// <summary>Gets the module's path in the model, as <c>named_modules()</c> names it.</summary>
    /// <value>For example <c>encoder.lstm</c>; empty for the model itself.</value>
    public string Path { get; }

    /// <summary>Gets the positional arguments of the call.</summary>
    /// <value>Possibly empty.</value>
    public IReadOnlyList<Tensor> Inputs => Array.AsReadOnly(inputs);

    /// <summary>Gets the first argument, <c>forward(self, x)</c>'s <c>x</c>.</summary>
    /// <value>The first of <see cref="Inputs"/>.</value>
    /// <exception cref="InvalidOperationException">The module was called without arguments.</exception>
    public Tensor Input
    {
        get
        {
            if (inputs.Length == 0)
            {
                Fail("expects an input but was called without arguments");
            }

            return inputs[0];
        }
    }

    /// <summary>Calls a submodule, <c>self.lstm(x)</c> or <c>self.blocks[0](x)</c>: it runs its forward and becomes a row of the summary.</summary>
    /// <param name="path">The submodule's dotted path from this module: <c>lstm</c>, <c>blocks.0</c>, <c>heads.intent</c>.</param>
    /// <param name="inputs">The arguments, e.g. <c>x</c> or <c>x, hidden</c>.</param>
    /// <returns>What the submodule returns.</returns>
    /// <exception cref="ArgumentNullException">An argument or an input is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">There is no such submodule, or it cannot take the inputs.</exception>
    public Tensor Call(string path, params Tensor[] inputs)
    {
        Guard.NotNull(path, nameof(path));
        Guard.NotNull(inputs, nameof(inputs));
        foreach (Tensor input in inputs)
        {
            Guard.NotNull(input, nameof(inputs));
        }

        (TorchModule target, string targetPath) = Resolve(path);
        return trace.Invoke(target, targetPath, (Tensor[])inputs.Clone());
    }

    /// <summary>Lists the names of a submodule's children, to loop over an <c>nn.ModuleList</c> or <c>nn.ModuleDict</c>.</summary>
    /// <param name="path">The submodule's dotted path from this module; empty for this module.</param>
    /// <returns>The child names in registration order (<c>0</c>, <c>1</c>, ... for a list).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">There is no such submodule.</exception>
    public IReadOnlyList<string> ChildNames(string path = "")
    {
        Guard.NotNull(path, nameof(path));
        return Resolve(path).Module.Children.Select(c => c.Name).ToList().AsReadOnly();
    }

    /// <summary>Reports an input this module cannot take, as PyTorch would raise it.</summary>
    /// <param name="problem">What is wrong and what to do, e.g. <c>expects 5 input features but receives [1, 7, 4]</c>.</param>
    /// <exception cref="InvalidOperationException">Always: <c>Module 'encoder.lstm' (LSTM) {problem}.</c></exception>
    [DoesNotReturn]
    public void Fail(string problem) =>
        throw ForwardFailure.At(Path, Module.ClassName, Guard.NotNull(problem, nameof(problem)));

    private (TorchModule Module, string Path) Resolve(string path)
    {
        TorchModule current = Module;
        string currentPath = Path;
        if (path.Length == 0)
        {
            return (current, currentPath);
        }

        foreach (string name in path.Split('.'))
        {
            TorchModule? child = current.Child(name);
            if (child is null)
            {
                string children = current.Children.Count == 0 ? "it has no children" : "its children are " + string.Join(", ", current.Children.Select(c => "'" + c.Name + "'"));
                Fail("has no submodule '" + path + "': " + (currentPath == Path ? "this module" : "'" + currentPath + "'") + " has no child '" + name + "' (" + children + ")");
            }

            current = child;
            currentPath = currentPath.Length == 0 ? name : currentPath + "." + name;
        }

        return (current, currentPath);
    }
}
