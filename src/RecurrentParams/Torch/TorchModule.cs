using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Torch;

/// <summary>A PyTorch module (<c>torch.nn.Module</c>): a class name, named child modules, parameters and buffers, and a forward pass over tensor shapes.</summary>
/// <remarks>
/// <para>Modules nest as in PyTorch: containers (<see cref="Sequential"/>, <see cref="ModuleList"/>, <see cref="ModuleDict"/>),
/// your own classes (<see cref="CustomModule"/>, or a class derived from this one) and leaves (<see cref="Recurrent"/>,
/// <see cref="Linear"/>, <see cref="Embedding"/>, ...), which take their real constructor arguments, input sizes included,
/// as PyTorch's constructors do: a module exists, with its parameters, before any forward pass. Summarize a tree with
/// <c>new TorchModelBuilder(model)</c>.</para>
/// <para>One module object added twice is one module, as in PyTorch: its parameters count once and torchinfo marks its
/// second appearance <c>(recursive)</c>.</para>
/// <para>To derive a module of your own, register its parameters, buffers and children in the constructor
/// (<see cref="RegisterParameter"/>, <see cref="RegisterBuffer"/>, <see cref="RegisterModule"/>) and override
/// <see cref="Forward"/>; call children through <see cref="ForwardContext.Call"/>. Instances are immutable once
/// constructed and thread-safe: <see cref="To(ElementType)"/> and <see cref="RequiresGrad(bool)"/> return changed copies.</para>
/// </remarks>
public abstract class TorchModule : Layer
{
    /// <summary>The deepest nesting a module tree may have.</summary>
    internal const int MaxNesting = 1000;

    private List<(string Name, TorchModule Module)> children = [];
    private List<WeightTensor> parameters = [];
    private WeightSequence? stack;
    private List<WeightTensor> buffers = [];
    private HashSet<string> names = new(StringComparer.Ordinal);
    private Dictionary<string, TorchModule>? childIndex;
    private int height = 1;

    /// <summary>Initializes a module.</summary>
    /// <param name="className">The class name torchinfo and <c>print(model)</c> show, e.g. <c>LSTM</c> or <c>Encoder</c>; not empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="className"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="className"/> is empty.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0022:Constructor make noninheritable base class inheritable", Justification = "By design: Layer is open only through the two framework bases, so a layer always belongs to one framework.")]
    protected TorchModule(string className)
        : base(className, null)
    {
    }

    /// <summary>Gets the child modules in registration order, PyTorch's <c>named_children()</c>.</summary>
    /// <value>Name and module; empty for a leaf. A module registered under two names appears twice.</value>
    public IReadOnlyList<(string Name, TorchModule Module)> Children => children.AsReadOnly();

    /// <summary>Gets the module's own parameters (not its children's), in registration order.</summary>
    /// <value><see cref="WeightTensor.Trainable"/> is <c>requires_grad</c>; <see cref="WeightTensor.ElementType"/> the dtype.</value>
    public IReadOnlyList<WeightTensor> Parameters => stack ?? (IReadOnlyList<WeightTensor>)parameters.AsReadOnly();

    /// <summary>Gets the module's own buffers, e.g. BatchNorm's <c>running_mean</c>: state in the state dict that is not a parameter.</summary>
    /// <value>Never trainable; torchinfo does not count them.</value>
    public IReadOnlyList<WeightTensor> Buffers => buffers.AsReadOnly();

    /// <summary>Gets PyTorch's <c>extra_repr()</c>: the constructor arguments <c>print(model)</c> shows, e.g. <c>in_features=5, out_features=3, bias=True</c>.</summary>
    /// <value>Empty unless the module overrides it.</value>
    public virtual string ExtraRepr => string.Empty;

    /// <summary>Gets the module's <c>kernel_size</c>, which torchinfo's "Kernel Shape" column shows.</summary>
    /// <value><see langword="null"/> for modules without one; <c>[3]</c> for <c>Conv1d(..., kernel_size=3)</c>.</value>
    public virtual IReadOnlyList<int>? KernelSize => null;

    /// <summary>Gets how the module's own parameter count adds up.</summary>
    internal virtual Derivation? Derivation => null;

    /// <summary>Gets the multiply-accumulates of one call for one sample at one step (see <see cref="LayerSummary.MacsPerStep"/>).</summary>
    internal virtual long MacsPerStep => 0;

