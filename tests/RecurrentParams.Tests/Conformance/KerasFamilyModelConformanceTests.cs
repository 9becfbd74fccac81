using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Keras;
using Xunit;

namespace RecurrentParams.Tests.Conformance;

/// <summary>
/// The frozen, nested, merging and convolutional models of the Keras 3.16 run (keras3-models-more.jsonl, built by
/// tools/oracles/keras3/families.py) rebuilt with <see cref="KerasModelBuilder"/>: every row, the totals, and Keras'
/// own <c>model.summary()</c> text, with and without <c>show_trainable</c>.
/// </summary>
public sealed class KerasFamilyModelConformanceTests
{
    private const string Models = "keras3-models-more.jsonl";

    [Fact]
    public void FrozenLstm_MatchesKeras()
    {
        // model.get_layer("encoder").trainable = False.
        ModelSummary summary = new KerasModelBuilder("frozen_lstm").Input(null, 5)
            .Lstm(4, name: "encoder").Freeze()
            .Dense(2, name: "head")
            .Build();

        AssertMatches("frozen-lstm-dense", summary);
    }

    [Fact]
    public void FrozenBatchNormalization_MatchesKeras()
    {
        ModelSummary summary = new KerasModelBuilder("frozen_bn").Input(null, 6)
            .Gru(5, returnSequences: true)
            .Add(new BatchNormalization(name: "bn") { Trainable = false })
            .Lstm(3)
            .Build();

        AssertMatches("frozen-batchnorm", summary);
    }

    [Fact]
    public void FrozenBidirectional_MatchesKeras()
    {
        // The setter freezes the wrapper and the layer it wraps.
        ModelSummary summary = new KerasModelBuilder("frozen_bidirectional").InputLayer(null, 5, "inputs")
            .Add(new Bidirectional(new Recurrent(CellType.Lstm, 4, returnSequences: true), name: "frozen_bi") { Trainable = false })
            .Bidirectional(new Recurrent(CellType.Gru, 3), name: "trainable_bi")
            .Build();

        AssertMatches("frozen-bidirectional", summary);
    }

    [Fact]
    public void NestedSequential_MatchesKeras()
    {
        ModelSummary summary = new KerasModelBuilder("nested_sequential").InputLayer(null, 5, "inputs")
            .Sequential([new Recurrent(CellType.Lstm, 8, returnSequences: true), new Recurrent(CellType.Lstm, 4)], name: "encoder")
            .Dense(2, name: "head")
            .Build();

        AssertMatches("nested-sequential", summary);
    }

    [Fact]
    public void NestedFrozenSequential_MatchesKeras()
    {
        // encoder.trainable = False freezes every inner layer, BatchNormalization's gamma and beta too.
        var encoder = new Sequential([new Recurrent(CellType.Lstm, 8, returnSequences: true), new BatchNormalization(), new Recurrent(CellType.Lstm, 4)], "encoder") { Trainable = false };
        ModelSummary summary = new KerasModelBuilder("nested_frozen").InputLayer(null, 5, "inputs").Add(encoder).Dense(2, name: "head").Build();

        AssertMatches("nested-frozen", summary);
    }

    [Fact]
    public void NestedTwoLevels_MatchesKeras()
    {
        var inner = new Sequential([new Dense(4), new Dense(3)], "inner");
        ModelSummary summary = new KerasModelBuilder("nested_two_levels").InputLayer(null, 5, "inputs")
            .Sequential([new Recurrent(CellType.Lstm, 8), inner], name: "middle")
            .Dense(1)
            .Build();

        AssertMatches("nested-two-levels", summary);
    }

