using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Torch;

namespace RecurrentParams;

/// <summary>Summarizes a PyTorch model as torchinfo 1.8 does: a module tree run on an input, or a stack of <c>torch.nn</c> modules built one after another.</summary>
/// <remarks>
/// <para><b>A module tree.</b> <c>new TorchModelBuilder(model)</c> takes any <see cref="TorchModule"/>: a
/// <see cref="CustomModule"/> with its children and forward, a <see cref="Sequential"/>, or a bare module such as one
/// <see cref="Recurrent"/>. With <see cref="Input(int[])"/> the summary follows the forward pass, as
/// <c>summary(model, input_size, dtypes=[...])</c>: one row per module call in call order, containers included,
/// <c>(recursive)</c> for a module met again, sizes by dtype. Without an input it lists the modules as <c>summary(model)</c>
/// does. Input sizes are declared by the modules themselves (<c>Linear(in_features, out_features)</c>), as in PyTorch.</para>
/// <para><b>A stack.</b> <c>new TorchModelBuilder(className)</c>, <see cref="Input(int[])"/>, then modules appended with
/// <see cref="Add"/> or the fluent methods, whose input sizes are inferred from the previous output (as the generator of
/// PyTorch's test vectors reads each module's input size from the previous module's output). The stack becomes a module
/// of class <c>className</c> whose forward calls them in order, passing a recurrent module's first output on.</para>
/// <para>The summary's <see cref="ModelSummary.Convention"/> is <see cref="Convention.Torch"/>; it renders as torchinfo
/// (<see cref="SummaryFormat.Torchinfo"/>) and as <c>print(model)</c> (<see cref="SummaryFormat.TorchRepr"/>).</para>
/// <para>A builder is mutable and not thread-safe. <see cref="ModelBuilder.Build"/> snapshots: adding modules afterwards
/// never changes a summary already built, and the builder can go on.</para>
/// </remarks>
public sealed class TorchModelBuilder : ModelBuilder
{
    private readonly TorchModule? model;
    private readonly FormulaRegistry formulas;
    private readonly List<Step> steps = [];
    private long[]? input;
    private ElementType inputElementType;

    /// <summary>Initializes a builder for a stack of modules.</summary>
    /// <param name="className">The model's class name, torchinfo's first row (e.g. <c>LSTMModel</c>); not empty.</param>
    /// <param name="formulas">The formulas recurrent modules are counted with; <see langword="null"/> for <see cref="FormulaRegistry.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="className"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="className"/> is empty.</exception>
    public TorchModelBuilder(string className, FormulaRegistry? formulas = null)
        : base(Guard.NotEmpty(className, nameof(className)), Convention.Torch, formulas)
    {
        this.formulas = formulas ?? FormulaRegistry.Default;
    }

    /// <summary>Initializes a builder for a module tree: the model itself is given, and only its input remains to set.</summary>
    /// <param name="model">The model: the root of the tree, whose class name is the summary's name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public TorchModelBuilder(TorchModule model)
        : base(Guard.NotNull(model, nameof(model)).ClassName, Convention.Torch, null)
    {
        this.model = model;
        formulas = FormulaRegistry.Default;
    }

    /// <inheritdoc/>
    private protected override string InputRemedy => "call Input(size) with the input size torchinfo takes";

    /// <summary>Sets the input size as torchinfo takes it, batch included, e.g. <c>(1, 7, 5)</c>; float32.</summary>
    /// <param name="size">The dimensions, each at least 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="size"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="size"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public TorchModelBuilder Input(params int[] size) => Input(ElementType.Float32, size);

