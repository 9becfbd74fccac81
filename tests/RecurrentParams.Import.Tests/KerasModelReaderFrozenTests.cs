using System.Linq;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>
/// Frozen layers by the rule of the framework that wrote the file. tf.keras (v2.15 <c>engine/base_layer.py</c>
/// <c>trainable_weights</c>) gathers no trainable weights below a frozen layer, so a frozen wrapper or model freezes all
/// it holds. Keras 3 (3.16 <c>layers/layer.py</c>: a layer built with <c>trainable=False</c> tracks its own variables as
/// non-trainable, and the model counts variables by their own flag) and TensorFlow.js go by the layer that owns the
/// weights; the Keras 3 and TensorFlow.js fixtures (frozen-wrapper-kwarg, frozen-wrappers) check that side against real runs.
/// </summary>
public sealed partial class KerasModelReaderTests
{
    /// <summary>Bidirectional(LSTM(2)) on 3 features: 2 × 4·(3·2 + 2·2 + 2) = 2 × 48 = 96; Dense(1) on 4: 5.</summary>
    private const string FrozenWrapper = """{"class_name": "Sequential", "keras_version": "VERSION", "config": {"name": "s", "layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 5, 3]}}, {"class_name": "Bidirectional", "config": {"name": "bi", "trainable": false, "layer": {"class_name": "LSTM", "config": {"name": "lstm", "trainable": true, "units": 2}}}}, {"class_name": "Dense", "config": {"name": "d", "units": 1}}]}}""";

    [Theory]
    [InlineData("2.15.0", 5, 96)]
    [InlineData("1.2.2", 5, 96)]
    [InlineData("3.16.0", 101, 0)]
    [InlineData("tfjs-layers 4.22.0", 101, 0)]
    public void Parse_FrozenWrapper_FollowsTheFrameworksRule(string version, long trainable, long frozen)
    {
        ModelSummary summary = KerasModelReader.Parse(FrozenWrapper.Replace("VERSION", version)).Summary;

        summary.TotalParams.Should().Be(101);
        summary.TrainableParams.Should().Be(trainable);
        summary.NonTrainableParams.Should().Be(frozen);
        summary.Rows[0].Trainable.Should().BeFalse("the wrapper's own flag, as Keras prints it");
    }

    [Theory]
    [InlineData("2.15.0", "Sequential", 0)]
    [InlineData("3.16.0", "Sequential", 101)]
    [InlineData("3.16.0", "Functional", 0)]
    public void Parse_FrozenTopLevelModel_FollowsTheFrameworksRule(string version, string className, long trainable)
    {
        // Keras 3 ignores a Sequential model's own trainable=false when it loads one (3.16: 101 trainable), but a
        // Functional model's __init__ calls the trainable setter, which freezes every layer.
        string json = className == "Sequential"
            ? """{"class_name": "Sequential", "keras_version": "VERSION", "config": {"name": "s", "trainable": false, "layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 5, 3]}}, {"class_name": "Bidirectional", "config": {"name": "bi", "layer": {"class_name": "LSTM", "config": {"name": "lstm", "units": 2}}}}, {"class_name": "Dense", "config": {"name": "d", "units": 1}}]}}"""
            : """{"class_name": "Functional", "keras_version": "VERSION", "config": {"name": "f", "trainable": false, "layers": [{"class_name": "InputLayer", "name": "x", "config": {"batch_shape": [null, 5, 3]}, "inbound_nodes": []}, {"class_name": "Bidirectional", "name": "bi", "config": {"name": "bi", "layer": {"class_name": "LSTM", "config": {"name": "lstm", "units": 2}}}, "inbound_nodes": [[["x", 0, 0, {}]]]}, {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 1}, "inbound_nodes": [[["bi", 0, 0, {}]]]}], "input_layers": [["x", 0, 0]], "output_layers": [["d", 0, 0]]}}""";

        ModelSummary summary = KerasModelReader.Parse(json.Replace("VERSION", version)).Summary;

        summary.TotalParams.Should().Be(101);
        summary.TrainableParams.Should().Be(trainable);
    }

