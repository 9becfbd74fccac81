using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

/// <summary><c>rparams compare</c>: the Keras and PyTorch counts side by side and why they differ.</summary>
public sealed class ComparisonTests
{
    [Fact]
    public void Compare_Lstm_PrintsTheReadmesComparison()
    {
        CliResult result = CliRunner.Exec("compare", "lstm", "--units", "4", "--input", "5");

        result.ExitCode.Should().Be(0);
        result.Error.Should().BeEmpty();
        result.Output.Should().Be("""
            Keras LSTM and torch.nn.LSTM: 4 units, 5 input features

                               Keras  PyTorch  PyTorch − Keras
            input kernels         80       80                0
            recurrent kernels     64       64                0
            biases                16       32              +16
            total                160      176              +16

            PyTorch keeps two bias vectors per gate block, bias_ih and bias_hh; Keras keeps one: 4 gates × 4
            units = 16.

            Keras:   LSTM(units=4) on 5 features: 4 × (4·4 + 4·5 + 4) = 4 × 40 = 160
                     lstm_cell/kernel (5, 16), lstm_cell/recurrent_kernel (4, 16), lstm_cell/bias (16,)
            PyTorch: LSTM(input_size=5, hidden_size=4): 4 × (4·4 + 4·5 + 4 + 4) = 4 × 44 = 176
                     weight_ih_l0 [16, 5], weight_hh_l0 [16, 4], bias_ih_l0 [16], bias_hh_l0 [16]

            """);
    }

    [Fact]
    public void Compare_GruResetAfterTrue_HasNoDifference()
    {
        string output = CliRunner.Exec("compare", "gru", "-u", "4", "-i", "5").Output;

        output.Should().StartWith("Keras GRU and torch.nn.GRU: 4 units, 5 input features, reset_after=True\n")
            .And.Contain("total                132      132                0\n")
            .And.Contain("\nKeras' GRU with reset_after=True (Keras 3 and TF2's default) keeps two bias vectors, (2, 3·units),\nas PyTorch keeps bias_ih and bias_hh: no difference.\n");
    }

    [Fact]
    public void Compare_GruResetAfterFalse_ExplainsTheMissingBiasAndKeepsPyTorchResettingAfter()
    {
        CliResult result = CliRunner.Exec("compare", "gru", "-u", "4", "-i", "5", "--reset-after", "false");

        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain("total                120      132              +12\n")
            .And.Contain("\nPyTorch keeps two bias vectors per gate block, bias_ih and bias_hh; Keras keeps one (GRU with\nreset_after=False; reset_after=True keeps two): 3 gates × 4 units = 12.\n")
            .And.Contain("Keras:   GRU(units=4, reset_after=False) on 5 features");
    }

    [Fact]
    public void Compare_StackedBidirectional_CountsOneBiasVectorPerBlock()
    {
        string output = CliRunner.Exec("compare", "lstm", "-u", "4", "-i", "5", "--layers", "2", "--bidirectional").Output;

        long keras = Params.Keras.Lstm(4, 5, bidirectional: true) + Params.Keras.Lstm(4, 8, bidirectional: true);
        long torch = Params.Torch.Lstm(5, 4, numLayers: 2, bidirectional: true);
        output.Should().StartWith("Keras LSTM and torch.nn.LSTM: 4 units, 5 input features, 2 layers, bidirectional\n")
            .And.MatchRegex("\ntotal +" + keras + " +" + torch + " +\\+" + (torch - keras) + "\n")
            .And.Contain("4 gates × 4\nunits × 4 blocks (layers × directions) = " + (torch - keras) + ".\n")
            .And.Contain("Keras:   2 stacked LSTM layers, each returning sequences to the next: " + keras + " parameters\n");
    }

    [Fact]
    public void Compare_NoBias_HasNoDifference()
    {
        CliRunner.Exec("compare", "simplernn", "-u", "4", "-i", "5", "--no-bias").Output
            .Should().Contain("\nWithout biases both conventions hold the same kernels: no difference.\n")
            .And.StartWith("Keras SimpleRNN and torch.nn.RNN: 4 units, 5 input features, no bias\n");
    }

