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
    public void ReadFile_CustomLayerWithoutStoredWeights_IsALowerBoundOfEverythingElse()
    {
        // Keras 3.16 (keras3-models-more custom-with-weights): LSTM(8) on 6 features, then the user's AttentionPooling, then
        // Dense(3). Without weights the custom layer cannot be counted, but Keras 3 recorded the shape of the tensor it
        // returned in the Dense's inbound node, so the Dense is counted: the total is Keras' own minus AttentionPooling's.
        JsonElement truth = Fixtures.Manifest("keras3-more")["custom-with-weights"];
        JsonElement[] layers = truth.GetProperty("layers").EnumerateArray().ToArray();
        long custom = layers.Single(l => l.Str("class") == "AttentionPooling").Long("params");

        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("keras3-more", "custom-with-weights.json"));

        model.Summary.IsLowerBound.Should().BeTrue();
        custom.Should().BeGreaterThan(0);
        model.Summary.TotalParams.Should().Be(truth.Long("params") - custom);
        model.Summary.Rows.Select(r => r.CountBasis).Should().Equal(CountBasis.Configuration, CountBasis.Configuration, CountBasis.LowerBound, CountBasis.Configuration);
        model.Summary.Rows[3].Params.Should().Be(layers.Single(l => l.Str("name") == "out").Long("params"));
        model.UnsupportedLayers.Select(l => l.ClassName).Should().Equal("AttentionPooling");
    }

    [Fact]
    public void ReadFile_CustomLayerWithoutWeightsInASequential_CountsTheLayersAfterItFromTheirBuildConfig()
    {
        // Keras 3.16 (custom-without-weights): GRU(5), then Scale (no weights, unknown to the library), then LSTM(3) and
        // Dense(2). Scale's output is unknown, but Keras 3 recorded the LSTM's input shape in its build_config: every layer
        // but Scale is counted, and since Scale has no weights that is Keras' own total, still marked as a lower bound.
        JsonElement truth = Fixtures.Manifest("keras3-more")["custom-without-weights"];

        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("keras3-more", "custom-without-weights.json"));

        model.Summary.TotalParams.Should().Be(truth.Long("params"));
        model.Summary.TrainableParams.Should().Be(truth.Long("trainable"));
        model.Summary.IsLowerBound.Should().BeTrue();
        model.Summary.Rows.Where(r => r.CountBasis == CountBasis.LowerBound).Select(r => r.ClassName).Should().Equal("Scale");
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
