using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

/// <summary><c>rparams count</c>: every cell in both conventions, the options, --explain, --json, the budget gate and bad input.</summary>
public sealed class CountCommandTests
{
    [Fact]
    public void Count_LstmKeras_PrintsTheCountAlone()
    {
        CliResult result = CliRunner.Exec("count", "lstm", "--units", "4", "--input", "5");

        result.Should().Be(new CliResult(0, Params.Lstm(units: 4, inputSize: 5) + "\n", string.Empty));
        result.Output.Should().Be("160\n");
    }

    [Fact]
    public void Count_UnitsAndInput_AreNotSwapped()
    {
        CliRunner.Exec("count", "lstm", "--units", "5", "--input", "4").Output.Should().Be(Params.Lstm(units: 5, inputSize: 4) + "\n");
    }

    [Theory]
    [InlineData("simplernn")]
    [InlineData("rnn")]
    [InlineData("SimpleRNN")]
    [InlineData("lstm")]
    [InlineData("LSTM")]
    [InlineData("gru")]
    [InlineData("cudnnlstm")]
    [InlineData("CuDNNGRU")]
    public void Count_EveryKerasLayer_MatchesTheLibrary(string cell)
    {
        long expected = cell.ToLowerInvariant() switch
        {
            "simplernn" or "rnn" => Params.Keras.SimpleRnn(7, 3, bidirectional: true),
            "lstm" => Params.Keras.Lstm(7, 3, bidirectional: true),
            "gru" => Params.Keras.Gru(7, 3, bidirectional: true),
            "cudnnlstm" => Params.Keras.CuDnnLstm(7, 3, bidirectional: true),
            _ => Params.Keras.CuDnnGru(7, 3, bidirectional: true),
        };

        CliRunner.Exec("count", cell, "-u", "7", "-i", "3", "-b").Output.Should().Be(expected + "\n");
    }

    [Theory]
    [InlineData("rnn")]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Count_EveryTorchModule_MatchesTheLibrary(string cell)
    {
        long expected = cell switch
        {
            "rnn" => Params.Torch.Rnn(3, 7, numLayers: 3, bidirectional: true),
            "lstm" => Params.Torch.Lstm(3, 7, numLayers: 3, bidirectional: true),
            _ => Params.Torch.Gru(3, 7, numLayers: 3, bidirectional: true),
        };

        CliRunner.Exec("count", cell, "--hidden-size", "7", "--input-size", "3", "--num-layers", "3", "--bidirectional", "--torch").Output.Should().Be(expected + "\n");
    }

    [Theory]
    [InlineData("rnncell", false)]
    [InlineData("lstmcell", false)]
    [InlineData("grucell", false)]
    [InlineData("simplernncell", true)]
    [InlineData("lstmcell", true)]
    [InlineData("grucell", true)]
    public void Count_SingleStepCells_MatchTheLibrary(string cell, bool torch)
    {
        long expected = cell switch
        {
            "rnncell" or "simplernncell" => Params.Torch.RnnCell(5, 4),
            "lstmcell" => Params.Torch.LstmCell(5, 4),
            _ => Params.Torch.GruCell(5, 4),
        };
        if (!torch)
        {
            // Keras cells count as their layers: one bias vector (GRUCell two, reset_after=True).
            expected = cell switch
            {
                "rnncell" or "simplernncell" => Params.SimpleRnn(4, 5),
                "lstmcell" => Params.Lstm(4, 5),
                _ => Params.Gru(4, 5),
            };
        }

        string[] args = torch ? ["count", cell, "-u", "4", "-i", "5", "--torch"] : ["count", cell, "-u", "4", "-i", "5"];
        CliRunner.Exec(args).Output.Should().Be(expected + "\n");
    }

    [Fact]
    public void Count_TorchProjection_MatchesTheReadme()
    {
        CliResult result = CliRunner.Exec("count", "lstm", "-u", "4", "-i", "5", "--torch", "--layers", "2", "--bidirectional", "--proj-size", "2");

        result.Output.Should().Be(Params.Torch.Lstm(inputSize: 5, hiddenSize: 4, numLayers: 2, bidirectional: true, projSize: 2) + "\n");
        result.Output.Should().Be("576\n");
    }

    [Fact]
    public void Count_NoBias_DropsTheBiasesInBothConventions()
    {
        CliRunner.Exec("count", "gru", "-u", "4", "-i", "5", "--no-bias").Output.Should().Be(Params.Gru(4, 5, useBias: false) + "\n");
        CliRunner.Exec("count", "gru", "-u", "4", "-i", "5", "--no-bias", "--torch").Output.Should().Be(Params.Torch.Gru(5, 4, bias: false) + "\n");
    }

