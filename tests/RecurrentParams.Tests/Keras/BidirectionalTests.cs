using System;
using System.Linq;
using FluentAssertions;
using RecurrentParams.Keras;
using RecurrentParams.Layers;
using Xunit;

namespace RecurrentParams.Tests.Keras;

public sealed class BidirectionalTests
{
    private static LayerContext Context(params long?[] dims) => new(new OutputShape(dims), "bidirectional", Convention.Keras, null);

    [Fact]
    public void Constructor_NullLayer_ThrowsArgumentNull()
    {
        Action act = () => _ = new Bidirectional(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("layer");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void Constructor_UndefinedMergeMode_ThrowsOutOfRange(int mode)
    {
        Action act = () => _ = new Bidirectional(new Recurrent(CellType.Lstm, 4), (MergeMode)mode);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("mergeMode")
            .WithMessage("'mergeMode' must be a defined MergeMode; got " + mode + ".*");
    }

    [Fact]
    public void Constructor_KeepsLayerAndMode()
    {
        var inner = new Recurrent(CellType.Lstm, 4);

        var layer = new Bidirectional(inner, MergeMode.Mul);

        layer.Layer.Should().BeSameAs(inner);
        layer.MergeMode.Should().Be(MergeMode.Mul);
        new Bidirectional(inner).MergeMode.Should().Be(MergeMode.Concat);
    }

    [Theory]
    [InlineData(MergeMode.Concat, 8L)]
    [InlineData(MergeMode.Sum, 4L)]
    [InlineData(MergeMode.Mul, 4L)]
    [InlineData(MergeMode.Ave, 4L)]
    public void Build_MergeMode_SetsTheWidth(MergeMode mode, long width)
    {
        // Keras Bidirectional(LSTM(4)) on 5 features: 2 × 160 = 320 in every mode.
        LayerResult result = new Bidirectional(new Recurrent(CellType.Lstm, 4), mode).Build(Context(null, 7, 5));

        result.Outputs.Should().Equal(new OutputShape(null, width));
        result.Weights.Sum(w => w.Count).Should().Be(320);
    }

    [Fact]
    public void Build_MergeModeNone_ReturnsBothDirections()
    {
        LayerResult result = new Bidirectional(new Recurrent(CellType.Gru, 4, returnSequences: true), MergeMode.None).Build(Context(null, 7, 5));

        result.Outputs.Should().Equal(new OutputShape(null, 7, 4), new OutputShape(null, 7, 4));
    }

    [Fact]
    public void Build_ReturnState_AppendsForwardThenBackwardStates()
    {
        // Keras 3 bidirectional.py: [output, h_fw, c_fw, h_bw, c_bw] for LSTM.
        LayerResult result = new Bidirectional(new Recurrent(CellType.Lstm, 4, returnState: true)).Build(Context(null, 7, 5));

        result.Outputs.Should().HaveCount(5);
        result.Outputs[0].Should().Be(new OutputShape(null, 8));
        result.Outputs.Skip(1).Should().Equal(Enumerable.Repeat(new OutputShape(null, 4), 4));
    }

    [Fact]
    public void Build_NamesWeightsAfterTheWrappedLayer_AndDoublesTheMacs()
    {
        // Per direction: kernel 5·16 + recurrent 4·16 = 144 multiply-accumulates.
        LayerResult result = new Bidirectional(new Recurrent(CellType.Lstm, 4, name: "enc")).Build(Context(null, 7, 5));

        result.Weights.Select(w => w.Path).Should().StartWith(["forward_enc/lstm_cell/kernel"]);
        result.Weights.Select(w => w.Path).Should().Contain("backward_enc/lstm_cell/bias");
        result.MacsPerStep.Should().Be(288);
        result.Derivation!.Subject.Should().Be("Bidirectional(LSTM(units=4)) on 5 features");
    }

    [Fact]
    public void Build_NotASequence_Throws()
    {
        Action act = () => new Bidirectional(new Recurrent(CellType.Lstm, 4)).Build(Context(null, 5));

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "Layer 'bidirectional' expects a sequence (batch, time, features) but its input is (None, 5).");
    }

    [Fact]
    public void Build_NullContext_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new Bidirectional(new Recurrent(CellType.Lstm, 4)).Build(null!)).Should().Throw<ArgumentNullException>().WithParameterName("context");
    }
}