    /// <summary>Lists every parameter of the module and its descendants once, as PyTorch's <c>named_parameters()</c>.</summary>
    /// <returns>The parameters with <see cref="WeightTensor.Name"/> and <see cref="WeightTensor.Path"/> the dotted name (<c>encoder.lstm.weight_ih_l0</c>); a module met twice is listed where it is met first.</returns>
    /// <remarks>A stacked recurrent module's parameters are listed on demand: the list costs what the module's distinct blocks cost, however many layers it has.</remarks>
    public IReadOnlyList<WeightTensor> NamedParameters()
    {
        IReadOnlyList<(string Path, TorchModule Module)> modules = NamedModules();
        if (modules.All(m => m.Module.stack is null))
        {
            return modules.SelectMany(m => m.Module.parameters.Select(p => Prefixed(p, m.Path))).ToList().AsReadOnly();
        }

        return new JoinedWeights(modules.Select(m => (m.Module.Parameters, (Func<WeightTensor, WeightTensor>)(p => Prefixed(p, m.Path)))).ToArray());
    }

    /// <summary>Lists what PyTorch's <c>state_dict()</c> holds: every parameter and buffer under every path, shared modules under each of their names.</summary>
    /// <returns>The tensors with dotted names, each module's parameters, then its buffers, then its children's.</returns>
    public IReadOnlyList<WeightTensor> StateDict()
    {
        var result = new List<WeightTensor>();
        var stack = new Stack<(TorchModule Module, string Path)>();
        stack.Push((this, string.Empty));
        while (stack.Count > 0)
        {
            (TorchModule module, string path) = stack.Pop();
            result.AddRange(module.Parameters.Concat(module.buffers).Select(t => Prefixed(t, path)));
            for (int k = module.children.Count - 1; k >= 0; k--)
            {
                stack.Push((module.children[k].Module, Join(path, module.children[k].Name)));
            }
        }

        return result.AsReadOnly();
    }

    /// <summary>Returns a copy whose floating-point parameters and buffers are of another type, as <c>module.to(dtype)</c> (<c>.double()</c>, <c>.half()</c>, <c>.to(torch.bfloat16)</c>).</summary>
    /// <param name="elementType">A floating-point type: <see cref="ElementType.Float32"/>, <see cref="ElementType.Float64"/>, <see cref="ElementType.Float16"/> or <see cref="ElementType.BFloat16"/>.</param>
    /// <returns>The copy; integer buffers (<c>num_batches_tracked</c>) keep their type.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elementType"/> is not a floating-point type.</exception>
    public TorchModule To(ElementType elementType) => To(string.Empty, elementType);

    /// <summary>Returns a copy in which the submodule at <paramref name="path"/> is cast, as <c>model.encoder.to(dtype)</c>.</summary>
    /// <param name="path">The submodule's dotted path, e.g. <c>encoder</c>; empty for this module.</param>
    /// <param name="elementType">A floating-point type.</param>
    /// <returns>The copy; a module shared with the rest of the tree is cast everywhere, as in PyTorch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No submodule has that path.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elementType"/> is not a floating-point type.</exception>
    public TorchModule To(string path, ElementType elementType)
    {
        Guard.NotNull(path, nameof(path));
        if (!ElementTypes.IsFloating(elementType))
        {
            Guard.ThrowOutOfRange(nameof(elementType), elementType, "must be a floating-point type (Float32, Float64, Float16 or BFloat16), as Module.to(dtype) takes");
        }

        (TorchModule target, string? parameter) = Find(path, allowParameter: false);
        var modules = new HashSet<TorchModule>(target.NamedModules().Select(m => m.Module), ReferenceComparer.Instance);
        return Rewrite(
            new Dictionary<TorchModule, TorchModule>(ReferenceComparer.Instance),
            (module, tensor, isBuffer) => modules.Contains(module) && ElementTypes.IsFloating(tensor.ElementType) ? tensor with { ElementType = elementType } : tensor,
            module => true);
    }

    /// <summary>Returns a copy whose parameters all have <c>requires_grad</c> set as given, as <c>module.requires_grad_(False)</c>.</summary>
    /// <param name="requiresGrad"><see langword="false"/> to freeze.</param>
    /// <returns>The copy.</returns>
    public TorchModule RequiresGrad(bool requiresGrad) => RequiresGrad(string.Empty, requiresGrad);

