using System;
using System.Linq;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>Layer configurations the framework fixtures do not cover: options, wrappers, merges, and what is unsupported. Counts are derived in the test.</summary>
public sealed partial class KerasModelReaderTests
{
    [Theory]
    [InlineData("{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"c\", \"axis\": [1, 2]}}", "several axes")]
    [InlineData("{\"class_name\": \"Dense\", \"config\": {\"name\": \"c\", \"units\": 2, \"lora_rank\": 4}}", "LoRA")]
    [InlineData("{\"class_name\": \"RNN\", \"config\": {\"name\": \"c\", \"cell\": {\"class_name\": \"PeepholeLSTMCell\", \"config\": {\"units\": 2}}}}", "PeepholeLSTMCell")]
    [InlineData("{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"c\", \"layer\": {\"class_name\": \"Dense\", \"config\": {\"units\": 2}}}}", "wraps 'Dense'")]
    [InlineData("{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"c\", \"layer\": {\"class_name\": \"LSTM\", \"config\": {\"units\": 2}}, \"backward_layer\": {\"class_name\": \"LSTM\", \"config\": {\"units\": 3}}}}", "backward_layer")]
    [InlineData("{\"class_name\": \"TimeDistributed\", \"config\": {\"name\": \"c\", \"layer\": {\"class_name\": \"Custom\", \"config\": {\"name\": \"inner\"}}}}", "wraps 'Custom'")]
    [InlineData("{\"class_name\": \"MyAttention\", \"config\": {\"name\": \"c\", \"units\": 8}}", "no such layer")]
    public void Parse_LayerItCannotCount_IsALowerBoundRowWithTheReason(string layer, string reason)
    {
        ImportedModel model = KerasModelReader.Parse(Sequential("[null, 10, 6]", layer));

        LayerSummary row = model.Summary.Rows.Single();
        row.CountBasis.Should().Be(CountBasis.LowerBound);
        row.Params.Should().Be(0);
        row.OutputShape.IsKnown.Should().BeFalse();
        model.Summary.IsLowerBound.Should().BeTrue();
        model.UnsupportedLayers.Should().ContainSingle().Which.ToString().Should().Contain(reason).And.Contain("$.config.layers[1]");
    }

    [Theory]
    [InlineData("{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"c\", \"axis\": [1, 2]}}", "several axes")]
    [InlineData("{\"class_name\": \"MyAttention\", \"config\": {\"name\": \"c\", \"units\": 8}}", "no such layer")]
    public void Parse_LayerItCannotCountWhenStrict_Throws(string layer, string reason)
    {
        Action parse = () => KerasModelReader.Parse(Sequential("[null, 10, 6]", layer), options: new ModelReaderOptions { Strict = true });

        parse.Should().Throw<ModelFormatException>().Which.UnsupportedLayers.Should().ContainSingle()
            .Which.ToString().Should().Contain(reason);
    }

    [Fact]
    public void Parse_LayersAfterOneItCannotCount_AreLowerBoundsToo()
    {
        // The LSTM counts: 4·(6·2 + 2·2 + 2) = 72. The Dense after the unknown layer needs its input's features: not counted.
        string json = Sequential("[null, 10, 6]", "{\"class_name\": \"LSTM\", \"config\": {\"name\": \"b\", \"units\": 2, \"return_sequences\": true}}", "{\"class_name\": \"Custom\", \"config\": {\"name\": \"a\"}}", "{\"class_name\": \"Dropout\", \"config\": {\"name\": \"d\", \"rate\": 0.5}}", "{\"class_name\": \"Dense\", \"config\": {\"name\": \"c\", \"units\": 3}}");

        ImportedModel model = KerasModelReader.Parse(json);

        model.Summary.Rows.Select(r => r.CountBasis).Should().Equal(CountBasis.Configuration, CountBasis.LowerBound, CountBasis.Configuration, CountBasis.LowerBound);
        model.Summary.TotalParams.Should().Be(72);
        model.Summary.IsLowerBound.Should().BeTrue();
        model.UnsupportedLayers.Select(l => l.Name).Should().Equal("a", "c");
        model.UnsupportedLayers[1].Reason.Should().Be("its input shape is unknown: it follows a layer whose output shape is not known");
    }

