using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>
/// The frozen, nested, merging, attention, convolutional and custom-layer models of a real Keras 3.16 run
/// (tools/oracles/keras3/families.py): every row's class, output shape, count and trainable flag, and the totals Keras
/// counts for the model it loads back from the same JSON.
/// </summary>
public sealed partial class KerasModelReaderTests
{
    public static TheoryData<string> Keras3MoreIds => Fixtures.Ids("keras3-more", row => !row.GetProperty("id").GetString()!.StartsWith("custom-", System.StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Keras3MoreIds))]
    public void ReadFile_Keras3FamilyModel_MatchesKeras(string id)
    {
        JsonElement truth = Fixtures.Manifest("keras3-more")[id];

        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("keras3-more", id + ".json"));

        AssertMatchesReloaded(model.Summary, truth);
        model.Summary.IsLowerBound.Should().BeFalse();
        model.UnsupportedLayers.Should().BeEmpty();
    }

    public static TheoryData<string> TfjsMoreIds => Fixtures.Ids("tfjs-more", row => !row.GetProperty("id").GetString()!.StartsWith("custom-", System.StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(TfjsMoreIds))]
    public void ReadFile_TfjsFamilyModel_MatchesTensorFlowJs(string id)
    {
        // TensorFlow.js 4.22 (tools/oracles/tfjs/families.mjs): what tfjs counts for the model it loads back from this JSON.
        // TensorFlow.js keeps a wrapper's weights trainable when only the wrapper's own config freezes it.
        JsonElement truth = Fixtures.Manifest("tfjs-more")[id];

        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("tfjs-more", id + ".json"));

        JsonElement reloaded = truth.GetProperty("reloaded");
        model.Summary.TotalParams.Should().Be(reloaded.Long("params"));
        model.Summary.TrainableParams.Should().Be(reloaded.Long("trainable"));
        model.Summary.NonTrainableParams.Should().Be(reloaded.Long("nonTrainable"));
        model.Summary.IsLowerBound.Should().BeFalse();
    }

    [Fact]
    public void ReadFile_TfjsCustomLayersWithoutTheManifest_AreLowerBounds()
    {
        // Without the weights manifest, the user's AttentionPooling (and the Dense after it) and Scale (and the LSTM after it)
        // cannot be counted: 480 (LSTM(8) on 6 features) and 150 (GRU(5) on 4 features, reset_after false, tfjs).
        KerasModelReader.ReadFile(Fixtures.PathOf("tfjs-more", "custom-with-weights.json")).Summary.TotalParams.Should().Be(480);
        ImportedModel scale = KerasModelReader.ReadFile(Fixtures.PathOf("tfjs-more", "custom-without-weights.json"));
        scale.Summary.TotalParams.Should().Be(150);
        scale.Summary.IsLowerBound.Should().BeTrue();
    }

    [Fact]
    public void ReadFile_CustomLayerWithoutStoredWeights_IsALowerBound()
    {
        // Keras 3.16 (keras3-models-more custom-with-weights): LSTM(8) on 6 features 4·8·(6 + 8 + 1) = 480, then the user's
        // AttentionPooling, then Dense(3). Without weights the custom layer and the Dense after it cannot be counted.
        JsonElement truth = Fixtures.Manifest("keras3-more")["custom-with-weights"];

        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("keras3-more", "custom-with-weights.json"));

        model.Summary.IsLowerBound.Should().BeTrue();
        model.Summary.TotalParams.Should().Be(480).And.BeLessThan(truth.Long("params"));
        model.Summary.Rows.Select(r => r.CountBasis).Should().Equal(CountBasis.Configuration, CountBasis.Configuration, CountBasis.LowerBound, CountBasis.LowerBound);
        model.UnsupportedLayers.Select(l => l.ClassName).Should().Equal("AttentionPooling", "Dense");
    }

    [Fact]
    public void ReadFile_CustomLayerWithoutWeightsWhoseShapeIsUnknown_CountsTheLayersBeforeIt()
    {
        // Keras 3.16 (custom-without-weights): GRU(5) on 4 features, reset_after: 3·5·(4 + 5 + 2) = 165, then Scale (no
        // weights, unknown to the library), then LSTM(3) and Dense(2), which need Scale's output: 165 is the lower bound.
        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("keras3-more", "custom-without-weights.json"));

        model.Summary.TotalParams.Should().Be(165);
        model.Summary.IsLowerBound.Should().BeTrue();
        model.Summary.Rows.Count(r => r.CountBasis == CountBasis.LowerBound).Should().Be(3);
    }

    /// <summary>
    /// Rows against a Keras 3.16 model row: a layer's own trainable count is compared only for a trainable layer (Keras gives
    /// a frozen layer none, even where the model still trains its inner weights); the totals are what Keras counts for the
    /// model it loads back from the JSON.
    /// </summary>
    internal static void AssertMatchesReloaded(ModelSummary summary, JsonElement truth)
    {
        JsonElement[] layers = truth.GetProperty("layers").EnumerateArray().Where(l => l.Str("class") != "InputLayer" || summary.Rows.Any(r => r.ClassName == "InputLayer")).ToArray();
        summary.Rows.Select(r => r.Name).Should().Equal(layers.Select(l => l.Str("name")));
        for (int k = 0; k < layers.Length; k++)
        {
            JsonElement expected = layers[k];
            LayerSummary actual = summary.Rows[k];
            string where = $"row {k} ({expected.Str("name")})";
            actual.ClassName.Should().Be(expected.Str("class"), where);
            actual.Params.Should().Be(expected.Long("params"), where);
            actual.Trainable.Should().Be(expected.GetProperty("layerTrainable").GetBoolean(), where);
            if (actual.Trainable)
            {
                actual.TrainableParams.Should().Be(expected.Long("trainable"), where);
            }

            if (actual.InboundNodes.Count <= 1)
            {
                actual.Outputs.Select(o => o.ToString()).Should().Equal(Fixtures.Shapes(expected.GetProperty("outputShape")), where);
            }
        }

        JsonElement reloaded = truth.GetProperty("reloaded");
        summary.TotalParams.Should().Be(reloaded.Long("params"));
        summary.TrainableParams.Should().Be(reloaded.Long("trainable"));
        summary.NonTrainableParams.Should().Be(reloaded.Long("nonTrainable"));
    }
}