    [Theory]
    [InlineData("false", 120)]
    [InlineData("true", 132)]
    public void Count_ResetAfter_PicksTheKerasGruBias(string resetAfter, long expected)
    {
        // 3 gates × (4·4 + 4·5 + b·4) with one bias vector (reset_after=False) or two (True).
        CliRunner.Exec("count", "gru", "-u", "4", "-i", "5", "--reset-after", resetAfter).Output.Should().Be(expected + "\n");
        Params.Gru(4, 5, resetAfter: resetAfter == "true").Should().Be(expected);
    }

    [Fact]
    public void Count_KerasLayers_StacksLayersEachFeedingTheNext()
    {
        CliRunner.Exec("count", "lstm", "-u", "4", "-i", "5", "--layers", "3").Output
            .Should().Be((Params.Lstm(4, 5) + (2 * Params.Lstm(4, 4))) + "\n");
        CliRunner.Exec("count", "gru", "-u", "4", "-i", "5", "--layers", "2", "-b").Output
            .Should().Be((Params.Keras.Gru(4, 5, bidirectional: true) + Params.Keras.Gru(4, 8, bidirectional: true)) + "\n");
    }

    [Fact]
    public void Count_KerasStackOfTwoLayers_EqualsPyTorchNumLayersMinusItsBiases()
    {
        long keras = long.Parse(CliRunner.Exec("count", "lstm", "-u", "4", "-i", "5", "-l", "2", "-b").Output, System.Globalization.CultureInfo.InvariantCulture);
        long torch = long.Parse(CliRunner.Exec("count", "lstm", "-u", "4", "-i", "5", "-l", "2", "-b", "--torch").Output, System.Globalization.CultureInfo.InvariantCulture);

        // The same kernels; PyTorch adds one bias vector of 4 gates × 4 units per layer and direction.
        (torch - keras).Should().Be(4 * 4 * 2 * 2);
    }

