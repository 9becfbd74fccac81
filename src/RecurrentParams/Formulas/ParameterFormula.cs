using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RecurrentParams.Internal;

namespace RecurrentParams.Formulas;

/// <summary>
/// A base for <see cref="IParameterFormula"/> implementations: describe the weights of one (layer, direction) block
/// and get validation, stacking, bidirectional wrapping, framework naming, counting and a derivation.
/// </summary>
/// <remarks>
/// <para>
/// The built-in SimpleRNN, LSTM and GRU formulas derive from this class too; they override
/// <see cref="CountParameters"/> with closed-form arithmetic and <see cref="ExplainBlock"/> with the gate formula.
/// </para>
/// <para>
/// Naming: <see cref="GetBlockWeights"/> returns tensors named as in one cell (<c>kernel</c>, or <c>weight_ih</c> for
/// PyTorch). In the Keras convention the path becomes <c>{cell}/{name}</c> (<c>ind_rnn_cell/kernel</c>) and, when
/// bidirectional, <c>forward_{layer}/{cell}/{name}</c>; in the PyTorch convention the name gets the suffix
/// <c>_l{k}</c> and <c>_reverse</c> for the backward direction. Cells (<see cref="LayerSpec.IsCell"/>) keep the plain names.
/// </para>
/// <para>Derived classes must be immutable and thread-safe.</para>
/// </remarks>
public abstract class ParameterFormula : IParameterFormula
{
    /// <summary>Initializes the formula for a cell type.</summary>
    /// <param name="cellType">The cell type this formula counts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cellType"/> is <see langword="null"/>.</exception>
    protected ParameterFormula(CellType cellType)
    {
        CellType = Guard.NotNull(cellType, nameof(cellType));
        KerasLayerName = KerasNaming.ToSnakeCase(cellType.Name);
        KerasCellName = KerasNaming.ToSnakeCase(cellType.Name + "Cell");
    }

    /// <inheritdoc/>
    public CellType CellType { get; }

    /// <summary>Gets the default Keras layer name, the snake-cased class name (<c>simple_rnn</c>, <c>lstm</c>).</summary>
    /// <value>Used in Keras weight paths of bidirectional layers.</value>
    protected string KerasLayerName { get; }

    /// <summary>Gets the Keras cell name (<c>lstm_cell</c>), the middle segment of Keras weight paths.</summary>
    /// <value>The snake-cased class name followed by <c>_cell</c>.</value>
    protected string KerasCellName { get; }

    /// <summary>Gets the PyTorch module name used in derivations (<c>RNN</c>, <c>LSTM</c>).</summary>
    /// <value>The cell type's name unless overridden.</value>
    protected virtual string TorchModuleName => CellType.Name;

    /// <summary>Gets a value indicating whether the cell supports a projection (<see cref="LayerSpec.ProjSize"/> &gt; 0, PyTorch LSTM only).</summary>
    /// <value><see langword="false"/> unless overridden.</value>
    protected virtual bool SupportsProjection => false;

    /// <summary>Gets a value indicating whether the cell has Keras' <c>reset_after</c> option (GRU only).</summary>
    /// <value><see langword="false"/> unless overridden.</value>
    protected virtual bool SupportsResetAfter => false;

    /// <summary>Gets a value indicating whether Keras keeps the weights in a cell (<c>lstm_cell/kernel</c>) rather than on the layer itself (<c>kernel</c>, as the cuDNN layers do).</summary>
    /// <value><see langword="true"/> unless overridden.</value>
    protected virtual bool KerasWeightsInCell => true;

    /// <summary>Counts the parameters of a layer; by default the sum of <see cref="GetWeights"/>.</summary>
    /// <param name="spec">The layer.</param>
    /// <returns>The exact number of scalar parameters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The spec does not fit this cell or its convention; see <see cref="Validate"/>.</exception>
    /// <exception cref="OverflowException">The count does not fit in a <see cref="long"/>.</exception>
    public virtual long CountParameters(LayerSpec spec) => WeightSequence.SumOf(GetWeights(spec), w => w.Count);

    /// <inheritdoc/>
    public IReadOnlyList<WeightTensor> GetWeights(LayerSpec spec)
    {
        Validate(spec);
        if (IsRepeatedStack(spec))
        {
            return RepeatedWeights(spec);
        }

        var weights = new List<WeightTensor>();
        foreach (RecurrentBlock block in GetBlocks(spec))
        {
            foreach (WeightTensor weight in GetBlockWeights(spec, block))
            {
                weights.Add(Qualify(spec, block, Guard.NotNull(weight, "weight")));
            }
        }

        return weights.AsReadOnly();
    }