    /// <summary>Sets the input size and element type as torchinfo takes them (<c>input_size</c>, <c>dtypes</c>), e.g. token ids of <see cref="ElementType.Int64"/>.</summary>
    /// <param name="elementType">The input's element type, which sets the input size in bytes; <see cref="ElementType.Float64"/> for a <c>.double()</c> model.</param>
    /// <param name="size">The dimensions, each at least 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="size"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="size"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is less than 1, or <paramref name="elementType"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">The model has an input already.</exception>
    public TorchModelBuilder Input(ElementType elementType, params int[] size)
    {
        ElementTypes.Size(elementType);
        Guard.NotNull(size, nameof(size));
        if (size.Length == 0)
        {
            Guard.ThrowArgument(nameof(size), "'size' must hold at least the batch dimension.");
        }

        foreach (int d in size)
        {
            Guard.Positive(d, nameof(size));
        }

        if (input is not null)
        {
            throw new InvalidOperationException("The model '" + Name + "' already has the input " + Tensor.Sizes(input) + "; torchinfo's input_size is set once.");
        }

        input = size.Select(d => (long)d).ToArray();
        inputElementType = elementType;
        return this;
    }

    /// <summary>Appends a module to the stack; it receives the previous module's main output.</summary>
    /// <param name="module">The module, built in or your own, with its input sizes declared.</param>
    /// <param name="name">Its attribute name in the model (<c>self.name</c>), or <see langword="null"/> for one made from its class (<c>lstm</c>, <c>lstm_1</c>, ...).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The builder was made from a module tree, or the model has no input yet.</exception>
    public TorchModelBuilder Add(TorchModule module, string? name = null)
    {
        Guard.NotNull(module, nameof(module));
        return Append(new Step(name, module.ClassName, module.NameBase, _ => module));
    }

    /// <summary>Freezes the module added last: its parameters stop requiring gradients, as <c>requires_grad_(False)</c>.</summary>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">No module has been added yet, or the builder was made from a module tree (freeze with <see cref="TorchModule.RequiresGrad(string, bool)"/>).</exception>
    /// <remarks>torchinfo then counts them under "Non-trainable params" and shows the row's count in parentheses.</remarks>
    public TorchModelBuilder Freeze()
    {
        StackOnly(nameof(Freeze));
        Step? last = steps.LastOrDefault(s => s.Create is not null);
        if (last is null)
        {
            throw new InvalidOperationException("Freeze() freezes the module added last, but the model '" + Name + "' has no module yet; add one first.");
        }

        last.Frozen = true;
        return this;
    }

    /// <summary>Appends an <c>nn.Embedding</c>.</summary>
    /// <param name="numEmbeddings"><c>num_embeddings</c> (vocabulary size), at least 1.</param>
    /// <param name="embeddingDim"><c>embedding_dim</c>, at least 1.</param>
    /// <param name="name">Its attribute name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The builder was made from a module tree, or the model has no input yet.</exception>
    public TorchModelBuilder Embedding(int numEmbeddings, int embeddingDim, string? name = null) => Add(new Torch.Embedding(numEmbeddings, embeddingDim), name);

    /// <summary>Appends an <c>nn.RNN</c>; <c>input_size</c> is the previous output's last dimension.</summary>
    /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
    /// <param name="numLayers"><c>num_layers</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <param name="bidirectional"><c>bidirectional</c>.</param>
    /// <param name="batchFirst"><c>batch_first</c>.</param>
    /// <param name="name">Its attribute name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The builder was made from a module tree, or the model has no input yet.</exception>
    public TorchModelBuilder Rnn(int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false, bool batchFirst = false, string? name = null) =>
        Recurrent(CellType.SimpleRnn, hiddenSize, numLayers, bias, bidirectional, 0, batchFirst, name);

    /// <summary>Appends an <c>nn.LSTM</c>; <c>input_size</c> is the previous output's last dimension.</summary>
    /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
    /// <param name="numLayers"><c>num_layers</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <param name="bidirectional"><c>bidirectional</c>.</param>
    /// <param name="projSize"><c>proj_size</c>: 0 or 1 to <paramref name="hiddenSize"/> − 1.</param>
    /// <param name="batchFirst"><c>batch_first</c>.</param>
    /// <param name="name">Its attribute name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="InvalidOperationException">The builder was made from a module tree, or the model has no input yet.</exception>
    public TorchModelBuilder Lstm(int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false, int projSize = 0, bool batchFirst = false, string? name = null) =>
        Recurrent(CellType.Lstm, hiddenSize, numLayers, bias, bidirectional, projSize, batchFirst, name);

