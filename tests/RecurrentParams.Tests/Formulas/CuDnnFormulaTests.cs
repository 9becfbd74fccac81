using System;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Tests.Conformance;
using Xunit;

namespace RecurrentParams.Tests.Formulas;

/// <summary>
/// Keras 2's CuDNNLSTM and CuDNNGRU (keras/layers/cudnn_recurrent.py, Keras 2.2.4): <c>kernel (i, G·u)</c>,
/// <c>recurrent_kernel (u, G·u)</c> and one flat <c>bias (2·G·u)</c> on the layer itself. No Keras 2 runs here, so the
/// counts are checked against PyTorch, whose nn.LSTM / nn.GRU keep the same cuDNN biases (bias_ih and bias_hh).
/// </summary>
public sealed class CuDnnFormulaTests
{
    public static TheoryData<string> TorchSingleLayerIds => VectorFile.Ids(
        "torch-layers.jsonl",
        row => row.String("module") is "LSTM" or "GRU"
            && row.GetProperty("config").Int("num_layers") == 1
            && row.GetProperty("config").Bool("bias") == true
            && row.GetProperty("config").Bool("bidirectional") == false
            && (row.GetProperty("config").Int("proj_size") ?? 0) == 0);

    [Fact]
    public void Params_FourUnitsOnFiveFeatures()
    {
        // 4 × (4·4 + 4·5 + 2·4) = 4 × 44 and 3 × 44.
        Params.Keras.CuDnnLstm(units: 4, inputSize: 5).Should().Be(176);
        Params.Keras.CuDnnGru(units: 4, inputSize: 5).Should().Be(132);
    }

    /// <summary>Every single-layer, unidirectional PyTorch LSTM / GRU with bias the torch oracle built has the count of the cuDNN layer of the same sizes.</summary>
    [Theory]
    [MemberData(nameof(TorchSingleLayerIds))]
    public void Count_EqualsPyTorchsCuDnnLayout(string id)
    {
        JsonElement row = VectorFile.Load("torch-layers.jsonl")[id];
        JsonElement config = row.GetProperty("config");
        int input = config.Int("input_size")!.Value;
        int hidden = config.Int("hidden_size")!.Value;

        long count = row.String("module") == "LSTM" ? Params.Keras.CuDnnLstm(hidden, input) : Params.Keras.CuDnnGru(hidden, input);

        count.Should().Be(row.GetProperty("params").GetInt64());
    }

    [Fact]
    public void Weights_SitOnTheLayerWithOneFlatBias()
    {
        Params.Weights(LayerSpec.Keras.CuDnnLstm(4, 5)).Select(w => $"{w.Path} {w.Shape}").Should().Equal("kernel (5, 16)", "recurrent_kernel (4, 16)", "bias (32,)");
        Params.Weights(LayerSpec.Keras.CuDnnGru(4, 5)).Select(w => $"{w.Path} {w.Shape}").Should().Equal("kernel (5, 12)", "recurrent_kernel (4, 12)", "bias (24,)");
    }

    [Fact]
    public void Bidirectional_PrefixesEachDirection()
    {
        LayerSpec spec = LayerSpec.Keras.CuDnnLstm(4, 5) with { Bidirectional = true };

        Params.Weights(spec).Select(w => w.Path).Should().Equal(
            "forward_cu_dnnlstm/kernel", "forward_cu_dnnlstm/recurrent_kernel", "forward_cu_dnnlstm/bias",
            "backward_cu_dnnlstm/kernel", "backward_cu_dnnlstm/recurrent_kernel", "backward_cu_dnnlstm/bias");
        Params.Count(spec).Should().Be(2 * 176);
    }

    [Fact]
    public void Explain_ShowsBothBiases()
    {
        Params.Explain(LayerSpec.Keras.CuDnnLstm(4, 5)).ToString().Should().Be("CuDNNLSTM(units=4) on 5 features: 4 × (4·4 + 4·5 + 2·4) = 4 × 44 = 176");
        Params.Explain(LayerSpec.Keras.CuDnnGru(4, 5)).ToString().Should().Be("CuDNNGRU(units=4) on 5 features: 3 × (4·4 + 4·5 + 2·4) = 3 × 44 = 132");
    }

    [Fact]
    public void Validate_RejectsWhatTheLayerDoesNotHave()
    {
        Action torch = () => Params.Count(LayerSpec.Keras.CuDnnLstm(4, 5) with { Convention = Convention.Torch });
        Action noBias = () => Params.Count(LayerSpec.Keras.CuDnnGru(4, 5) with { UseBias = false });
        Action cell = () => Params.Count(LayerSpec.Keras.CuDnnLstm(4, 5) with { IsCell = true });
        Action resetBefore = () => Params.Count(LayerSpec.Keras.CuDnnGru(4, 5) with { ResetAfter = false });

        torch.Should().Throw<ArgumentException>().WithParameterName("convention").WithMessage("'CuDNNLSTM' is a Keras 2 layer; for PyTorch's cuDNN-backed module use the LSTM or GRU cell type in the PyTorch convention.*");
        noBias.Should().Throw<ArgumentException>().WithParameterName("useBias").WithMessage("'CuDNNGRU' always has its two bias vectors*");
        cell.Should().Throw<ArgumentException>().WithParameterName("isCell").WithMessage("'CuDNNLSTM' has no single-step cell; use a layer spec.*");
        resetBefore.Should().Throw<ArgumentException>().WithParameterName("resetAfter");
    }

    [Fact]
    public void Params_BadSizes_Throw()
    {
        Action units = () => Params.Keras.CuDnnLstm(0, 5);
        Action input = () => Params.Keras.CuDnnGru(4, 0);

        units.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("units");
        input.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("inputSize");
    }

    [Fact]
    public void Builder_NamesAndShapesAsKeras2()
    {
        ModelSummary summary = new KerasModelBuilder("m").Input(null, 6)
            .CuDnnLstm(16, returnSequences: true)
            .CuDnnGru(8, returnState: true)
            .Build();
        ModelSummary states = new KerasModelBuilder("s").Input(null, 6).CuDnnLstm(4, returnState: true).Build();

        summary.Rows.Select(r => (r.Name, r.ClassName, r.Params)).Should().Equal(
            ("cu_dnnlstm", "CuDNNLSTM", 4L * ((16 * 16) + (16 * 6) + (2 * 16))),
            ("cu_dnngru", "CuDNNGRU", 3L * ((8 * 8) + (8 * 16) + (2 * 8))));
        summary.Rows[0].Outputs.Should().Equal(new OutputShape(null, null, 16));
        summary.Rows[1].Outputs.Should().Equal(new OutputShape(null, 8), new OutputShape(null, 8));
        states.Rows[0].Outputs.Should().Equal(new OutputShape(null, 4), new OutputShape(null, 4), new OutputShape(null, 4)); // output, h, c
    }
}
