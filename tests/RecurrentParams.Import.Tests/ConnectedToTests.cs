using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Import.Tests;

/// <summary>
/// The graph a Functional topology records (each call's inbound tensors) and Keras' "Connected to" column. The Keras 3
/// texts are real <c>model.summary()</c> captures (Keras 3.16, keras3-models.jsonl); the Keras 2 layout is derived in
/// the test from Keras 2.2.4's <c>print_summary</c>, since no Keras 2 run is available here.
/// </summary>
public sealed class ConnectedToTests
{
    public static TheoryData<string> Keras3Ids => Fixtures.Ids("keras3");

    /// <summary>Every Keras 3 model read from its to_json() prints as Keras printed it: chains without the column, the branching graph with it.</summary>
    [Theory]
    [MemberData(nameof(Keras3Ids))]
    public void ReadFile_Keras3ToJson_RendersKerasOwnSummary(string id)
    {
        JsonElement truth = Fixtures.Manifest("keras3")[id];
        ModelSummary summary = KerasModelReader.ReadFile(Fixtures.PathOf("keras3", id + ".json")).Summary;

        summary.Render(SummaryFormat.Keras3).Should().Be(truth.Str("summary"));
        summary.Render(new Keras3SummaryOptions { LineLength = 80 }).Should().Be(truth.Str("summaryLineLength80"));
        summary.Render(new Keras3SummaryOptions { ShowTrainable = true }).Should().Be(truth.Str("summaryShowTrainable"));
    }

    [Fact]
    public void ReadFile_Keras3Branch_RecordsEachCallsTensors()
    {
        ModelSummary summary = KerasModelReader.ReadFile(Fixtures.PathOf("keras3", "branch-lstm-gru1-concat.json")).Summary;

        summary.Rows.Select(r => string.Join(" | ", r.InboundNodes.Select(call => string.Join(", ", call))))
            .Should().Equal(string.Empty, "inputs[0][0]", "inputs[0][0]", "lstm[0][0], gru[0][0]", "concatenate[0][0]");
    }

    [Fact]
    public void ReadFile_SequentialTopology_RecordsNoGraph()
    {
        ModelSummary summary = KerasModelReader.ReadFile(Fixtures.PathOf("keras3", "seq-emb-bilstm.json")).Summary;

        summary.Rows.Should().OnlyContain(r => r.InboundNodes.Count == 0);
    }

    /// <summary>
    /// TensorFlow.js writes Keras-2-style nested-list nodes. Keras 2.2.4 prints a branching model 98 wide with columns
    /// ending at int(98 × (.33, .55, .67, 1)) = 32, 53, 65, 98; an input's cell is empty; a second connection gets a line
    /// of its own.
    /// </summary>
    [Fact]
    public void ReadFile_TfjsBranch_RendersKeras2ConnectedTo()
    {
        ModelSummary summary = TfjsModelReader.ReadFile(Fixtures.PathOf("tfjs", "fn-branch-concat.model.json")).Summary;

        string Line(string layer, string shape, string count, string connected) =>
            layer.PadRight(32) + shape.PadRight(21) + count.PadRight(12) + connected.PadRight(33);
        string rule = new('_', 98);
        string expected = string.Join(
            "\n",
            rule,
            Line("Layer (type)", "Output Shape", "Param #", "Connected to"),
            new string('=', 98),
            Line("x (InputLayer)", "(None, None, 5)", "0", string.Empty),
            rule,
            Line("lstm (LSTM)", "(None, 4)", "160", "x[0][0]"),
            rule,
            Line("gru (GRU)", "(None, 4)", "120", "x[0][0]"),
            rule,
            Line("concat (Concatenate)", "(None, 8)", "0", "lstm[0][0]"),
            Line(string.Empty, string.Empty, string.Empty, "gru[0][0]"),
            rule,
            Line("head (Dense)", "(None, 2)", "18", "concat[0][0]"),
            new string('=', 98),
            "Total params: 298",
            "Trainable params: 298",
            "Non-trainable params: 0",
            rule);

        summary.Render(SummaryFormat.Keras2).Should().Be(expected);
    }

    [Fact]
    public void ReadFile_TfjsInitialState_ListsTheStatesAsInputs()
    {
        ModelSummary summary = KerasModelReader.ReadFile(Fixtures.PathOf("tfjs", "fn-seq2seq-initial-state.json")).Summary;

        summary.Rows.Single(r => r.Name == "decoder").InboundNodes.Single().Select(t => t.ToString())
            .Should().Equal("dec_in[0][0]", "encoder[0][1]", "encoder[0][2]");
        summary.Render(SummaryFormat.Keras3).Should().Contain("│ dec_in[0][0],              │\n").And.Contain("│ encoder[0][2]              │\n"); // rich wraps at the spaces
    }

    [Fact]
    public void ReadFile_TfjsSharedLayer_ListsBothCalls()
    {
        ModelSummary summary = KerasModelReader.ReadFile(Fixtures.PathOf("tfjs", "fn-shared-add.json")).Summary;

        summary.Rows.Single(r => r.Name == "shared").InboundNodes.Select(call => call.Single().ToString())
            .Should().Equal("left[0][0]", "right[0][0]");
        summary.Render(SummaryFormat.Keras3).Should().Contain("left[0][0], right[0][0]");
    }

