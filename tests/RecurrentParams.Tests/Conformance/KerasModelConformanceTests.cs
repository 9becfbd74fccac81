using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Tests.Conformance;

/// <summary>
/// Whole models built by Keras 3.16 and TensorFlow.js 4.22 are rebuilt with <see cref="ModelBuilder"/> from their layer
/// specs alone (sizes flow from layer to layer): every row's class, output shape and counts, and the totals, must match;
/// layer names too where the framework named them as Keras does (Keras 3, and explicit names).
/// </summary>
public sealed class KerasModelConformanceTests
{
    private const string Keras3 = "keras3-models.jsonl";
    private const string Tfjs = "tfjs-models.jsonl";

    public static TheoryData<string> Keras3Ids => VectorFile.Ids(Keras3, row => row.String("kind") is "sequential" or "functional");

    public static TheoryData<string> TfjsIds => VectorFile.Ids(Tfjs, row => Expressible(row));

    [Fact]
    public void Vectors_CoverEnoughModels()
    {
        (Keras3Ids.Cast<object[]>().Count() + TfjsIds.Cast<object[]>().Count()).Should().BeGreaterThanOrEqualTo(50);
    }

    [Theory]
    [MemberData(nameof(Keras3Ids))]
    public void Keras3Model_MatchesKeras(string id)
    {
        JsonElement row = VectorFile.Load(Keras3)[id];
        var builder = new KerasModelBuilder(id);
        OutputShape input = KerasSpecReader.Shape(row.GetProperty("inputShape"));
        if (row.String("kind") == "functional")
        {
            builder.InputLayer(input, "inputs");
        }
        else
        {
            builder.Input(input);
        }

        foreach (JsonElement layer in row.GetProperty("spec").EnumerateArray())
        {
            builder.Add(KerasSpecReader.Read(layer, gruResetAfterDefault: true));
        }

        AssertModel(id, row, builder.Build(), compareNames: true);
    }

    [Theory]
    [MemberData(nameof(TfjsIds))]
    public void TfjsModel_MatchesTensorFlowJs(string id)
    {
        JsonElement row = VectorFile.Load(Tfjs)[id];
        var builder = new KerasModelBuilder(id);
        bool functional = row.String("kind") == "functional";
        OutputShape input = KerasSpecReader.Shape(row.GetProperty("inputShape"));
        if (!functional)
        {
            builder.Input(input);
        }

        foreach (JsonElement node in row.GetProperty("spec").EnumerateArray())
        {
            if (node.String("layer") == "InputLayer")
            {
                builder.InputLayer(input, node.String("name")!);
            }
            else
            {
                builder.Add(KerasSpecReader.Read(node, gruResetAfterDefault: false, functional ? node.String("name") : null));
            }
        }

        AssertModel(id, row, builder.Build(), compareNames: functional);
    }

    /// <summary>A sequential model, or a functional one that is a single chain from one input (no branches, no shared layers).</summary>
    private static bool Expressible(JsonElement row)
    {
        JsonElement[] spec = row.GetProperty("spec").EnumerateArray().ToArray();
        if (!spec.All(KerasSpecReader.IsSupportedOrInput))
        {
            return false;
        }

        if (row.String("kind") != "functional")
        {
            return true;
        }

        if (row.GetProperty("inputShape")[0].ValueKind == JsonValueKind.Array)
        {
            return false;
        }

        for (int k = 1; k < spec.Length; k++)
        {
            JsonElement inbound = spec[k].GetProperty("inbound");
            if (inbound.GetArrayLength() != 1 || inbound[0].GetString() != spec[k - 1].String("name") || spec[k].TryGetProperty("initial_state", out _))
            {
                return false;
            }
        }

        return row.GetProperty("outputs").GetArrayLength() == 1;
    }

    private static void AssertModel(string id, JsonElement row, ModelSummary summary, bool compareNames)
    {
        JsonElement[] layers = row.GetProperty("layers").EnumerateArray().ToArray();
        summary.Rows.Should().HaveCount(layers.Length, "vector {0}: one row per layer", id);
        for (int k = 0; k < layers.Length; k++)
        {
            JsonElement expected = layers[k];
            LayerSummary actual = summary.Rows[k];
            string where = $"vector {id}, row {k} ({expected.String("name")})";
            actual.ClassName.Should().Be(expected.String("class"), where);
            if (compareNames)
            {
                actual.Name.Should().Be(expected.String("name"), where);
            }

            actual.Outputs.Select(o => o.ToString()).Should().Equal(KerasSpecReader.Shapes(expected.GetProperty("outputShape")).Select(o => o.ToString()), where);
            actual.Params.Should().Be(expected.GetProperty("params").GetInt64(), where);
            actual.TrainableParams.Should().Be(expected.GetProperty("trainable").GetInt64(), where);
            actual.NonTrainableParams.Should().Be(expected.GetProperty("nonTrainable").GetInt64(), where);
        }

        summary.TotalParams.Should().Be(row.GetProperty("params").GetInt64(), "vector {0}: total", id);
        summary.TrainableParams.Should().Be(row.GetProperty("trainable").GetInt64(), "vector {0}: trainable", id);
        summary.NonTrainableParams.Should().Be(row.GetProperty("nonTrainable").GetInt64(), "vector {0}: non-trainable", id);
    }
}