    [Fact]
    public void Parse_SeveralLayersItCannotCountWhenStrict_AreAllListed()
    {
        string json = Sequential("[null, 10, 6]", "{\"class_name\": \"Custom\", \"config\": {\"name\": \"a\"}}", "{\"class_name\": \"LSTM\", \"config\": {\"name\": \"b\", \"units\": 2}}", "{\"class_name\": \"Other\", \"config\": {\"name\": \"c\"}}");

        Action parse = () => KerasModelReader.Parse(json, options: new ModelReaderOptions { Strict = true });

        parse.Should().Throw<ModelFormatException>().Which.UnsupportedLayers.Select(l => l.Name).Should().Equal("a", "c");
    }

    /// <summary>
    /// Options that used to be out of reach, derived by hand: Conv1D dilation 2, kernel 3 on 10 steps → 10 − 2·2 = 6 steps,
    /// 3·6·2 + 2 = 38; groups 2 → kernel (3, 3, 2), 3·3·2 + 2 = 20, 8 steps; channels first on (None, 10, 6) reads 10 channels
    /// and 6 steps → 4 steps, 3·10·2 + 2 = 62; GlobalAveragePooling1D keepdims → (None, 1, 6).
    /// </summary>
    [Theory]
    [InlineData("{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 2, \"kernel_size\": [3], \"dilation_rate\": [2]}}", 38, "(None, 6, 2)")]
    [InlineData("{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 2, \"kernel_size\": 3, \"groups\": 2}}", 20, "(None, 8, 2)")]
    [InlineData("{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 2, \"kernel_size\": 3, \"data_format\": \"channels_first\"}}", 62, "(None, 2, 4)")]
    [InlineData("{\"class_name\": \"GlobalAveragePooling1D\", \"config\": {\"name\": \"c\", \"keepdims\": true}}", 0, "(None, 1, 6)")]
    [InlineData("{\"class_name\": \"Lambda\", \"config\": {\"name\": \"c\"}}", 0, "?")]
    [InlineData("{\"class_name\": \"Lambda\", \"config\": {\"name\": \"c\", \"output_shape\": [5, null]}}", 0, "(None, 5, None)")]
    public void Parse_LayerOptions_AreCounted(string layer, long expected, string shape)
    {
        LayerSummary row = KerasModelReader.Parse(Sequential("[null, 10, 6]", layer)).Summary.Rows.Single();

        row.Params.Should().Be(expected);
        row.OutputShape.ToString().Should().Be(shape);
        row.CountBasis.Should().Be(CountBasis.Configuration);
    }

    /// <summary>Bidirectional(CuDNNGRU(5)) on 6 features, sum merge: 2 × 3 × (5·5 + 5·6 + 2·5) = 2 × 3 × 65 = 390.</summary>
    [Fact]
    public void Parse_BidirectionalCuDnnGru_CountsBothDirections()
    {
        string json = Sequential("[null, 10, 6]", "{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"bi\", \"merge_mode\": \"sum\", \"layer\": {\"class_name\": \"CuDNNGRU\", \"config\": {\"name\": \"cu_dnngru_1\", \"units\": 5}}}}");

        LayerSummary row = KerasModelReader.Parse(json).Summary.Rows.Single();

        row.Params.Should().Be(390);
        row.OutputShape.Should().Be(new OutputShape(null, 5));
        row.Weights.Select(w => w.Path).Should().StartWith("forward_cu_dnngru_1/kernel"); // Keras names the copies after the wrapped layer
    }

    [Fact]
    public void Parse_Conv1DCausalWithStrides_CountsTheKernel()
    {
        string json = Sequential("[null, 10, 6]", "{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 4, \"kernel_size\": [3], \"strides\": [2], \"padding\": \"causal\", \"dilation_rate\": [1], \"groups\": 1, \"data_format\": \"channels_last\"}}");

        LayerSummary row = KerasModelReader.Parse(json).Summary.Rows.Single();

        row.Params.Should().Be((3 * 6 * 4) + 4);
        row.OutputShape.Should().Be(new OutputShape(null, 5, 4));
    }

    [Fact]
    public void Parse_NormalizationOptions_CountGammaAndBeta()
    {
        string json = Sequential(
            "[null, 10, 6]",
            "{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"a\", \"axis\": [-1], \"rms_scaling\": true}}",
            "{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"b\", \"axis\": -1, \"center\": false}}",
            "{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"c\", \"axis\": 2, \"scale\": false}}");

        ModelSummary summary = KerasModelReader.Parse(json).Summary;

        summary.Rows.Select(r => r.Params).Should().Equal(6, 6, 18);
        summary.NonTrainableParams.Should().Be(12);
    }