    [Fact]
    public void Compare_CuDnnLstm_KeepsTwoBiasesAsPyTorch()
    {
        CliRunner.Exec("compare", "cudnnlstm", "-u", "4", "-i", "5").Output
            .Should().StartWith("Keras CuDNNLSTM and torch.nn.LSTM: 4 units, 5 input features\n")
            .And.Contain("\nKeras 2's CuDNNLSTM keeps cuDNN's two bias vectors per gate block, as PyTorch keeps bias_ih and\nbias_hh: no difference.\n")
            .And.Contain("PyTorch: LSTM(input_size=5, hidden_size=4)");
    }

    [Fact]
    public void Compare_Cells_CompareKerasCellsWithTorchCells()
    {
        string output = CliRunner.Exec("compare", "lstmcell", "-u", "1", "-i", "1").Output;

        output.Should().StartWith("Keras LSTMCell and torch.nn.LSTMCell: 1 unit, 1 input feature\n")
            .And.Contain(": 4 gates × 1\nunit = 4.\n")
            .And.Contain("weight_ih [4, 1]");
    }

    [Fact]
    public void Compare_ManyWeights_WrapsTheWeightListUnderTheDerivation()
    {
        string output = CliRunner.Exec("compare", "gru", "-u", "4", "-i", "5", "-l", "2", "-b").Output;

        output.Should().Contain("\n         weight_ih_l0 [12, 5], weight_hh_l0 [12, 4], bias_ih_l0 [12], bias_hh_l0 [12],\n");
        foreach (string line in output.Split('\n').Where(l => l.Contains("_l0", System.StringComparison.Ordinal) || l.Contains("gru_cell/", System.StringComparison.Ordinal)))
        {
            line.Length.Should().BeLessThanOrEqualTo(100, line);
        }
    }

    [Fact]
    public void Compare_Json_HoldsBothCountsTheDifferenceAndTheExplanation()
    {
        CliResult result = CliRunner.Exec("compare", "lstm", "-u", "4", "-i", "5", "--json");

        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("keras").GetProperty("totalParams").GetInt64().Should().Be(160);
        json.RootElement.GetProperty("pytorch").GetProperty("totalParams").GetInt64().Should().Be(176);
        json.RootElement.GetProperty("pytorch").GetProperty("convention").GetString().Should().Be("pytorch");
        json.RootElement.GetProperty("difference").GetInt64().Should().Be(16);
        json.RootElement.GetProperty("explanation").GetString().Should().EndWith("4 gates × 4 units = 16.");
    }

    [Fact]
    public void Compare_ProjSize_IsAUsageErrorPointingToCount()
    {
        CliRunner.Exec("compare", "lstm", "-u", "4", "-i", "5", "--proj-size", "2").Should().Be(new CliResult(
            ExitCodes.Usage,
            string.Empty,
            "rparams: --proj-size: Keras' LSTM has no projection, so there is nothing to compare; count it with 'rparams count lstm --torch --proj-size N'.\n"));
    }

    [Fact]
    public void Compare_Budget_NamesTheSideOverIt()
    {
        CliResult result = CliRunner.Exec("compare", "lstm", "-u", "4", "-i", "5", "--max-params", "170");

        result.ExitCode.Should().Be(ExitCodes.OverBudget);
        result.Error.Should().Be("rparams: PyTorch: over budget: 176 parameters, over --max-params 170.\n");
    }

    [Fact]
    public void Explanation_DifferenceNotFromBiases_FallsBackToTheNumber()
    {
        var request = new CellRequest(CellKind.Find("lstm"), 4, 5, 1, false, 0, true, true);
        CountResult keras = request.Count(Convention.Keras);
        CountResult wider = (request with { Units = 5 }).Count(Convention.Torch);

        new Comparison(keras, wider).Explanation().Should().Be("PyTorch − Keras = +" + (Params.Torch.Lstm(5, 5) - 160) + ".");
    }

    [Fact]
    public void Explanation_BiasDifferenceNotOneVectorPerBlock_SaysTheDifferenceWithoutAProduct()
    {
        var request = new CellRequest(CellKind.Find("gru"), 4, 5, 1, false, 0, true, false);
        CountResult keras = request.Count(Convention.Keras);
        CountResult torch = (request with { ResetAfter = true }).Count(Convention.Torch);
        var twoLayers = new Comparison(keras with { Request = request with { Layers = 2 } }, torch);

        twoLayers.Explanation().Should().EndWith("reset_after=True keeps two): PyTorch − Keras = +12.");
    }
}
