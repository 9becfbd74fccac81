using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams;

/// <summary>One row of a <see cref="ModelSummary"/>: a layer's name, type, output shapes, weights and counts.</summary>
/// <remarks>Instances are immutable and thread-safe; equality is by value (the derivation, which is explanatory, is not compared).</remarks>
public sealed class LayerSummary : IEquatable<LayerSummary>
{
    private readonly OutputShape[] outputs;
    private readonly IReadOnlyList<WeightTensor> weights;
    private IReadOnlyList<IReadOnlyList<InboundTensor>> inboundNodes = Array.Empty<IReadOnlyList<InboundTensor>>();
    private CountBasis countBasis;
    private IReadOnlyList<int>? kernelSize;
    private int depth = 1;

    /// <summary>Initializes a row.</summary>
    /// <param name="name">The layer's name, e.g. <c>lstm_1</c>; not empty.</param>
    /// <param name="className">The layer's type as the framework names it, e.g. <c>LSTM</c>; not empty.</param>
    /// <param name="outputs">The shapes of the tensors the layer returns, main output first; at least one.</param>
    /// <param name="weights">The layer's weights, trainable or not.</param>
    /// <exception cref="ArgumentNullException">An argument or an element is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is empty or <paramref name="outputs"/> is empty.</exception>
    /// <exception cref="OverflowException">The weights hold more than <see cref="long.MaxValue"/> parameters.</exception>
    public LayerSummary(string name, string className, IEnumerable<OutputShape> outputs, IEnumerable<WeightTensor> weights)
    {
        Name = NotEmpty(name, nameof(name));
        ClassName = NotEmpty(className, nameof(className));
        this.outputs = Guard.NotNull(outputs, nameof(outputs)).ToArray();
        // A stacked recurrent module's weights are computed on demand and never null; they are kept, not copied, and counted from their blocks.
        WeightSequence? sequence = Guard.NotNull(weights, nameof(weights)) as WeightSequence;
        this.weights = sequence ?? (IReadOnlyList<WeightTensor>)weights.ToArray();
        if (this.outputs.Length == 0 || this.outputs.Any(o => o is null))
        {
            Guard.ThrowArgument(nameof(outputs), "'outputs' must hold at least one shape and no null.");
        }

        if (sequence is not null)
        {
            TrainableParams = sequence.TrainableParams;
            NonTrainableParams = checked(sequence.Params - sequence.TrainableParams);
            Params = sequence.Params;
            return;
        }

        if (this.weights.Any(w => w is null))
        {
            Guard.ThrowArgument(nameof(weights), "'weights' must not contain null.");
        }

        foreach (WeightTensor weight in this.weights)
        {
            if (weight.Trainable)
            {
                TrainableParams = checked(TrainableParams + weight.Count);
            }
            else
            {
                NonTrainableParams = checked(NonTrainableParams + weight.Count);
            }
        }

        Params = checked(TrainableParams + NonTrainableParams);
    }

    /// <summary>Gets the layer's name.</summary>
    /// <value>Unique within a Keras model. In a PyTorch module tree, the module's dotted path (<c>encoder.lstm</c>; the class name for the model's own row), repeated on the rows of a module met again.</value>
    public string Name { get; }

    /// <summary>Gets the layer's type as the framework names it.</summary>
    /// <value>For example <c>LSTM</c>, <c>Bidirectional</c>, <c>InputLayer</c>, <c>Linear</c>.</value>
    public string ClassName { get; }

    /// <summary>Gets the shapes of every tensor the layer returns (several with <c>return_state</c> or merge mode None).</summary>
    /// <value>At least one shape, the main output first.</value>
    public IReadOnlyList<OutputShape> Outputs => Array.AsReadOnly(outputs);

    /// <summary>Gets the shape of the main output, the one the next layer receives.</summary>
    /// <value>The first of <see cref="Outputs"/>.</value>
    public OutputShape OutputShape => outputs[0];

    /// <summary>Gets the layer's weights with the framework's names and shapes.</summary>
    /// <value>Possibly empty.</value>
    public IReadOnlyList<WeightTensor> Weights => weights is WeightTensor[] array ? Array.AsReadOnly(array) : weights;

    /// <summary>Gets the number of parameters, trainable and not.</summary>
    /// <value>The sum of the weights' counts.</value>
    public long Params { get; }

    /// <summary>Gets the number of trainable parameters.</summary>
    /// <value>0 or more.</value>
    public long TrainableParams { get; }

    /// <summary>Gets the number of non-trainable parameters (Keras BatchNormalization's moving statistics).</summary>
    /// <value>0 or more.</value>
    public long NonTrainableParams { get; }