    [Fact]
    public void Parse_BidirectionalVariants_CountBothDirections()
    {
        string json = Sequential(
            "[null, 10, 6]",
            "{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"a\", \"merge_mode\": null, \"layer\": {\"class_name\": \"RNN\", \"config\": {\"name\": \"rnn\", \"return_sequences\": true, \"cell\": {\"class_name\": \"GRUCell\", \"config\": {\"units\": 3, \"reset_after\": false}}}}, \"backward_layer\": {\"class_name\": \"RNN\", \"config\": {\"name\": \"back\", \"go_backwards\": true, \"cell\": {\"class_name\": \"GRUCell\", \"config\": {\"units\": 3, \"reset_after\": false}}}}}}");

        LayerSummary row = KerasModelReader.Parse(json).Summary.Rows.Single();

        row.Params.Should().Be(2 * Params.Gru(3, 6, resetAfter: false));
        row.Outputs.Should().HaveCount(2);
    }

    [Fact]
    public void Parse_BidirectionalOverAnUnsupportedRnn_ReportsTheInnerLayer()
    {
        string json = Sequential("[null, 10, 6]", "{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"a\", \"layer\": {\"class_name\": \"RNN\", \"config\": {\"name\": \"inner\", \"cell\": {\"class_name\": \"X\", \"config\": {}}}}}}");

        ImportedModel model = KerasModelReader.Parse(json);

        model.UnsupportedLayers.Single().Name.Should().Be("a");
        model.UnsupportedLayers.Single().Reason.Should().Contain("it wraps 'RNN'");
    }

    [Theory]
    [InlineData("\"merge_mode\": \"max\"", "merge_mode")]
    [InlineData("\"rate\": 1.5", "[0, 1)")]
    [InlineData("\"padding\": \"full\"", "padding")]
    [InlineData("\"axis\": 0", "batch axis")]
    [InlineData("\"units\": 4.5", "integer")]
    [InlineData("\"kernel_size\": [3, 3, 3]", "or 2 (one per axis)")]
    [InlineData("\"pool_size\": [2, 2]", "one value")]
    public void Parse_InvalidOption_ThrowsWithThePath(string option, string expected)
    {
        string layer = option.Split(':')[0].Trim('"') switch
        {
            "merge_mode" => "{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"x\", \"layer\": {\"class_name\": \"LSTM\", \"config\": {\"units\": 2}}, " + option + "}}",
            "rate" => "{\"class_name\": \"Dropout\", \"config\": {\"name\": \"x\", " + option + "}}",
            "padding" => "{\"class_name\": \"MaxPooling1D\", \"config\": {\"name\": \"x\", \"pool_size\": 2, " + option + "}}",
            "axis" => "{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"x\", " + option + "}}",
            "units" => "{\"class_name\": \"Dense\", \"config\": {\"name\": \"x\", " + option + "}}",
            "kernel_size" => "{\"class_name\": \"ConvLSTM2D\", \"config\": {\"name\": \"x\", \"filters\": 2, " + option + "}}",
            _ => "{\"class_name\": \"MaxPooling1D\", \"config\": {\"name\": \"x\", " + option + "}}",
        };

        Action parse = () => KerasModelReader.Parse(Sequential("[null, 10, 6]", layer));

        parse.Should().Throw<ModelFormatException>().Which.Message.Should().Contain(expected).And.Contain("$.config.layers[1]");
    }

    [Fact]
    public void Parse_WeightlessAndPoolingLayers_KeepOrReshapeTheInput()
    {
        string json = Sequential(
            "[null, 10, 6]",
            "{\"class_name\": \"Masking\", \"config\": {\"name\": \"m\"}}",
            "{\"class_name\": \"TimeDistributed\", \"config\": {\"name\": \"t\", \"layer\": {\"class_name\": \"Activation\", \"config\": {\"name\": \"act\"}}}}",
            "{\"class_name\": \"MaxPooling1D\", \"config\": {\"name\": \"p\", \"pool_size\": 3, \"strides\": null, \"padding\": \"same\"}}",
            "{\"class_name\": \"ConvLSTM2D\", \"config\": {\"name\": \"unused\", \"filters\": 1, \"kernel_size\": 1, \"strides\": 1}}");

        Action parse = () => KerasModelReader.Parse(json);

        parse.Should().Throw<ModelFormatException>().Which.Message.Should().Contain("'unused'");
        KerasModelReader.Parse(Sequential("[null, 10, 6]", "{\"class_name\": \"MaxPooling1D\", \"config\": {\"name\": \"p\", \"pool_size\": 3, \"padding\": \"same\"}}"))
            .Summary.Output.Should().Be(new OutputShape(null, 4, 6));
    }