    /// <summary>Appends an <c>nn.GRU</c>; <c>input_size</c> is the previous output's last dimension.</summary>
    /// <param name="hiddenSize"><c>hidden_size</c>, at least 1.</param>
    /// <param name="numLayers"><c>num_layers</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <param name="bidirectional"><c>bidirectional</c>.</param>
    /// <param name="batchFirst"><c>batch_first</c>.</param>
    /// <param name="name">Its attribute name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The builder was made from a module tree, or the model has no input yet.</exception>
    public TorchModelBuilder Gru(int hiddenSize, int numLayers = 1, bool bias = true, bool bidirectional = false, bool batchFirst = false, string? name = null) =>
        Recurrent(CellType.Gru, hiddenSize, numLayers, bias, bidirectional, 0, batchFirst, name);

    /// <summary>Appends an <c>nn.Linear</c> on the last dimension; <c>in_features</c> is the previous output's last dimension.</summary>
    /// <param name="outFeatures"><c>out_features</c>, at least 1.</param>
    /// <param name="bias"><c>bias</c>.</param>
    /// <param name="name">Its attribute name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outFeatures"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The builder was made from a module tree, or the model has no input yet.</exception>
    public TorchModelBuilder Linear(int outFeatures, bool bias = true, string? name = null)
    {
        Guard.Positive(outFeatures, nameof(outFeatures));
        return Append(new Step(name, "Linear", "linear", x => new Torch.Linear(Features(x, -1, "in_features"), outFeatures, bias)));
    }

    /// <summary>Appends an <c>nn.LayerNorm</c> over the last <paramref name="normalizedDims"/> dimensions, whose sizes (<c>normalized_shape</c>) are the previous output's.</summary>
    /// <param name="elementwiseAffine"><c>elementwise_affine</c>.</param>
    /// <param name="normalizedDims">How many trailing dimensions <c>normalized_shape</c> covers, at least 1.</param>
    /// <param name="name">Its attribute name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normalizedDims"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The builder was made from a module tree, or the model has no input yet.</exception>
    public TorchModelBuilder LayerNorm(bool elementwiseAffine = true, int normalizedDims = 1, string? name = null)
    {
        Guard.Positive(normalizedDims, nameof(normalizedDims));
        return Append(new Step(name, "LayerNorm", "layer_norm", x =>
        {
            int[] shape = Enumerable.Range(0, normalizedDims).Select(k => Features(x, k - normalizedDims, "normalized_shape")).ToArray();
            return new Torch.LayerNorm(shape, elementwiseAffine: elementwiseAffine);
        }));
    }

    /// <summary>Appends an <c>nn.BatchNorm1d</c>; <c>num_features</c> is the previous output's dimension 1, or its last with <paramref name="featuresLast"/>.</summary>
    /// <param name="affine"><c>affine</c>.</param>
    /// <param name="featuresLast">Whether the forward pass transposes a <c>(batch, time, features)</c> tensor around the module (<c>bn(x.transpose(1, 2)).transpose(1, 2)</c>), so that it normalizes the last dimension.</param>
    /// <param name="name">Its attribute name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The builder was made from a module tree, or the model has no input yet.</exception>
    public TorchModelBuilder BatchNorm1d(bool affine = true, bool featuresLast = false, string? name = null) =>
        Append(new Step(name, "BatchNorm1d", "batch_norm1d", x => new Torch.BatchNorm1d(Features(x, 1, "num_features"), affine: affine)) { Transposed = featuresLast });

    /// <summary>Appends an <c>nn.Dropout</c>.</summary>
    /// <param name="p"><c>p</c>, in [0, 1].</param>
    /// <param name="name">Its attribute name, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1].</exception>
    /// <exception cref="InvalidOperationException">The builder was made from a module tree, or the model has no input yet.</exception>
    public TorchModelBuilder Dropout(double p = 0.5, string? name = null) => Add(new Torch.Dropout(p), name);

