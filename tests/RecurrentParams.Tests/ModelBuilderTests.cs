using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Formulas;
using RecurrentParams.Keras;
using RecurrentParams.Tests.Formulas;
using Xunit;

namespace RecurrentParams.Tests;

public sealed class ModelBuilderTests
{
    [Fact]
    public void ReferencePost_SimpleRnnModel_HasTheInputRowAnd40Params()
    {
        ModelSummary summary = new KerasModelBuilder("model").InputLayer(null, 5, name: "input_4").SimpleRnn(4, name: "simple_rnn_1").Build();

        summary.Rows.Select(r => r.ToString()).Should().Equal(
            "input_4 (InputLayer): (None, None, 5), 0 params",
            "simple_rnn_1 (SimpleRNN): (None, 4), 40 params");
        summary.TotalParams.Should().Be(40);
        summary.TrainableParams.Should().Be(40);
        summary.NonTrainableParams.Should().Be(0);
        summary.Input.Should().Be(new OutputShape(null, null, 5));
        summary.Output.Should().Be(new OutputShape(null, 4));
    }

    [Fact]
    public void Names_FollowKerasCountersIncludingWrappedLayers()
    {
        // Keras 3.16 (keras3-models seq-emb-bilstm-bilstm-lstm): the wrapped LSTMs take "lstm" and "lstm_1".
        ModelSummary summary = new KerasModelBuilder()
            .TokenInput(null)
            .Embedding(100, 8)
            .Bidirectional(new Recurrent(CellType.Lstm, 16, returnSequences: true))
            .Bidirectional(new Recurrent(CellType.Lstm, 8, returnSequences: true))
            .Lstm(4)
            .Dense(3)
            .Build();

        summary.Rows.Select(r => r.Name).Should().Equal("embedding", "bidirectional", "bidirectional_1", "lstm_2", "dense");
        summary.Rows[2].Weights[0].Path.Should().Be("forward_lstm_1/lstm_cell/kernel");
        summary.Name.Should().Be("sequential");
    }

    [Fact]
    public void ExplicitNames_AreKeptAndGeneratedNamesAvoidThem()
    {
        ModelSummary summary = new KerasModelBuilder().Input(null, 5).Lstm(4, returnSequences: true, name: "lstm").Lstm(4).Build();

        summary.Rows.Select(r => r.Name).Should().Equal("lstm", "lstm_1");
    }

    [Fact]
    public void DuplicateExplicitNames_Throw()
    {
        ModelBuilder builder = new KerasModelBuilder().Input(null, 5).Lstm(4, returnSequences: true, name: "enc").Gru(4, name: "enc");

        builder.Invoking(b => b.Build()).Should().Throw<InvalidOperationException>().WithMessage("Two layers are named 'enc'*");
    }

    [Fact]
    public void RecurrentAfterVector_SaysToReturnSequences()
    {
        ModelBuilder builder = new KerasModelBuilder().Input(null, 5).Lstm(4).Lstm(3);

        builder.Invoking(b => b.Build()).Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'lstm_1' (index 1) expects a sequence (batch, time, features) but 'lstm' returns (None, 4); set returnSequences: true on 'lstm'.");
    }

    [Fact]
    public void BidirectionalAfterVector_PointsAtTheWrappedLayer()
    {
        ModelBuilder builder = new KerasModelBuilder().Input(null, 5).Bidirectional(new Recurrent(CellType.Gru, 4)).SimpleRnn(2);

        builder.Invoking(b => b.Build()).Should().Throw<InvalidOperationException>()
            .WithMessage("*set returnSequences: true on the layer wrapped by 'bidirectional'.");
    }

    [Fact]
    public void FlattenOverUnknownTimeSteps_FeedingDense_Throws()
    {
        ModelBuilder builder = new KerasModelBuilder().Input(null, 5).Lstm(4, returnSequences: true).Flatten().Dense(3);

        builder.Invoking(b => b.Build()).Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'dense' (index 2) needs the last dimension (features) to be known but 'flatten' returns (None, None); give the model input a fixed shape*");
    }