    [Fact]
    public void Count_Explain_PrintsTheDerivationAndTheWeightTable()
    {
        CliResult result = CliRunner.Exec("count", "lstm", "--units", "4", "--input", "5", "--explain");

        result.ExitCode.Should().Be(0);
        result.Output.Should().Be("""
            LSTM(units=4) on 5 features: 4 × (4·4 + 4·5 + 4) = 4 × 40 = 160

            Weight                      Shape    Params
            lstm_cell/kernel            (5, 16)      80
            lstm_cell/recurrent_kernel  (4, 16)      64
            lstm_cell/bias              (16,)        16
            Total                                   160

            """.Replace("\r\n", "\n", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Count_ExplainTorch_ShowsShapesAsPyTorchPrintsThem()
    {
        string output = CliRunner.Exec("count", "gru", "-u", "4", "-i", "5", "--torch", "-e").Output;

        output.Should().Be(Params.Explain(LayerSpec.Torch.Gru(5, 4)) + "\n\n" + """
            Weight        Shape    Params
            weight_ih_l0  [12, 5]      60
            weight_hh_l0  [12, 4]      48
            bias_ih_l0    [12]         12
            bias_hh_l0    [12]         12
            Total                     132

            """);
    }

    [Fact]
    public void Count_ExplainKerasStack_NamesEachLayerAndPrefixesItsWeights()
    {
        string output = CliRunner.Exec("count", "simplernn", "-u", "2", "-i", "3", "-l", "2", "--explain").Output;

        // Layer 1 takes layer 0's 2 units as its input: 2·2 + 2·3 + 2 = 12, then 2·2 + 2·2 + 2 = 10.
        output.Should().Be("""
            2 stacked SimpleRNN layers, each returning sequences to the next: 22 parameters
              simple_rnn: SimpleRNN(units=2) on 3 features: 2·2 + 2·3 + 2 = 12
              simple_rnn_1: SimpleRNN(units=2) on 2 features: 2·2 + 2·2 + 2 = 10
              total: 12 + 10 = 22

            Weight                                         Shape   Params
            simple_rnn/simple_rnn_cell/kernel              (3, 2)       6
            simple_rnn/simple_rnn_cell/recurrent_kernel    (2, 2)       4
            simple_rnn/simple_rnn_cell/bias                (2,)         2
            simple_rnn_1/simple_rnn_cell/kernel            (2, 2)       4
            simple_rnn_1/simple_rnn_cell/recurrent_kernel  (2, 2)       4
            simple_rnn_1/simple_rnn_cell/bias              (2,)         2
            Total                                                      22

            """);
    }

    [Fact]
    public void Count_ExplainKerasBidirectionalStack_IndentsEachLayersDerivation()
    {
        string output = CliRunner.Exec("count", "lstm", "-u", "4", "-i", "5", "-l", "2", "-b", "-e").Output;

        string second = Params.Explain(LayerSpec.Keras.Lstm(4, 8, bidirectional: true)).ToString().Replace("\n", "\n    ", System.StringComparison.Ordinal);
        output.Should().Contain("\n  bidirectional_1: " + second + "\n")
            .And.Contain("bidirectional_1/backward_lstm/lstm_cell/bias");
    }

    [Fact]
    public void Count_Json_WritesTheRequestTheTotalAndTheSchemasWeightObjects()
    {
        CliResult result = CliRunner.Exec("count", "lstm", "-u", "4", "-i", "5", "--json");

        result.ExitCode.Should().Be(0);
        result.Output.Should().EndWith("}\n");
        using var json = JsonDocument.Parse(result.Output);
        JsonElement root = json.RootElement;
        root.GetProperty("convention").GetString().Should().Be("keras");
        root.GetProperty("cell").GetString().Should().Be("lstm");
        root.GetProperty("totalParams").GetInt64().Should().Be(160);
        root.GetProperty("parameterBytes").GetProperty("float32").GetInt64().Should().Be(640);
        root.GetProperty("parameterBytes").EnumerateObject().Select(p => p.Name).Should().Equal("float32", "float16", "bfloat16", "int8", "float64");
        JsonElement layer = root.GetProperty("layers").EnumerateArray().Single();
        layer.GetProperty("name").GetString().Should().Be("lstm");
        layer.GetProperty("class").GetString().Should().Be("LSTM");
        layer.GetProperty("derivation").GetString().Should().Be(Params.Explain(LayerSpec.Keras.Lstm(4, 5)).ToString());
        JsonElement kernel = layer.GetProperty("weights")[0];
        kernel.GetProperty("name").GetString().Should().Be("kernel");
        kernel.GetProperty("path").GetString().Should().Be("lstm_cell/kernel");
        kernel.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).Should().Equal(5, 16);
        kernel.GetProperty("trainable").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Count_JsonTorch_NamesThePyTorchConventionAndNoLayerName()
    {
        using var json = JsonDocument.Parse(CliRunner.Exec("count", "lstm", "-u", "4", "-i", "5", "--torch", "--json").Output);

        json.RootElement.GetProperty("convention").GetString().Should().Be("pytorch");
        json.RootElement.GetProperty("layers")[0].GetProperty("name").ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("layers")[0].GetProperty("weights")[0].GetProperty("name").GetString().Should().Be("weight_ih_l0");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1e99")]
    [InlineData("2147483648")]
    [InlineData("four")]
    [InlineData("4.5")]
    public void Count_BadUnits_IsAUsageErrorOnOneLine(string units)
    {
        CliResult result = CliRunner.Exec("count", "lstm", "--units", units, "--input", "5");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Output.Should().BeEmpty();
        result.Error.Should().Be("rparams: --units must be a whole number from 1 to 2,147,483,647; got '" + units + "'.\nRun 'rparams count --help' for usage and examples.\n");
    }

    [Fact]
    public void Count_TooManyLayers_IsAUsageError()
    {
        CliResult result = CliRunner.Exec("count", "lstm", "-u", "4", "-i", "5", "--layers", "10001");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().StartWith("rparams: --layers must be a whole number from 1 to 10,000; got '10001'.\n");
    }

    [Fact]
    public void Count_MissingUnits_IsAUsageError()
    {
        CliResult result = CliRunner.Exec("count", "lstm", "--input", "5");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Be("rparams: Option '--units' is required.\nRun 'rparams count --help' for usage and examples.\n");
    }

    [Fact]
    public void Count_UnknownCell_ListsTheCellsOnOneLine()
    {
        CliResult result = CliRunner.Exec("count", "transformer", "-u", "4", "-i", "5");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Split('\n')[0].Should().Be("rparams: Argument 'transformer' not recognized. Must be one of: 'simplernn' 'rnn' 'lstm' 'gru' 'cudnnlstm' 'cudnngru' 'simplernncell' 'rnncell' 'lstmcell' 'grucell'");
    }

    [Theory]
    [InlineData("lstm --proj-size 2", "rparams: --proj-size: 'projSize' is a PyTorch nn.LSTM option; Keras layers and single-step cells have no projection (got 2); set it to 0.")]
    [InlineData("lstm --torch --proj-size 4", "rparams: --proj-size: 'projSize' must be 0 (no projection) or between 1 and hiddenSize - 1 = 3; got 4.")]
    [InlineData("gru --torch --proj-size 2", "rparams: --proj-size: 'projSize' is only supported for LSTM, not GRU (got 2); set it to 0.")]
    [InlineData("lstm --reset-after false", "rparams: --reset-after: reset_after is a Keras GRU option; lstm has none.")]
    [InlineData("gru --torch --reset-after false", "rparams: --reset-after: 'resetAfter' = false is only a Keras GRU option, not for GRU in the PyTorch convention; leave it true (PyTorch's GRU always resets after).")]
    [InlineData("cudnnlstm --torch", "rparams: --torch: cudnnlstm is a Keras 2 layer; PyTorch's cuDNN-backed module is nn.LSTM: count lstm --torch.")]
    [InlineData("cudnngru --no-bias", "rparams: --no-bias: 'CuDNNGRU' always has its two bias vectors (Keras has no use_bias option for it); leave useBias true.")]
    [InlineData("lstmcell --layers 2", "rparams: --layers: lstmcell is a single-step cell: one layer, one direction; count lstm for a layer.")]
    [InlineData("grucell --torch -b", "rparams: --bidirectional: grucell is a single-step cell: one layer, one direction; count gru for a layer.")]
    public void Count_OptionsTheCellDoesNotHave_AreUsageErrorsNamingTheOption(string args, string message)
    {
        CliResult result = CliRunner.Exec(["count", .. args.Split(' ')[..1], "-u", "4", "-i", "5", .. args.Split(' ')[1..]]);

        result.Should().Be(new CliResult(ExitCodes.Usage, string.Empty, message + "\n"));
    }

    [Fact]
    public void Count_ThatOverflowsALong_IsBadInputNotAStackTrace()
    {
        CliResult result = CliRunner.Exec("count", "lstm", "-u", "2000000000", "-i", "2000000000");

        result.Should().Be(new CliResult(ExitCodes.BadInput, string.Empty, "rparams: The count does not fit in a 64-bit integer (more than 9,223,372,036,854,775,807 parameters).\n"));
    }

    [Fact]
    public void Count_Verbose_AddsTheStackTraceOfTheCause()
    {
        CliResult result = CliRunner.Exec("count", "lstm", "-u", "2000000000", "-i", "2000000000", "--verbose");

        result.ExitCode.Should().Be(ExitCodes.BadInput);
        result.Error.Should().StartWith("rparams: The count does not fit").And.Contain("System.OverflowException").And.Contain(" at ");
    }

    [Theory]
    [InlineData("--max-params", "159", 1)]
    [InlineData("--max-params", "160", 0)]
    [InlineData("--max-params", "1k", 0)]
    [InlineData("--max-bytes", "639", 1)]
    [InlineData("--max-bytes", "640", 0)]
    public void Count_Budget_FailsOnlyAboveTheLimit(string option, string limit, int exitCode)
    {
        CliResult result = CliRunner.Exec("count", "lstm", "-u", "4", "-i", "5", option, limit);

        result.ExitCode.Should().Be(exitCode);
        result.Output.Should().Be("160\n");
        result.Error.Should().Be(exitCode == 0 ? string.Empty
            : option == "--max-params" ? "rparams: over budget: 160 parameters, over --max-params 159.\n"
            : "rparams: over budget: 640 bytes as float32, over --max-bytes 639.\n");
    }

    [Fact]
    public void Count_BothBudgets_ReportsBothReasonsAndCountsBytesAtTheElementType()
    {
        CliResult result = CliRunner.Exec("count", "lstm", "-u", "4", "-i", "5", "--max-params", "100", "--max-bytes", "1KiB", "--dtype", "float64");

        result.ExitCode.Should().Be(ExitCodes.OverBudget);
        result.Error.Should().Be("rparams: over budget: 160 parameters, over --max-params 100; 1,280 bytes as float64, over --max-bytes 1,024.\n");
        CliRunner.Exec("count", "lstm", "-u", "4", "-i", "5", "--max-bytes", "320", "--dtype", "bfloat16").ExitCode.Should().Be(0);
    }

    [Theory]
    [InlineData("--max-params", "lots")]
    [InlineData("--max-params", "-5")]
    [InlineData("--max-bytes", "64XB")]
    [InlineData("--dtype", "float8")]
    public void Count_BadBudget_IsAUsageError(string option, string value)
    {
        CliResult result = CliRunner.Exec("count", "lstm", "-u", "4", "-i", "5", option, value);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Split('\n').Should().HaveCount(3).And.Subject.Last().Should().BeEmpty();
    }
}
