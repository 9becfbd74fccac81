using System;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Tests.Conformance;
using Xunit;

namespace RecurrentParams.Tests;

/// <summary>
/// <see cref="ModelBuilder"/>'s fluent layer methods and input guards. (A second class for the type: the existing
/// <c>ModelBuilderTests</c> file is not edited by this change; the two can be merged.)
/// </summary>
public sealed class ModelBuilderValidationTests
{
    private const string Tfjs = "tfjs-models.jsonl";

    [Fact]
    public void FluentMethods_DropoutAndGlobalAveragePooling_MatchTensorFlowJs()
    {
        ModelSummary summary = new KerasModelBuilder().Input(2, 17)
            .SimpleRnn(39, returnSequences: true)
            .Dropout(0.5)
            .GlobalAveragePooling1D()
            .Dense(1)
            .Build();

        AssertMatches("m011-simplernn-dropout-globalaveragepooling1d-dense", summary);
        summary.Rows.Select(r => r.Name).Should().Equal("simple_rnn", "dropout", "global_average_pooling1d", "dense");
    }

    [Fact]
    public void FluentMethods_RepeatVectorAndTimeDistributed_MatchTensorFlowJs()
    {
        ModelSummary summary = new KerasModelBuilder().Input(17, 50)
            .SimpleRnn(6, returnSequences: true)
            .Lstm(48, returnSequences: true, useBias: false)
            .SimpleRnn(10)
            .RepeatVector(17)
            .Lstm(50, returnSequences: true)
            .TimeDistributed(new Dense(1))
            .Build();

        AssertMatches("m010-simplernn-lstm-simplernn-repeatvector-lstm-tddense", summary);
        summary.Rows.Select(r => r.Name).Should().Equal("simple_rnn", "lstm", "simple_rnn_1", "repeat_vector", "lstm_1", "time_distributed");
    }

    [Fact]
    public void FluentMethods_Conv1DSame_MatchTensorFlowJs()
    {
        ModelSummary summary = new KerasModelBuilder().Input(12, 62)
            .Conv1D(14, 2, padding: Padding.Same)
            .Lstm(63, returnSequences: true)
            .Dense(19)
            .Build();

        AssertMatches("m023-conv1d-lstm-dense", summary);
    }

    [Fact]
    public void FluentMethods_LayerNormalizationAfterBidirectionalAve_MatchTensorFlowJs()
    {
        ModelSummary summary = new KerasModelBuilder().Input(4, 60)
            .Bidirectional(new Recurrent(CellType.Lstm, 3, returnSequences: true), MergeMode.Ave)
            .LayerNormalization()
            .Gru(47, resetAfter: false)
            .Dense(1)
            .Build();

        AssertMatches("m034-bilstm-layernormalization-gru-dense", summary);
    }

    [Fact]
    public void FluentMethods_MaxPoolingWithDefaultPool_MatchTensorFlowJs()
    {
        ModelSummary summary = new KerasModelBuilder().Input(20, 44)
            .Bidirectional(new Recurrent(CellType.SimpleRnn, 5, returnSequences: true))
            .MaxPooling1D()
            .GlobalAveragePooling1D()
            .Dense(28)
            .Build();

        AssertMatches("m036-bisimplernn-maxpooling1d-globalaveragepooling1d-dense", summary);
    }

    [Fact]
    public void Constructors_SetNameAndConvention()
    {
        new KerasModelBuilder().Name.Should().Be("sequential");
        new KerasModelBuilder().Convention.Should().Be(Convention.Keras);
        new KerasModelBuilder("encoder").Name.Should().Be("encoder");
        new KerasModelBuilder("encoder").Convention.Should().Be(Convention.Keras);
        new TorchModelBuilder("LSTMModel").Convention.Should().Be(Convention.Torch);
    }