    [Fact]
    public void Parse_InputShapeFromBuildConfig_IsUsed()
    {
        string keras2 = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"build_input_shape\": [null, 5, 3], \"layers\": [{\"class_name\": \"SimpleRNN\", \"config\": {\"name\": \"r\", \"units\": 2}}]}}";
        string keras3 = "{\"class_name\": \"Sequential\", \"build_config\": {\"input_shape\": [null, 5, 3]}, \"config\": {\"layers\": [{\"class_name\": \"SimpleRNN\", \"config\": {\"name\": \"r\", \"units\": 2}}]}}";

        KerasModelReader.Parse(keras2).Summary.TotalParams.Should().Be(Params.SimpleRnn(2, 3));
        KerasModelReader.Parse(keras3).Summary.Name.Should().Be("model");
    }

    [Fact]
    public void Parse_Keras3FunctionalWithKwargsAndConstants_TakesTheTensorArguments()
    {
        string json = """
            {"class_name": "Functional", "module": "keras", "config": {"name": "f", "layers": [
              {"class_name": "InputLayer", "name": "x", "config": {"batch_shape": [null, 7, 3], "dtype": "float16"}, "inbound_nodes": []},
              {"class_name": "InputLayer", "name": "h", "config": {"batch_shape": [null, 4]}, "inbound_nodes": []},
              {"class_name": "GRU", "name": "g", "config": {"units": 4},
               "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["x", 0, 0]}}, 3, "text"],
                                  "kwargs": {"initial_state": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["h", 0, 0]}}]}}]},
              {"class_name": "Maximum", "name": "m", "config": {},
               "inbound_nodes": [{"args": [[{"class_name": "__keras_tensor__", "config": {"keras_history": ["g", 0, 0]}},
                                            {"class_name": "__keras_tensor__", "config": {"keras_history": ["h", 0, 0]}}]]}]}],
              "input_layers": [["x", 0, 0], ["h", 0, 0]], "output_layers": ["m", 0, 0]}}
            """;

        ModelSummary summary = KerasModelReader.Parse(json).Summary;

        summary.TotalParams.Should().Be(Params.Gru(4, 3));
        summary.InputElementType.Should().Be(ElementType.Float16);
        summary.Output.Should().Be(new OutputShape(null, 4));
    }