    /// <summary>Returns a copy in which one parameter, or every parameter of one submodule, has <c>requires_grad</c> set as given.</summary>
    /// <param name="path">A parameter's dotted name (<c>lstm.weight_ih_l0</c>) or a submodule's (<c>encoder</c>); empty for this module.</param>
    /// <param name="requiresGrad"><see langword="false"/> to freeze, as <c>requires_grad_(False)</c>.</param>
    /// <returns>The copy; torchinfo then shows the module's parameters as <c>Partial</c> or <c>False</c> and counts them as non-trainable.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No parameter or submodule has that path.</exception>
    /// <remarks>
    /// A stacked recurrent module lists its deeper layers' tensors on demand, so a whole module frozen or cast costs the
    /// same for any <c>num_layers</c>; freezing one tensor of such a module lists the module's tensors one by one, at a
    /// cost proportional to its layers.
    /// </remarks>
    public TorchModule RequiresGrad(string path, bool requiresGrad)
    {
        Guard.NotNull(path, nameof(path));
        (TorchModule target, string? parameter) = Find(path, allowParameter: true);
        var modules = parameter is null
            ? new HashSet<TorchModule>(target.NamedModules().Select(m => m.Module), ReferenceComparer.Instance)
            : new HashSet<TorchModule>(new[] { target }, ReferenceComparer.Instance);
        return Rewrite(
            new Dictionary<TorchModule, TorchModule>(ReferenceComparer.Instance),
            (module, tensor, isBuffer) => !isBuffer && modules.Contains(module) && (parameter is null || tensor.Name == parameter) ? tensor with { Trainable = requiresGrad } : tensor,
            module => parameter is null || !modules.Contains(module));
    }