    /// <inheritdoc/>
    public Derivation Explain(LayerSpec spec)
    {
        Validate(spec);
        if (IsRepeatedStack(spec))
        {
            return RepeatedDerivation(spec);
        }

        RecurrentBlock[] blocks = GetBlocks(spec);
        var terms = new List<DerivationTerm>(blocks.Length);
        foreach (RecurrentBlock block in blocks)
        {
            terms.Add(ExplainBlock(spec, block, blocks.Length == 1 ? string.Empty : Label(spec, block)));
        }

        return new Derivation(Describe(spec), terms);
    }

    /// <summary>Checks that a spec fits this cell and its convention.</summary>
    /// <param name="spec">The layer.</param>
    /// <remarks>Override to add rules; call the base first.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The spec has another cell type; <c>NumLayers</c> is not 1 in the Keras convention or on a cell; a cell is
    /// bidirectional; <c>ProjSize</c> is set on a cell without projection, in the Keras convention or on a single-step cell;
    /// <c>ResetAfter</c> is <see langword="false"/> other than on a Keras GRU.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><c>ProjSize</c> is not less than <c>Units</c>.</exception>
    protected virtual void Validate(LayerSpec spec)
    {
        Guard.NotNull(spec, nameof(spec));

        // The common specs pass here without reaching the checks below, which build their messages.
        if (ReferenceEquals(spec.CellType, CellType)
            && spec.ProjSize == 0
            && spec.ResetAfter
            && (spec.IsCell ? spec.NumLayers == 1 && !spec.Bidirectional : spec.NumLayers == 1 || spec.Convention == Convention.Torch))
        {
            return;
        }

        ValidateInDetail(spec);
    }

    private void ValidateInDetail(LayerSpec spec)
    {
        if (spec.CellType != CellType)
        {
            Reject(nameof(spec), "this formula counts '{0}' cells but the spec's cell type is '{1}'; look the formula up with FormulaRegistry.Get(spec.CellType)", CellType, spec.CellType);
        }

        if (spec.NumLayers != 1 && spec.Convention == Convention.Keras)
        {
            Reject("numLayers", "'numLayers' must be 1 in the Keras convention (got {0}); a Keras layer has one layer of cells: stack layers, or use Convention.Torch", spec.NumLayers);
        }

        if (spec.IsCell && (spec.NumLayers != 1 || spec.Bidirectional))
        {
            Reject(spec.Bidirectional ? "bidirectional" : "numLayers", "a single-step cell has one layer and one direction (got numLayers {0}, bidirectional {1}); use a layer spec instead", spec.NumLayers, spec.Bidirectional);
        }

        if (spec.ProjSize > 0)
        {
            if (!SupportsProjection)
            {
                Reject("projSize", "'projSize' is only supported for LSTM, not {0} (got {1}); set it to 0", CellType, spec.ProjSize);
            }

            if (spec.Convention != Convention.Torch || spec.IsCell)
            {
                Reject("projSize", "'projSize' is a PyTorch nn.LSTM option; Keras layers and single-step cells have no projection (got {0}); set it to 0", spec.ProjSize);
            }

            Guard.ProjectionSize(spec.ProjSize, spec.Units);
        }

        if (!spec.ResetAfter && (!SupportsResetAfter || spec.Convention != Convention.Keras))
        {
            Reject("resetAfter", "'resetAfter' = false is only a Keras GRU option, not for {0} in the {1} convention; leave it true (PyTorch's GRU always resets after)", CellType, spec.Convention == Convention.Torch ? "PyTorch" : "Keras");
        }
    }

    /// <summary>Describes the weights of one (layer, direction) block, named as in a single cell.</summary>
    /// <param name="spec">The validated layer.</param>
    /// <param name="block">The block; use its <see cref="RecurrentBlock.InputSize"/> rather than the spec's.</param>
    /// <returns>The block's tensors in the framework's order, with plain names (<c>kernel</c>, <c>weight_ih</c>).</returns>
    protected abstract IEnumerable<WeightTensor> GetBlockWeights(LayerSpec spec, RecurrentBlock block);