    /// <summary>Gets the shape of the tensor the layer receives.</summary>
    /// <value>
    /// Set by <see cref="ModelBuilder"/>; <see langword="null"/> when unknown (a row read from a file). It is not always the
    /// previous row's output: a forward-pass step without a row (<see cref="TorchModelBuilder.TakeLastTimeStep"/>) can lie between.
    /// </value>
    public OutputShape? InputShape { get; init; }

    /// <summary>Gets the layer's calls in a graph (Functional) model, each the tensors that call receives.</summary>
    /// <value>
    /// Empty for a row of a sequential stack (the builder's rows) and for an input. A row read from a Functional model
    /// lists one entry per call (several for a shared layer), each with its tensors in Keras' order (positional
    /// arguments, then keyword arguments such as <c>initial_state</c>). When the rows' calls make the model branch
    /// as Keras judges it (a call with several tensors, a layer called twice, or more than one final layer), the Keras
    /// and Markdown renderings add Keras' "Connected to" column.
    /// </value>
    /// <exception cref="ArgumentNullException">On init: the list, a call or a tensor is <see langword="null"/>.</exception>
    public IReadOnlyList<IReadOnlyList<InboundTensor>> InboundNodes
    {
        get => inboundNodes;
        init
        {
            Guard.NotNull(value, nameof(InboundNodes));
            var calls = new IReadOnlyList<InboundTensor>[value.Count];
            for (int k = 0; k < calls.Length; k++)
            {
                InboundTensor[] tensors = Guard.NotNull(value[k], nameof(InboundNodes)).ToArray();
                foreach (InboundTensor tensor in tensors)
                {
                    Guard.NotNull(tensor, nameof(InboundNodes));
                }

                calls[k] = Array.AsReadOnly(tensors);
            }

            inboundNodes = Array.AsReadOnly(calls);
        }
    }

    /// <summary>Gets how deep the row is in its model's module tree, torchinfo's <c>depth</c>.</summary>
    /// <value>
    /// Default 1: a layer of the model. 0 for the row of the model itself, which a PyTorch module tree lists first (a
    /// bare module, such as one <c>nn.LSTM</c> summarized on its own, is that row); 2 for a module inside a depth-1
    /// container, and so on. A PyTorch summary whose first row has depth 0 is a module tree: its rows are torchinfo's,
    /// in the order of the forward pass, containers included.
    /// </value>
    /// <exception cref="ArgumentOutOfRangeException">On init: the value is negative.</exception>
    public int Depth
    {
        get => depth;
        init
        {
            if (value < 0)
            {
                Guard.ThrowOutOfRange("depth", value, "must be 0 or more");
            }

            depth = value;
        }
    }

    /// <summary>Gets a value indicating whether the row's module has no child modules (torchinfo's <c>is_leaf_layer</c>).</summary>
    /// <value>
    /// Default <see langword="true"/>. <see langword="false"/> for a container or a module of your own with children: its
    /// <see cref="Weights"/> are those of its whole subtree, and the model's totals count only what its children's rows do not.
    /// </value>
    public bool IsLeaf { get; init; } = true;

    /// <summary>Gets a value indicating whether the row's module was met before: a module called again, or a container the forward pass returns to (torchinfo's <c>(recursive)</c>).</summary>
    /// <value>Default <see langword="false"/>. A recursive row's parameters are counted at the module's first row; its mult-adds count at every call.</value>
    public bool IsRecursive { get; init; }

    /// <summary>Gets the layer's kernel size, which torchinfo's "Kernel Shape" column shows.</summary>
    /// <value><see langword="null"/> (the default) for a layer without one; <c>[3]</c> for a <c>Conv1d</c> with <c>kernel_size=3</c>.</value>
    public IReadOnlyList<int>? KernelSize
    {
        get => kernelSize;
        init => kernelSize = value is null ? null : Array.AsReadOnly(value.ToArray());
    }

    /// <summary>Gets the element type of the main output, which sets torchinfo's forward/backward pass size.</summary>
    /// <value><see langword="null"/> (the default) when unknown; then torchinfo's sizes assume the model input's floating type, or float32.</value>
    public ElementType? OutputElementType { get; init; }

    /// <summary>Gets how the layer's count adds up.</summary>
    /// <value><see langword="null"/> for layers without weights.</value>
    public Derivation? Derivation { get; init; }