    /// <summary>Prints the module as PyTorch's <c>print(model)</c>: <c>LSTM(5, 4, batch_first=True)</c>, children indented under their names.</summary>
    /// <returns>The repr, lines joined with <c>\n</c>.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        AppendRepr(text, 0);
        return text.ToString();
    }

    /// <inheritdoc/>
    /// <remarks>Runs <see cref="Forward"/> on one <see cref="ElementType.Float32"/> tensor of the context's input shape (every dimension must be known) and reports every output tensor and <see cref="NamedParameters"/>.</remarks>
    public sealed override LayerResult Build(LayerContext context)
    {
        Guard.NotNull(context, nameof(context));
        long[] dims = new long[context.Input.Rank];
        for (int k = 0; k < dims.Length; k++)
        {
            dims[k] = context.ExpectKnown(k, "dimension " + k.ToString(CultureInfo.InvariantCulture) + " of its input");
        }

        Tensor output;
        try
        {
            output = TorchTrace.Evaluate(this, Tensor.Of(ElementType.Float32, dims));
        }
        catch (ForwardFailure failure)
        {
            context.Fail(failure.Problem);
            throw;
        }

        OutputShape[] outputs = output.Leaves().Select(t => t.Dims.Length == 0 ? OutputShape.Unknown : new OutputShape(t.Dims.Select(d => (long?)d).ToArray())).ToArray();
        return new LayerResult(outputs.Length == 0 ? [OutputShape.Unknown] : outputs, NamedParameters())
        {
            Derivation = Derivation,
            MacsPerStep = MacsPerStep,
        };
    }

    /// <inheritdoc/>
    internal sealed override Convention Convention => Convention.Torch;

    /// <summary>Runs the module on its inputs: infers the output from the inputs' shapes and element types, calling children through the context.</summary>
    /// <param name="context">The call: its inputs, and <see cref="ForwardContext.Call"/> for submodules.</param>
    /// <returns>The output: a tensor, a packed sequence or a tuple.</returns>
    /// <exception cref="InvalidOperationException">The module cannot take the inputs; raise it with <see cref="ForwardContext.Fail"/>.</exception>
    protected internal abstract Tensor Forward(ForwardContext context);

    /// <summary>Registers a parameter, as <c>self.weight = nn.Parameter(torch.empty(shape, dtype=...))</c>: trainable.</summary>
    /// <param name="name">The attribute name; not empty, without dots, not already used.</param>
    /// <param name="shape">The parameter's shape.</param>
    /// <param name="elementType">Its element type; default float32, PyTorch's default dtype.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is empty, has a dot or is taken.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elementType"/> is not defined.</exception>
    protected void RegisterParameter(string name, TensorShape shape, ElementType elementType = ElementType.Float32)
    {
        Guard.NotNull(shape, nameof(shape));
        ElementTypes.Size(elementType);
        parameters.Add(new WeightTensor(ClaimName(name), shape) { ElementType = elementType });
    }

    /// <summary>Registers the whole parameter list of a stacked recurrent module, which computes its tensors on demand.</summary>
    /// <param name="weights">The tensors, uniquely named by their formula; the module registers nothing else.</param>
    private protected void RegisterParameters(WeightSequence weights) => stack = weights;

    /// <summary>Registers a buffer, as <c>self.register_buffer(name, tensor)</c>.</summary>
    /// <param name="name">The attribute name; not empty, without dots, not already used.</param>
    /// <param name="shape">The buffer's shape.</param>
    /// <param name="elementType">Its element type, e.g. <see cref="ElementType.Int64"/> for a counter.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is empty, has a dot or is taken.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elementType"/> is not defined.</exception>
    protected void RegisterBuffer(string name, TensorShape shape, ElementType elementType = ElementType.Float32)
    {
        Guard.NotNull(shape, nameof(shape));
        ElementTypes.Size(elementType);
        buffers.Add(new WeightTensor(ClaimName(name), shape) { Trainable = false, ElementType = elementType });
    }

    /// <summary>Registers a child module, as <c>self.name = module</c>.</summary>
    /// <param name="name">The attribute name; not empty, without dots, not already used.</param>
    /// <param name="module">The child; the same object may be registered under several names or parents (a shared module).</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is empty, has a dot or is taken, <paramref name="module"/> is this module, or the tree would nest deeper than 1,000 modules.</exception>
    protected void RegisterModule(string name, TorchModule module)
    {
        Guard.NotNull(module, nameof(module));
        if (ReferenceEquals(module, this))
        {
            Guard.ThrowArgument(nameof(module), "A module cannot be its own child.");
        }

        if (module.height >= MaxNesting)
        {
            Guard.ThrowArgument(nameof(module), "The module tree would nest deeper than " + MaxNesting.ToString("N0", CultureInfo.InvariantCulture) + " modules.");
        }

        children.Add((ClaimName(name), module));
        height = Math.Max(height, module.height + 1);
    }

    /// <summary>A copy with the same children, parameters and buffers, to register more on (an immutable module grows by copying).</summary>
    private protected TorchModule Extend()
    {
        var copy = (TorchModule)MemberwiseClone();
        copy.children = [.. children];
        copy.names = new HashSet<string>(names, StringComparer.Ordinal);
        copy.childIndex = null;
        copy.parameters = [.. parameters];
        copy.buffers = [.. buffers];
        return copy;
    }

    /// <summary>The child registered under <paramref name="name"/>, or <see langword="null"/>.</summary>
    internal TorchModule? Child(string name)
    {
        if (children.Count <= 8)
        {
            foreach ((string Name, TorchModule Module) child in children)
            {
                if (child.Name == name)
                {
                    return child.Module;
                }
            }

            return null;
        }

        // A wide container (a ModuleList of hundreds of layers) is looked up by name; the index is built once per object.
        Dictionary<string, TorchModule> index = childIndex ??= children.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Module, StringComparer.Ordinal);
        return index.TryGetValue(name, out TorchModule? found) ? found : null;
    }

    /// <summary>PyTorch's <c>named_modules()</c>: this module and every descendant once, pre-order, each at the path it is first met.</summary>
    internal IReadOnlyList<(string Path, TorchModule Module)> NamedModules()
    {
        var seen = new HashSet<TorchModule>(ReferenceComparer.Instance);
        var result = new List<(string, TorchModule)>();
        var stack = new Stack<(TorchModule Module, string Path)>();
        stack.Push((this, string.Empty));
        while (stack.Count > 0)
        {
            (TorchModule module, string path) = stack.Pop();
            if (!seen.Add(module))
            {
                continue;
            }

            result.Add((path, module));
            for (int k = module.children.Count - 1; k >= 0; k--)
            {
                stack.Push((module.children[k].Module, Join(path, module.children[k].Name)));
            }
        }

        return result;
    }

    /// <summary>A dotted path: <c>encoder</c> + <c>lstm</c> = <c>encoder.lstm</c>.</summary>
    internal static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static WeightTensor Prefixed(WeightTensor tensor, string path)
    {
        string name = Join(path, tensor.Name);
        return tensor with { Name = name, Path = name };
    }

    private string ClaimName(string name)
    {
        Guard.NotEmpty(name, nameof(name));
        if (name.Any(c => c == '.'))
        {
            Guard.ThrowArgument(nameof(name), "'name' must not contain '.' (PyTorch separates submodule names with dots); got '" + name + "'.");
        }

        if (!names.Add(name))
        {
            Guard.ThrowArgument(nameof(name), "'" + name + "' is already a child, parameter or buffer of this " + ClassName + "; each attribute name is used once.");
        }

        return name;
    }

    /// <summary>Finds the submodule at a dotted path, or the module holding the parameter it names.</summary>
    private (TorchModule Module, string? Parameter) Find(string path, bool allowParameter)
    {
        if (path.Length == 0)
        {
            return (this, null);
        }

        TorchModule current = this;
        string[] parts = path.Split('.');
        for (int k = 0; k < parts.Length; k++)
        {
            TorchModule? child = current.Child(parts[k]);
            if (child is not null)
            {
                current = child;
                continue;
            }

            if (allowParameter && k == parts.Length - 1 && current.Parameters.Any(p => p.Name == parts[k]))
            {
                return (current, parts[k]);
            }

            string known = string.Join(", ", current.children.Select(c => "'" + c.Name + "'").Concat(allowParameter ? current.Parameters.Select(p => "'" + p.Name + "'") : []));
            Guard.ThrowArgument(nameof(path), "'" + path + "' names no " + (allowParameter ? "parameter or submodule" : "submodule") + " of this " + ClassName + ": '" + string.Join(".", parts.Take(k)) + "' has no '" + parts[k] + "'" + (known.Length == 0 ? " (it has none)." : " (it has " + known + ")."));
        }

        return (current, null);
    }

    /// <summary>A copy of the tree with every tensor passed through <paramref name="change"/>; shared modules stay shared.</summary>
    /// <remarks>
    /// A stacked recurrent module whose tensors all change alike (<paramref name="uniform"/>: a cast, a whole module frozen)
    /// keeps its list on demand; one whose tensors change apart (one parameter frozen by name) is materialized, at a cost
    /// proportional to its layers.
    /// </remarks>
    private TorchModule Rewrite(Dictionary<TorchModule, TorchModule> copies, Func<TorchModule, WeightTensor, bool, WeightTensor> change, Func<TorchModule, bool> uniform)
    {
        if (copies.TryGetValue(this, out TorchModule? done))
        {
            return done;
        }

        var copy = (TorchModule)MemberwiseClone();
        copies.Add(this, copy);
        copy.parameters = parameters.Select(p => change(this, p, false)).ToList();
        if (stack is not null)
        {
            copy.stack = uniform(this) ? new JoinedWeights([(stack, p => change(this, p, false))]) : null;
            copy.parameters = uniform(this) ? [] : stack.Select(p => change(this, p, false)).ToList();
        }

        copy.buffers = buffers.Select(b => change(this, b, true)).ToList();
        copy.children = children.Select(c => (c.Name, c.Module.Rewrite(copies, change, uniform))).ToList();
        copy.childIndex = null;
        return copy;
    }

    /// <summary>PyTorch's <c>Module.__repr__</c>: the one-line <c>extra_repr</c> alone, or its lines and the children's reprs indented by two.</summary>
    private void AppendRepr(StringBuilder text, int indent)
    {
        string extra = ExtraRepr;
        string[] extraLines = extra.Length == 0 ? [] : extra.Split('\n');
        text.Append(ClassName).Append('(');
        if (extraLines.Length == 1 && children.Count == 0)
        {
            text.Append(extraLines[0]);
        }
        else if (extraLines.Length > 0 || children.Count > 0)
        {
            string pad = new(' ', indent + 2);
            foreach (string line in extraLines)
            {
                text.Append('\n').Append(pad).Append(line);
            }

            foreach ((string name, TorchModule module) in children)
            {
                text.Append('\n').Append(pad).Append('(').Append(name).Append("): ");
                module.AppendRepr(text, indent + 2);
            }

            text.Append('\n').Append(' ', indent);
        }

        text.Append(')');
    }
}
