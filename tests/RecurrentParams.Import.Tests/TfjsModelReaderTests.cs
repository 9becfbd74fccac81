using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>TensorFlow.js model.json artifacts captured from real TensorFlow.js 4.22 saves (tf.io.withSaveHandler).</summary>
public sealed class TfjsModelReaderTests
{
    public static TheoryData<string> SupportedIds => Fixtures.Ids("tfjs");

    [Theory]
    [MemberData(nameof(SupportedIds))]
    public void ReadFile_ModelJson_MatchesTensorFlowJsAndCrossChecksTheManifest(string id)
    {
        JsonElement truth = Fixtures.Manifest("tfjs")[id];

        ImportedModel model = TfjsModelReader.ReadFile(Fixtures.PathOf("tfjs", id + ".model.json"));

        model.Format.Should().Be(ModelFileFormat.TensorFlowJs);
        KerasModelReaderTests.AssertMatches(model.Summary, truth, compareNames: true);
        model.StoredParams.Should().Be(truth.Long("weightsManifestParams"));
        model.Tensors.Should().HaveCount((int)truth.Long("weightsManifestTensors"));
        model.CountsAgree.Should().Be(truth.Long("weightsManifestParams") == truth.Long("params"));
        model.Metadata["format"].Should().Be("layers-model");
        model.Metadata["generatedBy"].Should().StartWith("TensorFlow.js");
    }

    public static TheoryData<string> MoreIds => Fixtures.Ids("tfjs-more");

    /// <summary>
    /// Frozen, nested, convolutional, merging and custom-layer models of a real TensorFlow.js 4.22 run
    /// (tools/oracles/tfjs/families.mjs): the totals tfjs counts for the model it loads back from the JSON. The custom
    /// layers are counted from the weights manifest (AttentionPooling's two weights; Scale, which has none, from the manifest
    /// adding up to the other layers' counts).
    /// </summary>
    [Theory]
    [MemberData(nameof(MoreIds))]
    public void ReadFile_LayerFamilyModel_MatchesTensorFlowJs(string id)
    {
        JsonElement truth = Fixtures.Manifest("tfjs-more")[id];

        ImportedModel model = TfjsModelReader.ReadFile(Fixtures.PathOf("tfjs-more", id + ".model.json"));

        JsonElement reloaded = truth.GetProperty("reloaded");
        model.Summary.TotalParams.Should().Be(reloaded.Long("params"));
        model.Summary.TrainableParams.Should().Be(reloaded.Long("trainable"));
        model.Summary.NonTrainableParams.Should().Be(reloaded.Long("nonTrainable"));
        model.Summary.IsLowerBound.Should().BeFalse();
        model.CountsAgree.Should().BeTrue();
        model.Summary.Rows.Where(r => r.ClassName != "InputLayer").Select(r => r.Params).Should().Equal(
            truth.GetProperty("layers").EnumerateArray().Where(l => l.Str("class") != "InputLayer").Select(l => l.Long("params")));
    }

    [Fact]
    public void ReadFile_CustomLayerInTheManifest_IsCountedFromItsWeights()
    {
        ImportedModel model = TfjsModelReader.ReadFile(Fixtures.PathOf("tfjs-more", "custom-with-weights.model.json"));

        LayerSummary row = model.Summary.Rows.Single(r => r.Name == "attention_pooling");
        row.CountBasis.Should().Be(CountBasis.StoredWeights);
        row.Weights.Select(w => w.Name + " " + w.Shape).Should().Equal("att_weight (8, 1)", "att_bias (10, 1)");
        model.UnsupportedLayers.Select(l => l.Name).Should().Equal("attention_pooling", "out");
    }

    [Fact]
    public void ReadFile_ManifestMissingAWeight_ReportsBothCounts()
    {
        ImportedModel model = TfjsModelReader.ReadFile(Fixtures.PathOf("tfjs", "seq-manifest-short.model.json"));

        model.Summary.TotalParams.Should().Be(58);
        model.StoredParams.Should().Be(57);
        model.CountsAgree.Should().BeFalse();
    }

    [Fact]
    public void Read_ConverterLayout_ReadsModelConfigInsideTheTopology()
    {
        JsonNode artifact = JsonNode.Parse(Fixtures.Bytes("tfjs", "seq-emb-lstm-dense.model.json"))!;
        JsonNode topology = artifact["modelTopology"]!;
        var wrapped = new JsonObject
        {
            ["keras_version"] = "2.15.0",
            ["backend"] = "tensorflow",
            ["model_config"] = new JsonObject { ["class_name"] = topology["class_name"]!.DeepClone(), ["config"] = topology["config"]!.DeepClone() },
        };
        artifact["modelTopology"] = wrapped;

        ImportedModel model = TfjsModelReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(artifact.ToJsonString())));

        model.Summary.TotalParams.Should().Be(2051);
        model.Metadata["keras_version"].Should().Be("2.15.0");
        model.CountsAgree.Should().BeTrue();
    }

    [Fact]
    public void Read_GraphModel_IsRefusedWithTheReason()
    {
        string json = "{\"format\": \"graph-model\", \"modelTopology\": {\"node\": []}, \"weightsManifest\": []}";

        Action read = () => TfjsModelReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        read.Should().Throw<ModelFormatException>().Which.Message.Should().Contain("graph-model").And.Contain("$.format");
    }

    [Fact]
    public void Read_NoManifest_HasNoStoredCount()
    {
        JsonNode artifact = JsonNode.Parse(Fixtures.Bytes("tfjs", "seq-srnn-td.model.json"))!;
        artifact.AsObject().Remove("weightsManifest");

        ImportedModel model = TfjsModelReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(artifact.ToJsonString())));

        model.StoredParams.Should().BeNull();
        model.CountsAgree.Should().BeTrue();
        model.Summary.TotalParams.Should().Be(80);
    }

    [Theory]
    [InlineData("[1099511627776, 1099511627776]", "64-bit")]
    [InlineData("[4, -1]", "0 or more")]
    [InlineData("[\"x\"]", "expected an integer")]
    public void Read_BadWeightShape_Throws(string shape, string expected)
    {
        string json = "{\"modelTopology\": {\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"config\": {\"units\": 1, \"batch_input_shape\": [null, 2]}}]}},"
            + "\"weightsManifest\": [{\"paths\": [], \"weights\": [{\"name\": \"w\", \"shape\": " + shape + "}]}]}";

        Action read = () => TfjsModelReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        read.Should().Throw<ModelFormatException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Read_NullArguments_Throw()
    {
        Action read = () => TfjsModelReader.Read(null!);
        Action readFile = () => TfjsModelReader.ReadFile(null!);

        read.Should().Throw<ArgumentNullException>();
        readFile.Should().Throw<ArgumentNullException>();
    }
}