    [Theory]
    [InlineData("2.15.0", 5)]
    [InlineData("3.16.0", 101)]
    public void Parse_FrozenNestedModel_FollowsTheFrameworksRule(string version, long trainable)
    {
        // The nested model's own trainable=false, its layers' left true: tf.keras freezes them, Keras 3 does not (3.16 run:
        // "seq nested config false, inner true" loads with every weight trainable).
        string json = """{"class_name": "Sequential", "keras_version": "VERSION", "config": {"name": "s", "layers": [{"class_name": "Sequential", "config": {"name": "inner", "trainable": false, "layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 5, 3]}}, {"class_name": "Bidirectional", "config": {"name": "bi", "layer": {"class_name": "LSTM", "config": {"name": "lstm", "units": 2}}}}]}}, {"class_name": "Dense", "config": {"name": "d", "units": 1}}]}}""";

        ModelSummary summary = KerasModelReader.Parse(json.Replace("VERSION", version)).Summary;

        summary.Rows.Select(r => r.ClassName).Should().Equal("Sequential", "Dense");
        summary.Rows[0].Params.Should().Be(96);
        summary.Rows[0].Trainable.Should().BeFalse();
        summary.TrainableParams.Should().Be(trainable);
        summary.Input.Should().Be(new OutputShape(null, 5, 3));
    }

    [Theory]
    [InlineData("""{"class_name": "RNN", "config": {"name": "r", "cell": {"class_name": "GRUCell", "config": {"units": 2, "trainable": false, "reset_after": false}}}}""", 3 * 2 * (3 + 2 + 1))]
    [InlineData("""{"class_name": "TimeDistributed", "config": {"name": "t", "layer": {"class_name": "Dense", "config": {"units": 2, "trainable": false}}}}""", (3 * 2) + 2)]
    public void Parse_FrozenInnerLayer_FreezesItsWeightsInEveryFramework(string layer, long frozen)
    {
        // GRUCell(2, reset_after false) on 3 features: 3·2·(3 + 2 + 1) = 36; Dense(2) on 3 at each step: 3·2 + 2 = 8.
        ModelSummary summary = KerasModelReader.Parse(Sequential("[null, 5, 3]", layer)).Summary;

        summary.NonTrainableParams.Should().Be(frozen);
        summary.TrainableParams.Should().Be(0);
    }

    [Fact]
    public void Parse_Keras3AttentionWithKeywordTensors_TakesQueryAndValue()
    {
        // MultiHeadAttention(num_heads=1, key_dim=2) called as mha(q, value=v): query (None, 4, 3), value (None, 6, 5):
        // query/kernel (3, 1, 2) + (1, 2), key/kernel (5, 1, 2) + (1, 2), value/kernel (5, 1, 2) + (1, 2),
        // attention_output/kernel (1, 2, 3) + (3,) = 8 + 12 + 12 + 9 = 41.
        string json = """
            {"module": "keras", "class_name": "Functional", "config": {"name": "f", "layers": [
              {"class_name": "InputLayer", "name": "q", "config": {"batch_shape": [null, 4, 3]}, "inbound_nodes": []},
              {"class_name": "InputLayer", "name": "v", "config": {"batch_shape": [null, 6, 5]}, "inbound_nodes": []},
              {"class_name": "MultiHeadAttention", "name": "mha", "config": {"name": "mha", "num_heads": 1, "key_dim": 2},
               "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["q", 0, 0]}}],
                                  "kwargs": {"value": {"class_name": "__keras_tensor__", "config": {"keras_history": ["v", 0, 0]}}}}]}],
              "input_layers": [["q", 0, 0], ["v", 0, 0]], "output_layers": [["mha", 0, 0]]}}
            """;

        ModelSummary summary = KerasModelReader.Parse(json).Summary;

        summary.Rows.Single(r => r.Name == "mha").Params.Should().Be(41);
        summary.Rows.Single(r => r.Name == "mha").InboundNodes.Single().Select(t => t.Layer).Should().Equal("q", "v");
    }