    /// <summary>Appends the forward-pass step that keeps the last time step of a sequence; it is not a module and has no row.</summary>
    /// <param name="batchFirst">
    /// <see langword="true"/> (default) for <c>x[:, -1]</c> on a batch-first <c>(batch, time, features)</c> tensor;
    /// <see langword="false"/> for <c>x[-1]</c> on a sequence-first <c>(time, batch, features)</c> one.
    /// </param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The builder was made from a module tree, or the model has no input yet.</exception>
    public TorchModelBuilder TakeLastTimeStep(bool batchFirst = true) =>
        Append(new Step(null, "x[:, -1]", string.Empty, null) { LastStepDim = batchFirst ? 1 : 0 });

    /// <inheritdoc/>
    private protected override ModelSummary BuildSummary()
    {
        Tensor[]? inputs = input is null ? null : [Tensor.Of(inputElementType, input)];
        TorchModule root;
        if (model is not null)
        {
            root = model;
        }
        else
        {
            if (inputs is null)
            {
                throw new InvalidOperationException("The model '" + Name + "' has no input; " + InputRemedy + ", then add modules.");
            }

            if (!steps.Any(s => s.Create is not null))
            {
                throw new InvalidOperationException("The model '" + Name + "' has no modules; add at least one module before Build().");
            }

            root = StackModule(inputs[0]);
        }

        TorchTrace trace = TorchTrace.Summarize(root, inputs);
        OutputShape? inputShape = input is null ? null : new OutputShape(input.Select(d => (long?)d).ToArray());
        return trace.ToSummary(root, inputShape, inputElementType);
    }

    /// <summary>The last dimension or another one of what a module receives, as the <see cref="int"/> its constructor takes.</summary>
    private static int Features(Tensor x, int axis, string what)
    {
        if (x.IsTuple || x.IsPackedSequence || x.Dims.Length == 0)
        {
            throw ForwardFailure.Unlocated("needs " + what + " from its input but receives " + x.Describe());
        }

        int index = axis < 0 ? x.Dims.Length + axis : axis;
        if (index < 0 || index >= x.Dims.Length)
        {
            throw ForwardFailure.Unlocated("needs " + what + " from dimension " + axis.ToString(CultureInfo.InvariantCulture) + " but receives " + x.Describe());
        }

        long size = x.Dims[index];
        if (size < 1 || size > int.MaxValue)
        {
            throw ForwardFailure.Unlocated("needs " + what + " between 1 and " + int.MaxValue.ToString(CultureInfo.InvariantCulture) + " but receives " + x.Describe());
        }

        return (int)size;
    }

    private TorchModelBuilder Recurrent(CellType cellType, int hiddenSize, int numLayers, bool bias, bool bidirectional, int projSize, bool batchFirst, string? name)
    {
        Guard.Positive(hiddenSize, nameof(hiddenSize));
        Guard.Positive(numLayers, nameof(numLayers));
        Guard.ProjectionSize(projSize, hiddenSize);
        string className = Torch.Recurrent.ClassNameOf(cellType, cell: false);
        return Append(new Step(name, className, KerasNaming.ToSnakeCase(className), x =>
        {
            if (x.IsTuple || x.IsPackedSequence || x.Dims.Length is not (2 or 3))
            {
                throw ForwardFailure.Unlocated("expects a sequence " + (batchFirst ? "(batch, time, features)" : "(time, batch, features)") + " but receives " + x.Describe());
            }

            return new Torch.Recurrent(cellType, Features(x, -1, "input_size"), hiddenSize, numLayers, bias, batchFirst, 0, bidirectional, projSize, formulas);
        }));
    }

    private TorchModelBuilder Append(Step step)
    {
        StackOnly(step.ClassName);
        if (step.Name is { Length: 0 })
        {
            Guard.ThrowArgument("name", "'name' must not be empty; pass null to get a generated one.");
        }

        if (input is null)
        {
            throw new InvalidOperationException(string.Format(
                CultureInfo.InvariantCulture,
                "Module '{0}' ({1}, index {2}) was added before any input; {3} first.",
                step.Name ?? step.NameBase,
                step.ClassName,
                steps.Count,
                InputRemedy));
        }

        steps.Add(step);
        return this;
    }

