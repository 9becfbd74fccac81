using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Conformance;

/// <summary>
/// Every single-layer vector of Keras 3.16 and TensorFlow.js 4.22 — recurrent and the layers around them — is rebuilt
/// as a one-layer model through <see cref="ModelBuilder"/>: output shapes, counts (trainable and not) and weights must match.
/// </summary>
public sealed class KerasLayerConformanceTests
{
    private const string Keras3 = "keras3-layers.jsonl";
    private const string Tfjs = "tfjs-layers.jsonl";
    private const string Families = "keras3-layer-families.jsonl";
    private const string TfjsFamilies = "tfjs-layer-families.jsonl";

    public static TheoryData<string> Keras3Ids => VectorFile.Ids(Keras3, KerasSpecReader.IsSupported);

    public static TheoryData<string> FamilyIds => VectorFile.Ids(Families, KerasSpecReader.IsSupported);

    public static TheoryData<string> TfjsFamilyIds => VectorFile.Ids(TfjsFamilies, row => KerasSpecReader.IsSupported(row) && !IsTfjsInferredReshape(row));

    public static TheoryData<string> TfjsIds => VectorFile.Ids(Tfjs, row => !row.HasError() && KerasSpecReader.IsSupported(row) && !IsTfjsCausalConv(row));

    [Theory]
    [MemberData(nameof(Keras3Ids))]
    public void Keras3Layer_AsModel_MatchesKeras(string id) => AssertLayer(id, VectorFile.Load(Keras3)[id], gruResetAfterDefault: true, keras3Paths: true);

    [Theory]
    [MemberData(nameof(TfjsIds))]
    public void TfjsLayer_AsModel_MatchesTensorFlowJs(string id) => AssertLayer(id, VectorFile.Load(Tfjs)[id], gruResetAfterDefault: false, keras3Paths: false);

    [Theory]
    [MemberData(nameof(FamilyIds))]
    public void Keras3LayerFamily_AsModel_MatchesKeras(string id)
    {
        JsonElement row = VectorFile.Load(Families)[id];
        if (row.String("call") == "one")
        {
            AssertLayer(id, row, gruResetAfterDefault: true, keras3Paths: true);
            return;
        }

        // Merge and attention layers take several tensors: built on their own, on every input the framework gave them.
        OutputShape[] inputs = KerasSpecReader.Shapes(row.GetProperty("inputShape"));
        KerasLayer layer = KerasSpecReader.Read(row, gruResetAfterDefault: true);
        LayerResult result = layer.Build(new LayerContext(inputs, layer.NameBase, Convention.Keras, null));
        var summary = new LayerSummary(layer.NameBase, layer.ClassName, result.Outputs, result.Weights) { Derivation = result.Derivation };
        AssertRow(id, row, summary, keras3Paths: true);
    }

    [Theory]
    [MemberData(nameof(TfjsFamilyIds))]
    public void TfjsLayerFamily_MatchesTensorFlowJs(string id)
    {
        // TensorFlow.js names some weights as tf.keras did (DepthwiseConv2D's depthwise_kernel, Keras 3's kernel): shapes,
        // order and trainability are compared, not names.
        JsonElement row = VectorFile.Load(TfjsFamilies)[id];
        OutputShape[] inputs = KerasSpecReader.Shapes(row.GetProperty("inputShape"));
        KerasLayer layer = KerasSpecReader.Read(row, gruResetAfterDefault: false);
        LayerResult result = layer.Build(new LayerContext(inputs, layer.NameBase, Convention.Keras, null));

        result.Outputs.Select(o => o.ToString()).Should().Equal(KerasSpecReader.Shapes(row.GetProperty("outputShape")).Select(o => o.ToString()), "vector {0}: output shapes", id);
        result.Weights.Sum(w => w.Count).Should().Be(row.GetProperty("params").GetInt64(), "vector {0}: tfjs parameters", id);
        result.Weights.Where(w => !w.Trainable).Sum(w => w.Count).Should().Be(row.GetProperty("nonTrainable").GetInt64(), "vector {0}: non-trainable", id);
        result.Weights.Select(w => string.Join(",", w.Shape.Dimensions)).Should().Equal(
            row.GetProperty("weights").EnumerateArray().Select(w => string.Join(",", w.GetProperty("shape").Shape())), "vector {0}: weight shapes in tfjs's order", id);
    }

    [Fact]
    public void TfjsReshapeWithAnInferredAxis_LeavesItUnknown_WhereKerasInfersIt()
    {
        // TensorFlow.js 4.22's Reshape infers a -1 axis only when every input dimension is known, the batch included, so on
        // (None, 6, 2) to (-1, 4) it reports (None, None, 4). Keras 3 infers 12 / 4 = 3 (keras3-layer-families
        // reshape-minus1-x4), and so does the library; the count is 0 either way.
        JsonElement row = VectorFile.Load(TfjsFamilies).Values.Single(IsTfjsInferredReshape);
        KerasSpecReader.Shape(row.GetProperty("outputShape")).Should().Be(new OutputShape(null, null, 4));

        ModelSummary summary = new KerasModelBuilder().Input(KerasSpecReader.Shape(row.GetProperty("inputShape"))).Add(KerasSpecReader.Read(row, false)).Build();

        summary.Rows[0].OutputShape.Should().Be(new OutputShape(null, 3, 4));
        summary.TotalParams.Should().Be(row.GetProperty("params").GetInt64());
    }