    /// <summary>
    /// Keras 3 serializes keyword-argument tensors (initial_state) under kwargs; its summary lists node.input_tensors,
    /// which flattens (args, kwargs) with dict keys sorted: the positional input first, then initial_state's two tensors,
    /// while mask (null) adds nothing. The shapes still come from the positional argument only.
    /// </summary>
    [Fact]
    public void Parse_Keras3KeywordTensors_FollowThePositionalOnes()
    {
        static string Tensor(string layer, int tensor, string shape) =>
            "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": " + shape + ", \"dtype\": \"float32\", \"keras_history\": [\"" + layer + "\", 0, " + tensor + "]}}";
        string json = "{\"class_name\": \"Functional\", \"config\": {\"name\": \"s2s\", \"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"name\": \"enc_in\", \"config\": {\"batch_shape\": [null, null, 3], \"name\": \"enc_in\"}, \"inbound_nodes\": []},"
            + "{\"class_name\": \"InputLayer\", \"name\": \"dec_in\", \"config\": {\"batch_shape\": [null, null, 2], \"name\": \"dec_in\"}, \"inbound_nodes\": []},"
            + "{\"class_name\": \"LSTM\", \"name\": \"encoder\", \"config\": {\"name\": \"encoder\", \"units\": 4, \"return_state\": true}, \"inbound_nodes\": [{\"args\": [" + Tensor("enc_in", 0, "[null, null, 3]") + "], \"kwargs\": {\"mask\": null}}]},"
            + "{\"class_name\": \"LSTM\", \"name\": \"decoder\", \"config\": {\"name\": \"decoder\", \"units\": 4}, \"inbound_nodes\": [{\"args\": [" + Tensor("dec_in", 0, "[null, null, 2]") + "], \"kwargs\": {\"mask\": null, \"initial_state\": [" + Tensor("encoder", 1, "[null, 4]") + ", " + Tensor("encoder", 2, "[null, 4]") + "]}}]}"
            + "], \"input_layers\": [[\"enc_in\", 0, 0], [\"dec_in\", 0, 0]], \"output_layers\": [[\"decoder\", 0, 0]]}}";

        ModelSummary summary = KerasModelReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))).Summary;

        summary.Rows[3].InboundNodes.Single().Select(t => t.ToString()).Should().Equal("dec_in[0][0]", "encoder[0][1]", "encoder[0][2]");
        summary.Rows[3].Params.Should().Be(4 * ((4 * 2) + (4 * 4) + 4)); // LSTM(4) on the 2 features of dec_in
    }

    [Fact]
    public void Parse_KeywordTensorFromAnUnknownLayer_IsRejected()
    {
        string json = "{\"class_name\": \"Functional\", \"config\": {\"name\": \"m\", \"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"name\": \"x\", \"config\": {\"batch_shape\": [null, null, 3], \"name\": \"x\"}, \"inbound_nodes\": []},"
            + "{\"class_name\": \"LSTM\", \"name\": \"lstm\", \"config\": {\"name\": \"lstm\", \"units\": 4}, \"inbound_nodes\": [{\"args\": [{\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"x\", 0, 0]}}], "
            + "\"kwargs\": {\"initial_state\": [{\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"ghost\", 0, 1]}}]}}]}"
            + "], \"input_layers\": [[\"x\", 0, 0]], \"output_layers\": [[\"lstm\", 0, 0]]}}";

        Action read = () => KerasModelReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        read.Should().Throw<ModelFormatException>().WithMessage("*kwargs.initial_state*no layer is named 'ghost'*");
    }

    [Fact]
    public void RenderJson_FunctionalModel_ListsInboundNodes()
    {
        ModelSummary summary = KerasModelReader.ReadFile(Fixtures.PathOf("keras3", "branch-lstm-gru1-concat.json")).Summary;

        using JsonDocument json = JsonDocument.Parse(summary.Render(SummaryFormat.Json));
        JsonElement concatenate = json.RootElement.GetProperty("layers")[3];

        concatenate.GetProperty("inboundNodes").EnumerateArray().Single().EnumerateArray()
            .Select(t => (t.GetProperty("layer").GetString(), t.GetProperty("nodeIndex").GetInt32(), t.GetProperty("tensorIndex").GetInt32()))
            .Should().Equal(("lstm", 0, 0), ("gru", 0, 0));
        json.RootElement.GetProperty("layers")[0].GetProperty("inboundNodes").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void RenderMarkdown_BranchingModel_AddsConnectedTo()
    {
        ModelSummary summary = KerasModelReader.ReadFile(Fixtures.PathOf("keras3", "branch-lstm-gru1-concat.json")).Summary;

        string markdown = summary.Render(SummaryFormat.Markdown);

        markdown.Should().Contain("| Layer (type)              | Output Shape    | Param # | Connected to          |")
            .And.Contain("| concatenate (Concatenate) | (None, 8)       |       0 | lstm[0][0], gru[0][0] |")
            .And.Contain("| inputs (InputLayer)       | (None, None, 5) |       0 | -                     |");
    }
}
