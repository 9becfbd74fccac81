namespace RecurrentParams.Formulas;

/// <summary>Keras <c>SimpleRNN</c> / PyTorch <c>nn.RNN</c>: one gate block, <c>u·u + u·i + u</c> in Keras.</summary>
internal sealed class SimpleRnnFormula : GatedCellFormula
{
    public SimpleRnnFormula()
        : base(CellType.SimpleRnn, gates: 1)
    {
    }

    protected override string TorchModuleName => "RNN";
}