    /// <summary>Gets the width of one direction's output, which feeds the next stacked layer.</summary>
    /// <param name="spec">The validated layer.</param>
    /// <returns><see cref="LayerSpec.Units"/> unless overridden (a projecting LSTM returns its projection size).</returns>
    protected virtual long OutputSize(LayerSpec spec) => Guard.NotNull(spec, nameof(spec)).Units;

    /// <summary>Explains one block; by default the sum of its tensors' shapes, e.g. <c>5·4 + 4 + 4</c>.</summary>
    /// <param name="spec">The validated layer.</param>
    /// <param name="block">The block.</param>
    /// <param name="label">The label to give the term.</param>
    /// <returns>The block's term.</returns>
    protected virtual DerivationTerm ExplainBlock(LayerSpec spec, RecurrentBlock block, string label)
    {
        long value = 0;
        var parts = new List<string>();
        foreach (WeightTensor weight in GetBlockWeights(spec, block))
        {
            value = checked(value + weight.Count);
            parts.Add(string.Join("·", weight.Shape.Dimensions.Select(d => d.ToString(CultureInfo.InvariantCulture))));
        }

        return new DerivationTerm(label, new[] { string.Join(" + ", parts) }, value);
    }

    /// <summary>Writes the layer as its framework would, e.g. <c>Bidirectional(LSTM(units=4)) on 5 features</c> or <c>LSTM(input_size=5, hidden_size=4, num_layers=2)</c>.</summary>
    /// <param name="spec">The validated layer.</param>
    /// <returns>The subject of the derivation.</returns>
    protected virtual string Describe(LayerSpec spec)
    {
        Guard.NotNull(spec, nameof(spec));
        var text = new StringBuilder();
        if (spec.Convention == Convention.Keras)
        {
            text.Append(CellType.Name).Append(spec.IsCell ? "Cell" : string.Empty)
                .Append("(units=").Append(Invariant(spec.Units));
            AppendFlag(text, "use_bias", spec.UseBias, shownWhen: false);
            if (SupportsResetAfter)
            {
                AppendFlag(text, "reset_after", spec.ResetAfter, shownWhen: null);
            }

            text.Append(')');
            if (spec.Bidirectional)
            {
                text.Insert(0, "Bidirectional(").Append(')');
            }

            return text.Append(" on ").Append(Invariant(spec.InputSize)).Append(spec.InputSize == 1 ? " feature" : " features").ToString();
        }

        text.Append(TorchModuleName).Append(spec.IsCell ? "Cell" : string.Empty)
            .Append("(input_size=").Append(Invariant(spec.InputSize))
            .Append(", hidden_size=").Append(Invariant(spec.Units));
        if (spec.NumLayers != 1)
        {
            text.Append(", num_layers=").Append(Invariant(spec.NumLayers));
        }

        AppendFlag(text, "bias", spec.UseBias, shownWhen: false);
        AppendFlag(text, "bidirectional", spec.Bidirectional, shownWhen: true);
        if (spec.ProjSize > 0)
        {
            text.Append(", proj_size=").Append(Invariant(spec.ProjSize));
        }

        return text.Append(')').ToString();
    }

    /// <summary>Formats an integer in the invariant culture.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The digits, with a leading minus sign when negative.</returns>
    protected static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void AppendFlag(StringBuilder text, string name, bool value, bool? shownWhen)
    {
        if (shownWhen is null || shownWhen == value)
        {
            text.Append(", ").Append(name).Append('=').Append(value ? "True" : "False");
        }
    }

    private static void Reject(string paramName, string format, params object[] args) =>
        Guard.ThrowArgument(paramName, char.ToUpperInvariant(format[0]) + string.Format(CultureInfo.InvariantCulture, format, args).Substring(1) + ".");

    private RecurrentBlock[] GetBlocks(LayerSpec spec)
    {
        int directions = spec.Directions;
        long deeperInput = spec.NumLayers > 1 ? checked(directions * OutputSize(spec)) : 0;
        var blocks = new RecurrentBlock[checked(spec.NumLayers * directions)];
        for (int layer = 0; layer < spec.NumLayers; layer++)
        {
            for (int direction = 0; direction < directions; direction++)
            {
                blocks[(layer * directions) + direction] = new RecurrentBlock(layer, direction == 1, layer == 0 ? spec.InputSize : deeperInput);
            }
        }

        return blocks;
    }

    /// <summary>
    /// Gets a value indicating whether every layer after the first has the same weights, named apart only by the layer
    /// index (true of the built-in cells), so that a PyTorch stack can be listed on demand instead of tensor by tensor.
    /// </summary>
    private protected virtual bool DeeperLayersAlike => false;

