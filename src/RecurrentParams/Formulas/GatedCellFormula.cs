using System.Collections.Generic;
using RecurrentParams.Internal;

namespace RecurrentParams.Formulas;

/// <summary>
/// The formula shared by SimpleRNN (1 gate block), GRU (3) and LSTM (4): per block <c>G·(u·r + u·i + b·u) + p·u</c>
/// with b bias vectors per gate (Keras 1, Keras GRU reset_after 2, PyTorch 2) and an optional projection p (PyTorch LSTM).
/// </summary>
/// <remarks>
/// Sources: Keras 3 <c>keras/src/layers/rnn/{simple_rnn,lstm,gru}.py</c> (cell <c>build</c>), PyTorch
/// <c>torch/nn/modules/rnn.py</c> (<c>RNNBase.__init__</c>, <c>RNNCellBase</c>).
/// </remarks>
internal abstract class GatedCellFormula : ParameterFormula
{
    protected GatedCellFormula(CellType cellType, int gates)
        : base(cellType)
    {
        Gates = gates;
    }

    /// <summary>Gets G, the number of gate blocks stacked along the weight matrices' gate axis.</summary>
    public int Gates { get; }

    public override long CountParameters(LayerSpec spec)
    {
        Validate(spec);
        return GateArithmetic.Stack(Gates, spec.Units, spec.InputSize, spec.NumLayers, spec.Directions, BiasVectors(spec), spec.ProjSize);
    }

    /// <inheritdoc/>
    private protected override bool DeeperLayersAlike => true;

    /// <summary>Bias vectors per gate block in the Keras convention when <c>use_bias</c> is on.</summary>
    protected virtual int KerasBiasVectors(LayerSpec spec) => 1;

    /// <summary>Gets a value indicating whether Keras keeps two bias vectors as one flat <c>(2·G·u)</c> tensor (cuDNN) rather than <c>(2, G·u)</c> (GRU reset_after).</summary>
    protected virtual bool KerasFlatDoubleBias => false;

    protected override long OutputSize(LayerSpec spec) => spec.ProjSize > 0 ? spec.ProjSize : spec.Units;

    protected override IEnumerable<WeightTensor> GetBlockWeights(LayerSpec spec, RecurrentBlock block)
    {
        long units = spec.Units;
        long gateWidth = checked(Gates * units);
        long recurrent = OutputSize(spec);
        int biasVectors = BiasVectors(spec);
        if (spec.Convention == Convention.Keras)
        {
            yield return new WeightTensor("kernel", new TensorShape(block.InputSize, gateWidth));
            yield return new WeightTensor("recurrent_kernel", new TensorShape(units, gateWidth));
            if (biasVectors == 1)
            {
                yield return new WeightTensor("bias", new TensorShape(gateWidth));
            }
            else if (biasVectors == 2)
            {
                yield return new WeightTensor("bias", KerasFlatDoubleBias ? new TensorShape(checked(2 * gateWidth)) : new TensorShape(2, gateWidth));
            }

            yield break;
        }

        yield return new WeightTensor("weight_ih", new TensorShape(gateWidth, block.InputSize));
        yield return new WeightTensor("weight_hh", new TensorShape(gateWidth, recurrent));
        if (biasVectors > 0)
        {
            yield return new WeightTensor("bias_ih", new TensorShape(gateWidth));
            yield return new WeightTensor("bias_hh", new TensorShape(gateWidth));
        }

        if (spec.ProjSize > 0)
        {
            yield return new WeightTensor("weight_hr", new TensorShape(spec.ProjSize, units));
        }
    }

    protected override DerivationTerm ExplainBlock(LayerSpec spec, RecurrentBlock block, string label)
    {
        long units = spec.Units;
        long recurrent = OutputSize(spec);
        int biasVectors = BiasVectors(spec);
        long projection = spec.ProjSize;
        string u = Invariant(units);

        string inner = u + "·" + Invariant(recurrent) + " + " + u + "·" + Invariant(block.InputSize);
        if (biasVectors == 1)
        {
            inner += " + " + u;
        }
        else if (biasVectors == 2)
        {
            // Keras stores the two biases as one tensor ((2, 3u) for GRU, (8u) or (6u) for cuDNN); PyTorch as bias_ih and bias_hh.
            inner += spec.Convention == Convention.Keras ? " + 2·" + u : " + " + u + " + " + u;
        }

        long perGate = GateArithmetic.Block(1, units, block.InputSize, recurrent, biasVectors, 0);
        long value = GateArithmetic.Block(Gates, units, block.InputSize, recurrent, biasVectors, projection);
        string projectionTerm = projection > 0 ? " + " + Invariant(projection) + "·" + u : string.Empty;
        string projectionValue = projection > 0 ? " + " + Invariant(checked(projection * units)) : string.Empty;

        string[] steps = Gates == 1 && projection == 0
            ? new[] { inner }
            : new[]
            {
                Invariant(Gates) + " × (" + inner + ")" + projectionTerm,
                Invariant(Gates) + " × " + Invariant(perGate) + projectionValue,
            };
        return new DerivationTerm(label, steps, value);
    }

    internal int BiasVectors(LayerSpec spec) =>
        !spec.UseBias ? 0 : spec.Convention == Convention.Torch ? 2 : KerasBiasVectors(spec);
}