    private void StackOnly(string what)
    {
        if (model is not null)
        {
            throw new InvalidOperationException(what + " appends to a stack of modules, but this builder summarizes the module tree '" + Name + "'; change the tree instead (CustomModule.Add, TorchModule.RequiresGrad), or start from new TorchModelBuilder(className).");
        }
    }

    /// <summary>The stack as a module: its children made from the shapes they receive, and a forward that calls them in order.</summary>
    private CustomModule StackModule(Tensor x)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        var children = new List<(string Name, TorchModule Module)>();
        var plan = new List<(Step Step, string? Child)>();
        foreach (Step step in steps)
        {
            if (step.Create is null)
            {
                x = LastTimeStep(x, step.LastStepDim, "the model '" + Name + "'");
                plan.Add((step, null));
                continue;
            }

            string name = Claim(step, names, counters);
            TorchModule module;
            try
            {
                module = step.Create(step.Transposed ? Transpose(x) : x);
            }
            catch (ForwardFailure failure)
            {
                throw ForwardFailure.At(name, step.ClassName, failure.Problem);
            }

            if (step.Frozen)
            {
                module = module.RequiresGrad(false);
            }

            children.Add((name, module));
            x = Run(step, module, x, name);
            plan.Add((step, name));
        }

        Tensor Forward(ForwardContext self, Tensor value)
        {
            foreach ((Step step, string? child) in plan)
            {
                value = child is null
                    ? LastTimeStep(value, step.LastStepDim, "the model '" + Name + "'")
                    : Pass(step, self.Call(child, step.Transposed ? Transpose(value) : value));
            }

            return value;
        }

        return new CustomModule(Name, children, Forward);
    }

    private static string Claim(Step step, HashSet<string> names, Dictionary<string, int> counters)
    {
        if (step.Name is string explicitName)
        {
            if (!names.Add(explicitName))
            {
                throw new InvalidOperationException("Two modules are named '" + explicitName + "'; attribute names must be unique within a model.");
            }

            return explicitName;
        }

        counters.TryGetValue(step.NameBase, out int uid);
        string name;
        do
        {
            name = uid == 0 ? step.NameBase : step.NameBase + "_" + uid.ToString(CultureInfo.InvariantCulture);
            uid++;
        }
        while (!names.Add(name));

        counters[step.NameBase] = uid;
        return name;
    }

    private static Tensor Run(Step step, TorchModule module, Tensor x, string name) =>
        Pass(step, TorchTrace.Evaluate(module, name, step.Transposed ? Transpose(x) : x));

    /// <summary>What the next module of the stack receives: a recurrent module's first output, transposed back after a BatchNorm1d on features.</summary>
    private static Tensor Pass(Step step, Tensor output)
    {
        Tensor main = output.IsTuple && output.Count > 0 ? output.Item(0) : output;
        return step.Transposed ? Transpose(main) : main;
    }

    private static Tensor Transpose(Tensor x) =>
        x.IsTuple || x.IsPackedSequence || x.Dims.Length != 3 ? x : x.Transpose(1, 2);

    private static Tensor LastTimeStep(Tensor x, int dim, string where)
    {
        if (x.IsTuple || x.IsPackedSequence || x.Dims.Length != 3)
        {
            throw new InvalidOperationException("The step x[" + (dim == 1 ? ":, " : string.Empty) + "-1] of " + where + " expects " + (dim == 1 ? "a batch-first sequence (batch, time, features)" : "a sequence-first sequence (time, batch, features)") + " but receives " + x.Describe() + ".");
        }

        return x.Select(dim, -1);
    }

    /// <summary>One entry of the stack: a module (made from what it receives) or the step <c>x[:, -1]</c>.</summary>
    private sealed class Step
    {
        public Step(string? name, string className, string nameBase, Func<Tensor, TorchModule>? create)
        {
            Name = name;
            ClassName = className;
            NameBase = nameBase;
            Create = create;
        }

        public string? Name { get; }

        public string ClassName { get; }

        public string NameBase { get; }

        public Func<Tensor, TorchModule>? Create { get; }

        public bool Frozen { get; set; }

        public bool Transposed { get; init; }

        public int LastStepDim { get; init; }
    }
}
