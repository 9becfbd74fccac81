using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class RnnTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "rnn", Convention.Keras, null);

    [Fact]
    public void Constructor_KeepsACopyOfTheCells()
    {
        var cells = new List<RecurrentCell> { new(CellType.Lstm, 4) };
        var layer = new Rnn(cells, returnSequences: true, returnState: true);

        cells.Add(new RecurrentCell(CellType.Gru, 3));

        layer.Cells.Should().ContainSingle().Which.CellType.Should().Be(CellType.Lstm);
        layer.ReturnSequences.Should().BeTrue();
        layer.ReturnState.Should().BeTrue();
        layer.ClassName.Should().Be("RNN");
        layer.NameBase.Should().Be("rnn");
    }

    [Fact]
    public void Constructor_NullCells_ThrowsArgumentNull()
    {
        Action act = () => _ = new Rnn(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("cells");
    }

    [Fact]
    public void Constructor_NoCellOrANullCell_ThrowsArgument()
    {
        FluentActions.Invoking(() => new Rnn([])).Should().Throw<ArgumentException>().WithParameterName("cells")
            .WithMessage("'cells' must hold at least one cell and no null.*");
        FluentActions.Invoking(() => new Rnn([new RecurrentCell(CellType.Lstm, 4), null!])).Should().Throw<ArgumentException>().WithParameterName("cells")
            .WithMessage("'cells' must hold at least one cell and no null.*");
    }

    [Fact]
    public void Build_OneCell_CountsLikeTheLayerWithoutAStackScope()
    {
        // RNN(LSTMCell(4)) on 5 features = LSTM(4) = 4 × (4·4 + 4·5 + 4) = 160; kernels 5·16 + 4·16 = 144 MACs.
        LayerResult result = new Rnn([new RecurrentCell(CellType.Lstm, 4)]).Build(Context(null, 7, 5));

        result.Outputs.Should().Equal(new OutputShape(null, 4));
        result.Weights.Select(w => w.Path).Should().Equal("lstm_cell/kernel", "lstm_cell/recurrent_kernel", "lstm_cell/bias");
        result.MacsPerStep.Should().Be(144);
        result.Derivation!.ToString().Should().Be("RNN([LSTMCell(units=4)]) on 5 features: 4 × (4·4 + 4·5 + 4) = 4 × 40 = 160");
        result.Derivation.Terms.Single().Label.Should().Be("lstm_cell");
    }

    [Fact]
    public void Build_ReturnSequences_KeepsTimeWithTheLastCellsUnits()
    {
        LayerResult result = new Rnn([new RecurrentCell(CellType.Lstm, 4), new RecurrentCell(CellType.SimpleRnn, 2)], returnSequences: true)
            .Build(Context(null, 7, 5));

        result.Outputs.Should().Equal(new OutputShape(null, 7, 2));
    }

    [Fact]
    public void Build_ReturnState_ListsEveryCellsStatesInCellOrder()
    {
        // GRU carries h (3); LSTM carries h and c (4 each).
        LayerResult result = new Rnn([new RecurrentCell(CellType.Gru, 3), new RecurrentCell(CellType.Lstm, 4)], returnState: true)
            .Build(Context(null, 7, 5));

        result.Outputs.Should().Equal(new OutputShape(null, 4), new OutputShape(null, 3), new OutputShape(null, 4), new OutputShape(null, 4));
    }

    [Fact]
    public void Build_SameCellTypeTwiceInABuilder_TakesKerasCounterNames()
    {
        // SimpleRNNCell(2) on 5: 2·2 + 2·5 + 2 = 16; SimpleRNNCell(3, use_bias=False) on its 2 units: 3·3 + 3·2 = 15.
        ModelSummary summary = new KerasModelBuilder().Input(null, 5)
            .Rnn([new RecurrentCell(CellType.SimpleRnn, 2), new RecurrentCell(CellType.SimpleRnn, 3, useBias: false)])
            .Build();

        LayerSummary row = summary.Rows.Single();
        row.Weights.Select(w => w.Path).Should().Equal(
            "stacked_rnn_cells/simple_rnn_cell/kernel", "stacked_rnn_cells/simple_rnn_cell/recurrent_kernel", "stacked_rnn_cells/simple_rnn_cell/bias",
            "stacked_rnn_cells/simple_rnn_cell_1/kernel", "stacked_rnn_cells/simple_rnn_cell_1/recurrent_kernel");
        row.Params.Should().Be(16 + 15);
        row.Derivation!.Subject.Should().Be("RNN([SimpleRNNCell(units=2), SimpleRNNCell(units=3, use_bias=False)]) on 5 features");
    }

    [Fact]
    public void Build_CellOptionTheFormulaRejects_ThrowsNamingTheLayer()
    {
        Action act = () => new Rnn([new RecurrentCell(CellType.Lstm, 4, resetAfter: false)]).Build(Context(null, 7, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'rnn' 'resetAfter' = false is only a Keras GRU option, not for LSTM in the Keras convention*");
    }

    [Fact]
    public void Build_UnregisteredCell_ThrowsWithARemedy()
    {
        Action act = () => new Rnn([new RecurrentCell(CellType.Lstm, 4), new RecurrentCell(new CellType("IndRNN"), 4)]).Build(Context(null, 7, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'rnn' has cell type 'IndRNN', which has no registered formula; register one in the builder's FormulaRegistry.");
    }

    [Fact]
    public void Build_FeaturesPastIntMaxValue_ThrowNamingTheCell()
    {
        Action act = () => new Rnn([new RecurrentCell(CellType.Gru, 4)]).Build(Context(null, 7, 3_000_000_000));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'rnn' needs the input of cell 'GRU' between 1 and 2147483647; got 3000000000.");
    }

    [Fact]
    public void Build_NotASequenceOrUnknownFeatures_Throws()
    {
        var layer = new Rnn([new RecurrentCell(CellType.Lstm, 4)]);

        FluentActions.Invoking(() => layer.Build(Context(null, 5))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'rnn' expects a sequence (batch, time, features) but its input is (None, 5).");
        FluentActions.Invoking(() => layer.Build(Context(null, 7, null))).Should().Throw<InvalidOperationException>()
            .WithMessage("Layer 'rnn' needs the number of features to be known*");
    }

    [Fact]
    public void Build_VectorIntoARecurrentLayer_SaysToReturnSequences()
    {
        ModelBuilder builder = new KerasModelBuilder().Input(null, 5).Rnn([new RecurrentCell(CellType.Gru, 4)]).Lstm(2);

        Action act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'lstm' (index 1) expects a sequence (batch, time, features) but 'rnn' returns (None, 4); set returnSequences: true on 'rnn'.");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Rnn([new RecurrentCell(CellType.Lstm, 4)]).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
