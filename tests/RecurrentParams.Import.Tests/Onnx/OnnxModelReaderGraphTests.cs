using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Import.Onnx;
using Xunit;

namespace RecurrentParams.Import.Tests.Onnx;

/// <summary>
/// Fixtures/onnx-graphs: torch.onnx.export in the forms exporters write (opsets 9 to 17, without constant folding,
/// weights as graph inputs) and onnx-helper graphs for every weight source and shape operator; the truths are the
/// frameworks' counts and onnx's shape inference (tools/oracles/files/onnx_files.py).
/// </summary>
public sealed partial class OnnxModelReaderTests
{
    private const string Graphs = "onnx-graphs";

    public static TheoryData<string> GraphIds => Fixtures.Ids(Graphs);

    [Theory]
    [MemberData(nameof(GraphIds))]
    public void ReadFile_GraphFixture_TotalIsTheFrameworksCount(string id)
    {
        JsonElement truth = Fixtures.Manifest(Graphs)[id];

        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, id + ".onnx"));

        model.Summary.TotalParams.Should().Be(truth.Long("params"));
        model.Metadata["opset.ai.onnx"].Should().Be(truth.Long("opset").ToString(System.Globalization.CultureInfo.InvariantCulture));
        model.Tensors.Should().HaveCount((int)truth.Long("initializers"));
        model.Tensors.Count(t => t.DataType is "INT64" or "INT32").Should().Be((int)truth.Long("constants"), "integer initializers are listed as constants");
    }

    [Theory]
    [MemberData(nameof(GraphIds))]
    public void ReadFile_GraphFixture_OneRowPerRecurrentNodeWithItsCountHiddenSizeAndDirections(string id)
    {
        JsonElement[] expected = Fixtures.Manifest(Graphs)[id].GetProperty("recurrent").EnumerateArray().ToArray();

        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, id + ".onnx"));

        LayerSummary[] rows = model.Summary.Rows.Where(r => r.ClassName is "LSTM" or "GRU" or "RNN").ToArray();
        rows.Select(r => (r.Name, r.ClassName, r.Params)).Should().Equal(expected.Select(e => (e.Str("node")!, e.Str("op")!, e.Long("params"))));
        rows.Select(r => r.OutputShape).Should().Equal(expected.Select(e => new OutputShape(null, e.Long("directions"), null, e.Long("hiddenSize"))));
    }

    [Theory]
    [MemberData(nameof(GraphIds))]
    public void ReadFile_GraphFixture_DerivationWhenTheShapesAreOnePyTorchLayer(string id)
    {
        JsonElement[] expected = Fixtures.Manifest(Graphs)[id].GetProperty("recurrent").EnumerateArray().ToArray();

        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, id + ".onnx"));

        LayerSummary[] rows = model.Summary.Rows.Where(r => r.ClassName is "LSTM" or "GRU" or "RNN").ToArray();
        for (int k = 0; k < rows.Length; k++)
        {
            JsonElement e = expected[k];
            if (!e.GetProperty("derivation").GetBoolean())
            {
                rows[k].Derivation.Should().BeNull(rows[k].Name);
                continue;
            }

            int input = (int)e.Long("inputSize");
            int hidden = (int)e.Long("hiddenSize");
            bool bias = e.GetProperty("bias").GetBoolean();
            bool bidirectional = e.Long("directions") == 2;
            LayerSpec spec = e.Str("op") switch
            {
                "LSTM" => LayerSpec.Torch.Lstm(input, hidden, 1, bias, bidirectional),
                "GRU" => LayerSpec.Torch.Gru(input, hidden, 1, bias, bidirectional),
                _ => LayerSpec.Torch.Rnn(input, hidden, 1, bias, bidirectional),
            };
            rows[k].Derivation!.ToString().Should().Be(Params.Explain(spec).ToString());
            rows[k].Derivation!.Total.Should().Be(e.Long("params"));
        }
    }

    [Theory]
    [MemberData(nameof(GraphIds))]
    public void ReadFile_GraphFixture_NoteNamesUnresolvedFedAndSharedWeights(string id)
    {
        JsonElement[] expected = Fixtures.Manifest(Graphs)[id].GetProperty("recurrent").EnumerateArray().ToArray();

        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, id + ".onnx"));

        LayerSummary[] rows = model.Summary.Rows.Where(r => r.ClassName is "LSTM" or "GRU" or "RNN").ToArray();
        for (int k = 0; k < rows.Length; k++)
        {
            string[] unresolved = expected[k].GetProperty("unresolved").Strings();
            string[] fed = expected[k].GetProperty("fed").Strings();
            string[] shared = expected[k].TryGetProperty("shared", out JsonElement s) ? s.Strings() : [];
            string note = rows[k].Note ?? string.Empty;
            foreach (string slot in unresolved)
            {
                note.Should().Contain(slot + " could not be resolved: ");
            }

            if (fed.Length > 0)
            {
                note.Should().Contain(string.Join(", ", fed[..^1]) + (fed.Length > 1 ? " and " : string.Empty) + fed[^1] + " are graph inputs the runtime feeds");
            }

            note.Contains("shares stored tensors", StringComparison.Ordinal).Should().Be(shared.Length > 0);
            note.Contains("peephole", StringComparison.Ordinal).Should().Be(expected[k].GetProperty("peepholes").GetBoolean());
            if (unresolved.Length + fed.Length + shared.Length == 0 && !expected[k].GetProperty("peepholes").GetBoolean() && expected[k].GetProperty("derivation").GetBoolean())
            {
                rows[k].Note.Should().BeNull();
            }
        }
    }

    [Theory]
    [MemberData(nameof(GraphIds))]
    public void ReadFile_GraphFixture_MultiplyAccumulatesAreTheResolvedWAndR(string id)
    {
        JsonElement[] expected = Fixtures.Manifest(Graphs)[id].GetProperty("recurrent").EnumerateArray().ToArray();

        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, id + ".onnx"));

        LayerSummary[] rows = model.Summary.Rows.Where(r => r.ClassName is "LSTM" or "GRU" or "RNN").ToArray();
        for (int k = 0; k < rows.Length; k++)
        {
            JsonElement shapes = expected[k].GetProperty("shapes");
            long macs = new[] { "W", "R" }
                .Where(slot => shapes.TryGetProperty(slot, out JsonElement shape) && shape.ValueKind == JsonValueKind.Array && !expected[k].GetProperty("unresolved").Strings().Contains(slot))
                .Sum(slot => shapes.GetProperty(slot).EnumerateArray().Aggregate(1L, (p, d) => p * d.GetInt64()));
            rows[k].MacsPerStep.Should().Be(macs, rows[k].Name);
        }
    }

    [Theory]
    [MemberData(nameof(GraphIds))]
    public void Read_GraphFixtureOnAForwardOnlyStream_IsTheSameSummary(string id)
    {
        byte[] bytes = Fixtures.Bytes(Graphs, id + ".onnx");

        ImportedModel seekable = OnnxModelReader.Read(new MemoryStream(bytes));
        ImportedModel forwardOnly = OnnxModelReader.Read(new NonSeekableStream(bytes));

        forwardOnly.Summary.Should().Be(seekable.Summary);
        forwardOnly.Summary.Rows.Select(r => r.Note).Should().Equal(seekable.Summary.Rows.Select(r => r.Note));
    }

    [Fact]
    public void ReadFile_TorchExportWithoutFolding_RecoversTheModuleFromInitializerNames()
    {
        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, "torch-lstm-bidir-2l-bf-opset9-nofold.onnx"));

        RecoveredModule lstm = model.Recovered.Should().ContainSingle().Subject;
        lstm.Derivation!.Subject.Should().Be(Params.Explain(LayerSpec.Torch.Lstm(4, 6, 2, bidirectional: true)).Subject);
        lstm.Derivation.Total.Should().Be(model.Summary.TotalParams);
        model.Summary.Rows.Select(r => r.Weights.Count).Should().Equal(8, 8);
    }

    [Fact]
    public void ReadFile_EmbeddingLstmLinearWithoutFolding_GroupsTheLinearWeightThroughItsTranspose()
    {
        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, "torch-emb-lstm-linear-opset12-nofold.onnx"));

        model.Summary.Rows.Select(r => (r.ClassName, r.Params)).Should().Equal(("Gather", 180L), ("LSTM", 512L), ("Gemm", 27L));
        model.Summary.Rows[2].Weights.Select(w => w.Name).Should().Equal("fc.weight", "fc.bias");
    }

    [Fact]
    public void ReadFile_ParamsAsInputs_CountsTheFedWeightsOnly()
    {
        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, "torch-lstm-bidir-params-as-inputs-opset11.onnx"));

        model.Tensors.Should().BeEmpty();
        LayerSummary row = model.Summary.Rows.Should().ContainSingle().Subject;
        row.Weights.Select(w => w.Name).Should().Equal(
            "rnn.weight_ih_l0", "rnn.weight_ih_l0_reverse", "rnn.weight_hh_l0", "rnn.weight_hh_l0_reverse", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "rnn.bias_ih_l0_reverse", "rnn.bias_hh_l0_reverse");
        row.Note.Should().Be("W, R and B are graph inputs the runtime feeds, counted from their declared shapes.");
        row.Derivation!.Subject.Should().Be(Params.Explain(LayerSpec.Torch.Lstm(3, 4, bidirectional: true)).Subject);
    }

    [Fact]
    public void ReadFile_Unresolvable_SaysWhyOnTheRowAndCountsTheOperatorsInputsOnItsRow()
    {
        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, "graph-unresolvable-lstm.onnx"));

        model.Summary.Rows.Select(r => (r.Name, r.ClassName, r.Params)).Should().Equal(("scale_w", "Mul", 33L), ("lstm", "LSTM", 64L));
        model.Summary.Rows[1].Note.Should().Be(
            "W could not be resolved: 'w' is computed by the 'Mul' node 'scale_w', not stored; "
            + "B could not be resolved: graph input 'B' has no static shape: (directions, 32).");
        model.Summary.Rows[1].OutputShape.Should().Be(new OutputShape(null, 1, null, 4));
    }

    [Fact]
    public void ReadFile_Peepholes_CountsPAndSaysWhyThereIsNoDerivation()
    {
        LayerSummary row = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, "graph-peepholes-lstm-bidir.onnx")).Summary.Rows.Single();

        row.Weights.Select(w => (w.Name, w.Shape.ToString())).Should().Equal(("W", "(2, 20, 3)"), ("R", "(2, 20, 5)"), ("B", "(2, 40)"), ("P", "(2, 15)"));
        row.Params.Should().Be(Params.Count(LayerSpec.Torch.Lstm(3, 5, bidirectional: true)) + (2 * 3 * 5), "PyTorch's LSTM plus 3·hidden peepholes per direction");
        row.Note.Should().Be("P holds peephole weights, which PyTorch's LSTM does not have, so there is no PyTorch derivation.");
    }

    [Fact]
    public void ReadFile_IntegerConstants_AreListedButNotCounted()
    {
        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, "graph-int-constants.onnx"));

        model.Tensors.Where(t => t.DataType is "INT64" or "INT32").Select(t => t.Name).Should().Equal("flat", "first", "second", "axis1", "index");
        model.Summary.Rows.Select(r => (r.ClassName, r.Params)).Should().Equal(("LSTM", 48L), ("Gemm", 12L));
        model.Summary.Rows[1].OutputShape.Should().Be(new OutputShape(null, 4));
    }

    [Fact]
    public void ReadFile_QuantizedWeight_CountsTheInt8TensorItsScaleAndZeroPointOnTheRow()
    {
        LayerSummary row = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, "graph-quantized-lstm.onnx")).Summary.Rows.Single();

        row.Weights.Select(w => w.Name).Should().Equal("w_q", "R", "B", "w_scale", "w_zero");
        row.Params.Should().Be(36 + 36 + 24 + 1 + 1);
        row.Derivation.Should().BeNull("the scale and zero point are not PyTorch parameters");
    }

    [Fact]
    public void ReadFile_SharedTensors_AreCountedOnceByTheFirstNode()
    {
        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, "graph-shape-ops-opset9.onnx"));

        LayerSummary first = model.Summary.Rows[0];
        LayerSummary second = model.Summary.Rows[1];
        first.Weights.Select(w => (w.Name, w.Shape.ToString())).Should().Equal(("w_t", "(3, 16)"), ("r_both", "(2, 16, 4)"), ("b_ih", "(16,)"), ("b_hh", "(16,)"));
        first.Note.Should().BeNull();
        second.Weights.Should().BeEmpty();
        second.Note.Should().Be("W shares stored tensors with 'lstm', whose row counts them; R shares stored tensors with 'lstm', whose row counts them.");
    }

    [Fact]
    public void ReadFile_ConstantNodes_CountTheirTensorsOnlyWhereTheyMakeUpWeights()
    {
        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, "graph-constant-nodes-gru.onnx"));

        LayerSummary row = model.Summary.Rows.Single();
        row.Weights.Select(w => (w.Name, w.Shape.ToString())).Should().Equal(("w_const", "(1, 9, 2)"), ("r_floats", "(27,)"), ("b_sparse", "(1, 18)"));
        row.Derivation!.Subject.Should().Be(Params.Explain(LayerSpec.Torch.Gru(2, 3)).Subject);
        model.Tensors.Should().BeEmpty();
    }

    [Fact]
    public void ReadFile_FoldedTorchExport_ZeroInitialStateConstantsAreNotParameters()
    {
        ImportedModel model = OnnxModelReader.ReadFile(Fixtures.PathOf(Graphs, "torch-lstm-3l-opset9-fold.onnx"));

        model.Summary.Rows.Select(r => r.ClassName).Should().Equal("LSTM", "LSTM", "LSTM");
        model.Summary.TotalParams.Should().Be(Params.Count(LayerSpec.Torch.Lstm(3, 2, 3)));
    }
}