    [Theory]
    [InlineData("[[[\"x\", 0, 5, {}]]]", "no tensor 5")]
    [InlineData("[[[\"x\", 3, 0, {}]]]", "an InputLayer has one node")]
    [InlineData("[[[\"d\", 2, 0, {}]]]", "no call 2")]
    [InlineData("[[[\"x\", -1, 0, {}]]]", "0 or more")]
    [InlineData("[[[\"x\", 0]]]", "tensor reference")]
    [InlineData("[[]]", "at least one input tensor")]
    [InlineData("[]", "never called")]
    public void Parse_BadInboundNodes_ThrowWithThePath(string inbound, string expected)
    {
        string json = "{\"class_name\": \"Model\", \"config\": {\"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"name\": \"x\", \"config\": {\"batch_input_shape\": [null, 4]}, \"inbound_nodes\": []},"
            + "{\"class_name\": \"Dense\", \"name\": \"d\", \"config\": {\"units\": 3}, \"inbound_nodes\": [[[\"x\", 0, 0, {}]]]},"
            + "{\"class_name\": \"Dense\", \"name\": \"e\", \"config\": {\"units\": 3}, \"inbound_nodes\": " + inbound + "}],"
            + "\"input_layers\": [[\"x\", 0, 0]], \"output_layers\": [[\"d\", 0, 0]]}}";

        Action parse = () => KerasModelReader.Parse(json);

        parse.Should().Throw<ModelFormatException>().Which.Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData("\"output_layers\": [[\"d\", 0, 9]]", "no tensor 9")]
    [InlineData("\"output_layers\": []", "at least one input and one output")]
    public void Parse_BadModelOutputs_Throw(string outputs, string expected)
    {
        string json = "{\"class_name\": \"Model\", \"config\": {\"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"name\": \"x\", \"config\": {\"batch_input_shape\": [null, 4]}, \"inbound_nodes\": []},"
            + "{\"class_name\": \"Dense\", \"name\": \"d\", \"config\": {\"units\": 3}, \"inbound_nodes\": [[[\"x\", 0, 0, {}]]]}],"
            + "\"input_layers\": [[\"x\", 0, 0]], " + outputs + "}}";

        Action parse = () => KerasModelReader.Parse(json);

        parse.Should().Throw<ModelFormatException>().Which.Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData("{\"class_name\": \"InputLayer\", \"name\": \"x\", \"config\": {\"batch_input_shape\": [null, 4]}, \"inbound_nodes\": []}", "unique")]
    [InlineData("{\"class_name\": \"Dense\", \"name\": \"y\", \"config\": {\"units\": 3}}", "inbound_nodes")]
    [InlineData("{\"class_name\": \"InputLayer\", \"name\": \"z\", \"config\": {}, \"inbound_nodes\": []}", "batch_shape")]
    [InlineData("{\"class_name\": \"InputLayer\", \"name\": \"z\", \"config\": {\"batch_shape\": []}, \"inbound_nodes\": []}", "at least the batch")]
    public void Parse_BadFunctionalLayers_Throw(string extra, string expected)
    {
        string json = "{\"class_name\": \"Model\", \"config\": {\"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"name\": \"x\", \"config\": {\"batch_input_shape\": [null, 4]}, \"inbound_nodes\": []}," + extra + "],"
            + "\"input_layers\": [[\"x\", 0, 0]], \"output_layers\": [[\"x\", 0, 0]]}}";

        Action parse = () => KerasModelReader.Parse(json);

        parse.Should().Throw<ModelFormatException>().Which.Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData("{\"class_name\": \"Model\", \"config\": {\"layers\": [], \"input_layers\": [], \"output_layers\": []}}", "at least one layer")]
    [InlineData("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 3]}}]}}", "besides the input")]
    [InlineData("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Concatenate\", \"config\": {\"axis\": 0, \"batch_input_shape\": [null, 3]}}]}}", "batch axis 0")]
    [InlineData("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Subtract\", \"config\": {\"batch_input_shape\": [null, 3]}}]}}", "exactly 2 tensors")]
    [InlineData("{\"class_name\": \"Sequential\", \"config\": \"x\"}", "JSON object")]
    public void Parse_DegenerateModels_Throw(string json, string expected)
    {
        Action parse = () => KerasModelReader.Parse(json);

        parse.Should().Throw<ModelFormatException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Parse_MergeLayers_ConcatenateAndBroadcast()
    {
        string json = """
            {"class_name": "Model", "config": {"layers": [
              {"class_name": "InputLayer", "name": "a", "config": {"batch_input_shape": [null, 5, 3]}, "inbound_nodes": []},
              {"class_name": "InputLayer", "name": "b", "config": {"batch_input_shape": [null, null, 2]}, "inbound_nodes": []},
              {"class_name": "InputLayer", "name": "c", "config": {"batch_input_shape": [null, 1]}, "inbound_nodes": []},
              {"class_name": "Concatenate", "name": "cat", "config": {"axis": 2}, "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]]},
              {"class_name": "Subtract", "name": "sub", "config": {}, "inbound_nodes": [[["cat", 0, 0, {}], ["c", 0, 0, {}]]]}],
              "input_layers": [["a", 0, 0], ["b", 0, 0], ["c", 0, 0]], "output_layers": [["sub", 0, 0]]}}
            """;

        ModelSummary summary = KerasModelReader.Parse(json).Summary;

        summary.Rows[3].OutputShape.Should().Be(new OutputShape(null, 5, 5));
        summary.Output.Should().Be(new OutputShape(null, 5, 5));
    }

    private static string Sequential(string inputShape, params string[] layers) =>
        "{\"class_name\": \"Sequential\", \"keras_version\": \"2.15.0\", \"config\": {\"name\": \"s\", \"layers\": ["
        + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": " + inputShape + "}}, " + string.Join(", ", layers) + "]}}";
}

/// <summary>Value kinds and element types the other tests do not reach.</summary>
public sealed class KerasModelReaderValueTests
{
    [Theory]
    [InlineData("\"units\": 4.0", null)]
    [InlineData("\"units\": true", "found true")]
    [InlineData("\"units\": false", "found false")]
    [InlineData("\"units\": {}", "an object")]
    [InlineData("\"units\": 4, \"use_bias\": \"yes\"", "true or false")]
    [InlineData("\"units\": 4, \"name\": 7", "expected a string")]
    public void Parse_ValueKinds_AreCheckedWithThePath(string dense, string? expected)
    {
        string json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"config\": {" + dense + ", \"batch_input_shape\": [null, 3]}}]}}";

        Func<ImportedModel> parse = () => KerasModelReader.Parse(json);

        if (expected is null)
        {
            parse().Summary.TotalParams.Should().Be(16);
        }
        else
        {
            parse.Should().Throw<ModelFormatException>().Which.Message.Should().Contain(expected).And.Contain("$.config.layers[0].config");
        }
    }