    /// <summary>A PyTorch stack of several layers whose deeper layers repeat one block: its weights and terms are computed on demand.</summary>
    private bool IsRepeatedStack(LayerSpec spec) =>
        DeeperLayersAlike && spec.Convention == Convention.Torch && !spec.IsCell && spec.NumLayers > 1;

    /// <summary>The blocks of one layer of a stack, one per direction.</summary>
    private RecurrentBlock[] LayerBlocks(LayerSpec spec, int layer)
    {
        int directions = spec.Directions;
        long input = layer == 0 ? spec.InputSize : checked(directions * OutputSize(spec));
        var blocks = new RecurrentBlock[directions];
        for (int direction = 0; direction < directions; direction++)
        {
            blocks[direction] = new RecurrentBlock(layer, direction == 1, input);
        }

        return blocks;
    }

    /// <summary>Layer 0's tensors, then layer 1's block repeated for every deeper layer with its own <c>_l{k}</c> names.</summary>
    private StackedWeights RepeatedWeights(LayerSpec spec)
    {
        var first = new List<WeightTensor>();
        foreach (RecurrentBlock block in LayerBlocks(spec, 0))
        {
            foreach (WeightTensor weight in GetBlockWeights(spec, block))
            {
                first.Add(Qualify(spec, block, Guard.NotNull(weight, "weight")));
            }
        }

        var deeper = new List<(bool Reverse, WeightTensor Weight)>();
        foreach (RecurrentBlock block in LayerBlocks(spec, 1))
        {
            foreach (WeightTensor weight in GetBlockWeights(spec, block))
            {
                deeper.Add((block.Reverse, Guard.NotNull(weight, "weight")));
            }
        }

        long deeperInput = checked(spec.Directions * OutputSize(spec));
        return new StackedWeights(
            first.AsReadOnly(),
            deeper.Count,
            spec.NumLayers - 1,
            (layer, k) => Qualify(spec, new RecurrentBlock(layer, deeper[k].Reverse, deeperInput), deeper[k].Weight));
    }

    /// <summary>The derivation of a repeated stack: one term per layer and direction, computed on demand, with the total from layer 0 and one deeper layer.</summary>
    private Derivation RepeatedDerivation(LayerSpec spec)
    {
        RecurrentBlock[] first = LayerBlocks(spec, 0);
        RecurrentBlock[] deeper = LayerBlocks(spec, 1);
        int directions = first.Length;
        DerivationTerm TermAt(int index)
        {
            RecurrentBlock block = index < directions
                ? first[index]
                : new RecurrentBlock(index / directions, deeper[index % directions].Reverse, deeper[index % directions].InputSize);
            return ExplainBlock(spec, block, Label(spec, block));
        }

        long total = 0;
        for (int k = 0; k < directions; k++)
        {
            total = checked(total + TermAt(k).Value + (TermAt(directions + k).Value * (spec.NumLayers - 1)));
        }

        return new Derivation(Describe(spec), new LazyList<DerivationTerm>(checked(spec.NumLayers * directions), TermAt), total);
    }

    private string Label(LayerSpec spec, RecurrentBlock block)
    {
        if (spec.Convention == Convention.Keras)
        {
            return (block.Reverse ? "backward_" : "forward_") + KerasLayerName;
        }

        string direction = block.Reverse ? "reverse" : "forward";
        if (spec.NumLayers == 1)
        {
            return direction;
        }

        string layer = "layer " + Invariant(block.Layer);
        return spec.Bidirectional ? layer + ", " + direction : layer;
    }

    private WeightTensor Qualify(LayerSpec spec, RecurrentBlock block, WeightTensor weight)
    {
        if (spec.Convention == Convention.Torch)
        {
            string name = spec.IsCell
                ? weight.Name
                : weight.Name + "_l" + Invariant(block.Layer) + (block.Reverse ? "_reverse" : string.Empty);
            return weight with { Name = name, Path = name };
        }

        if (spec.IsCell)
        {
            return weight with { Path = weight.Name };
        }

        string path = KerasWeightsInCell ? KerasCellName + "/" + weight.Name : weight.Name;
        if (spec.Bidirectional)
        {
            path = (block.Reverse ? "backward_" : "forward_") + KerasLayerName + "/" + path;
        }

        return weight with { Path = path };
    }
}
