using System;
using System.Linq;
using RecurrentParams.Formulas;
using RecurrentParams.Internal;
using RecurrentParams.Layers;

namespace RecurrentParams.Torch;

/// <summary>The forward-pass step <c>x[:, -1]</c> (batch first) or <c>x[-1]</c> (sequence first): not a module, so not a row of the summary.</summary>
internal sealed class LastTimeStep : TorchModule
{
    private readonly bool batchFirst;

    public LastTimeStep(bool batchFirst)
        : base("LastTimeStep", null)
    {
        this.batchFirst = batchFirst;
    }

    internal override bool ShowsInSummary => false;

    public override LayerResult Build(LayerContext context)
    {
        context.ExpectRank(3, batchFirst ? "a batch-first sequence (batch, time, features)" : "a sequence-first sequence (time, batch, features)");
        long?[] dims = LayerMath.Dims(context.Input);
        long?[] kept = batchFirst ? new[] { dims[0] }.Concat(dims.Skip(2)).ToArray() : dims.Skip(1).ToArray();
        return new LayerResult(new[] { new OutputShape(kept) }, Array.Empty<WeightTensor>());
    }
}