    [Theory]
    [InlineData("\"rate\": \"x\"", "a number")]
    [InlineData("\"rate\": 0.5, \"noise_shape\": null, \"seed\": 2147483648", null)]
    public void Parse_Dropout_ChecksTheRate(string options, string? expected)
    {
        string json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dropout\", \"config\": {" + options + ", \"batch_input_shape\": [null, 3]}}]}}";

        Func<ImportedModel> parse = () => KerasModelReader.Parse(json);

        if (expected is null)
        {
            parse().Summary.TotalParams.Should().Be(0);
        }
        else
        {
            parse.Should().Throw<ModelFormatException>().WithMessage("*" + expected + "*");
        }
    }

    [Theory]
    [InlineData("bfloat16", ElementType.BFloat16)]
    [InlineData("float64", ElementType.Float64)]
    [InlineData("int64", ElementType.Int64)]
    [InlineData("uint8", ElementType.Int8)]
    [InlineData("string", ElementType.Float32)]
    public void Parse_InputDType_SetsTheInputElementType(string dtype, ElementType expected)
    {
        string json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Embedding\", \"config\": {\"input_dim\": 10, \"output_dim\": 2, \"dtype\": \"" + dtype + "\", \"batch_input_shape\": [null, 5]}}]}}";

        KerasModelReader.Parse(json).Summary.InputElementType.Should().Be(expected);
    }

    [Fact]
    public void Parse_NamesFromTheEntryOrTheClass_AreUsed()
    {
        string json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
            + "{\"class_name\": \"RNN\", \"name\": \"outer\", \"config\": {\"batch_input_shape\": [null, 4, 2], \"return_sequences\": true, \"cell\": {\"class_name\": \"SimpleRNNCell\", \"config\": {\"units\": 3}}}},"
            + "{\"class_name\": \"Dense\", \"config\": {\"units\": 2, \"kernel_size\": 2147483648}}]}}";

        ModelSummary summary = KerasModelReader.Parse(json).Summary;

        summary.Rows.Select(r => r.Name).Should().Equal("outer", "dense_1");
        summary.Rows[0].Params.Should().Be(Params.SimpleRnn(3, 2));
    }

    [Fact]
    public void Parse_DeepKeyOnANumber_SaysWhatWasExpected()
    {
        string json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"config\": {\"units\": 2, \"batch_input_shape\": 5}}]}}";

        Action parse = () => KerasModelReader.Parse(json);

        parse.Should().Throw<ModelFormatException>().WithMessage("*batch_input_shape: expected a JSON array but found the number 5*");
    }

    [Fact]
    public void Parse_TooLongString_IsRefused()
    {
        Action parse = () => KerasModelReader.Parse(new string(' ', (64 * 1024 * 1024) + 1));

        parse.Should().Throw<ModelFormatException>().WithMessage("At the JSON document: the document is at least 67,108,865 bytes: more than the 67,108,864 bytes ModelReaderOptions.MaxDocumentBytes allows (raise it for a file you trust)");
    }

    [Fact]
    public void Read_NonSeekableStreamOverTheLimit_StopsReading()
    {
        using var stream = new NonSeekableStream(new byte[(64 * 1024 * 1024) + 10]);

        Action read = () => KerasModelReader.Read(stream);

        read.Should().Throw<ModelFormatException>().WithMessage("At the JSON document: the stream holds more: more than the 67,108,864 bytes ModelReaderOptions.MaxDocumentBytes allows (raise it for a file you trust)");
    }
}