    [Fact]
    public void ConvolutionsBeforeAnLstm_MatchKeras()
    {
        ModelSummary summary = new KerasModelBuilder("conv_lstm_classifier").InputLayer(new OutputShape(null, 32, 32, 1), "image")
            .Conv2D(8, [3], padding: Padding.Same, name: "conv_a")
            .BatchNormalization(name: "bn_a")
            .MaxPooling2D(name: "pool_a")
            .SeparableConv2D(16, [3], name: "sep")
            .DepthwiseConv2D([3], depthMultiplier: 2, name: "depthwise")
            .Reshape([12, 12 * 32], name: "to_seq")
            .Bidirectional(new Recurrent(CellType.Lstm, 12, returnSequences: true), name: "bi")
            .GlobalMaxPooling1D(name: "gmp")
            .Dense(4, name: "out")
            .Build();

        AssertMatches("conv-lstm-classifier", summary);
    }

    [Fact]
    public void MergeLayers_MatchKeras()
    {
        // A graph: the builder's named inputs give Keras' "Connected to" column.
        ModelSummary summary = new KerasModelBuilder("merges").InputLayer(new OutputShape(null, 10, 4), "x")
            .Gru(6, returnSequences: true, name: "a")
            .Add(new Conv1D(6, 3, padding: Padding.Same, name: "b"), "x")
            .Add(["a", "b"], name: "add")
            .Subtract(["a", "b"], name: "sub")
            .Multiply(["add", "sub"], name: "mul")
            .Average(["add", "sub", "mul"], name: "avg")
            .Maximum(["add", "avg"], name: "max")
            .Minimum(["sub", "avg"], name: "min")
            .Dot(["max", "min"], [2, 2], name: "dot")
            .Flatten(name: "flat")
            .Dense(3, name: "out")
            .Build();

        AssertMatches("merges", summary);
    }

    [Fact]
    public void LambdaAndReshapingLayers_MatchKeras()
    {
        ModelSummary summary = new KerasModelBuilder("lambda_and_shapes").InputLayer(new OutputShape(null, 7, 4), "x")
            .Lstm(5, returnSequences: true, name: "lstm")
            .Lambda([7, 5], name: "double")
            .Permute([2, 1], name: "swap")
            .Masking(name: "mask")
            .Cropping1D(1, 2, name: "crop")
            .ZeroPadding1D(3, 3, name: "pad")
            .UpSampling1D(2, name: "up")
            .PReLU([1], name: "prelu")
            .GlobalAveragePooling1D(keepDims: true, name: "gap")
            .Dense(2, name: "out")
            .Build();

        AssertMatches("lambda-and-shapes", summary);
    }

    private static void AssertMatches(string id, ModelSummary summary)
    {
        JsonElement row = VectorFile.Load(Models)[id];
        JsonElement[] layers = row.GetProperty("layers").EnumerateArray().Where(l => l.String("class") != "InputLayer" || summary.Rows[0].ClassName == "InputLayer").ToArray();
        summary.Rows.Select(r => r.Name).Should().Equal(layers.Select(l => l.String("name")), "vector {0}: layer names", id);
        for (int k = 0; k < layers.Length; k++)
        {
            LayerSummary actual = summary.Rows[k];
            string where = $"vector {id}, row {k} ({actual.Name})";
            actual.ClassName.Should().Be(layers[k].String("class"), where);
            actual.Outputs.Select(o => o.ToString()).Should().Equal(KerasSpecReader.Shapes(layers[k].GetProperty("outputShape")).Select(o => o.ToString()), where);
            actual.Params.Should().Be(layers[k].GetProperty("params").GetInt64(), where);
            actual.TrainableParams.Should().Be(layers[k].GetProperty("trainable").GetInt64(), where);
            actual.Trainable.Should().Be(layers[k].GetProperty("layerTrainable").GetBoolean(), where);
        }

        summary.TotalParams.Should().Be(row.GetProperty("params").GetInt64());
        summary.TrainableParams.Should().Be(row.GetProperty("trainable").GetInt64());
        summary.NonTrainableParams.Should().Be(row.GetProperty("nonTrainable").GetInt64());
        summary.Render(SummaryFormat.Keras3).Should().Be(row.String("summary"), "vector {0}: Keras 3's summary text", id);
        summary.Render(new Keras3SummaryOptions { ShowTrainable = true }).Should().Be(row.String("summaryShowTrainable"), "vector {0}: Keras 3's summary with show_trainable", id);
    }
}
