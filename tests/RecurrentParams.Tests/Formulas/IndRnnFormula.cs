using System.Collections.Generic;
using RecurrentParams.Formulas;

namespace RecurrentParams.Tests.Formulas;

/// <summary>
/// A user cell written against the public API only, as in the README: IndRNN (Li et al., 2018) has an input kernel
/// (i, u), a recurrent weight that is a vector (u,) and a bias (u,): u·i + 2u per block.
/// </summary>
public sealed class IndRnnFormula : ParameterFormula
{
    public static readonly CellType IndRnn = new("IndRNN");

    public IndRnnFormula()
        : base(IndRnn)
    {
    }

    protected override IEnumerable<WeightTensor> GetBlockWeights(LayerSpec spec, RecurrentBlock block)
    {
        yield return new WeightTensor("kernel", new TensorShape(block.InputSize, spec.Units));
        yield return new WeightTensor("recurrent_kernel", new TensorShape(spec.Units));
        if (spec.UseBias)
        {
            yield return new WeightTensor("bias", new TensorShape(spec.Units));
        }
    }
}
