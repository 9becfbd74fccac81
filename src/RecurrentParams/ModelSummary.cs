using System;
using System.Collections.Generic;
using System.Linq;
using RecurrentParams.Internal;

namespace RecurrentParams;

/// <summary>The immutable result of <see cref="ModelBuilder.Build"/>: per-layer rows and totals, as Keras' <c>model.summary()</c> or torchinfo report them.</summary>
/// <remarks>
/// The summary is data; renderers only format it. Instances are immutable and thread-safe; equality is by value
/// (name, convention, input and rows).
/// </remarks>
public sealed partial class ModelSummary : IEquatable<ModelSummary>
{
    private readonly LayerSummary[] rows;
    private readonly OutputShape? output;
    private readonly Torch.TorchModule? module;

    /// <summary>Initializes a summary.</summary>
    /// <param name="name">The model's name (Keras) or class name (PyTorch); not empty.</param>
    /// <param name="convention">The framework whose conventions the rows follow.</param>
    /// <param name="input">The model input's shape, or <see langword="null"/> when unknown (a model read from a file without one).</param>
    /// <param name="rows">The layers in order; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="rows"/> or a row is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="rows"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="convention"/> is not a defined value.</exception>
    /// <exception cref="OverflowException">The totals do not fit in a <see cref="long"/>.</exception>
    public ModelSummary(string name, Convention convention, OutputShape? input, IEnumerable<LayerSummary> rows)
    {
        Guard.NotEmpty(name, nameof(name));
        if (convention is not Convention.Keras and not Convention.Torch)
        {
            Guard.ThrowOutOfRange(nameof(convention), convention, "must be Convention.Keras or Convention.Torch");
        }

        this.rows = Guard.NotNull(rows, nameof(rows)).ToArray();
        if (this.rows.Length == 0)
        {
            Guard.ThrowArgument(nameof(rows), "'rows' must hold at least one layer.");
        }

        for (int k = 0; k < this.rows.Length; k++)
        {
            LayerSummary row = Guard.NotNull(this.rows[k], nameof(rows));
            if (row.Depth == 0 && k > 0)
            {
                Guard.ThrowArgument(nameof(rows), "Only the first row may have depth 0 (the model itself); row " + k.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ('" + row.Name + "') has it.");
            }

            MacsPerStep = checked(MacsPerStep + row.MacsPerStep);
        }

        (TotalParams, TrainableParams) = Totals(this.rows);
        NonTrainableParams = checked(TotalParams - TrainableParams);
        IsLowerBound = Array.Exists(this.rows, r => r.CountBasis == CountBasis.LowerBound);
        Name = name;
        Convention = convention;
        Input = input;
        Branches = IsBranching(this.rows);
    }

    /// <summary>Gets the PyTorch module tree the summary was built from, which <see cref="SummaryFormat.TorchRepr"/> prints.</summary>
    /// <value><see langword="null"/> for Keras models and for summaries read from files without a module tree.</value>
    /// <exception cref="ArgumentException">On init: the summary is not of the <see cref="Convention.Torch"/> convention.</exception>
    public Torch.TorchModule? Module
    {
        get => module;
        init
        {
            if (value is not null && Convention != Convention.Torch)
            {
                Guard.ThrowArgument("module", "Only a PyTorch summary has a module tree; this one is " + Convention + ".");
            }

            module = value;
        }
    }

    /// <summary>Gets the rows of the layers that hold weights of their own, in order: every row but a module tree's containers and recursive rows.</summary>
    /// <value>
    /// For a Keras model, its rows; for a PyTorch module tree, its leaf modules each named by its path from the root
    /// (<c>encoder.lstm</c>, as the state dict names its tensors, is the row's name); for a bare module, its row.
    /// </value>
    internal IReadOnlyList<LayerSummary> LayerRows =>
        Array.AsReadOnly(rows.Length == 1 || rows[0].Depth != 0 ? rows : Array.FindAll(rows, r => r.Depth > 0 && r.IsLeaf && !r.IsRecursive));

    /// <summary>Gets a value indicating whether Keras prints the model with a "Connected to" column.</summary>
    /// <value><see langword="true"/> when the model is not what Keras' <c>print_summary</c> calls sequential-like.</value>
    internal bool Branches { get; }

    /// <summary>Gets the model's name.</summary>
    /// <value>Keras' model name (<c>sequential</c>) or the PyTorch module's class name.</value>
    public string Name { get; }

    /// <summary>Gets the framework whose conventions the rows follow.</summary>
    /// <value>Keras or PyTorch.</value>
    public Convention Convention { get; }

    /// <summary>Gets the model input's shape.</summary>
    /// <value>Batch first; <see langword="null"/> when unknown.</value>
    public OutputShape? Input { get; }

    /// <summary>Gets the shape of the model's output.</summary>
    /// <value>Defaults to the last row's main output; differs when the forward pass transforms it further (PyTorch's <c>x[:, -1]</c>).</value>
    public OutputShape Output
    {
        get => output ?? rows[rows.Length - 1].OutputShape;
        init => output = Guard.NotNull(value, "output");
    }

    /// <summary>Gets the element type of the model input.</summary>
    /// <value>Default <see cref="ElementType.Float32"/>; token ids are <see cref="ElementType.Int64"/> in PyTorch and <see cref="ElementType.Int32"/> in Keras.</value>
    public ElementType InputElementType { get; init; }

    /// <summary>Gets the layers in order.</summary>
    /// <value>
    /// At least one row; an <c>InputLayer</c> row first when the model shows one. For a PyTorch module tree
    /// (<see cref="TorchModelBuilder"/>), torchinfo's rows: the model's own row first (depth 0), then one row per module
    /// call in call order with the containers above their children (<see cref="LayerSummary.Depth"/>), a module met
    /// again marked <see cref="LayerSummary.IsRecursive"/>; without an input, one row per module in registration order.
    /// </value>
    public IReadOnlyList<LayerSummary> Rows => Array.AsReadOnly(rows);

    /// <summary>Gets the total number of parameters, as Keras' or torchinfo's <c>Total params</c>.</summary>
    /// <value>
    /// Trainable plus non-trainable. For a PyTorch module tree, torchinfo's total: each leaf row's parameters, and for a
    /// container only those no row below counts; a recursive row counts nothing. It is PyTorch's
    /// <c>sum(p.numel())</c> except where torchinfo 1.8 itself counts a module shared by two containers twice
    /// (<see cref="Torch.TorchModule.NamedParameters"/> lists every parameter once).
    /// </value>
    public long TotalParams { get; }

    /// <summary>Gets the number of trainable parameters.</summary>
    /// <value>0 or more.</value>
    public long TrainableParams { get; }

    /// <summary>Gets the number of non-trainable parameters (Keras BatchNormalization's moving statistics, PyTorch parameters with <c>requires_grad=False</c>).</summary>
    /// <value>0 or more.</value>
    public long NonTrainableParams { get; }

    /// <summary>Gets a value indicating whether the totals are lower bounds: some layer could not be counted.</summary>
    /// <value>
    /// <see langword="true"/> when a row's <see cref="LayerSummary.CountBasis"/> is <see cref="CountBasis.LowerBound"/> (a
    /// layer of a model file the library does not know, without stored weights to count it from). The renderers then print
    /// the totals as <c>≥ 1,234</c> and say how many layers are not counted.
    /// </value>
    public bool IsLowerBound { get; }

    /// <summary>Gets the multiply-accumulate operations for one sample at one time step, summed over the layers.</summary>
    /// <value>See <see cref="LayerSummary.MacsPerStep"/> for what is counted.</value>
    public long MacsPerStep { get; }

    /// <summary>Gets the memory the parameters take when stored as the given element type.</summary>
    /// <param name="elementType">The element type; Keras and torchinfo assume <see cref="ElementType.Float32"/>.</param>
    /// <returns><see cref="TotalParams"/> × the element size, in bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elementType"/> is not a defined value.</exception>
    /// <exception cref="OverflowException">The byte count does not fit in a <see cref="long"/>.</exception>
    public long ParameterBytes(ElementType elementType = ElementType.Float32) => checked(TotalParams * ElementTypes.Size(elementType));

    /// <summary>
    /// torchinfo's totals (<c>model_statistics.py</c>): a leaf row counts its parameters, a container only those none of
    /// its descendants' rows count (its own, and those of children the forward pass never called), and a recursive row
    /// nothing. Rows of a flat model are all leaves, so the totals are the rows' sums.
    /// </summary>
    private static (long Total, long Trainable) Totals(LayerSummary[] rows)
    {
        var leftover = new (long Total, long Trainable)[rows.Length];
        for (int k = rows.Length - 1; k >= 0; k--)
        {
            if (rows[k].IsLeaf)
            {
                continue;
            }

            long total = rows[k].Params;
            long trainable = rows[k].TrainableParams;
            for (int j = k + 1; j < rows.Length && rows[j].Depth > rows[k].Depth; j++)
            {
                if (!rows[j].IsRecursive)
                {
                    total = checked(total - (rows[j].IsLeaf ? rows[j].Params : leftover[j].Total));
                    trainable = checked(trainable - (rows[j].IsLeaf ? rows[j].TrainableParams : leftover[j].Trainable));
                }
            }

            leftover[k] = (total, trainable);
        }

        long sum = 0;
        long sumTrainable = 0;
        for (int k = 0; k < rows.Length; k++)
        {
            if (rows[k].IsRecursive)
            {
                continue;
            }

            sum = checked(sum + (rows[k].IsLeaf ? rows[k].Params : Math.Max(leftover[k].Total, 0)));
            sumTrainable = checked(sumTrainable + (rows[k].IsLeaf ? rows[k].TrainableParams : Math.Max(leftover[k].Trainable, 0)));
        }

        return (sum, sumTrainable);
    }

    /// <summary>
    /// Keras' test (<c>summary_utils.print_summary</c>): a graph is sequential-like when no depth of its node map holds two
    /// nodes, no node receives two tensors and no layer is called twice. Without shared layers and multi-tensor calls the
    /// graph is a forest, and a forest has one node per depth exactly when it has a single leaf (a layer no other consumes):
    /// Keras puts every leaf at depth 0.
    /// </summary>
    private static bool IsBranching(LayerSummary[] rows)
    {
        if (!Array.Exists(rows, r => r.InboundNodes.Count > 0))
        {
            return false; // a sequential stack: no graph to judge
        }

        if (Array.Exists(rows, r => r.InboundNodes.Count > 1 || r.InboundNodes.Any(call => call.Count > 1)))
        {
            return true;
        }

        var consumed = new HashSet<string>(rows.SelectMany(r => r.InboundNodes.SelectMany(call => call)).Select(t => t.Layer), StringComparer.Ordinal);
        return rows.Count(r => !consumed.Contains(r.Name)) > 1;
    }

    /// <inheritdoc/>
    public bool Equals(ModelSummary? other) =>
        other is not null
        && Name == other.Name
        && Convention == other.Convention
        && Equals(Input, other.Input)
        && Output.Equals(other.Output)
        && InputElementType == other.InputElementType
        && rows.SequenceEqual(other.rows);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ModelSummary);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        unchecked((((StringComparer.Ordinal.GetHashCode(Name) * 31) + rows.Length) * 31) + TotalParams.GetHashCode());
}