    /// <summary>Gets what a reader could not determine about the row, or how it counted it, in one or two sentences.</summary>
    /// <value>
    /// <see langword="null"/> when there is nothing to add (every row built by <see cref="ModelBuilder"/>). A row read
    /// from a file may say, for example, that a recurrent node's weight is computed by an operator and could not be
    /// resolved to a stored tensor (so <see cref="Params"/> is a lower bound for that row), or that a weight is a graph
    /// input the runtime feeds and was counted from its declared shape. Like <see cref="Derivation"/>, it explains the
    /// row and is not compared by <see cref="Equals(LayerSummary)"/>.
    /// </value>
    public string? Note { get; init; }
    /// <summary>Gets where the count comes from and whether it is exact.</summary>
    /// <value>
    /// Default <see cref="CountBasis.Configuration"/>. <see cref="CountBasis.StoredWeights"/> for a layer a reader counted
    /// from the weights its file stores; <see cref="CountBasis.LowerBound"/> for a layer that could not be counted (its
    /// <see cref="Params"/> are what could be, often 0), which makes the model's total a lower bound.
    /// </value>
    /// <exception cref="ArgumentOutOfRangeException">On init: not a defined value.</exception>
    public CountBasis CountBasis
    {
        get => countBasis;
        init
        {
            if (value is not CountBasis.Configuration and not CountBasis.StoredWeights and not CountBasis.LowerBound)
            {
                Guard.ThrowOutOfRange(nameof(CountBasis), value, "must be a defined CountBasis");
            }

            countBasis = value;
        }
    }

    /// <summary>Gets a value indicating whether the layer itself is trainable, as Keras' <c>layer.trainable</c>.</summary>
    /// <value>
    /// Default <see langword="true"/>; <see langword="false"/> for a frozen layer (<see cref="KerasModelBuilder.Freeze"/>,
    /// <c>trainable: false</c> in a file). Keras 3's <c>show_trainable</c> column prints it for a layer with weights. It
    /// usually agrees with the weights' <see cref="WeightTensor.Trainable"/> flags, but need not: a Keras 3 or TensorFlow.js
    /// file whose wrapper (<c>Bidirectional</c>, <c>TimeDistributed</c>) alone says <c>trainable: false</c> loads with the
    /// wrapped layer's weights trainable, and Keras prints the wrapper as not trainable.
    /// </value>
    public bool Trainable { get; init; } = true;

    /// <summary>Gets the multiply-accumulate operations of the layer for one sample at one time step.</summary>
    /// <value>
    /// The multiplications of the layer's matrices and kernels: for a recurrent layer every input and recurrent kernel
    /// element once per step (<c>G·u·(i + r)</c> per direction and layer, plus the projection); for <c>Dense</c> on a
    /// step <c>d·units</c>; for a convolution its kernel per output position. Bias additions, activations, gate
    /// element-wise products, normalisation and embedding look-ups count 0. torchinfo's "mult-adds" differs: it charges
    /// every parameter, biases included, once per output element of the first one or two output dimensions.
    /// </value>
    public long MacsPerStep { get; init; }

    /// <inheritdoc/>
    public bool Equals(LayerSummary? other) =>
        other is not null
        && Name == other.Name
        && ClassName == other.ClassName
        && MacsPerStep == other.MacsPerStep
        && CountBasis == other.CountBasis
        && Trainable == other.Trainable
        && Depth == other.Depth
        && IsLeaf == other.IsLeaf
        && IsRecursive == other.IsRecursive
        && OutputElementType == other.OutputElementType
        && (KernelSize ?? []).SequenceEqual(other.KernelSize ?? [])
        && (KernelSize is null) == (other.KernelSize is null)
        && Equals(InputShape, other.InputShape)
        && outputs.SequenceEqual(other.outputs)
        && (ReferenceEquals(weights, other.weights) || weights.SequenceEqual(other.weights))
        && inboundNodes.Count == other.inboundNodes.Count
        && inboundNodes.Zip(other.inboundNodes, (a, b) => a.SequenceEqual(b)).All(same => same);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LayerSummary);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        unchecked((((StringComparer.Ordinal.GetHashCode(Name) * 31) + StringComparer.Ordinal.GetHashCode(ClassName)) * 31) + Params.GetHashCode());

    /// <summary>Formats the row as <c>name (Class): (None, 4), 160 params</c>, followed by <c>; </c> and the <see cref="Note"/> when there is one.</summary>
    /// <returns>A one-line description; a lower bound reads <c>at least 160 params</c>, a count from stored weights <c>160 params (from stored weights)</c>.</returns>
    public override string ToString() =>
        Name + " (" + ClassName + "): " + string.Join(", ", outputs.Select(o => o.ToString())) + ", "
        + (CountBasis == CountBasis.LowerBound ? "at least " : string.Empty)
        + Params.ToString(System.Globalization.CultureInfo.InvariantCulture) + " params"
        + (CountBasis == CountBasis.StoredWeights ? " (from stored weights)" : string.Empty)
        + (Note is null ? string.Empty : "; " + Note);

    private static string NotEmpty(string value, string paramName)
    {
        Guard.NotNull(value, paramName);
        if (value.Length == 0)
        {
            Guard.ThrowArgument(paramName, "'" + paramName + "' must not be empty.");
        }

        return value;
    }
}
