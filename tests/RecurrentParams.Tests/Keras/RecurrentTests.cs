using System;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class RecurrentTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "rnn", Convention.Keras, null);

    [Fact]
    public void Constructor_Defaults_AreKeras()
    {
        var layer = new Recurrent(CellType.Gru, 4);

        layer.CellType.Should().Be(CellType.Gru);
        layer.Units.Should().Be(4);
        layer.ReturnSequences.Should().BeFalse();
        layer.ReturnState.Should().BeFalse();
        layer.UseBias.Should().BeTrue();
        layer.ResetAfter.Should().BeTrue();
        layer.ClassName.Should().Be("GRU");
    }

    [Fact]
    public void Constructor_NullCellType_ThrowsArgumentNull()
    {
        Action act = () => _ = new Recurrent(null!, 4);

        act.Should().Throw<ArgumentNullException>().WithParameterName("cellType");
    }

    [Fact]
    public void Constructor_UnitsBelowOne_ThrowsOutOfRange()
    {
        Action act = () => _ = new Recurrent(CellType.Lstm, 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("units").WithMessage("'units' must be at least 1; got 0.*");
    }

    [Theory]
    [InlineData("LSTM", 2)]
    [InlineData("GRU", 1)]
    [InlineData("SimpleRNN", 1)]
    public void StateCount_IsTwoForLstmOnly(string cell, int expected)
    {
        new Recurrent(new CellType(cell), 4).StateCount.Should().Be(expected);
    }

    [Fact]
    public void Build_ReturnState_AppendsOneStatePerCellState()
    {
        // Keras 3 rnn.py compute_output_shape: GRU returns [output, h].
        LayerResult result = new Recurrent(CellType.Gru, 4, returnState: true).Build(Context(null, 7, 5));

        result.Outputs.Should().Equal(new OutputShape(null, 4), new OutputShape(null, 4));
    }

    [Fact]
    public void Build_CountsMacsFromTheKernelsOnly()
    {
        // SimpleRNN(4) on 5: kernel 5·4 + recurrent 4·4 = 36 multiply-accumulates; the bias (4) is not one.
        LayerResult result = new Recurrent(CellType.SimpleRnn, 4).Build(Context(null, 7, 5));

        result.MacsPerStep.Should().Be(36);
        result.Derivation!.Total.Should().Be(40);
    }

    [Fact]
    public void Build_OptionTheFormulaRejects_ThrowsNamingTheLayer()
    {
        // reset_after=False exists for GRU only; the formula's reason becomes the layer's.
        Action act = () => new Recurrent(CellType.Lstm, 4, resetAfter: false).Build(Context(null, 7, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'rnn' 'resetAfter' = false is only a Keras GRU option, not for LSTM in the Keras convention; leave it true*");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(2_147_483_648L)]
    public void Build_FeaturesOutsideIntRange_Throw(long features)
    {
        Action act = () => new Recurrent(CellType.Lstm, 4).Build(Context(null, 7, features));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'rnn' needs the number of features between 1 and 2147483647; got " + features + ".");
    }

    [Fact]
    public void Build_FeaturesAtTheEdges_AreAccepted()
    {
        // SimpleRNN(1) on 1 feature: 1 + 1 + 1 = 3; on 2147483647: 2147483647 + 1 + 1.
        new Recurrent(CellType.SimpleRnn, 1).Build(Context(null, 7, 1)).Derivation!.Total.Should().Be(3);
        new Recurrent(CellType.SimpleRnn, 1).Build(Context(null, 7, int.MaxValue)).Derivation!.Total.Should().Be(2_147_483_649);
    }

    [Fact]
    public void Build_UnknownFeatures_Throw()
    {
        Action act = () => new Recurrent(CellType.Lstm, 4).Build(Context(null, 7, null));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'rnn' needs the number of features to be known but its input is (None, 7, None)*");
    }

    [Fact]
    public void Build_UnregisteredCell_ThrowsWithARemedy()
    {
        Action act = () => new Recurrent(new CellType("IndRNN"), 4).Build(Context(null, 7, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'rnn' has cell type 'IndRNN', which has no registered formula; register one in the builder's FormulaRegistry.");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Recurrent(CellType.Lstm, 4).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
