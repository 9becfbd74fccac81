using RecurrentParams.Internal;

namespace RecurrentParams.Formulas;

/// <summary>
/// Keras 2's <c>CuDNNLSTM</c> (4 gate blocks) and <c>CuDNNGRU</c> (3): cuDNN keeps an input and a recurrent bias per
/// gate, so a block has <c>G·(u·u + u·i + 2u)</c> parameters, as PyTorch's <c>nn.LSTM</c> / <c>nn.GRU</c> (same cuDNN
/// layout). The weights sit on the layer itself: <c>kernel</c> <c>(i, G·u)</c>, <c>recurrent_kernel</c> <c>(u, G·u)</c>,
/// <c>bias</c> <c>(2·G·u)</c>.
/// </summary>
/// <remarks>Source: Keras 2.2.4 <c>keras/layers/cudnn_recurrent.py</c> (<c>CuDNNGRU.build</c>, <c>CuDNNLSTM.build</c>). The layers have
/// no <c>use_bias</c> option and no single-step cell, and exist only in Keras.</remarks>
internal sealed class CuDnnFormula : GatedCellFormula
{
    public CuDnnFormula(CellType cellType, int gates)
        : base(cellType, gates)
    {
    }

    protected override bool KerasWeightsInCell => false;

    protected override bool KerasFlatDoubleBias => true;

    protected override int KerasBiasVectors(LayerSpec spec) => 2;

    protected override void Validate(LayerSpec spec)
    {
        base.Validate(spec);
        if (spec.Convention != Convention.Keras)
        {
            Guard.ThrowArgument("convention", "'" + CellType.Name + "' is a Keras 2 layer; for PyTorch's cuDNN-backed module use the LSTM or GRU cell type in the PyTorch convention.");
        }

        if (!spec.UseBias)
        {
            Guard.ThrowArgument("useBias", "'" + CellType.Name + "' always has its two bias vectors (Keras has no use_bias option for it); leave useBias true.");
        }

        if (spec.IsCell)
        {
            Guard.ThrowArgument("isCell", "'" + CellType.Name + "' has no single-step cell; use a layer spec.");
        }
    }
}
