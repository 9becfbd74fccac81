namespace RecurrentParams.Formulas;

/// <summary>Keras <c>LSTM</c> / PyTorch <c>nn.LSTM</c>: four gate blocks (i, f, c/g, o), with PyTorch's optional projection.</summary>
internal sealed class LstmFormula : GatedCellFormula
{
    public LstmFormula()
        : base(CellType.Lstm, gates: 4)
    {
    }

    protected override bool SupportsProjection => true;
}
