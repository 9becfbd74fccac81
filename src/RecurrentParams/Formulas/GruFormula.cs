namespace RecurrentParams.Formulas;

/// <summary>
/// Keras <c>GRU</c> / PyTorch <c>nn.GRU</c>: three gate blocks; Keras <c>reset_after=True</c> keeps a <c>(2, 3u)</c>
/// bias (input and recurrent), as PyTorch's <c>bias_ih</c> and <c>bias_hh</c> do.
/// </summary>
internal sealed class GruFormula : GatedCellFormula
{
    public GruFormula()
        : base(CellType.Gru, gates: 3)
    {
    }

    protected override bool SupportsResetAfter => true;

    protected override int KerasBiasVectors(LayerSpec spec) => spec.ResetAfter ? 2 : 1;
}