    [Fact]
    public void Constructor_BadArguments_NameTheArgument()
    {
        FluentActions.Invoking(() => new KerasModelBuilder(null!)).Should().Throw<ArgumentNullException>().WithParameterName("name");
        FluentActions.Invoking(() => new KerasModelBuilder(string.Empty)).Should().Throw<ArgumentException>().WithParameterName("name")
            .WithMessage("'name' must not be empty.*");
        FluentActions.Invoking(() => new TorchModelBuilder((string)null!)).Should().Throw<ArgumentNullException>().WithParameterName("className");
        FluentActions.Invoking(() => new TorchModelBuilder((RecurrentParams.Torch.TorchModule)null!)).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => new TorchModelBuilder(string.Empty)).Should().Throw<ArgumentException>().WithParameterName("className")
            .WithMessage("'className' must not be empty.*");
    }

    [Fact]
    public void InputLayerWithShape_BadArguments_NameTheArgument()
    {
        var shape = new OutputShape(null, 20);

        FluentActions.Invoking(() => new KerasModelBuilder().InputLayer(null!, "x")).Should().Throw<ArgumentNullException>().WithParameterName("shape");
        FluentActions.Invoking(() => new KerasModelBuilder().InputLayer(shape, null!)).Should().Throw<ArgumentNullException>().WithParameterName("name");
        FluentActions.Invoking(() => new KerasModelBuilder().InputLayer(shape, string.Empty)).Should().Throw<ArgumentException>().WithParameterName("name")
            .WithMessage("'name' must not be empty.*");
    }

    [Fact]
    public void InputLayerWithShape_AddsAnInputLayerRow()
    {
        ModelSummary summary = new KerasModelBuilder("m").InputLayer(new OutputShape(null, 20), "tokens").Embedding(100, 8).Build();

        summary.Rows.Select(r => r.ToString()).Should().Equal(
            "tokens (InputLayer): (None, 20), 0 params",
            "embedding (Embedding): (None, 20, 8), 800 params"); // 100·8 = 800
    }

    [Fact]
    public void InputLayerWithSizes_BadArguments_NameTheArgument()
    {
        FluentActions.Invoking(() => new KerasModelBuilder().InputLayer(null, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("features");
        FluentActions.Invoking(() => new KerasModelBuilder().InputLayer(0, 5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("timeSteps");
        FluentActions.Invoking(() => new KerasModelBuilder().InputLayer(null, 5, null!)).Should().Throw<ArgumentNullException>().WithParameterName("name");
        FluentActions.Invoking(() => new KerasModelBuilder().InputLayer(null, 5, string.Empty)).Should().Throw<ArgumentException>().WithParameterName("name")
            .WithMessage("'name' must not be empty.*");
    }

    [Fact]
    public void Input_NullShape_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new KerasModelBuilder().Input(null!)).Should().Throw<ArgumentNullException>().WithParameterName("shape");
    }

    [Fact]
    public void TokenInput_BadOrUnknownSteps()
    {
        FluentActions.Invoking(() => new KerasModelBuilder().TokenInput(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("timeSteps")
            .WithMessage("'timeSteps' must be at least 1; got 0.*");

        ModelSummary summary = new KerasModelBuilder().TokenInput(1).Embedding(3, 2).Build();

        summary.Input.Should().Be(new OutputShape(null, 1));
        summary.InputElementType.Should().Be(ElementType.Int32);
    }

    [Fact]
    public void TorchInput_BadArguments_NameTheArgument()
    {
        FluentActions.Invoking(() => new TorchModelBuilder("m").Input((ElementType)99, 1, 5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("elementType");
        FluentActions.Invoking(() => new TorchModelBuilder("m").Input(null!)).Should().Throw<ArgumentNullException>().WithParameterName("size");
        FluentActions.Invoking(() => new TorchModelBuilder("m").Input(ElementType.Int64)).Should().Throw<ArgumentException>().WithParameterName("size")
            .WithMessage("'size' must hold at least the batch dimension.*");
        FluentActions.Invoking(() => new TorchModelBuilder("m").Input(1, 7, -5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("size")
            .WithMessage("'size' must be at least 1; got -5.*");
    }

    [Fact]
    public void TorchInput_KeepsTheSizesAndElementType()
    {
        ModelSummary summary = new TorchModelBuilder("TokenModel")
            .Input(ElementType.Int64, 2, 7)
            .Add(new RecurrentParams.Torch.Embedding(10, 3))
            .Build();

        summary.Input.Should().Be(new OutputShape(2, 7));
        summary.InputElementType.Should().Be(ElementType.Int64);
        summary.Output.Should().Be(new OutputShape(2, 7, 3));
        summary.Rows.Should().HaveCount(2, "the model's row, then the Embedding");
        summary.Rows[1].Params.Should().Be(30); // 10·3
    }

    [Fact]
    public void Add_ExplicitNameBeforeInput_NamesTheLayerInTheMessage()
    {
        Action act = () => new KerasModelBuilder().Add(new Recurrent(CellType.Gru, 4, name: "encoder"));

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'encoder' (GRU, index 0) was added before any input; call Input(timeSteps, features), TokenInput or InputLayer first.");
    }

    [Fact]
    public void SecondInput_OfAnyKind_Throws()
    {
        FluentActions.Invoking(() => new KerasModelBuilder("m").TokenInput(5).InputLayer(null, 3)).Should().Throw<InvalidOperationException>()
            .WithMessage("The model 'm' already has the input (None, 5); a sequential model has one input.");
        FluentActions.Invoking(() => new KerasModelBuilder("m").InputLayer(null, 3).Input(1, 3)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Keras_MergeModeNoneInTheMiddle_Throws()
    {
        ModelBuilder builder = new KerasModelBuilder().Input(null, 5)
            .Bidirectional(new Recurrent(CellType.Lstm, 4, returnSequences: true), MergeMode.None)
            .Dense(2);

        Action act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'dense' (index 1) receives the 2 tensors 'bidirectional' returns (return_state or merge mode None), but a sequential model passes one; set returnState: false on 'bidirectional' or make it the last layer.");
    }

    [Fact]
    public void PyTorch_ModuleWithSeveralOutputs_PassesItsMainOutputOn()
    {
        // nn.LSTM returns (output, (h_n, c_n)); the next module receives output (1, 7, 4). Linear(4 → 3) = 4·3 + 3 = 15.
        ModelSummary summary = new TorchModelBuilder("LSTMModel")
            .Input(1, 7, 5)
            .Add(new RecurrentParams.Torch.Recurrent(CellType.Lstm, 5, 4, batchFirst: true))
            .Add(new RecurrentParams.Torch.Linear(4, 3))
            .Build();

        summary.Rows[1].Outputs.Should().HaveCount(3);
        summary.Rows[2].Params.Should().Be(15);
        summary.Output.Should().Be(new OutputShape(1, 7, 3));
    }

    [Fact]
    public void GeneratedNames_SkipNamesTakenExplicitly()
    {
        // The builder's counters: a generated name never reuses one that an explicit name already took.
        ModelSummary summary = new KerasModelBuilder().Input(null, 5)
            .Dense(4, name: "dense_1")
            .Dense(4)
            .Dense(4)
            .Dense(4)
            .Build();

        summary.Rows.Select(r => r.Name).Should().Equal("dense_1", "dense", "dense_2", "dense_3");
    }

    [Fact]
    public void TakeLastTimeStep_OnAVector_Throws()
    {
        ModelBuilder builder = new TorchModelBuilder("Head").Input(1, 5).Add(new RecurrentParams.Torch.Linear(5, 3)).TakeLastTimeStep();

        Action act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "The step x[:, -1] of the model 'Head' expects a batch-first sequence (batch, time, features) but receives a tensor [1, 3] of Float32.");
    }

    [Fact]
    public void TakeLastTimeStep_SequenceFirst_DropsTheTimeDimension()
    {
        // x[-1] on nn.LSTM's sequence-first output (7, 2, 4) is (2, 4); Linear(4 → 3) then gives (2, 3).
        ModelSummary summary = new TorchModelBuilder("M")
            .Input(7, 2, 5)
            .Add(new RecurrentParams.Torch.Recurrent(CellType.Lstm, 5, 4))
            .TakeLastTimeStep(batchFirst: false)
            .Add(new RecurrentParams.Torch.Linear(4, 3))
            .Build();

        summary.Rows.Select(r => r.InputShape).Should().Equal(new OutputShape(7, 2, 5), new OutputShape(7, 2, 5), new OutputShape(2, 4));
        summary.Output.Should().Be(new OutputShape(2, 3));
    }

    [Fact]
    public void TakeLastTimeStep_SequenceFirstOnAVector_Throws()
    {
        ModelBuilder builder = new TorchModelBuilder("Head").Input(1, 5).Add(new RecurrentParams.Torch.Linear(5, 3)).TakeLastTimeStep(batchFirst: false);

        Action act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "The step x[-1] of the model 'Head' expects a sequence-first sequence (time, batch, features) but receives a tensor [1, 3] of Float32.");
    }

    private static void AssertMatches(string id, ModelSummary summary)
    {
        JsonElement row = VectorFile.Load(Tfjs)[id];
        JsonElement[] layers = row.GetProperty("layers").EnumerateArray().ToArray();

        summary.Input.Should().Be(KerasSpecReader.Shape(row.GetProperty("inputShape")));
        summary.Rows.Select(r => r.ClassName).Should().Equal(layers.Select(l => l.String("class")));
        summary.Rows.Select(r => r.OutputShape.ToString()).Should().Equal(layers.Select(l => KerasSpecReader.Shape(l.GetProperty("outputShape")).ToString()));
        summary.Rows.Select(r => r.Params).Should().Equal(layers.Select(l => l.GetProperty("params").GetInt64()));
        summary.TotalParams.Should().Be(row.GetProperty("params").GetInt64());
    }
}