    [Fact]
    public void Vectors_EveryLayerIsModelled()
    {
        IEnumerable<string?> skipped = VectorFile.Load(Keras3).Values.Concat(VectorFile.Load(Tfjs).Values).Concat(VectorFile.Load(Families).Values).Concat(VectorFile.Load(TfjsFamilies).Values)
            .Where(r => !KerasSpecReader.IsSupported(r))
            .Select(r => r.String("layer"))
            .Distinct();

        skipped.Should().BeEquivalentTo(["ThresholdedReLU"], "every other layer in the vectors is a core layer");
        VectorFile.Load(Families).Values.Select(r => r.String("family")).Distinct().Should().HaveCountGreaterThanOrEqualTo(10, "every family has its vectors");
    }

    [Fact]
    public void TfjsCausalConv1D_ReportsTheValidLength_WhereKerasKeepsTheInputLength()
    {
        // TensorFlow.js 4.22's Conv1D.computeOutputShape treats "causal" like "valid" (its forward pass pads on the left
        // and keeps the length). Keras 3 reports the input length (keras3 conv1d causal row: 30 steps in, 30 out), and so
        // does the library; these tfjs rows are the one place the two frameworks disagree, so they are checked here instead.
        JsonElement[] rows = VectorFile.Load(Tfjs).Values.Where(IsTfjsCausalConv).ToArray();

        rows.Should().NotBeEmpty();
        foreach (JsonElement row in rows)
        {
            JsonElement config = row.GetProperty("config");
            long steps = row.GetProperty("inputShape")[1].GetInt64();
            long kernel = config.GetProperty("kernel_size").GetInt64();
            long strides = config.TryGetProperty("strides", out JsonElement s) ? s.GetInt64() : 1;
            KerasSpecReader.Shape(row.GetProperty("outputShape"))[1].Should().Be(((steps - kernel) / strides) + 1);

            ModelSummary summary = new KerasModelBuilder().Input(KerasSpecReader.Shape(row.GetProperty("inputShape"))).Add(KerasSpecReader.Read(row, false)).Build();
            summary.Rows[0].OutputShape[1].Should().Be((steps + strides - 1) / strides);
            summary.TotalParams.Should().Be(row.GetProperty("params").GetInt64(), "the count does not depend on padding");
        }
    }

    /// <summary>
    /// TensorFlow.js' StackedRNNCells lists the cells' states last cell first (its <c>stateSize</c> reverses the cells);
    /// Keras 3 lists them in cell order (<c>[c.state_size for c in self.cells]</c>), as the library does. Same tensors, other order.
    /// </summary>
    private static OutputShape[] TfjsStatesInCellOrder(JsonElement row, OutputShape[] outputs)
    {
        int[] stateCounts = row.GetProperty("cells").EnumerateArray().Select(c => c.String("layer") == "LSTMCell" ? 2 : 1).ToArray();
        var groups = new List<OutputShape[]>();
        int next = 1;
        foreach (int count in stateCounts.Reverse())
        {
            groups.Add(outputs.Skip(next).Take(count).ToArray());
            next += count;
        }

        groups.Reverse();
        return new[] { outputs[0] }.Concat(groups.SelectMany(g => g)).ToArray();
    }

    private static bool IsTfjsInferredReshape(JsonElement row) =>
        row.String("layer") == "Reshape" && row.GetProperty("config").GetProperty("target_shape").EnumerateArray().Any(d => d.GetInt32() == -1);

    private static bool IsTfjsCausalConv(JsonElement row) => row.String("layer") == "Conv1D" && row.GetProperty("config").String("padding") == "causal";

    private static void AssertLayer(string id, JsonElement row, bool gruResetAfterDefault, bool keras3Paths)
    {
        ModelSummary summary = new KerasModelBuilder(id)
            .Input(KerasSpecReader.Shape(row.GetProperty("inputShape")))
            .Add(KerasSpecReader.Read(row, gruResetAfterDefault))
            .Build();
        LayerSummary layer = summary.Rows.Single();
        summary.TotalParams.Should().Be(layer.Params);
        AssertRow(id, row, layer, keras3Paths);
    }

    private static void AssertRow(string id, JsonElement row, LayerSummary layer, bool keras3Paths)
    {
        OutputShape[] expectedOutputs = KerasSpecReader.Shapes(row.GetProperty("outputShape"));
        if (!keras3Paths && row.String("layer") == "RNN" && expectedOutputs.Length > 1)
        {
            expectedOutputs = TfjsStatesInCellOrder(row, expectedOutputs);
        }

        layer.Outputs.Select(o => o.ToString()).Should().Equal(expectedOutputs.Select(o => o.ToString()), "vector {0}: output shapes", id);
        layer.Params.Should().Be(row.GetProperty("params").GetInt64(), "vector {0}: {1} parameters", id, row.String("framework"));
        layer.TrainableParams.Should().Be(row.GetProperty("trainable").GetInt64(), "vector {0}: trainable", id);
        layer.NonTrainableParams.Should().Be(row.GetProperty("nonTrainable").GetInt64(), "vector {0}: non-trainable", id);

        IEnumerable<string> expected = row.GetProperty("weights").EnumerateArray().Select(w =>
        {
            string path = w.GetProperty("path").GetString()!;
            string shown = keras3Paths ? path[(path.IndexOf('/') + 1)..] : w.GetProperty("name").GetString()!;
            return $"{shown} {string.Join(",", w.GetProperty("shape").Shape())} {w.GetProperty("trainable").GetBoolean()}";
        });
        IEnumerable<string> actual = layer.Weights.Select(w =>
            $"{(keras3Paths ? w.Path : w.Name)} {string.Join(",", w.Shape.Dimensions)} {w.Trainable}");
        actual.Should().Equal(expected, "vector {0}: weights (name or path, shape, trainable) in the framework's order", id);
        if (layer.Derivation is Derivation derivation)
        {
            derivation.Total.Should().Be(layer.Params, "vector {0}: the derivation adds up", id);
        }
    }
}
