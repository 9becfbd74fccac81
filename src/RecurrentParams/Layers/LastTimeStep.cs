using System;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;

namespace RecurrentParams.Layers;

/// <summary>The forward-pass step <c>x[:, -1]</c> of a batch-first sequence: not a module, so not a row of the summary.</summary>
internal sealed class LastTimeStep : Layer
{
    public LastTimeStep()
        : base("LastTimeStep", null)
    {
    }

    internal override bool ShowsInSummary => false;

    public override LayerResult Build(LayerContext context)
    {
        context.ExpectRank(3, "a batch-first sequence (batch, time, features)");
        long?[] dims = LayerMath.Dims(context.Input);
        return new LayerResult(new[] { new OutputShape(new[] { dims[0] }.Concat(dims.Skip(2)).ToArray()) }, Array.Empty<WeightTensor>());
    }
}
