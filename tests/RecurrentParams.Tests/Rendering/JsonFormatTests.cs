using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests.Rendering;

public sealed class JsonFormatTests
{
    [Fact]
    public void Render_KerasModel_RoundTripsWithEveryField()
    {
        ModelSummary summary = new KerasModelBuilder("blog").InputLayer(null, 5, name: "input_4").SimpleRnn(4, name: "simple_rnn_1").Build();

        using JsonDocument document = JsonDocument.Parse(summary.Render(SummaryFormat.Json));

        JsonElement root = document.RootElement;
        root.GetProperty("name").GetString().Should().Be("blog");
        root.GetProperty("convention").GetString().Should().Be("keras");
        root.GetProperty("input").EnumerateArray().Select(Dim).Should().Equal(null, null, 5L);
        root.GetProperty("output").EnumerateArray().Select(Dim).Should().Equal(null, 4L);
        root.GetProperty("inputElementType").GetString().Should().Be("float32");
        root.GetProperty("totalParams").GetInt64().Should().Be(40);
        root.GetProperty("trainableParams").GetInt64().Should().Be(40);
        root.GetProperty("nonTrainableParams").GetInt64().Should().Be(0);
        root.GetProperty("parameterBytes").GetProperty("float32").GetInt64().Should().Be(160);
        root.GetProperty("parameterBytes").GetProperty("float16").GetInt64().Should().Be(80);
        root.GetProperty("parameterBytes").GetProperty("int8").GetInt64().Should().Be(40);
        root.GetProperty("macsPerStep").GetInt64().Should().Be(summary.MacsPerStep);

        JsonElement[] layers = root.GetProperty("layers").EnumerateArray().ToArray();
        layers.Should().HaveCount(2);
        layers[0].GetProperty("class").GetString().Should().Be("InputLayer");
        layers[0].GetProperty("weights").GetArrayLength().Should().Be(0);
        layers[0].GetProperty("derivation").ValueKind.Should().Be(JsonValueKind.Null);
        JsonElement rnn = layers[1];
        rnn.GetProperty("name").GetString().Should().Be("simple_rnn_1");
        rnn.GetProperty("class").GetString().Should().Be("SimpleRNN");
        rnn.GetProperty("outputs").EnumerateArray().Single().EnumerateArray().Select(Dim).Should().Equal(null, 4L);
        rnn.GetProperty("params").GetInt64().Should().Be(40);
        rnn.GetProperty("trainable").GetInt64().Should().Be(40);
        rnn.GetProperty("nonTrainable").GetInt64().Should().Be(0);
        rnn.GetProperty("macsPerStep").GetInt64().Should().Be(summary.Rows[1].MacsPerStep);
        rnn.GetProperty("derivation").GetString().Should().Be(summary.Rows[1].Derivation!.ToString());
        rnn.GetProperty("weights").EnumerateArray()
            .Select(w => (w.GetProperty("name").GetString()!, w.GetProperty("path").GetString()!, string.Join(",", w.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64())), w.GetProperty("trainable").GetBoolean()))
            .Should().Equal(summary.Rows[1].Weights.Select(w => (w.Name, w.Path, string.Join(",", w.Shape.Dimensions), w.Trainable)));
    }

    [Fact]
    public void Render_PyTorchModelWithFrozenStatistics_WritesConventionAndInt64Input()
    {
        ModelSummary summary = new TorchModelBuilder("Net").Input(ElementType.Int64, 2, 6)
            .Add(new RecurrentParams.Torch.Embedding(200, 24)).Build();

        using JsonDocument document = JsonDocument.Parse(summary.Render(SummaryFormat.Json));

        document.RootElement.GetProperty("convention").GetString().Should().Be("pytorch");
        document.RootElement.GetProperty("inputElementType").GetString().Should().Be("int64");
        document.RootElement.GetProperty("input").EnumerateArray().Select(Dim).Should().Equal(2L, 6L);
    }

    [Fact]
    public void Render_Json_IsIndentedCamelCaseWithNewlines()
    {
        ModelSummary summary = new KerasModelBuilder("m").Input(null, 5).Lstm(4).Build();

        string text = summary.Render(SummaryFormat.Json);

        text.Should().StartWith("{\n  \"name\": \"m\",\n  \"convention\": \"keras\",\n  \"input\": [\n    null,")
            .And.NotContain("\r").And.EndWith("}").And.Contain("×");
    }

    private static long? Dim(JsonElement d) => d.ValueKind == JsonValueKind.Null ? null : d.GetInt64();
}