    [Fact]
    public void FlattenOverKnownTimeSteps_BakesThemIntoDense()
    {
        // 12 steps × 4 units = 48 features: Dense(3) = 48·3 + 3 = 147.
        ModelSummary summary = new KerasModelBuilder().Input(12, 5).Lstm(4, returnSequences: true).Flatten().Dense(3).Build();

        summary.Rows[1].OutputShape.Should().Be(new OutputShape(null, 48));
        summary.Rows[2].Params.Should().Be(147);
    }

    [Fact]
    public void LayerBeforeInput_Throws()
    {
        FluentActions.Invoking(() => new KerasModelBuilder().Lstm(4)).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'lstm' (LSTM, index 0) was added before any input; call Input(timeSteps, features)*");
    }

    [Fact]
    public void EmptyModel_AndNoInput_Throw()
    {
        FluentActions.Invoking(() => new KerasModelBuilder("m").Input(null, 5).Build()).Should().Throw<InvalidOperationException>()
            .WithMessage("The model 'm' has no layers*");
        FluentActions.Invoking(() => new KerasModelBuilder("m").Build()).Should().Throw<InvalidOperationException>()
            .WithMessage("The model 'm' has no input*");
        FluentActions.Invoking(() => new KerasModelBuilder().Input(null, 5).Input(null, 6)).Should().Throw<InvalidOperationException>()
            .WithMessage("*already has the input (None, None, 5)*");
    }

    [Fact]
    public void ReturnStateInTheMiddle_Throws()
    {
        ModelBuilder builder = new KerasModelBuilder().Input(null, 5).Lstm(4, returnState: true).Dense(3);

        builder.Invoking(b => b.Build()).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'dense' (index 1) receives the 3 tensors 'lstm' returns*set returnState: false on 'lstm'*");
    }

    [Fact]
    public void ReturnState_AsLastLayer_ListsEveryOutput()
    {
        // Keras 3 rnn.py compute_output_shape: [output, h, c] for LSTM.
        ModelSummary summary = new KerasModelBuilder().Input(7, 5).Lstm(4, returnSequences: true, returnState: true).Build();

        summary.Rows[0].Outputs.Select(o => o.ToString()).Should().Equal("(None, 7, 4)", "(None, 4)", "(None, 4)");
    }

    [Fact]
    public void Build_Snapshots_BuilderCanGoOn()
    {
        KerasModelBuilder builder = new KerasModelBuilder().Input(null, 5).Lstm(4, returnSequences: true);
        ModelSummary first = builder.Build();

        ModelSummary second = builder.Gru(2).Build();

        first.Rows.Should().HaveCount(1);
        first.TotalParams.Should().Be(160);
        second.Rows.Should().HaveCount(2);
        // GRU(2) reset_after on 4 features: 3 × (2·2 + 2·4 + 2·2) = 48.
        second.TotalParams.Should().Be(160 + 48);
    }

    [Fact]
    public void Summaries_AreEqualByValue()
    {
        ModelSummary a = new KerasModelBuilder("m").Input(null, 5).Lstm(4).Dense(2).Build();
        ModelSummary b = new KerasModelBuilder("m").Input(null, 5).Lstm(4).Dense(2).Build();
        ModelSummary c = new KerasModelBuilder("m").Input(null, 5).Lstm(4).Dense(3).Build();

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Should().NotBe(c);
        a.Rows[0].Should().Be(b.Rows[0]);
        a.Rows[0].GetHashCode().Should().Be(b.Rows[0].GetHashCode());
        a.Equals((object?)null).Should().BeFalse();
    }