    [Fact]
    public void Parse_TfKerasAttentionWithAKeywordTensor_TakesQueryAndValue()
    {
        // tf.keras writes mha(q, v) as [["q", 0, 0, {"value": ["v", 0, 0]}]]: the same 41 parameters.
        string json = """
            {"class_name": "Functional", "keras_version": "2.15.0", "config": {"name": "f", "layers": [
              {"class_name": "InputLayer", "name": "q", "config": {"batch_input_shape": [null, 4, 3]}, "inbound_nodes": []},
              {"class_name": "InputLayer", "name": "v", "config": {"batch_input_shape": [null, 6, 5]}, "inbound_nodes": []},
              {"class_name": "MultiHeadAttention", "name": "mha", "config": {"name": "mha", "num_heads": 1, "key_dim": 2, "value_dim": 2},
               "inbound_nodes": [[["q", 0, 0, {"value": ["v", 0, 0], "training": false}]]]}],
              "input_layers": [["q", 0, 0], ["v", 0, 0]], "output_layers": [["mha", 0, 0]]}}
            """;

        ModelSummary summary = KerasModelReader.Parse(json).Summary;

        summary.Rows.Single(r => r.Name == "mha").Params.Should().Be(41);
        summary.Rows.Single(r => r.Name == "mha").InboundNodes.Single().Select(t => t.Layer).Should().Equal("q", "v");
    }

    [Fact]
    public void Parse_OutputOfALayerThatIsNotCounted_IsUnknownWhateverItsIndex()
    {
        // The custom layer's second output feeds the Dense: unknown, so the Dense is a lower bound too.
        string json = """
            {"class_name": "Functional", "keras_version": "2.15.0", "config": {"name": "f", "layers": [
              {"class_name": "InputLayer", "name": "x", "config": {"batch_input_shape": [null, 4]}, "inbound_nodes": []},
              {"class_name": "Splitter", "name": "split", "config": {"name": "split"}, "inbound_nodes": [[["x", 0, 0, {}]]]},
              {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 2}, "inbound_nodes": [[["split", 0, 1, {}]]]}],
              "input_layers": [["x", 0, 0]], "output_layers": [["d", 0, 0]]}}
            """;

        ImportedModel model = KerasModelReader.Parse(json);

        model.Summary.Rows.Select(r => r.CountBasis).Should().Equal(CountBasis.Configuration, CountBasis.LowerBound, CountBasis.LowerBound);
        model.Summary.Output.IsKnown.Should().BeFalse();
    }

    [Fact]
    public void Parse_InputSpellings_GiveTheModelInput()
    {
        // input_shape with batch_size (Keras 2 by hand), and an InputLayer with shape (Keras 3's Input(shape=...) by hand).
        string sequential = """{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"name": "d", "units": 2, "input_shape": [4], "batch_size": 8}}]}}""";
        string functional = """{"class_name": "Model", "config": {"name": "f", "layers": [{"class_name": "InputLayer", "name": "x", "config": {"shape": [4]}, "inbound_nodes": []}, {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 2}, "inbound_nodes": [[["x", 0, 0, {}]]]}], "input_layers": [["x", 0, 0]], "output_layers": [["d", 0, 0]]}}""";
        string tokens = """{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Embedding", "config": {"name": "e", "input_dim": 10, "output_dim": 2, "input_length": 7}}]}}""";

        KerasModelReader.Parse(sequential).Summary.Input.Should().Be(new OutputShape(8, 4));
        KerasModelReader.Parse(functional).Summary.Input.Should().Be(new OutputShape(null, 4));
        KerasModelReader.Parse(tokens).Summary.Output.Should().Be(new OutputShape(null, 7, 2));
    }
}
