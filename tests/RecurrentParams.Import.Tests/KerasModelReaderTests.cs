using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>Keras topology JSON from real Keras 3.16 and TensorFlow.js 4.22 runs, and hand-written Keras 2 files mirroring Keras 3 runs.</summary>
public sealed partial class KerasModelReaderTests
{
    public static TheoryData<string> Keras3Ids => Fixtures.Ids("keras3");

    public static TheoryData<string> TfjsIds => Fixtures.Ids("tfjs");

    public static TheoryData<string> Keras2MirrorIds => Fixtures.Ids("keras2", row => row.Str("mirrors") is not null);

    [Fact]
    public void Fixtures_CoverEnoughModels()
    {
        (Keras3Ids.Count + TfjsIds.Count + Keras2MirrorIds.Count).Should().BeGreaterThanOrEqualTo(40);
    }

    [Theory]
    [MemberData(nameof(Keras3Ids))]
    public void ReadFile_Keras3ToJson_MatchesKeras(string id)
    {
        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("keras3", id + ".json"));

        model.Format.Should().Be(ModelFileFormat.KerasJson);
        model.StoredParams.Should().BeNull();
        AssertMatches(model.Summary, Fixtures.Manifest("keras3")[id], compareNames: true);
        model.Summary.Name.Should().Be(id);
    }

    [Theory]
    [MemberData(nameof(TfjsIds))]
    public void ReadFile_TfjsToJson_MatchesTensorFlowJs(string id)
    {
        JsonElement truth = Fixtures.Manifest("tfjs")[id];

        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("tfjs", id + ".json"));

        AssertMatches(model.Summary, truth, compareNames: true);
        model.Summary.Name.Should().Be(truth.Str("name"));
        model.Metadata["keras_version"].Should().Be("tfjs-layers 4.22.0");
    }

    [Theory]
    [MemberData(nameof(Keras2MirrorIds))]
    public void ReadFile_HandWrittenKeras2_MatchesTheKeras3RunItMirrors(string id)
    {
        JsonElement truth = Fixtures.Manifest("keras2")[id];

        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("keras2", id + ".json"));

        AssertMatches(model.Summary, truth, compareNames: false);
    }

    /// <summary>Keras 2.2.4's CuDNNLSTM(16) on 6 features: 4 × (16·16 + 16·6 + 2·16) = 1,536, then Dense(3) 16·3 + 3 = 51.</summary>
    [Fact]
    public void ReadFile_CudnnLstm_CountsBothBiases()
    {
        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("keras2", "keras2.2-seq-cudnnlstm.json"));

        model.Summary.Rows.Select(r => (r.Name, r.ClassName, r.Params)).Should().Equal(("cu_dnnlstm_1", "CuDNNLSTM", 1536L), ("dense_1", "Dense", 51L));
        model.Summary.Rows[0].Weights.Select(w => $"{w.Path} {w.Shape}").Should().Equal("kernel (6, 64)", "recurrent_kernel (16, 64)", "bias (128,)");
    }

    [Fact]
    public void ReadFile_Keras2ExplicitResetAfterFalse_CountsOneGruBias()
    {
        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("keras2", "keras2.3-seq-emb-gru0.json"));

        model.Summary.Rows[1].Params.Should().Be(Params.Gru(16, 8, resetAfter: false));
        model.Summary.Rows[1].Weights.Single(w => w.Name == "bias").Shape.Dimensions.Should().Equal(48);
    }

    [Theory]
    [InlineData("\"keras_version\": \"2.3.1\", \"backend\": \"tensorflow\"", 120)]
    [InlineData("\"keras_version\": \"3.16.0\"", 132)]
    [InlineData("\"module\": \"keras\", \"registered_name\": null", 132)]
    [InlineData("\"keras_version\": \"tfjs-layers 4.22.0\"", 120)]
    public void Parse_GruWithoutResetAfter_TakesTheDefaultOfTheFormat(string versionKeys, long expected)
    {
        string json = "{\"class_name\": \"Sequential\", " + versionKeys + ", \"config\": {\"name\": \"m\", \"layers\": ["
            + "{\"class_name\": \"GRU\", \"config\": {\"name\": \"gru\", \"units\": 4, \"batch_input_shape\": [null, null, 5]}}]}}";

        ImportedModel model = KerasModelReader.Parse(json);

        model.Summary.TotalParams.Should().Be(expected);
    }

    [Fact]
    public void Parse_KerasVersionArgument_OverridesTheJson()
    {
        string json = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
            + "{\"class_name\": \"GRU\", \"config\": {\"name\": \"gru\", \"units\": 4, \"batch_input_shape\": [null, null, 5]}}]}}";

        KerasModelReader.Parse(json, "3.5.0").Summary.TotalParams.Should().Be(132);
        KerasModelReader.Parse(json, "2.15.0").Summary.TotalParams.Should().Be(120);
        KerasModelReader.Parse(json).Summary.Name.Should().Be("model");
    }

    [Fact]
    public void Read_TfjsModelJson_IsHandedToTheTfjsReader()
    {
        using FileStream stream = File.OpenRead(Fixtures.PathOf("tfjs", "seq-gru-bisum-dense.model.json"));

        ImportedModel model = KerasModelReader.Read(stream);

        model.Format.Should().Be(ModelFileFormat.TensorFlowJs);
        model.StoredParams.Should().Be(320);
    }

    [Fact]
    public void Read_SharedLayer_CountsItOnce()
    {
        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("tfjs", "fn-shared-add.json"));

        model.Summary.Rows.Select(r => r.Name).Should().Equal("left", "right", "shared", "sum", "srnn");
        model.Summary.TotalParams.Should().Be(50);
        model.Summary.Input.Should().Be(new OutputShape(null, 6, 5));
    }

    [Fact]
    public void Read_MultipleOutputs_TakesTheFirstAsTheModelOutput()
    {
        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("tfjs", "fn-return-state.json"));

        model.Summary.Output.Should().Be(new OutputShape(null, 2));
        model.Summary.Rows[1].Outputs.Should().HaveCount(3);
    }

    [Fact]
    public void Read_TokenInput_RecordsTheInputElementType()
    {
        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("keras3", "seq-emb-lstm.json"));

        model.Summary.InputElementType.Should().Be(ElementType.Int32);
        model.Summary.Input.Should().Be(new OutputShape(null, null));
    }

    [Fact]
    public void Read_Derivations_ComeFromTheCore()
    {
        ImportedModel model = KerasModelReader.ReadFile(Fixtures.PathOf("keras3", "blog-lstm-seq.json"));

        model.Summary.Rows[1].Derivation!.ToString().Should().Be(Params.Explain(LayerSpec.Keras.Lstm(4, 5)).ToString());
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("{\"class_name\": \"Conv2D\", \"config\": {}}", "expected a Sequential, Functional or Model topology")]
    [InlineData("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"LSTM\", \"config\": {\"units\": 4}}]}}", "no input shape")]
    [InlineData("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"LSTM\", \"config\": {\"units\": 0, \"batch_input_shape\": [null, 3, 2]}}]}}", "$.config.layers[0].config.units")]
    [InlineData("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"LSTM\", \"config\": {\"units\": 4, \"batch_input_shape\": [null, 3, -2]}}]}}", "dimension of 0 or more")]
    [InlineData("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"config\": {\"units\": 4, \"batch_input_shape\": [null, null]}}]}}", "$.config.layers[0]")]
    [InlineData("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"LSTM\", \"config\": {\"units\": 2147483647, \"batch_input_shape\": [null, 3, 2147483647]}}]}}", "64-bit")]
    public void Parse_BadInput_ThrowsModelFormatExceptionNamingThePlace(string json, string expected)
    {
        Action parse = () => KerasModelReader.Parse(json);

        parse.Should().Throw<ModelFormatException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Parse_FunctionalWithACycle_ThrowsInsteadOfLooping()
    {
        string json = """
            {"class_name": "Functional", "config": {"name": "m", "layers": [
              {"class_name": "InputLayer", "name": "x", "config": {"batch_input_shape": [null, 4]}, "inbound_nodes": []},
              {"class_name": "Dense", "name": "a", "config": {"units": 3}, "inbound_nodes": [[["b", 0, 0, {}]]]},
              {"class_name": "Dense", "name": "b", "config": {"units": 3}, "inbound_nodes": [[["a", 0, 0, {}]]]}],
              "input_layers": [["x", 0, 0]], "output_layers": [["b", 0, 0]]}}
            """;

        Action parse = () => KerasModelReader.Parse(json);

        parse.Should().Throw<ModelFormatException>().WithMessage("*cycle*");
    }

    [Fact]
    public void Parse_UnknownTensorReference_NamesIt()
    {
        string json = """
            {"class_name": "Model", "config": {"layers": [
              {"class_name": "InputLayer", "name": "x", "config": {"batch_input_shape": [null, 4]}, "inbound_nodes": []},
              {"class_name": "Dense", "name": "a", "config": {"units": 3}, "inbound_nodes": [[["nope", 0, 0, {}]]]}],
              "input_layers": [["x", 0, 0]], "output_layers": [["a", 0, 0]]}}
            """;

        Action parse = () => KerasModelReader.Parse(json);

        parse.Should().Throw<ModelFormatException>().Which.Message.Should().Contain("'nope'").And.Contain("$.config.layers[1].inbound_nodes[0][0]");
    }

    [Fact]
    public void Parse_MillionDeepNesting_ThrowsAtOnce()
    {
        string json = new string('[', 1_000_000) + new string(']', 1_000_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Action parse = () => KerasModelReader.Parse(json);

        parse.Should().Throw<ModelFormatException>().WithMessage("At the JSON document, byte 128: the JSON nests deeper: more than the 128 levels ModelReaderOptions.MaxDepth allows (raise it for a file you trust)");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Read_DocumentOverTheLimit_IsRefusedBeforeReading()
    {
        using var stream = new ClaimingStream(length: 1L << 40);

        Action read = () => KerasModelReader.Read(stream);

        read.Should().Throw<ModelFormatException>().WithMessage("At the JSON document: 1,099,511,627,776 bytes remain in the stream: more than the 67,108,864 bytes ModelReaderOptions.MaxDocumentBytes allows (raise it for a file you trust)");
        stream.BytesRead.Should().Be(0);
    }

    [Fact]
    public void Read_NullOrUnreadable_ThrowsArgumentException()
    {
        Action nullStream = () => KerasModelReader.Read(null!);
        Action nullPath = () => KerasModelReader.ReadFile(null!);
        Action emptyPath = () => KerasModelReader.ReadFile(string.Empty);
        Action nullJson = () => KerasModelReader.Parse(null!);

        nullStream.Should().Throw<ArgumentNullException>().WithParameterName("stream");
        nullPath.Should().Throw<ArgumentNullException>().WithParameterName("path");
        emptyPath.Should().Throw<ArgumentException>().WithParameterName("path");
        nullJson.Should().Throw<ArgumentNullException>().WithParameterName("json");
    }

    [Fact]
    public void Parse_Utf8Names_AreKept()
    {
        string json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"modèle\", \"layers\": ["
            + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"tête\", \"units\": 2, \"batch_input_shape\": [null, 3]}}]}}";

        ImportedModel model = KerasModelReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        model.Summary.Name.Should().Be("modèle");
        model.Summary.Rows[0].Name.Should().Be("tête");
    }

    /// <summary>Compares every row with the framework's: class, name (when the framework named it as the file does), output shapes and counts.</summary>
    internal static void AssertMatches(ModelSummary summary, JsonElement truth, bool compareNames)
    {
        JsonElement[] layers = truth.GetProperty("layers").EnumerateArray().ToArray();
        summary.Rows.Should().HaveCount(layers.Length);
        for (int k = 0; k < layers.Length; k++)
        {
            JsonElement expected = layers[k];
            LayerSummary actual = summary.Rows[k];
            string where = $"row {k} ({expected.Str("name")})";
            actual.ClassName.Should().Be(expected.Str("class"), where);
            if (compareNames)
            {
                actual.Name.Should().Be(expected.Str("name"), where);
            }

            if (expected.TryGetProperty("outputShape", out JsonElement shape))
            {
                actual.Outputs.Select(o => o.ToString()).Should().Equal(Fixtures.Shapes(shape), where);
            }

            actual.Params.Should().Be(expected.Long("params"), where);
            if (expected.TryGetProperty("trainable", out JsonElement trainable))
            {
                actual.TrainableParams.Should().Be(trainable.GetInt64(), where);
                actual.NonTrainableParams.Should().Be(expected.Long("nonTrainable"), where);
            }
        }

        summary.TotalParams.Should().Be(truth.Long("params"));
        summary.TrainableParams.Should().Be(truth.Long("trainable"));
        summary.NonTrainableParams.Should().Be(truth.Long("nonTrainable"));
    }
}