    [Fact]
    public void MacsPerStep_CountKernelMultiplications()
    {
        // LSTM(4) on 5: kernel 5·16 + recurrent 4·16 = 144 multiply-accumulates per step; Dense 4→3: 12.
        ModelSummary summary = new KerasModelBuilder().Input(null, 5).Lstm(4).Dense(3).Build();

        summary.Rows.Select(r => r.MacsPerStep).Should().Equal(144L, 12L);
        summary.MacsPerStep.Should().Be(156);
    }

    [Fact]
    public void ParameterBytes_DependOnTheElementType()
    {
        ModelSummary summary = new KerasModelBuilder().Input(null, 5).Lstm(4).Build();

        summary.ParameterBytes().Should().Be(640);
        summary.ParameterBytes(ElementType.Float16).Should().Be(320);
        summary.ParameterBytes(ElementType.BFloat16).Should().Be(320);
        summary.ParameterBytes(ElementType.Int8).Should().Be(160);
        summary.ParameterBytes(ElementType.Float64).Should().Be(1280);
        FluentActions.Invoking(() => summary.ParameterBytes((ElementType)99)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(0, "0.00 B")]
    [InlineData(640, "640.00 B")]
    [InlineData(1023, "1023.00 B")]
    [InlineData(1024, "1.00 KB")]
    [InlineData(10_028, "9.79 KB")] // Keras 3: "Total params: 2,507 (9.79 KB)"
    [InlineData(1_610_612_736, "1.50 GB")]
    public void FormatBytes_UsesKerasUnits(long bytes, string expected)
    {
        RecurrentParams.Rendering.ByteSize.Format(bytes).Should().Be(expected);
    }

    [Fact]
    public void KerasBatchNormalization_SplitsTrainableAndNot()
    {
        // Keras 3.16 seq-srnn-bn: BatchNormalization on 16 features = 64 params, 32 of them non-trainable.
        ModelSummary summary = new KerasModelBuilder().Input(null, 6).SimpleRnn(16).BatchNormalization().Dense(3).Build();

        summary.Rows[1].Params.Should().Be(64);
        summary.Rows[1].NonTrainableParams.Should().Be(32);
        summary.NonTrainableParams.Should().Be(32);
        summary.TotalParams.Should().Be(368 + 64 + 51);
    }

    [Fact]
    public void CustomCell_FromAnIsolatedRegistry_IsCountedInAModel()
    {
        FormulaRegistry registry = FormulaRegistry.CreateDefault();
        registry.Register(new IndRnnFormula());

        ModelSummary summary = new KerasModelBuilder("ind", registry)
            .Input(null, 5)
            .Add(new Recurrent(IndRnnFormula.IndRnn, 4, returnSequences: true))
            .Bidirectional(new Recurrent(IndRnnFormula.IndRnn, 3))
            .Build();

        summary.Rows.Select(r => r.Name).Should().Equal("ind_rnn", "bidirectional");
        // 5·4 + 4 + 4 = 28; bidirectional on 4 features: 2 × (4·3 + 3 + 3) = 36.
        summary.Rows.Select(r => r.Params).Should().Equal(28L, 36L);
        FluentActions.Invoking(() => new KerasModelBuilder().Input(null, 5).Add(new Recurrent(IndRnnFormula.IndRnn, 4)).Build())
            .Should().Throw<InvalidOperationException>().WithMessage("*'IndRNN', which has no registered formula*");
    }

    [Fact]
    public void Torch_LastTimeStep_IsNotARowButShapesTheOutput()
    {
        ModelSummary summary = new TorchModelBuilder("LSTMModel")
            .Input(1, 7, 5)
            .Add(new RecurrentParams.Torch.Recurrent(CellType.Lstm, 5, 4, batchFirst: true))
            .TakeLastTimeStep()
            .Build();

        summary.Rows.Select(r => r.ClassName).Should().Equal("LSTMModel", "LSTM");
        summary.Rows[1].OutputShape.ToListString().Should().Be("[1, 7, 4]");
        summary.Rows[0].OutputShape.ToListString().Should().Be("[1, 4]", "the model's row has what its forward returns");
        summary.Output.ToListString().Should().Be("[1, 4]");
        summary.TotalParams.Should().Be(176);
        summary.Convention.Should().Be(Convention.Torch);
    }

    [Fact]
    public void Rnn_StackOfCells_SumsTheCellsWithChainedInputs()
    {
        // LSTMCell(4) on 5: 160; GRUCell(3, reset_after) on the LSTM's 4 units: 3 × (3·3 + 3·4 + 2·3) = 81.
        ModelSummary summary = new KerasModelBuilder()
            .Input(null, 5)
            .Rnn([new RecurrentCell(CellType.Lstm, 4), new RecurrentCell(CellType.Gru, 3)], returnState: true)
            .Build();
        LayerSummary rnn = summary.Rows.Single();

        rnn.Name.Should().Be("rnn");
        rnn.Params.Should().Be(241);
        rnn.Outputs.Select(o => o.ToString()).Should().Equal("(None, 3)", "(None, 4)", "(None, 4)", "(None, 3)");
        rnn.Weights.Select(w => w.Path).Should().StartWith(["stacked_rnn_cells/lstm_cell/kernel"]).And.EndWith(["stacked_rnn_cells/gru_cell/bias"]);
        rnn.Derivation!.ToString().Should().Be(
            """
            RNN([LSTMCell(units=4), GRUCell(units=3, reset_after=True)]) on 5 features: 241 parameters
              lstm_cell: 4 × (4·4 + 4·5 + 4) = 4 × 40 = 160
              gru_cell:  3 × (3·3 + 3·4 + 2·3) = 3 × 27 = 81
              total: 160 + 81 = 241
            """.ReplaceLineEndings("\n"));
        FluentActions.Invoking(() => new Rnn([])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new RecurrentCell(CellType.Lstm, 0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Freeze_MovesTheLastLayerToNonTrainable()
    {
        // A frozen Embedding(100, 8): its 800 parameters stay in the total but leave the trainable count.
        ModelSummary summary = new KerasModelBuilder().TokenInput(null).Embedding(100, 8).Freeze().Lstm(4).Build();

        summary.Rows[0].TrainableParams.Should().Be(0);
        summary.Rows[0].NonTrainableParams.Should().Be(800);
        summary.Rows[1].NonTrainableParams.Should().Be(0);
        summary.TotalParams.Should().Be(800 + Params.Lstm(4, 8));
        summary.NonTrainableParams.Should().Be(800);
        FluentActions.Invoking(() => new KerasModelBuilder().Input(null, 5).Freeze()).Should().Throw<InvalidOperationException>()
            .WithMessage("Freeze() freezes the layer added last, but the model 'sequential' has no layer yet*");
    }

    [Fact]
    public void RejectedSpec_NamesTheLayerAndKeepsTheFormulasException()
    {
        ModelBuilder builder = new KerasModelBuilder().Input(null, 5).Add(new Recurrent(CellType.Lstm, 4, resetAfter: false));

        builder.Invoking(b => b.Build()).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'lstm' (index 0) 'resetAfter' = false is only a Keras GRU option, not for LSTM in the Keras convention; leave it true (PyTorch's GRU always resets after).")
            .WithInnerException<ArgumentException>().Where(e => e.ParamName == "resetAfter");
    }

    [Fact]
    public void BadArguments_Throw()
    {
        FluentActions.Invoking(() => new KerasModelBuilder("")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new KerasModelBuilder().Input(0, 5)).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "timeSteps");
        FluentActions.Invoking(() => new KerasModelBuilder().Input(3, 0)).Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "features");
        FluentActions.Invoking(() => new TorchModelBuilder("m").Input()).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new TorchModelBuilder("m").Input(1, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new KerasModelBuilder().InputLayer(null, 5, "")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new KerasModelBuilder().Add(null!)).Should().Throw<ArgumentNullException>();
    }
}
